import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { isValidIban } from '../../main/core/importers/iban.js';
import { joinConceptTexts } from '../../main/core/importers/norma43/statement-builder.js';
import { amounts, codes, lineAt, parseFixture, statementAt, sum } from './support.js';

/** 80-column records built from the published Cuaderno 43 layout, for small inline cases. */
const amt = (cents: number): string => String(cents).padStart(14, '0');
const rec = (s: string): string => s.padEnd(80);
const r11 = (acct: string, sign: string, cents: number): string => rec(`1121000418${acct}250101250131${sign}${amt(cents)}9783INLINE`);
const r22 = (sign: string, cents: number): string => rec(`22    041825010225010304000${sign}${amt(cents)}0000000000`);
const r33 = (acct: string, nd: number, sd: number, nc: number, sc: number, sign: string, cents: number): string =>
  rec(`3321000418${acct}${String(nd).padStart(5, '0')}${amt(sd)}${String(nc).padStart(5, '0')}${amt(sc)}${sign}${amt(cents)}978`);
const bytes = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\r\n') + '\r\n');

describe('Norma 43: sequra example1 (CRLF, ragged lines, no 88, inconsistent 33)', () => {
  const result = parseFixture('n43/sequra_example1_crlf_ragged_no88.n43');
  const s = statementAt(result, 0);

  it('reads one account with its header fields and a rebuilt Spanish IBAN', () => {
    expect(result.format).toBe('norma43');
    expect(result.statements).toHaveLength(1);
    // CCC control digits computed by hand: 0099991111 → 7, 0123456789 → 1.
    expect(s.account).toEqual({ iban: 'ES1799991111710123456789', number: '99991111710123456789', currency: 'EUR', ownerName: 'MY ACCOUNT' });
    expect(isValidIban(s.account.iban ?? '')).toBe(true);
    expect(s.periodFrom).toBe('2004-08-04');
    expect(s.periodTo).toBe('2004-09-05');
    expect(s.openingBalance).toEqual({ amount: { minor: 123456, currency: 'EUR' }, date: '2004-08-04' });
  });

  it('reads the four credit movements of 12.34 with their dates, concepts and no bank id', () => {
    expect(amounts(s)).toEqual([1234, 1234, 1234, 1234]);
    expect(sum(s)).toBe(4936);
    expect(s.lines.map((l) => l.bookingDate)).toEqual(['2004-04-08', '2004-04-08', '2004-04-05', '2004-08-05']);
    expect(s.lines.map((l) => l.description)).toEqual(['XXXXXXXXX', 'A28152585', 'XXXXXXXXX', 'REF XXXXXXXXX']);
    expect(s.lines.map((l) => l.bankCode)).toEqual(['04', '04', '04', '02']);
    expect(s.lines.every((l) => l.bankId === null && !l.provisional)).toBe(true);
    expect(lineAt(s, 1).counterparty.taxId).toBe('A28152585');
  });

  it('keeps the inconsistent record 33 and flags every inconsistency as a warning', () => {
    expect(s.controlTotals).toEqual({ debitCount: 4, debitSum: 4936, creditCount: 2, creditSum: 999999 });
    expect(s.closingBalance).toEqual({ amount: { minor: 78889999999999, currency: 'EUR' }, date: '2004-09-05' });
    expect(s.balanceChecked).toBe(false);
    expect(codes(result.diagnostics)).toEqual(['currency_mismatch', 'missing_file_end', 'balance_mismatch', 'control_totals_mismatch']);
    const balance = result.diagnostics.find((d) => d.code === 'balance_mismatch');
    expect(balance?.message).toContain('1234.56 + movements 49.36 = 1283.92');
    expect(balance?.message).toContain('788899999999.99');
    expect(result.diagnostics.find((d) => d.code === 'currency_mismatch')?.line).toBe(10);
    expect(result.diagnostics.every((d) => d.level !== 'error')).toBe(true);
  });
});

