/**
 * Helpers shared by the structured statement parsers (CAMT, OFX): free-text joining, IBAN
 * recognition, amounts rounded to the currency's precision with a diagnostic, and bank ids
 * made unique per statement.
 */
import { isParseError } from './errors.js';
import { isValidIban, normalizeIban } from './iban.js';
import { currencyExponent, toMinor } from './money.js';
import type { Diagnostic, StatementLine } from './types.js';

/** Collapse runs of whitespace (including CR/LF/tabs) to one space and trim. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const norm = (s: string): string => collapseSpaces(s).toLowerCase();

/**
 * Join free-text parts with `sep`, skipping blanks and parts already contained in the
 * result (NAME truncated to 32 characters inside MEMO, the same text in two fields).
 */
export function joinDistinct(parts: ReadonlyArray<string | undefined>, sep = ' / '): string {
  const kept: string[] = [];
  for (const raw of parts) {
    if (raw === undefined) continue;
    const part = collapseSpaces(raw);
    if (part === '') continue;
    const p = norm(part);
    if (kept.some((k) => norm(k).includes(p))) continue;
    for (let i = kept.length - 1; i >= 0; i--) if (p.includes(norm(kept[i] ?? ''))) kept.splice(i, 1);
    kept.push(part);
  }
  return kept.join(sep);
}

/** Normalised IBAN (no spaces, upper case) when `text` is one, else undefined. */
export function asIban(text: string | undefined): string | undefined {
  return text !== undefined && isValidIban(text) ? normalizeIban(text) : undefined;
}

/**
 * Decimal text → minor units of `currency`. Extra decimals that are zeros (`18.150` EUR) are
 * exact; non-zero extra decimals are rounded half away from zero with a warning. Invalid text
 * throws ParseError('amount_invalid').
 */
export function amountToMinor(text: string, currency: string, diagnostics: Diagnostic[], line?: number): number {
  try {
    return toMinor(text, currency);
  } catch (err) {
    if (!isParseError(err) || err.code !== 'amount_precision') throw err;
  }
  const rounded = toMinor(text, currency, { round: true });
  const d: Diagnostic = {
    level: 'warning',
    code: 'amount_rounded',
    message: `Amount ${text.trim()} has more decimals than ${currency} allows (${currencyExponent(currency)}); rounded.`,
  };
  if (line !== undefined) d.line = line;
  diagnostics.push(d);
  return rounded;
}

/**
 * Make `bankId` unique within one statement. An id that repeats (FITID reused by the bank,
 * a batch reference) is extended with the booking date and amount, then with an occurrence
 * counter, so two genuinely different lines never collapse into one on import while a
 * re-import of the same file yields the same ids.
 */
export function makeBankIdsUnique(lines: StatementLine[], diagnostics: Diagnostic[], label: string): void {
  const counts = new Map<string, number>();
  for (const l of lines) if (l.bankId !== null) counts.set(l.bankId, (counts.get(l.bankId) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  if (repeated.length === 0) return;
  const seen = new Map<string, number>();
  for (const l of lines) {
    if (l.bankId === null || (counts.get(l.bankId) ?? 0) < 2) continue;
    const base = `${l.bankId}|${l.bookingDate}|${l.amount.minor}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    l.bankId = n === 1 ? base : `${base}|${n}`;
  }
  const shown = repeated.slice(0, 5).join(', ') + (repeated.length > 5 ? ', …' : '');
  diagnostics.push({
    level: 'warning',
    code: 'duplicate_bank_id',
    message: `${repeated.length} ${label} value(s) repeat within one statement (${shown}); those lines are told apart by date and amount.`,
  });
}
