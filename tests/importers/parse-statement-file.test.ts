import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { MAX_FILE_BYTES, parseStatementFile } from '../../main/core/importers/index.js';
import { checkStatement } from '../../main/core/importers/checks.js';
import type { Statement, StatementLine } from '../../main/core/importers/types.js';
import { codes, fixture } from './support.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const thrown = (f: () => unknown): CoreError => {
  try {
    f();
  } catch (err) {
    if (err instanceof CoreError) return err;
    throw err;
  }
  throw new Error('expected a CoreError');
};

describe('parseStatementFile: caps and options', () => {
  it('rejects files over 200 MiB before reading them', () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    const err = thrown(() => parseStatementFile(big));
    expect(err.code).toBe('import_unreadable');
    expect(err.message).toBe('The file is 200 MiB; Cuadra reads statement files of at most 200 MiB.');
  });

  it('rejects a line over 100,000 characters in a line format, naming the line', () => {
    const err = thrown(() => parseStatementFile(utf8(`:20:X\n:25:1\n:60F:C250101EUR1,00\n:86:${'x'.repeat(100_001)}\n`)));
    expect(err.code).toBe('import_unreadable');
    expect(err.message).toMatch(/^Line 4 is 100005 characters long/);
    expect(err.details).toEqual({ line: 4 });
  });

  it('a Norma 43 file without line breaks is not an absurd line, however long', () => {
    const glued = new TextDecoder().decode(fixture('n43/own_glued_records.n43'));
    const [header = '', movement = '', concept = '', totals = '', end = ''] = glued.match(/.{80}/g) ?? [];
    const many = 1300; // 1300 × 2 records × 80 columns > 100,000 characters on one line
    const r = parseStatementFile(utf8(header + (movement + concept).repeat(many) + totals + end));
    expect(r.statements[0]?.lines).toHaveLength(many);
    // Record 33 still describes the one-movement file: both checks say so.
    expect(codes(r.diagnostics)).toEqual(['record_count_mismatch', 'balance_mismatch', 'control_totals_mismatch']);
  });

  it('honours a forced format and a chosen encoding; an unknown encoding is invalid input', () => {
    const r = parseStatementFile(fixture('n43/own_two_accounts_cp850.n43'), { format: 'norma43', encoding: 'ibm850' });
    expect([r.format, r.encoding, r.statements.length]).toEqual(['norma43', 'cp850', 2]);
    const err = thrown(() => parseStatementFile(utf8(':20:X'), { encoding: 'nope-42' }));
    expect([err.code, err.message]).toEqual(['invalid_input', 'Unknown encoding "nope-42". Try utf-8, windows-1252, iso-8859-15, cp850 or cp852.']);
  });

  it('turns a parser giving up into import_unreadable with its reason', () => {
    const err = thrown(() => parseStatementFile(utf8('nothing like a statement\n'), { format: 'mt940' }));
    expect(err.code).toBe('import_unreadable');
    expect(err.message).toMatch(/No MT940\/MT942 statement/);
    expect(err.details).toEqual({ reason: 'no_statement' });
  });

  it('merges decoding, parser and check diagnostics in that order', () => {
    const r = parseStatementFile(fixture('n43/own_count_includes_88_zero_final_cp1252.n43'));
    expect(codes(r.diagnostics)).toEqual(['encoding_fallback', 'record_count_includes_trailer', 'balance_mismatch']);
  });

  it('gives JSON-safe results: integers, ISO dates, no undefined in arrays', () => {
    const r = parseStatementFile(fixture('mt940/own_swift_blocks_two_pages.sta'));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

const line = (minor: number): StatementLine => ({
  bookingDate: '2025-01-01',
  valueDate: null,
  amount: { minor, currency: 'EUR' },
  description: '',
  counterparty: {},
  references: {},
  bankId: null,
  reversal: false,
  provisional: false,
});
const statement = (over: Partial<Statement>): Statement => ({
  account: { currency: 'EUR' },
  openingBalance: null,
  closingBalance: null,
  controlTotals: null,
  lines: [],
  balanceChecked: null,
  ...over,
});
const bal = (minor: number, currency = 'EUR'): Statement['openingBalance'] => ({ amount: { minor, currency }, date: '2025-01-01' });

describe('statement checks', () => {
  it('nothing to check → balanceChecked null, no diagnostics', () => {
    const s = statement({ lines: [line(5)] });
    expect(checkStatement(s, 'S')).toEqual([]);
    expect(s.balanceChecked).toBeNull();
  });

  it('opening + Σ lines = closing passes; otherwise a warning with the figures', () => {
    const ok = statement({ openingBalance: bal(1000), closingBalance: bal(1250), lines: [line(500), line(-250)] });
    expect(checkStatement(ok, 'S')).toEqual([]);
    expect(ok.balanceChecked).toBe(true);
    const bad = statement({ openingBalance: bal(-1000), closingBalance: bal(0), lines: [line(-5)], sourceLine: 7 });
    expect(checkStatement(bad, 'Statement 2')).toEqual([
      {
        level: 'warning',
        code: 'balance_mismatch',
        message: 'Statement 2: opening balance -10.00 + movements -0.05 = -10.05 EUR, but the closing balance is 0.00 (difference 10.05).',
        line: 7,
      },
    ]);
    expect(bad.balanceChecked).toBe(false);
  });

  it('balances in another currency than the lines are not compared', () => {
    const s = statement({ openingBalance: bal(0, 'USD'), closingBalance: bal(5, 'USD'), lines: [line(5)] });
    expect(codes(checkStatement(s, 'S'))).toEqual(['balance_not_checked']);
    expect(s.balanceChecked).toBeNull();
  });

  it('control totals: a zero-amount line may be declared on either side (OCA/l10n-spain#1155)', () => {
    const lines = [line(-100), line(0), line(300)];
    for (const [debitCount, creditCount] of [[2, 1], [1, 2]]) {
      const s = statement({ lines, controlTotals: { debitCount: debitCount ?? 0, debitSum: 100, creditCount: creditCount ?? 0, creditSum: 300 } });
      expect(checkStatement(s, 'S')).toEqual([]);
      expect(s.balanceChecked).toBe(true);
    }
    const wrong = statement({ lines, controlTotals: { debitCount: 3, debitSum: 100, creditCount: 1, creditSum: 300 } });
    const [d] = checkStatement(wrong, 'S');
    expect(d?.code).toBe('control_totals_mismatch');
    expect(d?.message).toBe(
      'S: the file declares 3 debits totalling 1.00 and 1 credits totalling 3.00, but its lines have 1 debits totalling 1.00 and 1 credits totalling 3.00 and 1 of amount zero.',
    );
  });
});
