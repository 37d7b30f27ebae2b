/**
 * Property tests: mutated real files and random input never make parseStatementFile throw
 * anything but a CoreError, and whatever it returns is well-formed (safe integers, real ISO
 * dates, 1-based lines, JSON-safe). Case counts are printed at the end of the run.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { parseIsoDateTime } from '../../main/core/importers/dates.js';
import type { ParseOptions, ParseResult, StatementFormat } from '../../main/core/importers/types.js';
import { fixture } from './support.js';

const RUNS = 2000;
const counters = new Map<string, { cases: number; results: number; coreErrors: number }>();

const N43_FILES = [
  'n43/sequra_example1_crlf_ragged_no88.n43', 'n43/own_two_accounts_cp850.n43', 'n43/own_truncated_no33_no88_latin1.n43',
  'n43/own_count_includes_88_zero_final_cp1252.n43', 'n43/own_utf8_replacement_chars.n43', 'n43/own_jpy_currency.n43', 'n43/own_glued_records.n43',
];
const MT_FILES = [
  'mt940/wolph_jejik_abnamro.sta', 'mt940/wolph_jejik_ing_utf8.sta', 'mt940/wolph_jejik_rabobank.sta', 'mt940/wolph_citi.txt',
  'mt940/wolph_malformed_details.sta', 'mt940/own_swift_blocks_two_pages.sta', 'mt940/own_jpy_kwd_separators.sta',
  'mt940/own_cp852_hungarian.sta', 'mt940/own_quirks_invalid_date_control_chars.sta', 'mt942/wolph_selfprovided_mt942.sta',
  'mt942/own_mt942_blocks_totals.sta',
];

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'dropLine' | 'dupLine'; index: number }
  | { kind: 'swapLines'; a: number; b: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constantFrom('dropLine' as const, 'dupLine' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
);

/** Apply mutations byte-wise (flip/truncate/insert) or line-wise (LF-separated chunks keep their CR). */
function mutate(base: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = base;
  for (const m of mutations) {
    if (m.kind === 'flip') {
      if (bytes.length === 0) continue;
      bytes = bytes.slice();
      bytes[m.at % bytes.length] = m.value;
    } else if (m.kind === 'truncate') {
      bytes = bytes.slice(0, m.at % (bytes.length + 1));
    } else if (m.kind === 'insert') {
      const at = m.at % (bytes.length + 1);
      const next = new Uint8Array(bytes.length + m.bytes.length);
      next.set(bytes.subarray(0, at), 0);
      next.set(m.bytes, at);
      next.set(bytes.subarray(at), at + m.bytes.length);
      bytes = next;
    } else {
      const lines: Uint8Array[] = [];
      let start = 0;
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] === 0x0a) {
          lines.push(bytes.slice(start, i + 1));
          start = i + 1;
        }
      }
      if (start < bytes.length) lines.push(bytes.slice(start));
      if (lines.length === 0) continue;
      if (m.kind === 'swapLines') {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b] ?? new Uint8Array(), lines[a] ?? new Uint8Array()];
      } else if (m.kind === 'dropLine') {
        lines.splice(m.index % lines.length, 1);
      } else {
        lines.splice(m.index % lines.length, 0, lines[m.index % lines.length] ?? new Uint8Array());
      }
      bytes = Buffer.concat(lines);
    }
  }
  return bytes;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string | null | undefined): boolean => d === null || d === undefined || (ISO.test(d) && parseIsoDateTime(d) === d);

/** Well-formedness of a result a user could be shown (plain checks: expect() per item is slow). */
function assertWellFormed(r: ParseResult): void {
  const fail = (what: string): never => {
    throw new Error(`malformed result: ${what}`);
  };
  for (const s of r.statements) {
    for (const b of [s.openingBalance, s.closingBalance, s.availableBalance]) {
      if (!b) continue;
      if (!Number.isSafeInteger(b.amount.minor)) fail(`balance ${b.amount.minor}`);
      if (!validDate(b.date)) fail(`balance date ${b.date}`);
    }
    for (const l of s.lines) {
      if (!Number.isSafeInteger(l.amount.minor)) fail(`amount ${l.amount.minor}`);
      if (!validDate(l.bookingDate) || l.bookingDate === null) fail(`booking date ${l.bookingDate}`);
      if (!validDate(l.valueDate)) fail(`value date ${l.valueDate}`);
      if (typeof l.description !== 'string') fail('description');
    }
    if (s.controlTotals && !Object.values(s.controlTotals).every((n) => Number.isSafeInteger(n) && n >= 0)) fail('control totals');
    if (![true, false, null].includes(s.balanceChecked)) fail('balanceChecked');
  }
  for (const d of r.diagnostics) {
    if (!['info', 'warning', 'error'].includes(d.level)) fail(`level ${d.level}`);
    if (d.line !== undefined && !(Number.isInteger(d.line) && d.line >= 1)) fail(`line ${d.line}`);
  }
  const json = JSON.stringify(r);
  if (JSON.stringify(JSON.parse(json)) !== json) fail('JSON round trip');
}

