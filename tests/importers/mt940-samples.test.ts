import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toMinor } from '../../main/core/importers/money.js';
import { amounts, codes, lineAt, parseFixture, statementAt, sum } from './support.js';
import { readWolphGolden } from './wolph-yaml.js';

describe('MT940: ABN AMRO against the upstream golden output (wolph_jejik_abnamro.yml)', () => {
  const result = parseFixture('mt940/wolph_jejik_abnamro.sta');
  const golden = readWolphGolden(readFileSync(fileURLToPath(new URL('../fixtures/mt940/wolph_jejik_abnamro.yml', import.meta.url)), 'utf8'));
  const ours = result.statements.flatMap((s) => s.lines);

  it('has the two statements (final, then intermediate page) and the golden balances', () => {
    expect(result.format).toBe('mt940');
    expect(result.statements).toHaveLength(2);
    const [first, second] = [statementAt(result, 0), statementAt(result, 1)];
    expect(first.account.number).toBe(golden.accountIdentification);
    expect([first.statementId, second.statementId]).toEqual(['19321/1', '19322/1']);
    const pairs: Array<[ReturnType<typeof statementAt>['openingBalance'], string]> = [
      [first.openingBalance, 'final_opening_balance'],
      [first.closingBalance, 'final_closing_balance'],
      [second.openingBalance, 'intermediate_opening_balance'],
      [second.closingBalance, 'intermediate_closing_balance'],
    ];
    for (const [balance, key] of pairs) {
      const g = golden.balances[key];
      expect(g, key).toBeDefined();
      expect(balance?.amount, key).toEqual({ minor: toMinor(g?.amount ?? '', 'EUR') * (g?.status === 'D' ? -1 : 1), currency: g?.currency });
      expect(balance?.date, key).toBe(g?.date);
    }
  });

  it('matches every golden transaction field by field', () => {
    expect(golden.transactions).toHaveLength(10);
    expect(ours).toHaveLength(golden.transactions.length);
    golden.transactions.forEach((g, i) => {
      const l = ours[i];
      const at = `transaction ${i + 1}`;
      expect(l?.amount, at).toEqual({ minor: toMinor(g.amount, g.currency), currency: g.currency });
      expect(l?.valueDate, at).toBe(g.date);
      expect(l?.bookingDate, at).toBe(g.entryDate ?? g.date);
      expect(l?.bankCode ?? null, at).toBe(g.id);
      expect(l?.reversal, at).toBe(g.status.startsWith('R'));
      expect((l?.amount.minor ?? 0) < 0, at).toBe(g.status === 'D' || g.status === 'RC');
      expect(l?.references.other?.[0] ?? 'NONREF', at).toBe(g.customerReference ?? 'NONREF');
      expect(l?.bankId ?? null, at).toBe(g.bankReference);
      expect(l?.rawText, at).toBe(g.details);
    });
  });

  it('re-joins the multi-line :86: into one description', () => {
    expect(lineAt(statementAt(result, 0), 0).description).toBe(
      'GIRO 428428 KPN - DIGITENNE BETALINGSKENM. 000000042188659 5314606715 BETREFT FACTUUR D.D. 20-05-2011 INCL. 1,44 BTW',
    );
  });

  it('checks both pages: the sample does not add up, and the warnings give the figures', () => {
    expect(sum(statementAt(result, 0))).toBe(-32144);
    expect(sum(statementAt(result, 1))).toBe(-2449);
    expect(result.statements.map((s) => s.balanceChecked)).toEqual([false, false]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'Statement 1 (account 517852257): opening balance 3236.28 + movements -321.44 = 2914.84 EUR, but the closing balance is 876.84 (difference -2038.00).',
      'Statement 2 (account 517852257): opening balance 2876.84 + movements -24.49 = 2852.35 EUR, but the closing balance is 1849.75 (difference -1002.60).',
    ]);
  });
});

