/**
 * CAMT quirks from FORMATS.md that no upstream sample covers, on fixtures written for Cuadra
 * from the published ISO 20022 layouts (tests/fixtures/camt05x/own_*). Figures hand-checked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../main/core/importers/camt/index.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import type { Statement } from '../../main/core/importers/types.js';

const path = (name: string): URL => new URL(`../fixtures/${name}`, import.meta.url);
const parse = (name: string): ReturnType<typeof parseCamt> => parseCamt(readFileSync(path(name), 'utf8'), { encoding: 'utf-8' });
const first = (statements: Statement[]): Statement => {
  const s = statements[0];
  if (!s) throw new Error('no statement');
  return s;
};

describe('camt.053.001.08 with namespace prefixes, batch, reversal, pending, zero amount', () => {
  const result = parse('camt053/own_v08_prefixed_batch_reversal.xml');
  const statement = first(result.statements);
  const lines = statement.lines;

  it('reads prefixed elements, the account, and the balances by type code', () => {
    expect(result.format).toBe('camt053');
    expect(statement.account).toEqual({ iban: 'ES9121000418450200051332', currency: 'EUR', ownerName: 'Cuadra Test SL', bic: 'CAIXESBBXXX' });
    expect(statement.openingBalance).toEqual({ amount: { minor: 100000, currency: 'EUR' }, date: '2024-03-01' });
    // CLBD given as DtTm with nanoseconds and an offset: its own calendar date.
    expect(statement.closingBalance).toEqual({ amount: { minor: 131550, currency: 'EUR' }, date: '2024-03-31' });
    expect(statement.availableBalance).toEqual({ amount: { minor: 130000, currency: 'EUR' }, date: '2024-03-31' });
    expect(statement.forwardAvailableBalances).toEqual([{ amount: { minor: 125000, currency: 'EUR' }, date: '2024-04-02' }]);
    expect(statement.periodFrom).toBe('2024-03-01');
    expect(statement.periodTo).toBe('2024-03-31');
    expect(result.diagnostics.map((d) => d.code)).toContain('camt_balance_other_currency');
  });

  it('splits the 3-detail batch (250 + 200 + 150 = 600) into three lines with their own parties', () => {
    expect(lines).toHaveLength(7);
    const batch = lines.slice(0, 3);
    expect(batch.map((l) => l.amount.minor)).toEqual([25000, 20000, 15000]);
    expect(batch.map((l) => l.bankId)).toEqual(['BATCH-0001-A', 'BATCH-0001/2', 'BATCH-0001/3']);
    expect(new Set(batch.map((l) => l.splitFrom)).size).toBe(1);
    expect(batch[0]?.counterparty).toEqual({ name: 'Cliente Uno SA', iban: 'ES7620770024003102575766', bic: 'BBVAESMMXXX' });
    expect(batch[0]?.references.creditorReference).toBe('RF18539007547034');
    expect(batch[0]?.references.endToEndId).toBe('E2E-A');
    expect(batch[1]?.references.endToEndId).toBeUndefined();
    // Ustrd wrapped at 35 characters in the middle of a word is re-joined without a space.
    expect(batch[1]?.description).toBe('Zahlung Rechnungen 2024-001 bis 2024-009 danke / Ultimate: Grupo Dos Holding / Abono remesa transferencias');
    expect(batch[2]?.description).toBe('Transferencia SEPA / Abono remesa transferencias');
    expect(batch[2]?.counterparty.name).toBe('Cliente Tres');
  });

  it('keeps the reversal sign from CdtDbtInd, flags it, and names the original creditor', () => {
    const rev = lines[3];
    expect(rev?.amount.minor).toBe(4550);
    expect(rev?.reversal).toBe(true);
    expect(rev?.counterparty).toEqual({ name: 'Gimnasio Fit SL', iban: 'ES6000491500051234567892' });
    expect(rev?.references.mandateId).toBe('MANDATE-77');
    expect(rev?.description).toBe('Return: MD06');
    // 23:30 at -05:00 on the 10th stays the 10th (UTC would say the 11th).
    expect(rev?.bookingDate).toBe('2024-03-10');
    expect(rev?.valueDate).toBe('2024-03-11');
  });

  it('reads a debit with tax id, instructed amount in USD and UETR', () => {
    const pay = lines[4];
    expect(pay?.amount).toEqual({ minor: -33000, currency: 'EUR' });
    expect(pay?.originalAmount).toEqual({ minor: -35712, currency: 'USD' });
    expect(pay?.counterparty).toEqual({ name: 'Proveedor Papel SA', iban: 'ES9801826035410201234567', bic: 'BBVAESMMXXX', taxId: 'B12345678' });
    expect(pay?.references.other).toContain('1b4d8a5e-6f3c-4e2a-9a0b-5c7d8e9f0a1b');
    expect(pay?.valueDate).toBe('2024-03-15');
  });

  it('marks the pending entry provisional and unbooked, dated by its value date', () => {
    const pending = lines[5];
    expect(pending?.provisional).toBe(true);
    expect(pending?.booked).toBe(false);
    expect(pending?.bookingDate).toBe('2024-04-01');
    expect(result.diagnostics.map((d) => d.code)).toContain('camt_booking_date_missing');
  });

  it('keeps the zero-amount entry', () => {
    expect(lines[6]?.amount.minor).toBe(0);
    expect(lines[6]?.description).toBe('Aviso sin importe');
  });

  it('declares control totals per entry and balances on booked entries: 1000 + 600 + 45.50 − 330 + 0 = 1315.50', () => {
    expect(statement.controlTotals).toEqual({ creditCount: 3, creditSum: 64550, debitCount: 2, debitSum: 42999 });
    expect(result.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
    expect(statement.balanceChecked).toBe(true);
  });
});

describe('batches that must not be split', () => {
  const result = parse('camt053/own_v02_batch_mismatch.xml');
  const statement = first(result.statements);

  it('keeps an entry whose details add up to 90.00 instead of 100.00, with a warning', () => {
    expect(statement.lines).toHaveLength(2);
    expect(statement.lines[0]?.amount.minor).toBe(10000);
    expect(statement.lines[0]?.bankId).toBe('SAMMLER-1');
    expect(statement.lines[0]?.description).toBe('Rechnung 1 / Rechnung 2 / Kunde A / Kunde B');
    expect(statement.lines[0]?.counterparty).toEqual({});
    const warning = result.diagnostics.find((d) => d.code === 'camt_batch_sum_mismatch');
    expect(warning?.level).toBe('warning');
    expect(warning?.message).toContain('90.00 EUR');
  });

  it('keeps an entry whose details only carry foreign instructed amounts', () => {
    expect(statement.lines[1]?.amount.minor).toBe(5000);
    expect(result.diagnostics.find((d) => d.code === 'camt_batch_not_split')?.level).toBe('info');
  });

  it('uses PRCD as the opening balance and handles debit balances: −200 + 100 + 50 = −50', () => {
    expect(statement.openingBalance?.amount.minor).toBe(-20000);
    expect(statement.closingBalance?.amount.minor).toBe(-5000);
    expect(statement.balanceChecked).toBe(true);
  });
});

describe('several documents in one file', () => {
  it('reads two prologs and a third root without prolog as three statements', () => {
    const result = parse('camt053/own_concatenated_documents.xml');
    expect(result.statements.map((s) => s.statementId)).toEqual(['CONCAT-1-A', 'CONCAT-2-A', 'CONCAT-3-A']);
    expect(result.statements.map((s) => s.lines.map((l) => l.amount.minor))).toEqual([[525], [-2025], [100]]);
    expect(result.statements.map((s) => s.balanceChecked)).toEqual([true, true, null]);
    expect(result.statements[2]?.account).toEqual({ number: '0049-1500-05-1234567892', currency: 'EUR' });
    expect(result.statements[2]?.lines[0]?.sourceLine).toBe(33);
    expect(result.diagnostics.map((d) => d.code)).toContain('camt_several_documents');
  });
});

describe('0- and 3-decimal currencies, version .13, two Stmt in one message', () => {
  const result = parse('camt053/own_v13_jpy_kwd_two_statements.xml');
  it('reads JPY without decimals and KWD with three, rounding 0.5005 KWD with a warning', () => {
    expect(result.statements).toHaveLength(2);
    const [jpy, kwd] = result.statements;
    expect(jpy?.lines.map((l) => l.amount)).toEqual([{ minor: -1500, currency: 'JPY' }, { minor: -1, currency: 'JPY' }]);
    expect(jpy?.closingBalance?.amount.minor).toBe(198499);
    expect(jpy?.balanceChecked).toBe(true);
    expect(kwd?.lines.map((l) => l.amount.minor)).toEqual([12345, 501]);
    expect(kwd?.balanceChecked).toBe(true);
    const rounded = result.diagnostics.filter((d) => d.code === 'amount_rounded');
    expect(rounded).toHaveLength(1);
    expect(rounded[0]?.message).toContain('0.5005');
  });
});

describe('camt.052.001.08 intraday report', () => {
  const result = parse('camt052/own_v08_intraday_pending.xml');
  const statement = first(result.statements);
  it('makes every line provisional, marks PDNG and INFO (Sts/Cd, Sts/Prtry) unbooked', () => {
    expect(result.format).toBe('camt052');
    expect(statement.lines.map((l) => [l.amount.minor, l.provisional, l.booked ?? true])).toEqual([
      [10000, true, true],
      [-5000, true, false],
      [1000, true, false],
    ]);
  });
  it('uses OPBD as opening and ITBD as closing, checked on booked entries only: 500 + 100 = 600', () => {
    expect(statement.openingBalance?.amount.minor).toBe(50000);
    expect(statement.closingBalance).toEqual({ amount: { minor: 60000, currency: 'EUR' }, date: '2024-08-14' });
    expect(statement.availableBalance?.amount.minor).toBe(54000);
    expect(statement.balanceChecked).toBe(true);
  });
});

describe('camt.054.001.08 with a UETR as the only reference', () => {
  it('uses the UETR as bank id and keeps a non-IBAN counterparty account', () => {
    const result = parse('camt054/own_v08_uetr_only.xml');
    const line = first(result.statements).lines[0];
    expect(line?.bankId).toBe('eb6305c9-1f7f-49de-aed0-16487c27b42d');
    expect(line?.references.endToEndId).toBeUndefined();
    expect(line?.references.creditorReference).toBe('RF71FACTURA2024117');
    expect(line?.counterparty).toEqual({ name: 'Importadora del Norte SA de CV', account: '012180001234567891' });
  });
});

describe('ISO-8859-1 CAMT through parseStatementFile', () => {
  it('decodes umlauts from the declared encoding and unescapes &amp; once', () => {
    const result = parseStatementFile(readFileSync(path('camt053/own_v02_latin1_umlauts.xml')));
    expect(result.format).toBe('camt053');
    expect(result.encoding).toBe('windows-1252');
    const statement = first(result.statements);
    expect(statement.account.ownerName).toBe('Müller & Söhne GmbH');
    expect(statement.lines[0]?.counterparty.name).toBe('Bäckerei Größner');
    expect(statement.lines[0]?.description).toBe('Brötchen & Kuchen für Büro');
    expect(statement.balanceChecked).toBe(true);
    expect(result.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  });
});

describe('shared checks through parseStatementFile', () => {
  it('count a split batch once against TxsSummry and leave pending lines out of the booked balance', () => {
    const result = parseStatementFile(readFileSync(path('camt053/own_v08_prefixed_batch_reversal.xml')));
    expect(first(result.statements).balanceChecked).toBe(true);
    expect(result.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  });
  it('check a CAMT.052 on its booked entries only', () => {
    const result = parseStatementFile(readFileSync(path('camt052/own_v08_intraday_pending.xml')));
    expect(first(result.statements).balanceChecked).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).not.toContain('balance_mismatch');
  });
  it('flag declared totals that the entries do not match', () => {
    const text = readFileSync(path('camt053/own_v08_prefixed_batch_reversal.xml'), 'utf8')
      .replace('<c:NbOfNtries>5</c:NbOfNtries>', '<c:NbOfNtries>6</c:NbOfNtries>')
      .replace('<c:Sum>645.50</c:Sum>', '<c:Sum>645.00</c:Sum>');
    expect(parseCamt(text, { encoding: 'utf-8' }).statements[0]?.balanceChecked).toBe(false);
    const result = parseStatementFile(new TextEncoder().encode(text));
    expect(first(result.statements).balanceChecked).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['control_count_mismatch', 'control_totals_mismatch']));
  });
  it('still flag a real mismatch', () => {
    const text = readFileSync(path('camt053/own_v08_prefixed_batch_reversal.xml'), 'utf8').replace('1315.50</c:Amt>', '1315.51</c:Amt>');
    const result = parseStatementFile(new TextEncoder().encode(text));
    expect(first(result.statements).balanceChecked).toBe(false);
    expect(result.diagnostics.find((d) => d.code === 'balance_mismatch')?.message).toContain('difference 0.01');
  });
});