/** Parse; a CoreError is an accepted outcome, anything else fails the property. */
function outcome(name: string, bytes: Uint8Array, options: ParseOptions = {}): void {
  const c = counters.get(name) ?? { cases: 0, results: 0, coreErrors: 0 };
  counters.set(name, c);
  c.cases++;
  let result: ParseResult;
  try {
    result = parseStatementFile(bytes, options);
  } catch (err) {
    if (err instanceof CoreError) {
      if (err.code !== 'import_unreadable' && err.code !== 'invalid_input') throw err;
      c.coreErrors++;
      return;
    }
    throw err;
  }
  c.results++;
  assertWellFormed(result);
}

const bases = (files: string[]): Uint8Array[] => files.map(fixture);

/** Random text made of a format's own building blocks, so the parsers get past detection. */
const n43Garbage = fc.array(
  fc.tuple(fc.constantFrom('11', '22', '23', '24', '33', '88', '  ', '1', '9'), fc.string({ unit: fc.constantFrom('0', '1', '2', '9', ' ', 'A', 'Ñ', '\u001a'), maxLength: 90 })),
  { maxLength: 30 },
).map((rows) => new TextEncoder().encode(rows.map(([c, rest]) => c + rest).join('\r\n')));
const mtGarbage = fc.array(
  fc.tuple(
    fc.constantFrom(':20:', ':25:', ':28C:', ':60F:', ':60M:', ':61:', ':86:', ':62F:', ':64:', ':65:', ':34F:', ':13D:', ':90D:', ':90C:', '-}', '{1:F01X}{2:O942X}{4:', '-', '$', '?20', '/EREF/', ''),
    fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '9', ',', 'C', 'D', 'R', 'N', 'E', 'U', '/', '?', ' ', '+'), maxLength: 40 }),
  ),
  { maxLength: 30 },
).map((rows) => new TextEncoder().encode(rows.map(([t, rest]) => t + rest).join('\n')));

function run(name: string, arb: fc.Arbitrary<Uint8Array>, options: ParseOptions = {}): void {
  fc.assert(fc.property(arb, (bytes) => outcome(name, bytes, options)), { numRuns: RUNS });
  expect(counters.get(name)?.cases).toBeGreaterThanOrEqual(RUNS);
}

const mutated = (files: string[]): fc.Arbitrary<Uint8Array> =>
  fc.tuple(fc.constantFrom(...bases(files)), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([b, ms]) => mutate(b, ms));

describe('fuzz: parseStatementFile returns a result or throws a CoreError', () => {
  it('Norma 43: mutated real and own files', () => run('norma43 mutated', mutated(N43_FILES)));
  it('Norma 43: mutated files forced as norma43', () => run('norma43 mutated (forced)', mutated(N43_FILES), { format: 'norma43' }));
  it('Norma 43: random records', () => run('norma43 random records', n43Garbage, { format: 'norma43' }));
  it('MT940/MT942: mutated real and own files', () => run('mt940 mutated', mutated(MT_FILES)));
  it('MT940/MT942: mutated files forced as mt940', () => run('mt940 mutated (forced)', mutated(MT_FILES), { format: 'mt940' as StatementFormat }));
  it('MT940/MT942: random tags', () => run('mt940 random tags', mtGarbage, { format: 'mt940' }));
  it('random bytes, detected', () => run('random bytes', fc.uint8Array({ maxLength: 2000 })));
  it('random bytes forced through each line parser', () => {
    run('random bytes (norma43)', fc.uint8Array({ maxLength: 2000 }), { format: 'norma43' });
    run('random bytes (mt940)', fc.uint8Array({ maxLength: 2000 }), { format: 'mt940' });
  });
});

describe('adversarial long lines (regex backtracking) finish quickly', () => {
  const N = 99_000;
  const mt = (tail: string): string => `:20:X\n:25:1\n:60F:C250101EUR1,00\n:61:250101C1,00NTRF\n${tail}\n`;
  const cases: Array<[string, string]> = [
    ['spaces inside :86:', mt(`:86:a${' '.repeat(N)}b`)],
    ['slashes inside slash-keyed :86:', mt(`:86:/EREF/${'/'.repeat(N)}x/REMI/y`)],
    ['SOH bytes inside a line', mt(`:86:${'\u0001'.repeat(N)}x`)],
    ['separators at the end of :25:', `:20:X\n:25:1${'/ '.repeat(N / 2)}x\n:60F:C250101EUR1,00\n`],
    ['spaced RF groups', mt(`:86:${'RF12 '.repeat(N / 5)}`)],
    ['a 99,000-character XML name', `<${'a'.repeat(N)}`],
    ['unclosed XML tags', `<a ${'<b '.repeat(N / 3)}`],
    ['empty comments before an unknown root', `${'<!---->'.repeat(40)}<OFY>`],
    ['a long ragged Norma 43 header', `11${'1'.repeat(N)}`],
  ];
  it.each(cases)('%s', (_name, text) => {
    const started = performance.now();
    try {
      parseStatementFile(new TextEncoder().encode(text));
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

afterAll(() => {
  let total = 0;
  for (const [name, c] of counters) {
    total += c.cases;
    console.log(`fuzz ${name}: ${c.cases} cases (${c.results} results, ${c.coreErrors} CoreErrors)`);
  }
  console.log(`fuzz total: ${total} cases`);
});
