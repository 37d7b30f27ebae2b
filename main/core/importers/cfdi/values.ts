/**
 * Reading CFDI values: namespaces of the SAT schemas, attributes (case-sensitive, as the
 * schemas are), amounts to exact minor units, dates, and the diagnostics a document collects.
 */
import { ParseError } from '../errors.js';
import { toMinor } from '../money.js';
import { parseIsoDateTime } from '../dates.js';
import type { Diagnostic, DiagnosticLevel } from '../types.js';
import type { XmlElement } from '../xml-safety.js';
import type { NamespaceMap } from './namespaces.js';
import { parseDec, type Dec } from './decimal.js';

/** The SAT namespaces Cuadra reads. */
export const NS = {
  cfd33: 'http://www.sat.gob.mx/cfd/3',
  cfd40: 'http://www.sat.gob.mx/cfd/4',
  tfd: 'http://www.sat.gob.mx/TimbreFiscalDigital',
  pagos10: 'http://www.sat.gob.mx/Pagos',
  pagos20: 'http://www.sat.gob.mx/Pagos20',
  implocal: 'http://www.sat.gob.mx/implocal',
} as const;

/** What every reader of one document shares. */
export interface DocContext {
  diagnostics: Diagnostic[];
  ns: NamespaceMap;
  /** Namespace of the comprobante itself (cfd/3 or cfd/4). */
  cfdNs: string;
}

/** Record a diagnostic. */
export function note(ctx: { diagnostics: Diagnostic[] }, level: DiagnosticLevel, code: string, message: string, line?: number): void {
  ctx.diagnostics.push(line === undefined ? { level, code, message } : { level, code, message, line });
}

/** Child elements with a local name in one of the given namespaces. */
export function kids(ctx: DocContext, el: XmlElement | undefined, ns: string | readonly string[], name: string): XmlElement[] {
  if (!el) return [];
  const wanted = typeof ns === 'string' ? [ns] : ns;
  return el.children.filter((c) => c.name === name && wanted.includes(ctx.ns.get(c) ?? ''));
}

/** The first such child, or undefined. */
export function kid(ctx: DocContext, el: XmlElement | undefined, ns: string | readonly string[], name: string): XmlElement | undefined {
  return kids(ctx, el, ns, name)[0];
}

/** Trimmed attribute value, undefined when absent or blank. Names are case-sensitive. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  const v = el?.attrs[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** " (it has "total": attribute names are case-sensitive)" when the attribute is there in another case. */
export function caseHint(el: XmlElement, name: string): string {
  const lower = name.toLowerCase();
  const other = Object.keys(el.attrs).find((k) => k !== name && k.toLowerCase() === lower);
  return other === undefined ? '' : ` (it has "${other}": attribute names are case-sensitive, the schema writes "${name}")`;
}

/** A required attribute, or ParseError('cfdi_missing_attribute') naming it. */
export function requireAttr(el: XmlElement, name: string, what: string): string {
  const v = attr(el, name);
  if (v === undefined) {
    throw new ParseError('cfdi_missing_attribute', `${what} has no ${name}${caseHint(el, name)}.`, el.line);
  }
  return v;
}

/**
 * A non-negative amount as minor units of `currency`, exact; more decimals than the currency
 * has are rounded half away from zero with a warning. Null (with an error diagnostic) when the
 * text is not an amount, is negative or is too large.
 */
export function amountOf(ctx: DocContext, text: string, currency: string, label: string, line: number): number | null {
  if (!/^\+?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    note(ctx, 'error', 'cfdi_bad_amount', `${label} "${text}" is not a valid amount (CFDI amounts are non-negative decimals with a '.').`, line);
    return null;
  }
  try {
    return toMinor(text, currency, { decimalSeparator: '.' });
  } catch {
    // more decimals than the currency has, or too large: try rounding once
  }
  try {
    const minor = toMinor(text, currency, { decimalSeparator: '.', round: true });
    note(ctx, 'warning', 'cfdi_amount_precision', `${label} "${text}" has more decimals than ${currency} allows; rounded.`, line);
    return minor;
  } catch {
    note(ctx, 'error', 'cfdi_bad_amount', `${label} "${text}" is too large to be held exactly.`, line);
    return null;
  }
}

/** An exact decimal for the arithmetic checks, or null with a warning when the text is not a decimal. */
export function decOf(ctx: DocContext, text: string | undefined, label: string, line: number): Dec | null {
  if (text === undefined) return null;
  const d = parseDec(text);
  if (d === null) note(ctx, 'warning', 'cfdi_bad_decimal', `${label} "${text}" is not a decimal number; it was left out of the checks.`, line);
  return d;
}

/** The calendar date of a CFDI date-time (local time of issue, no offset applied), or null. */
export function dateOf(text: string | undefined): string | null {
  return text === undefined ? null : parseIsoDateTime(text);
}

const UUID_RE = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
/** Pagos 1.0 also allowed the folio of pre-CFDI documents ("123-45-123456789"). */
const OLD_FOLIO_RE = /^\d{3}-\d{2}-\d{9}$/;

/** A UUID normalized to upper case (UUIDs compare case-insensitively); warns when it is not UUID-shaped. */
export function normalizeUuid(ctx: DocContext, raw: string, label: string, line: number, allowOldFolio = false): string {
  const uuid = raw.trim().toUpperCase();
  if (!UUID_RE.test(uuid) && !(allowOldFolio && OLD_FOLIO_RE.test(uuid))) {
    note(ctx, 'warning', 'cfdi_bad_uuid', `${label} "${raw}" is not a UUID (8-4-4-4-12 hexadecimal digits); it is used as written.`, line);
  }
  return uuid;
}

/** sign × minor without producing −0 (which would not survive a JSON round trip as itself). */
export function signed(sign: number, minor: number): number {
  return minor === 0 ? 0 : sign * minor;
}
