/**
 * CAMT leaf values: amounts with their `Ccy` attribute, credit/debit indicators, dates given
 * as `Dt` or `DtTm`, and diagnostics tied to an element's line.
 */
import { parseIsoDateTime } from '../dates.js';
import { isParseError } from '../errors.js';
import { amountToMinor } from '../line-helpers.js';
import type { Diagnostic, DiagnosticLevel } from '../types.js';
import type { XmlElement } from '../xml-safety.js';
import { child, textAt } from './xml-query.js';

/** Append a diagnostic, with the line when known. */
export function note(diagnostics: Diagnostic[], level: DiagnosticLevel, code: string, message: string, line?: number): void {
  const d: Diagnostic = { level, code, message };
  if (line !== undefined) d.line = line;
  diagnostics.push(d);
}

export interface CamtAmount {
  /** Unsigned minor units (CAMT amounts carry no sign; CdtDbtInd does). */
  minor: number;
  currency: string;
}

const CCY_RE = /^[A-Z]{3}$/;

/**
 * Read an `Amt Ccy="…"` element. Returns undefined (with an error diagnostic) when the text is
 * not a decimal amount; a missing or malformed `Ccy` falls back to `fallbackCurrency`.
 */
export function readAmount(
  el: XmlElement | undefined,
  fallbackCurrency: string | undefined,
  diagnostics: Diagnostic[],
): CamtAmount | undefined {
  if (!el) return undefined;
  const attr = (el.attrs['Ccy'] ?? '').trim().toUpperCase();
  const currency = CCY_RE.test(attr) ? attr : fallbackCurrency;
  if (currency === undefined) {
    note(diagnostics, 'error', 'camt_amount_currency', `Amount "${el.text.trim()}" has no currency.`, el.line);
    return undefined;
  }
  const text = el.text.trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(text)) {
    note(diagnostics, 'error', 'camt_amount_invalid', `"${text}" is not a CAMT amount.`, el.line);
    return undefined;
  }
  try {
    return { minor: amountToMinor(text, currency, diagnostics, el.line), currency };
  } catch (err) {
    if (!isParseError(err)) throw err;
    note(diagnostics, 'error', 'camt_amount_invalid', err.message, el.line);
    return undefined;
  }
}

/** +1 for CRDT, -1 for DBIT, undefined when missing or unknown. */
export function signOf(indicator: string | undefined): 1 | -1 | undefined {
  const v = indicator?.trim().toUpperCase();
  if (v === 'CRDT') return 1;
  if (v === 'DBIT') return -1;
  return undefined;
}

/**
 * Calendar date of a CAMT date choice element (`<BookgDt><Dt>` or `<BookgDt><DtTm>`), in the
 * file's own local sense: `2007-10-18T23:30:00-05:00` is 18 October, never shifted to UTC.
 * Returns undefined when absent, null when present but not a real date.
 */
export function readDateChoice(el: XmlElement | undefined): string | null | undefined {
  if (!el) return undefined;
  const raw = textAt(el, 'Dt') ?? textAt(el, 'DtTm') ?? (child(el, 'Dt') || child(el, 'DtTm') ? '' : el.text.trim());
  if (raw === '') return undefined;
  return parseIsoDateTime(raw);
}

/** Calendar date of a plain ISO date or date-time text, or undefined. */
export function dateOfText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : (parseIsoDateTime(text) ?? undefined);
}

/** Boolean flags as CAMT writes them (`true`/`false`, sometimes `1`/`0`). */
export function isTrue(text: string | undefined): boolean {
  const v = text?.trim().toLowerCase();
  return v === 'true' || v === '1';
}
