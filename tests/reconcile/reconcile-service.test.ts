// Reconciliation runs through the contract on a real database: proposals stored with input ids,
// auto-approvals audited with run id and engine version, re-runs that keep every decision and only
// refresh what is still open, and the status columns of the lists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../main/core/matching/index.js';
import { localCancellation } from '../../main/core/host/cancellation.js';
import { startReconcile } from '../../main/core/reconcile/run-service.js';
import { importBank, importBooks, matchKeys, openFirm, type Firm, type Row } from './support.js';

const bank: Row[] = [
  { id: 'B1', date: '2025-03-03', amount: '1210.00', description: 'TRANSFERENCIA DE DISTRIBUCIONES LOPEZ SL FRA FV-2025-0101', counterparty: 'DISTRIBUCIONES LOPEZ SL', reference: 'FV-2025-0101' },
  { id: 'B2', date: '2025-03-05', amount: '-363.00', description: 'RECIBO TELEFONICA DE ESPANA SAU' },
  { id: 'B3', date: '2025-03-10', amount: '-12.50', description: 'COMISION MANTENIMIENTO' },
  { id: 'B4', date: '2025-03-12', amount: '2420.00', description: 'TRANSF SEPA GRUPO ARIZA SA FACTURAS 0102 0103', counterparty: 'GRUPO ARIZA SA' },
  { id: 'B5', date: '2025-03-14', amount: '500.00', description: 'INGRESO TRANSFERENCIA' },
];
const books: Row[] = [
  { id: 'I1', date: '2025-02-10', amount: '1210.00', description: 'Factura FV-2025-0101', counterparty: 'Distribuciones López S.L.', taxId: 'B12345674', reference: 'FV-2025-0101', dueDate: '2025-03-12' },
  { id: 'I2', date: '2025-02-28', amount: '-363.00', description: 'Factura proveedor Telefónica', counterparty: 'Telefónica de España S.A.U.', taxId: 'A82018474', reference: 'T-99812', dueDate: '2025-03-05' },
  { id: 'I3', date: '2025-02-15', amount: '1000.00', description: 'Factura FV-2025-0102', counterparty: 'Grupo Ariza S.A.', taxId: 'A28000032', reference: 'FV-2025-0102', dueDate: '2025-03-15' },
  { id: 'I4', date: '2025-02-16', amount: '1420.00', description: 'Factura FV-2025-0103', counterparty: 'Grupo Ariza S.A.', taxId: 'A28000032', reference: 'FV-2025-0103', dueDate: '2025-03-16' },
  // Two invoices of the same amount and no name on the bank line: a true tie, for review.
  { id: 'I5', date: '2025-03-01', amount: '500.00', description: 'Factura FV-2025-0104', counterparty: 'Hermanos Ruiz S.L.', taxId: 'B87654323', reference: 'FV-2025-0104', dueDate: '2025-04-01' },
  { id: 'I6', date: '2025-03-02', amount: '500.00', description: 'Factura FV-2025-0105', counterparty: 'Construcciones Vega S.L.', taxId: 'B11111111', reference: 'FV-2025-0105', dueDate: '2025-04-02' },
];

let firm: Firm;
beforeEach(async () => {
  firm = await openFirm();
  await importBank(firm, bank);
  await importBooks(firm, books);
});
afterEach(() => firm.close());

