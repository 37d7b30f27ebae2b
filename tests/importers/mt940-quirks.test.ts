import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { parseAccount, parseStatementLine } from '../../main/core/importers/mt940/fields.js';
import { parseDetails } from '../../main/core/importers/mt940/details.js';
import { amounts, codes, lineAt, parseFixture, statementAt } from './support.js';

const text = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\n'));

describe('MT940: SWIFT blocks, two pages, structured :86:, reversals, year roll-over (own fixture)', () => {
  const r = parseFixture('mt940/own_swift_blocks_two_pages.sta');
  const [p1, p2] = [statementAt(r, 0), statementAt(r, 1)];

  it('reads both pages through the SOH byte and the {1:}{2:}{3:}{4: … -}{5:} envelope', () => {
    expect(r.format).toBe('mt940');
    expect(r.statements).toHaveLength(2);
    expect(p1.account).toEqual({ iban: 'ES9121000418450200051332', currency: 'EUR' });
    expect([p1.statementId, p2.statementId]).toEqual(['1/1', '1/2']);
    // 1000.00 + 250.00 − 75.50 + 20.00 (RD) − 5.00 (RC) − 6.00 = 1183.50; then + 36.50 = 1220.00
    expect(amounts(p1)).toEqual([25000, -7550, 2000, -500, -600]);
    expect(p1.closingBalance).toEqual({ amount: { minor: 118350, currency: 'EUR' }, date: '2025-01-02' });
    expect(p2.openingBalance?.amount.minor).toBe(118350);
    expect(p2.closingBalance?.amount.minor).toBe(122000);
    expect([p1.balanceChecked, p2.balanceChecked]).toEqual([true, true]);
    expect(p1.availableBalance?.amount.minor).toBe(118350);
    expect(p1.forwardAvailableBalances).toEqual([{ amount: { minor: 118350, currency: 'EUR' }, date: '2025-01-03' }]);
    expect(r.diagnostics).toEqual([]);
  });

  it('resolves the entry date across the year end in both directions', () => {
    expect([lineAt(p1, 0).valueDate, lineAt(p1, 0).bookingDate]).toEqual(['2024-12-31', '2025-01-02']);
    expect([lineAt(p1, 1).valueDate, lineAt(p1, 1).bookingDate]).toEqual(['2025-01-02', '2024-12-31']);
  });

  it('signs reversals: RD positive, RC negative, flagged; DR is a debit with funds code R', () => {
    expect([lineAt(p1, 2).amount.minor, lineAt(p1, 2).reversal]).toEqual([2000, true]);
    expect([lineAt(p1, 3).amount.minor, lineAt(p1, 3).reversal]).toEqual([-500, true]);
    expect([lineAt(p1, 4).amount.minor, lineAt(p1, 4).reversal]).toEqual([-600, false]);
    expect(lineAt(p1, 4).description).toBe('comision transferencia Comision');
  });

  it('reads German ?xx subfields and slash keys into counterparty and references', () => {
    const gvc = lineAt(p1, 0);
    expect(gvc.description).toBe('SEPA-GUTSCHRIFT RECHNUNG 2024-77 DANKE');
    expect(gvc.counterparty).toEqual({ name: 'MUELLER UND SOEHNE GMBH', bic: 'CAIXESBBXXX', iban: 'ES7921000813610123456789' });
    expect(gvc.references).toEqual({ bankReference: 'BNK0001', other: ['INV-2024-77'], endToEndId: 'E2E-REF-0001' });
    expect([gvc.bankId, gvc.bankCode, gvc.bankSubCode]).toEqual(['BNK0001', 'NTRF', '166']);
    const slash = lineAt(p1, 1);
    expect(slash.description).toBe('CUOTA ENERO');
    expect(slash.counterparty).toEqual({ iban: 'ES7921000813610123456789', name: 'GIMNASIO CENTRO SL' }); // NAME wrapped at 65 columns
    expect(slash.references).toEqual({ bankReference: 'BNK0002', mandateId: 'MANDATE-9' }); // EREF NOTPROVIDED is no reference
    expect(lineAt(p2, 0).description).toBe('Pago recibido cliente 42');
  });
});

