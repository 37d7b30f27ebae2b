/**
 * Mutations of real statement files for the CAMT and OFX property tests: byte (character)
 * flips, truncation, dropped / duplicated tags and lines, inserted junk; plus the invariants
 * every successful parse must keep and the one rule for failures (ParseError / CoreError only).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { isParseError } from '../../main/core/importers/errors.js';
import type { Diagnostic, Statement } from '../../main/core/importers/types.js';

export type Mutation =
  | { kind: 'flip'; pos: number; code: number }
  | { kind: 'truncate'; pos: number }
  | { kind: 'dropTag' | 'dupTag' | 'dropLine' | 'dupLine'; n: number }
  | { kind: 'insert'; pos: number; text: string };

/** One random mutation. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), pos: fc.nat(), code: fc.integer({ min: 0, max: 0x2fff }) }),
  fc.record({ kind: fc.constant('truncate' as const), pos: fc.nat() }),
  fc.record({ kind: fc.constantFrom('dropTag' as const, 'dupTag' as const, 'dropLine' as const, 'dupLine' as const), n: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    pos: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('<', '>', '&', '&amp;', '&#0;', '<![CDATA[', ']]>', '<!--', '</', '/>', '"', '<?xml version="1.0"?>', '\u0000', '\uFFFD', '-', '.', ','),
    ),
  }),
);

function tagSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(/<[^<>]*>/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Apply a mutation to a text (positions are taken modulo the length). */
export function mutate(text: string, m: Mutation): string {
  const len = Math.max(1, text.length);
  switch (m.kind) {
    case 'flip':
      return text.slice(0, m.pos % len) + String.fromCharCode(m.code) + text.slice((m.pos % len) + 1);
    case 'truncate':
      return text.slice(0, m.pos % len);
    case 'insert':
      return text.slice(0, m.pos % len) + m.text + text.slice(m.pos % len);
    case 'dropTag':
    case 'dupTag': {
      const spans = tagSpans(text);
      const span = spans[m.n % Math.max(1, spans.length)];
      if (!span) return text;
      const [a, b] = span;
      return m.kind === 'dropTag' ? text.slice(0, a) + text.slice(b) : text.slice(0, b) + text.slice(a, b) + text.slice(b);
    }
    case 'dropLine':
    case 'dupLine': {
      const lines = text.split('\n');
      const i = m.n % lines.length;
      if (m.kind === 'dropLine') lines.splice(i, 1);
      else lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
  }
}

/** A real file with one to four mutations applied. */
export function mutatedFileArb(texts: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...texts), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
    .map(([text, ms]) => ms.reduce(mutate, text));
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Invariants of any statement a parser returns, whatever the input. */
export function assertWellFormed(statements: Statement[], diagnostics: Diagnostic[]): void {
  for (const s of statements) {
    for (const b of [s.openingBalance, s.closingBalance, s.availableBalance]) {
      if (!b) continue;
      expect(Number.isSafeInteger(b.amount.minor)).toBe(true);
      expect(b.date).toMatch(DATE_RE);
    }
    for (const l of s.lines) {
      expect(Number.isSafeInteger(l.amount.minor)).toBe(true);
      expect(l.amount.currency).toMatch(/^[A-Z]{3}$/);
      expect(l.bookingDate).toMatch(DATE_RE);
      if (l.valueDate !== null) expect(l.valueDate).toMatch(DATE_RE);
      expect(typeof l.description).toBe('string');
    }
  }
  for (const d of diagnostics) expect(['info', 'warning', 'error']).toContain(d.level);
}

/** Run `fn`; a ParseError or CoreError('import_unreadable' | 'invalid_input') is an accepted refusal, anything else fails. */
export function refusesCleanly(fn: () => void): 'parsed' | 'refused' {
  try {
    fn();
    return 'parsed';
  } catch (err) {
    if (isParseError(err)) return 'refused';
    if (err instanceof CoreError && (err.code === 'import_unreadable' || err.code === 'invalid_input')) return 'refused';
    throw err;
  }
}