describe('a reconciliation run', () => {
  it('stores the proposals with the ids of the input files, and audits each auto-approval with the run and engine version', async () => {
    const run = await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    expect(run.status).toBe('done');
    expect(run.resumed).toBe(false);
    expect(run.counts).toMatchObject({ bankLines: 5, bookItems: 6, autoApproved: 3, unmatchedBank: 1 });
    expect(await matchKeys(firm)).toEqual([
      'auto_approved:B1>I1',
      'auto_approved:B2>I2',
      'auto_approved:B4>I3+I4',
      expect.stringMatching(/^pending_review:B5>I[56]$/),
    ]);
    const pending = (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'review' })).rows[0]!;
    const detail = await firm.admin.ok('matches.get', { id: pending.id });
    expect(detail.reasons.map((r) => r.code)).toContain('tie');
    expect(detail.alternatives.map((a) => a.books.map((b) => b.externalId))).toEqual([[expect.stringMatching(/^I[56]$/)]]);
    const unmatched = await firm.admin.ok('matches.unmatched', { companyId: firm.companyId });
    expect(unmatched.rows.map((u) => [u.bankId, u.suggestedTreatment])).toEqual([['B3', 'bank_charge']]);

    const audit = await firm.admin.ok('audit.list', { companyId: firm.companyId, limit: 500 });
    const auto = audit.filter((e) => e.action === 'match.auto_approve');
    expect(auto).toHaveLength(3);
    for (const e of auto) expect(e.details).toMatchObject({ runId: run.id, engineVersion: ENGINE_VERSION });
    expect(audit.some((e) => e.action === 'reconcile.run' && e.entityId === String(run.id))).toBe(true);
    expect((await firm.admin.ok('audit.verify', {})).ok).toBe(true);
  });

  it('reports progress with the caller\'s task id and fills the status columns of the lists', async () => {
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId, taskId: 'month-run' });
    const progress = firm.core.events.filter((e) => e.event === 'task.progress').map((e) => e.payload as { taskId: string; kind: string; stage: string }).filter((p) => p.kind === 'reconcile');
    expect(progress.every((p) => p.taskId === 'month-run')).toBe(true);
    expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(['prepare', 'candidates', 'assign', 'done']));
    const lines = await firm.admin.ok('bankLines.list', { accountId: firm.accountId, sort: 'date', direction: 'asc' });
    expect(lines.rows.map((l) => [l.bankId, l.status])).toEqual([['B1', 'matched'], ['B2', 'matched'], ['B3', 'unmatched'], ['B4', 'matched'], ['B5', 'pending']]);
    expect((await firm.admin.ok('bankLines.list', { accountId: firm.accountId, status: 'pending' })).rows.map((l) => l.bankId)).toEqual(['B5']);
    const items = await firm.admin.ok('bookItems.list', { companyId: firm.companyId, status: 'matched', sort: 'date', direction: 'asc' });
    expect(items.rows.map((i) => i.externalId).sort()).toEqual(['I1', 'I2', 'I3', 'I4']);
    // A settled item shows nothing left open.
    expect(items.rows.every((i) => i.openAmountMinor === 0)).toBe(true);
    const counts = await firm.admin.ok('matches.counts', { companyId: firm.companyId });
    expect(counts).toMatchObject({ byStatus: { pending_review: 1, auto_approved: 3 }, bankLines: { matched: 3, pending: 1, unmatched: 1 }, openBookItems: 2 });
  });

  it('keeps every decision on a re-run and only refreshes what is still open', async () => {
    const first = await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    const auto = (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'auto_approved' })).rows;
    const telefonica = auto.find((m) => m.bank[0]!.bankId === 'B2')!;
    await firm.admin.ok('matches.reject', { id: telefonica.id });

    const second = await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    expect(second.counts).toMatchObject({ bankLines: 3, refreshed: 1 });
    const keys = await matchKeys(firm);
    expect(keys.filter((k) => k.startsWith('auto_approved'))).toEqual(['auto_approved:B1>I1', 'auto_approved:B4>I3+I4']);
    expect(keys).toContain('rejected:B2>I2');
    // The rejected pair comes back for review at most, never auto-approved, and never twice.
    const b2 = keys.filter((k) => k.includes(':B2>'));
    expect(b2.filter((k) => k.startsWith('auto_approved'))).toEqual([]);
    expect(keys.filter((k) => k.startsWith('pending_review:B5>'))).toHaveLength(1);
    // The first run's auto-approvals are untouched (same ids).
    const autoAfter = (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'auto_approved' })).rows.map((m) => m.id).sort();
    expect(autoAfter).toEqual(auto.filter((m) => m.id !== telefonica.id).map((m) => m.id).sort());
    expect(first.id).not.toBe(second.id);

    // New lines arrive: the next run proposes for them and leaves the rest alone.
    await importBank(firm, [{ id: 'B6', date: '2025-03-20', amount: '500.00', description: 'TRANSFERENCIA CONSTRUCCIONES VEGA FV-2025-0105', counterparty: 'CONSTRUCCIONES VEGA SL' }], 1_335_000);
    const third = await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    expect(third.counts?.bankLines).toBe(4);
    const after = await matchKeys(firm);
    expect(after).toContain('auto_approved:B6>I6');
    expect(after).toContain('pending_review:B5>I5');
    expect(after.filter((k) => k.includes(':B5>'))).toHaveLength(1);
  });

  it('takes the company\'s settings and the run\'s overrides', async () => {
    await firm.admin.ok('matchingSettings.set', { companyId: firm.companyId, threshold: 0.999, tolerancePercent: 1, feeToleranceMinor: 500, dateWindowBefore: 5, dateWindowAfter: 60 });
    const strict = await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    expect(strict.parameters).toMatchObject({ threshold: 0.999, tolerancePercent: 1, dateWindowDays: { before: 5, after: 60 } });
    const loose = await firm.admin.ok('reconcile.start', { companyId: firm.companyId, threshold: 0.5, dateWindowDays: 30 });
    expect(loose.parameters).toMatchObject({ threshold: 0.5, dateWindowDays: { before: 30, after: 30 } });
    expect(await firm.admin.err('matchingSettings.set', { companyId: firm.companyId, threshold: 1.5, tolerancePercent: 1, feeToleranceMinor: 0, dateWindowBefore: 1, dateWindowAfter: 1 })).toMatchObject({ code: 'invalid_input' });
  });

  it('cancels a run on request and leaves the proposals of the last finished run as they were', async () => {
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    const before = await matchKeys(firm);
    // The caller cancels while the run is scoring candidates (as tasks.cancel does from another window).
    const cancellation = localCancellation();
    const deps = {
      ...firm.core.deps,
      cancellation,
      emit: ((event: string, payload: { stage?: string }) => {
        if (event === 'task.progress' && payload.stage === 'candidates') cancellation.cancel('to-cancel');
      }) as typeof firm.core.deps.emit,
    };
    const input = { companyId: firm.companyId, accountIds: null, threshold: null, tolerancePercent: null, dateWindowDays: null, taskId: 'to-cancel', actor: { userId: 1, username: 'ana' } };
    await expect(startReconcile(deps, input, { chunk: 1 })).rejects.toMatchObject({ code: 'cancelled' });
    expect(await matchKeys(firm)).toEqual(before);
    const runs = await firm.admin.ok('reconcile.runs', { companyId: firm.companyId });
    expect(runs.map((r) => r.status)).toEqual(['cancelled', 'done']);
  });

  it('refuses a reviewer and an unknown company', async () => {
    const { addUser } = await import('../core/support.js');
    const reviewer = await addUser(firm.core, firm.admin, 'rita', 'reviewer');
    expect(await reviewer.err('reconcile.start', { companyId: firm.companyId })).toMatchObject({ code: 'forbidden' });
    expect(await firm.admin.err('reconcile.start', { companyId: 999 })).toMatchObject({ code: 'not_found' });
  });
});

describe('the review queue at scale', () => {
  it('pages pending proposals by value and by confidence from their indexes, without sorting them all', async () => {
    const db = firm.core.deps.db;
    const { matchWhere } = await import('../../main/core/reconcile/matches-repo.js');
    const { sql } = matchWhere({ companyId: firm.companyId, accountId: null, filter: 'review', band: null });
    for (const [order, index] of [['abs(m.bank_total_minor) DESC, m.id', 'matches_pending_value'], ['m.confidence DESC, m.id', 'matches_pending_confidence']] as const) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT m.id FROM matches m WHERE ${sql} ORDER BY ${order} LIMIT 200`).all({ companyId: firm.companyId }) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan).toContain(index);
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});
