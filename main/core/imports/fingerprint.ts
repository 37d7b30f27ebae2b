/**
 * Fingerprints of bank lines for formats (or lines) without a trustworthy bank id: a hash of
 * what a bank shows about a movement, plus an occurrence index that tells apart identical
 * movements of one day in one file (two real 4.50 coffees on the same day are two lines).
 */
import { hash } from 'node:crypto';
import type { Counterparty, References, StatementLine } from '../importers/types.js';

const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\u0000-\u007f]/;
// Letters and digits of every script stay (a Cyrillic description must not fold to nothing).
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Text as compared for duplicates: accents and case removed, punctuation and runs of blanks
 * folded to one space ("Transferencia  SEPA-Núñez" → "transferencia sepa nunez").
 */
export function normalizeText(text: string): string {
  // Most bank text is plain ASCII: decomposing it to strip accents would change nothing.
  const folded = NON_ASCII.test(text) ? text.normalize('NFD').replace(MARKS, '') : text;
  return folded.toLowerCase().replace(NOT_WORD, ' ').trim();
}

function counterpartyKey(c: Counterparty): string {
  return [normalizeText(c.name ?? ''), (c.iban ?? '').replace(/\s+/g, '').toUpperCase(), (c.taxId ?? '').trim().toUpperCase()].join('\u001f');
}

function referencesKey(r: References): string {
  const parts = [r.endToEndId, r.creditorReference, r.documentNumber, r.bankReference, r.mandateId, ...(r.other ?? [])];
  return parts.map((p) => (p ?? '').trim()).join('\u001f');
}

/**
 * The line's fingerprint: the first 128 bits (hex) of sha256 over account, booking date,
 * amount, currency, normalised description, counterparty and references. The bank id is
 * deliberately left out, so a line matches itself whether or not a file carried the id.
 */
export function lineFingerprint(accountId: number, line: StatementLine, normalizedDescription: string): string {
  const text = [
    accountId,
    line.bookingDate,
    line.amount.minor,
    line.amount.currency,
    normalizedDescription,
    counterpartyKey(line.counterparty),
    referencesKey(line.references),
  ].join('\u001e');
  return hash('sha256', text, 'hex').slice(0, 32);
}

/** Occurrence indexes: for each fingerprint in file order, how many identical lines came before it (0, 1, 2, …). */
export function occurrenceIndexes(fingerprints: readonly string[]): Int32Array {
  const seen = new Map<string, number>();
  const out = new Int32Array(fingerprints.length);
  fingerprints.forEach((fp, i) => {
    const n = seen.get(fp) ?? 0;
    out[i] = n;
    seen.set(fp, n + 1);
  });
  return out;
}

/** Bank ids that occur more than once in the given list (such ids prove nothing and are not used). */
export function repeatedIds(ids: readonly (string | null)[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) {
    if (id === null) continue;
    if (seen.has(id)) repeated.add(id);
    else seen.add(id);
  }
  return repeated;
}

/** ISO date `days` days after (or before, when negative) `iso`. */
export function addDays(iso: string, days: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The day before and the day after an ISO date, memoised (a file has few distinct dates and many lines). */
export function neighbourDays(): (iso: string) => readonly [string, string] {
  const memo = new Map<string, readonly [string, string]>();
  return (iso) => {
    let pair = memo.get(iso);
    if (!pair) {
      pair = [addDays(iso, -1), addDays(iso, 1)];
      memo.set(iso, pair);
    }
    return pair;
  };
}