describe('MT940: currencies, separators, encodings and broken input (own fixtures)', () => {
  it('JPY with 0 decimals and KWD with 3, separated by - and $, after bank header lines', () => {
    const r = parseFixture('mt940/own_jpy_kwd_separators.sta');
    const [jpy, kwd] = [statementAt(r, 0), statementAt(r, 1)];
    expect(jpy.account).toEqual({ number: '0012345678', currency: 'JPY' });
    expect(jpy.openingBalance?.amount).toEqual({ minor: 150000, currency: 'JPY' });
    expect(amounts(jpy)).toEqual([-12500, 3000]);
    expect(jpy.closingBalance?.amount.minor).toBe(140500);
    expect(lineAt(jpy, 0).references.creditorReference).toBe('RF18539007547034');
    expect(lineAt(jpy, 0).counterparty.name).toBe('TANAKA SHOJI');
    expect(kwd.account).toEqual({ iban: 'KW81CBKU0000000000001234560101', currency: 'KWD' });
    expect(amounts(kwd)).toEqual([-12345, 5]); // 1000.000 − 12.345 + 0.005 = 987.660
    expect(kwd.closingBalance?.amount).toEqual({ minor: 987660, currency: 'KWD' });
    expect(lineAt(kwd, 0).references).toMatchObject({ endToEndId: 'INV-88', creditorReference: 'RF18539007547034' });
    expect(r.statements.map((s) => s.balanceChecked)).toEqual([true, true]);
    expect(r.diagnostics).toEqual([]);
  });

  it('cp852 Hungarian text decodes right only when cp852 is chosen; :25: BIC/account/currency', () => {
    const chosen = parseFixture('mt940/own_cp852_hungarian.sta', { encoding: 'cp852' });
    const s = statementAt(chosen, 0);
    expect(chosen.encoding).toBe('cp852');
    expect(s.account).toEqual({ bic: 'UBRTHUHB', number: '12345678-12345678-12345678', currency: 'HUF' });
    expect(lineAt(s, 0).description).toBe('Átutalás Kovács Ödön részére - számla 2025/17 (ő ű)');
    expect(amounts(s)).toEqual([-2500000]);
    expect(s.balanceChecked).toBe(true);
    const guessed = parseFixture('mt940/own_cp852_hungarian.sta');
    expect(guessed.encoding).toBe('windows-1252');
    expect(codes(guessed.diagnostics)).toContain('encoding_fallback');
  });

  it('clamps 30 February, strips control characters, skips an unreadable :61: and keeps its :86: apart', () => {
    const r = parseFixture('mt940/own_quirks_invalid_date_control_chars.sta');
    const s = statementAt(r, 0);
    expect(s.statementId).toBe('5/1');
    expect(s.lines).toHaveLength(1);
    expect([lineAt(s, 0).valueDate, lineAt(s, 0).description]).toEqual(['2016-02-29', 'Clamped date line']);
    expect(s.information).toBe('details of garbage Statement info text');
    expect(s.balanceChecked).toBe(true);
    expect(r.diagnostics.map((d) => [d.level, d.code, d.line])).toEqual([
      ['warning', 'control_chars', 6],
      ['warning', 'invalid_date', 5],
      ['error', 'invalid_line', 7],
    ]);
  });

  it('messages without separators split at :20:; repeated bank references are told apart', () => {
    const r = parseStatementFile(
      text([
        ':20:A', ':25:111', ':28C:1', ':60F:C250101EUR0,00', ':61:250101C1,00NTRFNONREF//DUP', ':61:250101C2,00NTRFNONREF//DUP', ':62F:C250101EUR3,00',
        ':20:B', ':25:222', ':28C:2', ':60F:C250102EUR3,00', ':62F:C250102EUR3,00',
      ]),
    );
    expect(r.statements.map((s) => s.account.number)).toEqual(['111', '222']);
    expect(statementAt(r, 0).lines.map((l) => l.bankId)).toEqual(['DUP|2025-01-01|100', 'DUP|2025-01-01|200']);
    expect(codes(r.diagnostics)).toEqual(['duplicate_bank_id']);
  });
});

