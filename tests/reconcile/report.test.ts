// The reconciliation report: statement balance from the statements, ledger balance of the account,
// outstanding items on each side, and the proof that they explain the difference.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBank, importBooks, openFirm, type Firm } from './support.js';

let firm: Firm;
beforeEach(async () => {
  firm = await openFirm();
  // Opening 10,000.00; four movements; the statement closes at 11,834.50 on 2025-03-12.
  await importBank(firm, [
    { id: 'B1', date: '2025-03-03', amount: '1210.00', description: 'TRANSFERENCIA DISTRIBUCIONES LOPEZ FV-2025-0101', counterparty: 'DISTRIBUCIONES LOPEZ SL' },
    { id: 'B2', date: '2025-03-05', amount: '-363.00', description: 'RECIBO TELEFONICA DE ESPANA SAU', counterparty: 'TELEFONICA DE ESPANA SAU' },
    { id: 'B3', date: '2025-03-10', amount: '-12.50', description: 'COMISION MANTENIMIENTO' },
    { id: 'B4', date: '2025-03-12', amount: '1000.00', description: 'TRANSF GRUPO ARIZA SA FV-2025-0102', counterparty: 'GRUPO ARIZA SA' },
  ]);
  // The ledger of the bank account (libro de bancos): the opening, three of the movements, and a cheque not yet cashed.
  await importBooks(firm, [
    { id: 'L0', date: '2025-02-28', amount: '10000.00', description: 'Saldo inicial' },
    { id: 'L1', date: '2025-03-03', amount: '1210.00', description: 'Cobro FV-2025-0101', counterparty: 'Distribuciones López S.L.', reference: 'FV-2025-0101' },
    { id: 'L2', date: '2025-03-05', amount: '-363.00', description: 'Pago Telefónica', counterparty: 'Telefónica de España S.A.U.' },
    { id: 'L3', date: '2025-03-12', amount: '1000.00', description: 'Cobro FV-2025-0102', counterparty: 'Grupo Ariza S.A.', reference: 'FV-2025-0102' },
    { id: 'L4', date: '2025-03-14', amount: '-450.00', description: 'Cheque 0012 a Papelería Sol', counterparty: 'Papelería Sol' },
  ], true);
});
afterEach(() => firm.close());

describe('the reconciliation report', () => {
  it('before matching, lists every line and entry as outstanding and still proves the balance', async () => {
    const report = await firm.admin.ok('reports.reconciliation', { accountId: firm.accountId, to: '2025-03-31' });
    expect(report.statementBalanceMinor).toBe(1_183_450);
    expect(report.booksBalanceMinor).toBe(1_139_700);
    expect(report.outstandingBank.map((r) => r.externalId)).toEqual(['B1', 'B2', 'B3', 'B4']);
    // The opening entry has no bank line; it stays outstanding on the books side.
    expect(report.outstandingBooks.map((r) => r.externalId)).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
    expect(report.unexplainedMinor).toBe(1_183_450 - 1_139_700 - report.outstandingBankTotalMinor + report.outstandingBooksTotalMinor);
  });

  it('after matching, leaves the fee and the uncashed cheque outstanding and nothing unexplained', async () => {
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    for (const m of (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'review' })).rows) await firm.admin.ok('matches.approve', { id: m.id });
    const report = await firm.admin.ok('reports.reconciliation', { accountId: firm.accountId, to: '2025-03-31' });
    expect(report.outstandingBank.map((r) => [r.externalId, r.amountMinor, r.ageDays])).toEqual([['B3', -1250, 21]]);
    expect(report.outstandingBooks.map((r) => [r.externalId, r.amountMinor, r.ageDays])).toEqual([['L0', 1_000_000, 31], ['L4', -45_000, 17]]);
    // statement 11,834.50 − books 11,397.00 − (−12.50) + (10,000.00 − 450.00) = 10,000.00: the opening entry, which no bank line explains.
    expect(report.unexplainedMinor).toBe(1_000_000);
    // At the statement's date the cheque is not yet written and the balance is the closing one.
    const early = await firm.admin.ok('reports.reconciliation', { accountId: firm.accountId, to: '2025-03-12' });
    expect(early.statementBalanceMinor).toBe(1_183_450);
    expect(early.outstandingBooks.map((r) => r.externalId)).toEqual(['L0']);
  });

  it('takes the balance inside a statement period from the opening balance', async () => {
    const report = await firm.admin.ok('reports.reconciliation', { accountId: firm.accountId, to: '2025-03-06' });
    expect(report.statementBalanceMinor).toBe(1_000_000 + 121_000 - 36_300);
    expect(report.statementBalanceDate).toBe('2025-03-03');
    expect(report.outstandingBank.map((r) => r.externalId)).toEqual(['B1', 'B2']);
  });

  it('exports the report as CSV with its totals', async () => {
    const file = await firm.admin.ok('reports.export', { accountId: firm.accountId, to: '2025-03-31', format: 'csv', language: 'es' });
    expect(file.mimeType).toMatch(/text\/csv/);
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    expect(text).toContain('11834.50');
    expect(text).toContain('COMISION MANTENIMIENTO');
  });
});
