/**
 * OFX/QFX samples from other projects' test suites (tests/fixtures/ofx, see SOURCES.md), read
 * directly with parseOfx and through parseStatementFile. Counts, sums and balances were
 * computed by hand (and once with Python's Decimal) from the files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOfx } from '../../main/core/importers/ofx/index.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import type { Statement } from '../../main/core/importers/types.js';

const path = (name: string): URL => new URL(`../fixtures/ofx/${name}`, import.meta.url);
const parse = (name: string): ReturnType<typeof parseOfx> => parseOfx(readFileSync(path(name), 'utf8'), { encoding: 'utf-8' });
const sum = (s: Statement | undefined): number => (s?.lines ?? []).reduce((t, l) => t + l.amount.minor, 0);
const only = (statements: Statement[]): Statement => {
  expect(statements).toHaveLength(1);
  return statements[0] as Statement;
};

describe('asgrim Crédit Mutuel (EUR, 42 transactions, many same-day same-name debits)', () => {
  const result = parse('asgrim_creditmutuel_fr_eur.ofx');
  const s = only(result.statements);
  it('reads every transaction with its own FITID', () => {
    expect(result.format).toBe('ofx');
    expect(s.account).toEqual({ number: 'XXXXXXXXXX', currency: 'EUR' });
    expect(s.lines).toHaveLength(42);
    expect(new Set(s.lines.map((l) => l.bankId)).size).toBe(42);
    expect(sum(s)).toBe(-1349159);
    expect(s.lines.filter((l) => l.amount.minor > 0).reduce((t, l) => t + l.amount.minor, 0)).toBe(770798);
    expect(s.lines[0]).toMatchObject({ bookingDate: '2016-06-01', valueDate: '2016-06-01', amount: { minor: -197878, currency: 'EUR' }, bankId: 'LLDT4L5OCF' });
    expect(s.lines[41]?.bookingDate).toBe('2016-06-27');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['ofx_opening_derived']);
  });
  it('derives the opening balance: 10000.00 − (−13491.59) = 23491.59', () => {
    expect(s.closingBalance).toEqual({ amount: { minor: 1000000, currency: 'EUR' }, date: '2016-06-27' });
    expect(s.availableBalance).toEqual({ amount: { minor: 0, currency: 'EUR' }, date: '2016-06-27' });
    expect(s.openingBalance).toEqual({ amount: { minor: 2349159, currency: 'EUR' }, date: '2016-06-01' });
    expect(s.openingBalanceDerived).toBe(true);
    expect(s.balanceChecked).toBeNull();
  });
});

describe('asgrim Itaú (BRL, [-03:EST] offsets, empty BALAMT)', () => {
  const s = only(parse('asgrim_itau_brl_tz_minus3.ofx').statements);
  it('keeps the local dates of the -03 offset and CHECKNUM', () => {
    expect(s.lines.map((l) => [l.bookingDate, l.amount.minor])).toEqual([
      ['2019-09-18', -7000],
      ['2019-09-19', -1600],
      ['2019-09-19', 30000],
      ['2019-09-20', 40000],
      ['2019-09-23', -2900],
    ]);
    expect(sum(s)).toBe(58500);
    expect(s.lines[0]?.references).toEqual({ bankReference: '20190918001', documentNumber: '20190918001' });
    expect(s.lines[0]?.description).toBe('CXE 000026 SAQUE');
    expect(s.periodFrom).toBe('2019-09-18');
    expect(s.periodTo).toBe('2019-09-23');
  });
  it('treats the empty BALAMT as unknown, not 0', () => {
    expect(s.closingBalance).toBeNull();
    expect(s.openingBalance).toBeNull();
    expect(s.balanceChecked).toBeNull();
  });
});

describe('ofxparse ANZ credit card (XML header over SGML body)', () => {
  const result = parse('ofxparse_anz_creditcard_xmlheader_sgmlbody.ofx');
  const s = only(result.statements);
  it('reads the card statement and keeps the card balance signs', () => {
    expect(s.account).toEqual({ number: '1234123412341234', currency: 'AUD' });
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toMatchObject({ bookingDate: '2017-05-08', valueDate: '2017-05-08', amount: { minor: -550, currency: 'AUD' }, description: 'SOME MEMO' });
    expect(s.closingBalance).toEqual({ amount: { minor: -12345, currency: 'AUD' }, date: '2017-05-10' });
    expect(s.availableBalance).toEqual({ amount: { minor: 12345, currency: 'AUD' }, date: '2017-05-10' });
    expect(s.openingBalance?.amount.minor).toBe(-11795);
  });
});

describe('ofxparse bank_medium (CAD, QFX sign-on, several tags per line, [-5:EST])', () => {
  const result = parse('ofxparse_bank_medium_cad_tz.ofx');
  const s = only(result.statements);
  it('is QFX (INTU.BID) and reads the three POS/CHECK lines', () => {
    expect(result.format).toBe('qfx');
    expect(s.account).toEqual({ number: '12300 000012345678', currency: 'CAD' });
    expect(s.lines.map((l) => [l.bookingDate, l.amount.minor, l.bankCode])).toEqual([
      ['2009-04-01', -660, 'POS'],
      ['2009-04-02', -31667, 'CHECK'],
      ['2009-04-03', -2200, 'POS'],
    ]);
    expect(s.lines[0]?.description).toBe("POS MERCHANDISE;MCDONALD'S #112");
    expect(s.lines[0]?.counterparty.name).toBe("MCDONALD'S #112");
    expect(s.lines[1]?.references.documentNumber).toBeUndefined();
  });
  it('derives opening 382.34 − (−345.27) = 727.61', () => {
    expect(sum(s)).toBe(-34527);
    expect(s.closingBalance?.amount.minor).toBe(38234);
    expect(s.availableBalance?.amount.minor).toBe(68234);
    expect(s.openingBalance?.amount.minor).toBe(72761);
  });
});

describe('ofxparse checking (OFX 1.02, NAME cut at 32 characters)', () => {
  const result = parse('ofxparse_checking_sgml102.ofx');
  const s = only(result.statements);
  it('uses the full MEMO as description without repeating the truncated NAME', () => {
    expect(result.format).toBe('qfx');
    expect(s.account).toEqual({ number: '1452687~7', currency: 'USD' });
    expect(s.lines.map((l) => l.amount.minor)).toEqual([1, -3451, -2500]);
    expect(s.lines[0]?.description).toBe('DIVIDEND EARNED FOR PERIOD OF 03/01/2011 THROUGH 03/31/2011 ANNUAL PERCENTAGE YIELD EARNED IS 0.05%');
    expect(s.lines[2]?.references.documentNumber).toBe('319');
    expect(s.lines[2]?.bankCode).toBe('CHECK');
    expect(s.closingBalance).toEqual({ amount: { minor: 10099, currency: 'USD' }, date: '2013-05-25' });
    expect(s.availableBalance?.amount.minor).toBe(7599);
    expect(s.openingBalance?.amount.minor).toBe(16049);
  });
});

describe('ofxparse fail_nice/decimal_error ($120, impossible date 201120000000, no header)', () => {
  const result = parse('ofxparse_fail_decimal_error.ofx');
  it('skips the broken transaction with error diagnostics and keeps the statement', () => {
    const s = only(result.statements);
    expect(s.lines).toEqual([]);
    expect(s.account).toEqual({ number: '192639749', currency: 'CAD' });
    expect(s.closingBalance).toEqual({ amount: { minor: 0, currency: 'CAD' }, date: '2011-06-14' });
    const errors = result.diagnostics.filter((d) => d.level === 'error');
    expect(errors.map((d) => d.code)).toEqual(['ofx_transaction_skipped', 'ofx_transaction_skipped']);
    expect(errors.map((d) => d.line)).toEqual([34, 34]);
    expect(errors[0]?.message).toContain('201120000000');
    expect(errors[1]?.message).toContain('$120');
    expect(result.diagnostics.map((d) => d.code)).toContain('ofx_no_header');
  });
});

describe('ofxparse multiple_accounts2 (OFX 2.11, two STMTTRNRS, [-7:PDT])', () => {
  it('gives two statements with their ledger balances', () => {
    const result = parse('ofxparse_multiple_accounts_tz.ofx');
    expect(result.statements.map((s) => [s.account.number, s.closingBalance?.amount.minor, s.closingBalance?.date, s.lines.length])).toEqual([
      ['9100', 11100, '2012-06-03', 0],
      ['9200', 22200, '2012-06-03', 0],
    ]);
  });
});

describe('ofxparse suncorp (OFX 2.00, CDATA with trailing spaces)', () => {
  it('trims CDATA values and ignores CHECKNUM 0', () => {
    const s = only(parse('ofxparse_suncorp_ofx200_cdata.ofx').statements);
    const line = s.lines[0];
    expect(s.lines).toHaveLength(1);
    expect(line?.counterparty.name).toBe('EFTPOS WDL HANDYWAY ALDI STORE');
    expect(line?.description).toBe('EFTPOS WDL HANDYWAY ALDI STORE GEELONG WEST VICAU');
    expect(line?.references).toEqual({ bankReference: '1' });
    expect(line?.amount).toEqual({ minor: -1685, currency: 'AUD' });
    expect(line?.bookingDate).toBe('2013-12-15');
    expect(s.openingBalance?.amount.minor).toBe(125097);
  });
});

describe('ofxparse v102 empty tags after 12 blank lines', () => {
  const result = parse('ofxparse_v102_empty_tags_leading_blank_lines.ofx');
  const s = only(result.statements);
  it('reads the line with empty FITID/NAME, mixed-case TRNTYPE and non-standard VALUEDATE', () => {
    expect(s.account).toEqual({ number: '12345678', currency: 'AUD' });
    expect(s.lines).toEqual([
      {
        bookingDate: '2018-05-07',
        valueDate: '2018-05-07',
        amount: { minor: 1234, currency: 'AUD' },
        description: 'CBA:Transfer',
        counterparty: {},
        references: {},
        bankId: null,
        reversal: false,
        provisional: false,
        sourceLine: 23,
        bankCode: 'CREDIT',
      },
    ]);
  });
  it('treats the empty BALAMT/DTASOF as unknown and says what it inferred', () => {
    expect(s.closingBalance).toBeNull();
    expect(s.openingBalance).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['ofx_currency_inferred', 'ofx_missing_fitid', 'ofx_balance_empty']);
  });
});

describe('every OFX sample through parseStatementFile', () => {
  it.each([
    ['asgrim_creditmutuel_fr_eur.ofx', 'ofx', 42],
    ['asgrim_itau_brl_tz_minus3.ofx', 'ofx', 5],
    ['ofxparse_anz_creditcard_xmlheader_sgmlbody.ofx', 'ofx', 1],
    ['ofxparse_bank_medium_cad_tz.ofx', 'qfx', 3],
    ['ofxparse_checking_sgml102.ofx', 'qfx', 3],
    ['ofxparse_fail_decimal_error.ofx', 'ofx', 0],
    ['ofxparse_multiple_accounts_tz.ofx', 'ofx', 0],
    ['ofxparse_suncorp_ofx200_cdata.ofx', 'ofx', 1],
    ['ofxparse_v102_empty_tags_leading_blank_lines.ofx', 'ofx', 1],
  ])('%s → %s with %i lines', (name, format, lines) => {
    const result = parseStatementFile(readFileSync(path(name)));
    expect(result.format).toBe(format);
    expect(result.encoding).toBe('utf-8');
    expect(result.statements.reduce((n, s) => n + s.lines.length, 0)).toBe(lines);
    // OFX has no opening balance: a derived one proves nothing, so no statement counts as checked.
    expect(result.statements.map((s) => s.balanceChecked)).toEqual(result.statements.map(() => null));
    expect(result.diagnostics.map((d) => d.code)).not.toContain('balance_mismatch');
  });
});