describe('MT942: interim report with matching totals (own fixture)', () => {
  it('marks lines provisional and checks :90D:/:90C: against them', () => {
    const r = parseFixture('mt942/own_mt942_blocks_totals.sta');
    const s = statementAt(r, 0);
    expect(r.format).toBe('mt942');
    expect(s.account).toEqual({ iban: 'NL91ABNA0417164300', currency: 'EUR' });
    expect(amounts(s)).toEqual([150000, -20000, -5050]);
    expect(s.lines.every((l) => l.provisional)).toBe(true);
    expect(s.controlTotals).toEqual({ debitCount: 2, debitSum: 25050, creditCount: 1, creditSum: 150000 });
    expect(s.balanceChecked).toBe(true);
    expect(s.periodTo).toBe('2025-06-01');
    expect(lineAt(s, 0).counterparty.name).toBe('CLIENTE UNO');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('MT940 field parsers', () => {
  it(':61: layouts: entry date present, absent or blank; funds codes; reversals; split line', () => {
    expect(parseStatementLine(['1105240524D9,N192NONREF'])).toMatchObject({ valueDateText: '110524', entryDateText: '0524', mark: 'D', amountText: '9,', typeCode: 'N192', customerReference: 'NONREF', bankReference: null });
    expect(parseStatementLine(['240312    DD212,39NMSCNONREF//'])).toMatchObject({ entryDateText: null, mark: 'D', fundsCode: 'D', amountText: '212,39' });
    expect(parseStatementLine(['250102RD20,00NRTIREF3//BNK3'])).toMatchObject({ mark: 'RD', fundsCode: null, customerReference: 'REF3', bankReference: 'BNK3' });
    expect(parseStatementLine(['250102RCD5,00NRTI'])).toMatchObject({ mark: 'RC', fundsCode: 'D', amountText: '5,00' });
    expect(parseStatementLine(['250102DR6,00NCHG', 'supplementary text'])).toMatchObject({ mark: 'D', fundsCode: 'R', supplementary: 'supplementary text' });
    expect(parseStatementLine(['250102D', '12,00NTRFNONREF'])).toMatchObject({ mark: 'D', amountText: '12,00', supplementary: '' });
    expect(parseStatementLine(['not a line'])).toBeNull();
  });

  it(':25: forms: IBAN, domestic number, currency suffix, BIC/account/currency, an IBAN ending in letters', () => {
    expect(parseAccount('ES9121000418450200051332')).toEqual({ iban: 'ES9121000418450200051332' });
    expect(parseAccount('1291.99.348EUR')).toEqual({ number: '1291.99.348', currency: 'EUR' });
    expect(parseAccount('NL91ABNA0417164300 EUR')).toEqual({ iban: 'NL91ABNA0417164300', currency: 'EUR' });
    expect(parseAccount('UBRTHUHB/12345678-12345678-12345678/HUF')).toEqual({ bic: 'UBRTHUHB', number: '12345678-12345678-12345678', currency: 'HUF' });
    // A Seychelles IBAN really ends in "USD": it is not a currency suffix.
    expect(parseAccount('SC18SSCB11010000000000001497USD')).toEqual({ iban: 'SC18SSCB11010000000000001497USD' });
    expect(parseAccount('12345678/1020304050')).toEqual({ number: '12345678/1020304050' });
  });

  it(':86: ING CNTP style, free text with a leading IBAN, and plain free text', () => {
    const ing = parseDetails(['/TRTP/SEPA OVERBOEKING/CNTP/NL91ABNA0417164300/ABNANL2A/J. JANSEN/AMSTERDAM/REMI/USTD//Factuur 2025-001/EREF/NOTPROVIDED/']);
    expect(ing).toEqual({
      description: 'SEPA OVERBOEKING Factuur 2025-001',
      counterparty: { iban: 'NL91ABNA0417164300', bic: 'ABNANL2A', name: 'J. JANSEN' },
      references: {},
    });
    const asn = parseDetails(['NL91ABNA0417164300 jansen j', '', 'Huur januari']);
    expect(asn.counterparty).toEqual({ iban: 'NL91ABNA0417164300', name: 'jansen j' });
    expect(asn.description).toBe('NL91ABNA0417164300 jansen j Huur januari');
    const polish = parseDetails(['020~00VE02~20Faktura FV/1/2025~21 zaplata~32JAN KOWALSKI~38PL61109010140000071219812874']);
    expect(polish).toEqual({
      description: 'VE02 Faktura FV/1/2025 zaplata',
      counterparty: { name: 'JAN KOWALSKI', iban: 'PL61109010140000071219812874' },
      references: {},
      bankSubCode: '020',
    });
    expect(parseDetails(['Pago a proveedor'])).toEqual({ description: 'Pago a proveedor', counterparty: {}, references: {} });
  });
});