describe('MT940: other real samples', () => {
  it('Citi: :28: old tag, 4 spaces for the entry date, DD/CD funds codes, zero lines, indented :86:, :64:', () => {
    const r = parseFixture('mt940/wolph_citi.txt');
    const s = statementAt(r, 0);
    expect(s.account).toEqual({ number: '123456789', currency: 'USD' });
    expect(s.statementId).toBe('1/1');
    expect(amounts(s)).toEqual([-21239, -36928, 0, 0, -56108]);
    expect(s.openingBalance?.amount.minor).toBe(1737667);
    expect(s.closingBalance?.amount.minor).toBe(1623392); // 17376.67 − 1142.75
    expect(s.availableBalance).toEqual({ amount: { minor: 1623392, currency: 'USD' }, date: '2024-03-12' });
    expect(s.balanceChecked).toBe(true);
    expect(s.lines.every((l) => l.bookingDate === '2024-03-12' && l.valueDate === '2024-03-12')).toBe(true);
    expect(lineAt(s, 0).description).toBe('/ABC/DEF/MISCELLANEOUS /PT/FT/PY/SOMETHING FOO BAR 112233 123456789');
    expect(lineAt(s, 2).description).toBe('/ABC/DEF/C 37897,00 BAI CD 025');
    expect(r.diagnostics).toEqual([]);
  });

  it('ASN Bank: 31 SWIFT-block statements chain from 444.29 to 501.23, spaces for the entry date', () => {
    const r = parseFixture('mt940/wolph_asnb_spaces_entry_date.txt');
    expect(r.statements).toHaveLength(31);
    expect(r.statements.every((s) => s.balanceChecked === true)).toBe(true);
    for (let i = 1; i < r.statements.length; i++) {
      expect(statementAt(r, i).openingBalance?.amount.minor).toBe(statementAt(r, i - 1).closingBalance?.amount.minor);
    }
    const all = r.statements.flatMap((s) => s.lines);
    expect(all.map((l) => l.amount.minor)).toEqual([-6500, 100000, -80155, -165, 82872, -100000, 100018, -90376]);
    expect(statementAt(r, 0).openingBalance?.amount.minor).toBe(44429);
    expect(statementAt(r, 30).closingBalance?.amount.minor).toBe(50123); // 444.29 + 56.94
    const spaced = lineAt(statementAt(r, 30), 1);
    expect([spaced.bookingDate, spaced.valueDate, spaced.amount.minor]).toEqual(['2020-01-31', '2020-01-31', -90376]);
    // The :86: wraps at 65 columns in the middle of "ICS" and of "Solutions".
    expect(lineAt(statementAt(r, 4), 1).description).toContain('Betaling aan ICS 99999999999');
    expect(lineAt(statementAt(r, 28), 0).description).toContain('Transfer Solutions BV-DIVIDEND 28/01/2020');
    expect(r.diagnostics).toEqual([]);
  });

  it('ING: UTF-8 text, tabs inside :86:, statement-level :86: after :62F: kept apart', () => {
    const r = parseFixture('mt940/wolph_jejik_ing_utf8.sta');
    const s = statementAt(r, 0);
    expect(r.encoding).toBe('utf-8');
    expect(s.account.number).toBe('0001234567');
    expect(amounts(s)).toEqual([-2503, -303, -111, -2000, -110, 368, 100]);
    expect(lineAt(s, 1).description).toBe('0111111111 GPSEOUL SPOEDBETALING MPBZS1016000047 GPSEOUL');
    expect(lineAt(s, 2).references.other).toEqual(['TMG TANGO']);
    expect(lineAt(s, 6).description).toBe('0111111111 Hr S Marechal ROSMALEN Hr S Marechal ROSMALEN Betaling transactiedatum: 22-07-2010');
    expect(s.information).toBe('D000004C000002D25,24C28,71');
    expect(codes(r.diagnostics)).toEqual(['balance_mismatch']); // 0.00 − 45.59 ≠ 3.47 in the sample
  });

  it('Rabobank (old format): EUR suffix on :25:, counter-account and name embedded in :61:, several :86:', () => {
    const r = parseFixture('mt940/wolph_jejik_rabobank.sta');
    expect(r.statements).toHaveLength(4);
    const first = statementAt(r, 0);
    expect(first.account).toEqual({ number: '1291.99.348', currency: 'EUR' });
    const jansen = lineAt(first, 0);
    expect(jansen.amount.minor).toBe(-121328);
    expect(jansen.counterparty).toEqual({ account: '0121470966', name: 'W.P. Jansen' });
    expect(jansen.description).toBe('W.P. Jansen Terugboeking NIET AKKOORD MET AFSCHRIJVING KOSTEN KINDEROPVANG JUNI 20095731');
    expect(amounts(statementAt(r, 2))).toEqual([-4495, -23656]);
    const last = statementAt(r, 3);
    expect(last.account.number).toBe('1526.89.184');
    expect(amounts(last)).toEqual([-8810, -620]);
    expect(lineAt(last, 0).counterparty).toEqual({ account: 'P000029225', name: 'KPN - MOBIEL' });
    expect(r.statements.map((s) => s.balanceChecked)).toEqual([false, true, false, true]);
    expect(codes(r.diagnostics)).toEqual(['balance_mismatch', 'balance_mismatch']);
  });

  it('malformed German ?xx details: raw text kept, subfields read best-effort', () => {
    const r = parseFixture('mt940/wolph_malformed_details.sta');
    const l = lineAt(statementAt(r, 0), 0);
    expect(l.amount.minor).toBe(-23315);
    expect(l.bankSubCode).toBe('105');
    expect(l.description.startsWith('Basislastschrift STEUERNR 123/123/12345')).toBe(true);
    expect(l.counterparty).toMatchObject({ name: 'Finanzamt Muenchen Abteilung Erhebung', bic: 'BYLADEMM' });
    expect(l.references).toMatchObject({ endToEndId: '123/123/12345-----L1101234567890123', mandateId: 'BYA12345678901' });
    expect(l.rawText?.split('\n')).toHaveLength(9);
    expect(l.rawText).toContain('?62ABWA+Finanzamt Sentinel?');
    expect(codes(r.diagnostics)).toEqual(['balance_mismatch']);
  });
});

describe('MT942: self-provided sample', () => {
  it('is an interim report: provisional lines, :13D: date, :90D: control totals checked', () => {
    const r = parseFixture('mt942/wolph_selfprovided_mt942.sta');
    const s = statementAt(r, 0);
    expect(r.format).toBe('mt942');
    expect(s.account).toEqual({ number: 'GJB0291077111', currency: 'EUR' });
    expect(s.statementId).toBe('03917/00001');
    expect(s.openingBalance).toBeNull();
    expect(s.closingBalance).toBeNull();
    expect(s.periodTo).toBe('2016-10-30');
    const l = lineAt(s, 0);
    expect([l.amount.minor, l.valueDate, l.bookingDate, l.provisional, l.bankId]).toEqual([-42, '2016-10-30', '2016-10-31', true, '055001022000001']);
    expect(l.description).toBe('YAY MT942 CHG REMIT:Costs to MT940 Parsing. This is Somuchfun.');
    // The sample declares 1 debit of 2.30 for a line of 0.42.
    expect(s.controlTotals).toEqual({ debitCount: 1, debitSum: 230, creditCount: 0, creditSum: 0 });
    expect(s.balanceChecked).toBe(false);
    expect(codes(r.diagnostics)).toEqual(['control_totals_mismatch']);
  });
});
