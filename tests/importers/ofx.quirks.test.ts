/**
 * OFX/QFX quirks from FORMATS.md that no upstream sample covers, on fixtures written for
 * Cuadra from the OFX 1.02 / 2.x layouts (tests/fixtures/ofx/own_*) and small inline texts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOfx } from '../../main/core/importers/ofx/index.js';
import { buildOfxTree, type OfxNode } from '../../main/core/importers/ofx/tree.js';
import { convertMinor, parseOfxDate } from '../../main/core/importers/ofx/values.js';
import { readOfxHeader } from '../../main/core/importers/ofx/header.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { isParseError } from '../../main/core/importers/errors.js';
import type { Statement } from '../../main/core/importers/types.js';

const path = (name: string): URL => new URL(`../fixtures/ofx/${name}`, import.meta.url);
const parse = (name: string): ReturnType<typeof parseOfx> => parseOfx(readFileSync(path(name), 'utf8'), { encoding: 'utf-8' });
const first = (statements: Statement[]): Statement => statements[0] as Statement;
const HEADER = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n';
const bankOfx = (trns: string, extra = ''): string =>
  `${HEADER}<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>1<ACCTID>ES9121000418450200051332<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><DTSTART>20240101<DTEND>20240131${trns}</BANKTRANLIST>${extra}</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return isParseError(err) ? err.code : `not a ParseError: ${String(err)}`;
  }
  return 'none';
}

describe('credit card, OFX 1.02 SGML with CRLF and trailing spaces', () => {
  const result = parse('own_sgml_creditcard_crlf.ofx');
  const s = first(result.statements);
  it('reads CCSTMTRS with the local date of each offset', () => {
    expect(result.format).toBe('ofx');
    expect(s.account).toEqual({ number: '5555666677778888', currency: 'MXN' });
    expect(s.lines.map((l) => [l.bookingDate, l.amount.minor])).toEqual([
      ['2024-01-31', -45000], // 23:00 at -6 — UTC would be 1 February
      ['2024-02-01', 200000], // 00:30 at +1 with "+2000,00" (explicit plus, decimal comma)
      ['2024-02-05', -3000], // -30.000
      ['2024-02-05', -377], // -3.77000
      ['2024-02-29', -9950], // leap day at [0:UTC]
    ]);
  });
  it('joins NAME and MEMO without repeating, ignores a zero NAME', () => {
    expect(s.lines[0]?.description).toBe('COMPRA OXXO SUCURSAL CENTRO MONTERREY NL');
    expect(s.lines[1]?.description).toBe('PAGO TARJETA / GRACIAS POR SU PAGO');
    expect(s.lines[4]?.description).toBe('FARMACIA GUADALAJARA');
    expect(s.lines[4]?.counterparty).toEqual({});
  });
  it('keeps a repeated FITID as the reference but disambiguates the bank id', () => {
    expect(s.lines[2]?.references.bankReference).toBe('CC-003');
    expect(s.lines[3]?.references.bankReference).toBe('CC-003');
    expect(s.lines[2]?.bankId).toBe('CC-003|2024-02-05|-3000');
    expect(s.lines[3]?.bankId).toBe('CC-003|2024-02-05|-377');
    expect(result.diagnostics.find((d) => d.code === 'duplicate_bank_id')?.message).toContain('CC-003');
  });
  it('derives the opening: −1234.56 − 1416.73 = −2651.29', () => {
    expect(s.lines.reduce((t, l) => t + l.amount.minor, 0)).toBe(141673);
    expect(s.closingBalance).toEqual({ amount: { minor: -123456, currency: 'MXN' }, date: '2024-02-29' });
    expect(s.availableBalance?.amount.minor).toBe(876544);
    expect(s.openingBalance).toEqual({ amount: { minor: -265129, currency: 'MXN' }, date: '2024-01-01' });
    expect(s.balanceChecked).toBeNull();
  });
});

describe('QFX credit card in OFX 2 XML: entities, CDATA, empty and self-closing tags, foreign currency', () => {
  const result = parse('own_ofx2_creditcard.qfx');
  const s = first(result.statements);
  it('is QFX and unescapes entities exactly once', () => {
    expect(result.format).toBe('qfx');
    expect(s.lines[0]?.counterparty.name).toBe('AT&T WIRELESS');
    expect(s.lines[0]?.description).toBe('AT&T WIRELESS / Ref &lt;123&gt; éxito');
    expect(s.lines[0]?.references.documentNumber).toBeUndefined();
  });
  it('converts CURRENCY amounts (10.00 USD × 17.05 = 170.50 MXN) and keeps ORIGCURRENCY (852.50 ÷ 17.05 = 50.00 USD)', () => {
    expect(s.lines[1]?.amount).toEqual({ minor: -17050, currency: 'MXN' });
    expect(s.lines[1]?.originalAmount).toEqual({ minor: -1000, currency: 'USD' });
    expect(s.lines[1]?.description).toBe('AMAZON US');
    expect(s.lines[2]?.amount).toEqual({ minor: -85250, currency: 'MXN' });
    expect(s.lines[2]?.originalAmount).toEqual({ minor: -5000, currency: 'USD' });
  });
  it('trims CDATA and derives the opening −588.99 − (−88.99) = −500.00', () => {
    expect(s.lines[3]?.counterparty.name).toBe('PAGO SPEI');
    expect(s.lines[3]?.description).toBe('PAGO SPEI / Clave de rastreo 2024032040014BMOV0000412345670');
    expect(s.openingBalance?.amount.minor).toBe(-50000);
  });
});

describe('investment statements', () => {
  it('refuses an investment-only file with a clear message', () => {
    let caught: unknown;
    try {
      parse('own_investment_only.ofx');
    } catch (err) {
      caught = err;
    }
    expect(isParseError(caught) && caught.code).toBe('ofx_investment_only');
    expect(caught instanceof Error && caught.message).toContain('investment statements are not supported');
    expect(() => parseStatementFile(readFileSync(path('own_investment_only.ofx')))).toThrowError(/investment statements are not supported/);
  });
  it('reads the bank statements of a mixed file (two STMTRS in one STMTTRNRS) and skips the investment one', () => {
    const result = parse('own_two_stmtrs_plus_investment.ofx');
    expect(result.statements.map((s) => [s.account.number, s.lines.map((l) => l.amount.minor), s.openingBalance?.amount.minor])).toEqual([
      ['CHK-1', [10000], 50000],
      ['SAV-2', [42], 100000],
    ]);
    // FITIDs are scoped per account: the same B1 in both statements is no duplicate.
    expect(result.statements.map((s) => s.lines[0]?.bankId)).toEqual(['B1', 'B1']);
    expect(result.diagnostics.map((d) => d.code)).toContain('ofx_investment_skipped');
    expect(result.diagnostics.map((d) => d.code)).not.toContain('duplicate_bank_id');
  });
});

describe('sign-on errors', () => {
  it('refuses a file whose sign-on failed and that has no statement, quoting the bank', () => {
    let caught: unknown;
    try {
      parse('own_signon_error.ofx');
    } catch (err) {
      caught = err;
    }
    expect(isParseError(caught) && caught.code).toBe('ofx_signon_error');
    expect(caught instanceof Error && caught.message).toContain('15500');
    expect(caught instanceof Error && caught.message).toContain('Invalid user ID or password');
  });
  it('reports a sign-on error as an error diagnostic when statements are present', () => {
    const text = bankOfx('<STMTTRN><DTPOSTED>20240102<TRNAMT>1.00<FITID>A</STMTTRN>').replace(
      '<OFX>',
      '<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>2000<SEVERITY>ERROR<MESSAGE>General error</STATUS></SONRS></SIGNONMSGSRSV1>',
    );
    const result = parseOfx(text, { encoding: 'utf-8' });
    expect(result.statements).toHaveLength(1);
    expect(result.diagnostics.find((d) => d.code === 'ofx_signon_error')?.level).toBe('error');
  });
});

describe('raw characters, empty SGML leaves, missing FITIDs, impossible dates', () => {
  const result = parse('own_sgml_raw_chars_missing_fitid.ofx');
  const s = first(result.statements);
  it('keeps raw & " < in MEMO and unescapes &amp;lt; once', () => {
    expect(s.lines[0]?.description).toBe('PADARIA & CAFE "BOM DIA" a < b &lt;ok&gt;');
    expect(s.lines[0]?.bankCode).toBeUndefined();
    expect(s.lines[0]?.counterparty).toEqual({});
  });
  it('leaves missing FITIDs null (two identical same-day lines stay two lines)', () => {
    expect(s.lines.slice(0, 2).map((l) => [l.bankId, l.amount.minor, l.bookingDate])).toEqual([
      [null, -1000, '2024-03-02'],
      [null, -1000, '2024-03-02'],
    ]);
    expect(result.diagnostics.find((d) => d.code === 'ofx_missing_fitid')?.message).toMatch(/^2 /);
  });
  it('falls back to DTUSER for an impossible DTPOSTED and skips lines with no date or amount', () => {
    expect(s.lines).toHaveLength(3);
    expect(s.lines[2]).toMatchObject({ bookingDate: '2024-03-03', valueDate: '2024-03-03', bankId: 'X3' });
    const skipped = result.diagnostics.filter((d) => d.code === 'ofx_transaction_skipped');
    expect(skipped.map((d) => d.line)).toEqual([19, 20]);
  });
  it('treats a whitespace-only BALAMT as unknown', () => {
    expect(s.closingBalance).toBeNull();
    expect(s.openingBalance).toBeNull();
    expect(s.availableBalance?.amount.minor).toBe(1200);
  });
});

describe('0- and 3-decimal currencies on one long line, two STMTRS', () => {
  it('reads JPY and KWD exactly, rounding −0.5005 KWD with a warning', () => {
    const result = parse('own_sgml_one_line_jpy_kwd.ofx');
    expect(result.statements.map((s) => s.lines.map((l) => l.amount))).toEqual([
      [{ minor: -1500, currency: 'JPY' }, { minor: 20000, currency: 'JPY' }],
      [{ minor: -12345, currency: 'KWD' }, { minor: -501, currency: 'KWD' }],
    ]);
    expect(result.statements.map((s) => s.openingBalance?.amount.minor)).toEqual([100000, 112846]);
    expect(result.diagnostics.filter((d) => d.code === 'amount_rounded')).toHaveLength(1);
  });
});

describe('OFX datetimes: the written local date, never shifted to UTC', () => {
  it.each([
    ['20240131230000.000[-5:EST]', '2024-01-31'],
    ['20240201003000[+1:CET]', '2024-02-01'],
    ['20240229', '2024-02-29'],
    ['20180804093914:014', '2018-08-04'],
    ['20190918100000[-03:EST]', '2019-09-18'],
    ['20240101120000[0:UTC]', '2024-01-01'],
    ['20240101235959[+5.30:IST]', '2024-01-01'],
    ['20240101 [-7:PDT]', '2024-01-01'],
    ['2024010112', '2024-01-01'],
  ])('%s → %s', (text, date) => {
    expect(parseOfxDate(text)).toBe(date);
  });
  it.each(['20120231', '201120000000', '2024-01-01', '2024', 'abc', '20240101120000[x]'])('%s is not a date', (text) => {
    expect(parseOfxDate(text)).toBeNull();
  });
});

describe('tolerant tree', () => {
  const names = (n: OfxNode | undefined): string[] => (n?.children ?? []).map((c) => `${c.name}=${c.value ?? '{}'}`);
  it('hands the children of an unclosed empty SGML leaf back to its parent', () => {
    const { root } = buildOfxTree('<OFX><A><B><C>1</A></OFX>');
    expect(names(root.children[0])).toEqual(['A={}']);
    expect(names(root.children[0]?.children[0])).toEqual(['B=', 'C=1']);
  });
  it('reads self-closing, empty, CDATA and mixed SGML/XML leaves', () => {
    const { root } = buildOfxTree('<X><A/><B></B><C><![CDATA[ x<y ]]></C><D>v</D><E>w\n<F>z</X>');
    expect(names(root.children[0])).toEqual(['A=', 'B=', 'C=x<y', 'D=v', 'E=w', 'F=z']);
  });
  it('ignores stray end tags and reports unclosed aggregates', () => {
    const { root, unclosed } = buildOfxTree('</Q><OFX><A>1</B><C>');
    expect(names(root.children[0])).toEqual(['A=1', 'C={}']);
    expect(unclosed).toEqual(['OFX', 'C']);
  });
});

describe('headers and encodings (through parseStatementFile)', () => {
  it('reads SGML and XML headers', () => {
    expect(readOfxHeader(HEADER + '<OFX>')).toEqual({ syntax: 'sgml', version: '102', encoding: 'USASCII', charset: '1252' });
    expect(readOfxHeader('<?xml version="1.0" encoding="UTF-8"?><?OFX OFXHEADER="200" VERSION="211"?><OFX>')).toEqual({ syntax: 'xml', version: '211', xmlEncoding: 'UTF-8' });
  });
  it('decodes UTF-8 bytes under a CHARSET:1252 header as UTF-8 (€, ¦)', () => {
    const text = bankOfx('<STMTTRN><DTPOSTED>20240102<TRNAMT>-5.00<FITID>U1<NAME>CAFÉ ¦ 5€</STMTTRN>');
    const result = parseStatementFile(new TextEncoder().encode(text));
    expect(result.encoding).toBe('utf-8');
    expect(first(result.statements).lines[0]?.description).toBe('CAFÉ ¦ 5€');
  });
  it('decodes windows-1252 bytes 0x80 and 0x97 as € and —', () => {
    const text = bankOfx('<STMTTRN><DTPOSTED>20240102<TRNAMT>-5.00<FITID>W1<NAME>CAF\u00c9 \u0001 5\u0002</STMTTRN>');
    const bytes = Uint8Array.from([...text].map((ch) => (ch === '\u0001' ? 0x97 : ch === '\u0002' ? 0x80 : ch.charCodeAt(0))));
    const result = parseStatementFile(bytes);
    expect(result.encoding).toBe('windows-1252');
    expect(first(result.statements).lines[0]?.description).toBe('CAFÉ — 5€');
  });
});

describe('a CHARSET:8859-1 header', () => {
  it('decodes Latin-1 bytes (é = 0xE9) with the WHATWG windows-1252 table', () => {
    const text = bankOfx('<STMTTRN><DTPOSTED>20240102<TRNAMT>-5.00<FITID>L1<NAME>CR\u00c9DIT AGRICOLE</STMTTRN>').replace('CHARSET:1252', 'CHARSET:8859-1');
    const result = parseStatementFile(Uint8Array.from([...text].map((ch) => ch.charCodeAt(0))));
    expect(result.encoding).toBe('windows-1252');
    expect(first(result.statements).lines[0]?.description).toBe('CRÉDIT AGRICOLE');
  });
});

describe('other amounts and references', () => {
  it('reads REFNUM, SRVRTID, PAYEE and BANKACCTTO', () => {
    const text = bankOfx(
      '<STMTTRN><TRNTYPE>XFER<DTPOSTED>20240105<DTUSER>20240104<TRNAMT>-1.5<FITID>R1<REFNUM>REF-9<SRVRTID>S-9<PAYEE><NAME>ACME SA</PAYEE><BANKACCTTO><BANKID>2<ACCTID>ES7620770024003102575766<ACCTTYPE>CHECKING</BANKACCTTO><MEMO>Factura 12</STMTTRN>',
    );
    const line = first(parseOfx(text, { encoding: 'utf-8' }).statements).lines[0];
    expect(line).toMatchObject({
      bookingDate: '2024-01-05',
      valueDate: '2024-01-04',
      amount: { minor: -150, currency: 'EUR' },
      description: 'ACME SA / Factura 12',
      counterparty: { name: 'ACME SA', iban: 'ES7620770024003102575766' },
      references: { bankReference: 'R1', other: ['REF-9', 'S-9'] },
    });
  });
  it('recognises the account IBAN and converts with exact decimal rates', () => {
    const s = first(parseOfx(bankOfx(''), { encoding: 'utf-8' }).statements);
    expect(s.account.iban).toBe('ES9121000418450200051332');
    expect(convertMinor(1000, 'USD', 'MXN', '17.05', true)).toBe(17050);
    expect(convertMinor(-85250, 'MXN', 'USD', '17.05', false)).toBe(-5000);
    expect(convertMinor(100, 'USD', 'JPY', '151.275', true)).toBe(151);
    expect(convertMinor(100, 'USD', 'JPY', '0', true)).toBeUndefined();
  });
  it('refuses a text without an OFX element', () => {
    expect(codeOf(() => parseOfx('OFXHEADER:100\n\nnothing here', { encoding: 'utf-8' }))).toBe('ofx_no_root');
    expect(codeOf(() => parseOfx(`${HEADER}<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>`, { encoding: 'utf-8' }))).toBe('ofx_no_statement');
  });
  it('warns on a truncated file but keeps what it read', () => {
    const text = bankOfx('<STMTTRN><DTPOSTED>20240102<TRNAMT>3.00<FITID>T1</STMTTRN>').slice(0, -40);
    const result = parseOfx(text, { encoding: 'utf-8' });
    expect(result.diagnostics.map((d) => d.code)).toContain('ofx_truncated');
    expect(first(result.statements).lines.map((l) => l.amount.minor)).toEqual([300]);
  });
});

describe('aggregates whose end tags are missing', () => {
  it('still reads each STMTTRN when </STMTTRN> is never written', () => {
    const text = bankOfx('<STMTTRN><DTPOSTED>20240102<TRNAMT>-1.00<FITID>M1<NAME>ONE<STMTTRN><DTPOSTED>20240103<TRNAMT>-2.00<FITID>M2<NAME>TWO');
    const result = parseOfx(text, { encoding: 'utf-8' });
    expect(first(result.statements).lines.map((l) => [l.bankId, l.amount.minor, l.description])).toEqual([
      ['M1', -100, 'ONE'],
      ['M2', -200, 'TWO'],
    ]);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });
});