describe('Norma 43: two accounts, cp850, every record type (own fixture)', () => {
  const result = parseFixture('n43/own_two_accounts_cp850.n43', { encoding: 'cp850' });
  const a = statementAt(result, 0);
  const b = statementAt(result, 1);

  it('gives one statement per account header, both reconciling with their 33 totals', () => {
    expect(result.encoding).toBe('cp850');
    expect(result.statements).toHaveLength(2);
    expect(a.account.iban).toBe('ES9121000418450200051332'); // the published La Caixa example IBAN
    expect(a.account.number).toBe('21000418450200051332');
    expect(b.account.currency).toBe('USD');
    expect(isValidIban(b.account.iban ?? '')).toBe(true);
    expect(b.account.number).toMatch(/^00491500\d{2}2710000000$/);
    expect(a.balanceChecked).toBe(true);
    expect(b.balanceChecked).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it('reads account A: 1500.00 + 1275.71 = 2775.71, 4 debits (one of zero) and 3 credits', () => {
    expect(a.openingBalance?.amount.minor).toBe(150000);
    expect(amounts(a)).toEqual([123456, -8910, -1210, -25000, 0, 9235, 30000]);
    expect(sum(a)).toBe(127571);
    expect(a.closingBalance).toEqual({ amount: { minor: 277571, currency: 'EUR' }, date: '2025-01-31' });
    expect(a.controlTotals).toEqual({ debitCount: 4, debitSum: 35120, creditCount: 3, creditSum: 162691 });
  });

  it('re-joins 23 records in code order, mending a word cut at column 38, with cp850 accents', () => {
    expect(lineAt(a, 0).description).toBe('TRANSFERENCIA DE MUÑOZ Y PEÑA S.L. NIF B12345674 PAGO FACTURA FRA-2025-0001 CORRESPONDIENTE A ENERO');
    expect(lineAt(a, 1).description).toBe('RECIBO IBERDROLA CLIENTES SAU CONSUMO ELÉCTRICO DICIEMBRE');
    expect(lineAt(a, 2).description).toBe('COMISIÓN MANTENIMIENTO PERIODO ENERO 2025'); // 02 came before 01 in the file
    expect(lineAt(a, 6).description).toBe('BIZUM DE ÁLVARO NÚÑEZ PEDIDO 98765 CONCEPTO DOS CONCEPTO TRES CONCEPTO CUATRO CONCEPTO CINCO FIN');
    expect(lineAt(b, 0).description).toBe('INGRESO EN EFECTIVO CAÑÓN');
  });

  it('keeps both dates, references, the tax id, returns and the record-24 original amount', () => {
    const l1 = lineAt(a, 0);
    expect(l1.counterparty.taxId).toBe('B12345674');
    expect(l1.references).toEqual({ documentNumber: '0000000001', other: ['FRA-2025-0001'] });
    const l2 = lineAt(a, 1);
    expect([l2.bookingDate, l2.valueDate]).toEqual(['2025-01-05', '2025-01-06']);
    expect(l2.references).toEqual({ documentNumber: '0000004711', other: ['TRANSFERENCI', 'ABC123XYZ'] });
    expect([l2.bankCode, l2.bankSubCode]).toEqual(['03', '012']);
    expect(lineAt(a, 3).reversal).toBe(true); // concepto común 14: devolución
    expect(lineAt(a, 4).description).toBe('Varios'); // no 23 record: the common concept's name
    expect(lineAt(a, 5).originalAmount).toEqual({ minor: 10000, currency: 'USD' });
    expect(b.openingBalance?.amount.minor).toBe(-10000);
    expect(b.closingBalance?.amount.minor).toBe(-4975);
  });

  it('can take the value date as booking date (OCA n43_date_type) — the value date is always kept', () => {
    const byValue = parseFixture('n43/own_two_accounts_cp850.n43', { encoding: 'cp850', norma43BookingDate: 'value' });
    const l2 = lineAt(statementAt(byValue, 0), 1);
    expect([l2.bookingDate, l2.valueDate]).toEqual(['2025-01-06', '2025-01-06']);
  });

  it('without the chosen encoding reads windows-1252 and says so (the accents come out wrong)', () => {
    const fallback = parseFixture('n43/own_two_accounts_cp850.n43');
    expect(fallback.encoding).toBe('windows-1252');
    expect(codes(fallback.diagnostics)).toEqual(['encoding_fallback']);
    expect(lineAt(statementAt(fallback, 0), 0).description).toContain('MU¥OZ');
  });
});

describe('Norma 43: other quirks (own fixtures)', () => {
  it('a truncated file (no 33, no 88, LF, ragged, Ctrl-Z) keeps its movements and warns', () => {
    const r = parseFixture('n43/own_truncated_no33_no88_latin1.n43');
    const s = statementAt(r, 0);
    expect(r.encoding).toBe('windows-1252');
    expect(amounts(s)).toEqual([-4599, 10000]);
    expect(lineAt(s, 0).description).toBe('COMPRA TARJETA CAFÉ SEÑORÍO');
    expect(lineAt(s, 1).description).toBe('Abonarés - entregas - ingresos');
    expect([lineAt(s, 1).bookingDate, lineAt(s, 1).valueDate]).toEqual(['2025-02-04', '2025-02-05']);
    expect(s.closingBalance).toBeNull();
    expect(s.controlTotals).toBeNull();
    expect(s.balanceChecked).toBeNull();
    expect(codes(r.diagnostics)).toEqual(['encoding_fallback', 'missing_account_end', 'missing_file_end']);
  });

  it('a record 88 that counts itself is noted; a final balance left at 0 is a balance warning', () => {
    const r = parseFixture('n43/own_count_includes_88_zero_final_cp1252.n43');
    const s = statementAt(r, 0);
    expect(lineAt(s, 0).description).toBe('COMISIÓN EMISIÓN TARJETA');
    expect(codes(r.diagnostics)).toEqual(['encoding_fallback', 'record_count_includes_trailer', 'balance_mismatch']);
    expect(r.diagnostics[2]?.message).toContain('1000.00 + movements -3.50 = 996.50 EUR, but the closing balance is 0.00');
    expect(s.balanceChecked).toBe(false);
  });

  it('U+FFFD already in the file becomes a warning on its line', () => {
    const r = parseFixture('n43/own_utf8_replacement_chars.n43');
    expect(r.encoding).toBe('utf-8');
    expect(r.diagnostics).toEqual([expect.objectContaining({ level: 'warning', code: 'replacement_char', line: 3 })]);
    expect(lineAt(statementAt(r, 0), 0).description).toBe('COMISI\uFFFDN TRANSFERENCIA');
  });

  it('JPY (392): 2 implied decimals in the file, none in the currency; cents are rounded with a warning', () => {
    const r = parseFixture('n43/own_jpy_currency.n43');
    const s = statementAt(r, 0);
    expect(s.account.currency).toBe('JPY');
    expect(s.openingBalance?.amount).toEqual({ minor: 150000, currency: 'JPY' });
    expect(amounts(s)).toEqual([-12500, 124]);
    expect(s.closingBalance?.amount.minor).toBe(137624);
    expect(r.diagnostics.filter((d) => d.code === 'amount_precision').map((d) => d.line)).toEqual([4, 6, 6]);
    expect(s.balanceChecked).toBe(true);
  });

  it('records glued without line breaks are split back into 80-column records', () => {
    const r = parseFixture('n43/own_glued_records.n43');
    const s = statementAt(r, 0);
    expect(amounts(s)).toEqual([2000]);
    expect(lineAt(s, 0).description).toBe('SIN SALTOS DE LINEA');
    expect(s.closingBalance?.amount.minor).toBe(3000);
    expect(s.balanceChecked).toBe(true);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('Norma 43: structure errors are diagnostics', () => {
  it('orphan, unknown and unreadable records are reported with their line; the rest is read', () => {
    const r = parseStatementFile(
      bytes([
        r22('2', 100),
        r11('0200051332', '2', 1000),
        'XX this is not a record',
        r22('2', 500),
        rec('22    0418250102250103040002ABCDEFGHIJKLMN'),
        r33('0200051332', 0, 0, 1, 500, '2', 1500),
        rec(`88${'9'.repeat(18)}000005`),
      ]),
      { format: 'norma43' },
    );
    const s = statementAt(r, 0);
    expect(amounts(s)).toEqual([500]);
    expect(s.balanceChecked).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['orphan_record', 1],
      ['unknown_record', 3],
      ['invalid_amount', 5],
    ]);
  });

  it('a new account before the previous totals warns and starts a new statement', () => {
    const r = parseStatementFile(bytes([r11('0200051332', '2', 0), r22('1', 250), r11('0200051333', '1', 0), rec(`88${'9'.repeat(18)}000003`)]));
    expect(r.statements).toHaveLength(2);
    expect(amounts(statementAt(r, 0))).toEqual([-250]);
    expect(r.diagnostics.filter((d) => d.code === 'missing_account_end').map((d) => d.line ?? null)).toEqual([3, null]);
  });

  it('a file without any account header is unreadable, with a clear message', () => {
    expect(() => parseStatementFile(bytes([r22('2', 100)]), { format: 'norma43' })).toThrowError(CoreError);
    expect(() => parseStatementFile(bytes([r22('2', 100)]), { format: 'norma43' })).toThrowError(/no account header \(record 11\)/);
  });

  it('joins concept halves: a full 38-column half continues the same word', () => {
    expect(joinConceptTexts(['PAGO FACTURA FRA-2025-0001 CORRESPONDI', 'ENTE A ENERO'])).toBe('PAGO FACTURA FRA-2025-0001 CORRESPONDIENTE A ENERO');
    expect(joinConceptTexts(['MUÑOZ Y PEÑA    ', '', 'NIF B12345674'])).toBe('MUÑOZ Y PEÑA NIF B12345674');
    expect(joinConceptTexts(['', '   '])).toBe('');
  });
});
