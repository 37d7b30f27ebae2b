// People's decisions through the contract: approve (teaches an alias the next run uses), reject
// (a rejected pair), choose an alternative, manual n:m matches with a difference treatment, undo
// of each, the spot-checked band, and period locks. Every decision is audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../core/support.js';
import { importBank, importBooks, matchKeys, openFirm, type Firm, type Row } from './support.js';

let firm: Firm;
beforeEach(async () => {
  firm = await openFirm();
});
afterEach(() => firm.close());

const pendingOf = async (bankId: string) => {
  const rows = (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'review', limit: 1000 })).rows;
  const m = rows.find((r) => r.bank.some((b) => b.bankId === bankId));
  if (!m) throw new Error(`no pending proposal for ${bankId}`);
  return m;
};
const lineId = async (bankId: string): Promise<number> =>
  (await firm.admin.ok('bankLines.list', { accountId: firm.accountId, limit: 1000 })).rows.find((l) => l.bankId === bankId)!.id;
const itemId = async (externalId: string): Promise<number> =>
  (await firm.admin.ok('bookItems.list', { companyId: firm.companyId, limit: 1000 })).rows.find((i) => i.externalId === externalId)!.id;
const auditActions = async (): Promise<string[]> => (await firm.admin.ok('audit.list', { companyId: firm.companyId, limit: 500 })).map((e) => e.action);

describe('approving and learning', () => {
  // The bank writes an abbreviation the books never use; only an approval can teach it.
  const books: Row[] = [
    { id: 'F1', date: '2025-01-10', amount: '845.20', description: 'Factura', counterparty: 'Suministros Industriales del Norte S.A.', taxId: 'A48123457', dueDate: '2025-02-10' },
    { id: 'F2', date: '2025-02-10', amount: '912.75', description: 'Factura', counterparty: 'Suministros Industriales del Norte S.A.', taxId: 'A48123457', dueDate: '2025-03-10' },
    { id: 'F3', date: '2025-02-11', amount: '912.75', description: 'Factura', counterparty: 'Talleres Mecánicos Ruiz S.L.', taxId: 'B48765432', dueDate: '2025-03-11' },
  ];

  it('teaches the bank text on approval, uses it next run, and forgets it on undo', async () => {
    await importBooks(firm, books);
    await importBank(firm, [{ id: 'L1', date: '2025-02-08', amount: '845.20', description: 'TRANSF SIDN GRP 0045' }]);
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    const first = await pendingOf('L1');
    expect(first.books.map((b) => b.externalId)).toEqual(['F1']);
    const approved = await firm.admin.ok('matches.approve', { id: first.id });
    expect(approved.status).toBe('approved');
    expect(approved.decisions.map((d) => [d.action, d.username])).toEqual([['approve', 'ana']]);
    const learned = await firm.admin.ok('learning.list', { companyId: firm.companyId });
    expect(learned.aliases).toEqual([expect.objectContaining({ source: 'approval', counterpartyName: 'Suministros Industriales del Norte S.A.', taxId: 'A48123457', createdBy: 'ana' })]);

    // Next month the same text pays the second invoice; two items share the amount, the alias tells them apart.
    await importBank(firm, [{ id: 'L2', date: '2025-03-08', amount: '912.75', description: 'TRANSF SIDN GRP 0046' }], 1_084_520);
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    const second = (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'all', limit: 100 })).rows.find((m) => m.bank[0]!.bankId === 'L2')!;
    expect(second.books.map((b) => b.externalId)).toEqual(['F2']);
    expect(second.reasons.map((r) => r.code)).toContain('alias_match');

    // Undo the first approval: the line reopens and the alias goes.
    const undone = await firm.admin.ok('matches.undo', { id: first.id });
    expect(undone.status).toBe('pending_review');
    expect((await firm.admin.ok('learning.list', { companyId: firm.companyId })).aliases).toEqual([]);
    expect((await firm.admin.ok('bankLines.list', { accountId: firm.accountId, status: 'pending' })).rows.map((l) => l.bankId)).toContain('L1');
    expect(await auditActions()).toEqual(expect.arrayContaining(['match.approve', 'alias.learn', 'match.undo']));
  });

  it('lets a person delete what was learned and add a rule by hand', async () => {
    await importBooks(firm, books);
    const rule = await firm.admin.ok('learning.addRule', { companyId: firm.companyId, bankText: 'SIDN GRP', counterpartyName: 'Suministros Industriales del Norte S.A.' });
    expect(rule).toMatchObject({ source: 'rule', bankText: expect.stringMatching(/^sidn grp$/i) });
    expect(await firm.admin.err('learning.addRule', { companyId: firm.companyId, bankText: 'SIDN', counterpartyName: null, taxId: null })).toMatchObject({ code: 'invalid_input' });
    await importBank(firm, [{ id: 'L2', date: '2025-03-08', amount: '912.75', description: 'TRANSF SIDN GRP 0046' }]);
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    expect(await matchKeys(firm)).toEqual([expect.stringMatching(/^(auto_approved|pending_review):L2>F2$/)]);
    await firm.admin.ok('learning.deleteAlias', { id: rule.id });
    expect((await firm.admin.ok('learning.list', { companyId: firm.companyId })).aliases).toEqual([]);
    // Without the rule the two 912.75 invoices tie again.
    await firm.admin.ok('matches.undo', { id: (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'all' })).rows[0]!.id }).catch(() => undefined);
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    const again = (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'all' })).rows;
    expect(again.filter((m) => m.status === 'auto_approved' && m.bank[0]!.bankId === 'L2')).toEqual([]);
  });
});

describe('rejecting, alternatives and undo', () => {
  beforeEach(async () => {
    await importBooks(firm, [
      { id: 'A', date: '2025-03-01', amount: '500.00', description: 'Factura FV-1', counterparty: 'Hermanos Ruiz S.L.', dueDate: '2025-04-01' },
      { id: 'B', date: '2025-03-02', amount: '500.00', description: 'Factura FV-2', counterparty: 'Construcciones Vega S.L.', dueDate: '2025-04-02' },
    ]);
    await importBank(firm, [{ id: 'T', date: '2025-03-14', amount: '500.00', description: 'INGRESO TRANSFERENCIA' }]);
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
  });

  it('rejects a proposal, remembers the pair, and undo brings it back', async () => {
    const m = await pendingOf('T');
    const rejected = await firm.admin.ok('matches.reject', { id: m.id });
    expect(rejected.status).toBe('rejected');
    const learned = await firm.admin.ok('learning.list', { companyId: firm.companyId });
    expect(learned.rejectedPairs.map((p) => [p.bankLine.bankId, p.bookItemId])).toEqual([['T', m.books[0]!.id]]);
    expect(await firm.admin.err('matches.approve', { id: m.id })).toMatchObject({ code: 'conflict' });
    const back = await firm.admin.ok('matches.undo', { id: m.id });
    expect(back.status).toBe('pending_review');
    expect((await firm.admin.ok('learning.list', { companyId: firm.companyId })).rejectedPairs).toEqual([]);
    expect(await firm.admin.err('matches.undo', { id: m.id })).toMatchObject({ code: 'conflict' });
  });

  it('chooses an alternative instead of the proposal, and undo restores the proposal', async () => {
    const m = await pendingOf('T');
    const detail = await firm.admin.ok('matches.get', { id: m.id });
    expect(detail.alternatives).toHaveLength(1);
    const other = detail.alternatives[0]!.books[0]!.externalId;
    const chosen = await firm.admin.ok('matches.chooseAlternative', { id: m.id, index: 0 });
    expect(chosen).toMatchObject({ status: 'approved' });
    expect(chosen.books.map((b) => b.externalId)).toEqual([other]);
    expect((await firm.admin.ok('matches.get', { id: m.id })).status).toBe('superseded');
    expect(await firm.admin.err('matches.chooseAlternative', { id: m.id, index: 5 })).toMatchObject({ code: 'conflict' });
    const restored = await firm.admin.ok('matches.undo', { id: chosen.id });
    expect(restored).toMatchObject({ id: m.id, status: 'pending_review' });
    expect((await firm.admin.ok('matches.get', { id: chosen.id })).status).toBe('superseded');
    expect(await matchKeys(firm, 'review')).toHaveLength(1);
  });
});

describe('manual matches', () => {
  beforeEach(async () => {
    await importBooks(firm, [
      { id: 'P1', date: '2025-03-01', amount: '1000.00', description: 'Factura 101', counterparty: 'Grupo Ariza S.A.', dueDate: '2025-03-31' },
      { id: 'P2', date: '2025-03-02', amount: '250.00', description: 'Factura 102', counterparty: 'Grupo Ariza S.A.', dueDate: '2025-04-01' },
      { id: 'P3', date: '2025-03-03', amount: '-80.00', description: 'Proveedor', counterparty: 'Papelería Sol', dueDate: '2025-04-02' },
    ]);
    await importBank(firm, [
      { id: 'M1', date: '2025-03-20', amount: '1235.00', description: 'ABONO VARIOS' },
      { id: 'M2', date: '2025-03-21', amount: '100.00', description: 'ABONO PARCIAL' },
    ]);
  });

  it('builds a one-to-many match with a fee difference, and undo reopens its items', async () => {
    const [m1, p1, p2] = [await lineId('M1'), await itemId('P1'), await itemId('P2')];
    const noTreatment = await firm.admin.err('matches.createManual', { companyId: firm.companyId, bankLineIds: [m1], allocations: [{ bookItemId: p1, amountMinor: 100_000 }, { bookItemId: p2, amountMinor: 25_000 }] });
    expect(noTreatment.code).toBe('invalid_input');
    expect(noTreatment.message).toMatch(/difference of -15\.00 EUR/);
    const match = await firm.admin.ok('matches.createManual', {
      companyId: firm.companyId, bankLineIds: [m1], allocations: [{ bookItemId: p1, amountMinor: 100_000 }, { bookItemId: p2, amountMinor: 25_000 }],
      differenceTreatment: 'fee', rule: { bankText: 'ABONO VARIOS', counterpartyName: 'Grupo Ariza S.A.' },
    });
    expect(match).toMatchObject({ kind: 'manual', status: 'approved', differenceMinor: -1500, differenceTreatment: 'fee', confidence: 1 });
    expect(match.books.map((b) => [b.externalId, b.allocatedMinor])).toEqual([['P1', 100_000], ['P2', 25_000]]);
    expect((await firm.admin.ok('learning.list', { companyId: firm.companyId })).aliases.map((a) => a.source)).toEqual(['rule']);
    expect((await firm.admin.ok('bookItems.list', { companyId: firm.companyId, status: 'matched' })).rows.map((i) => i.externalId).sort()).toEqual(['P1', 'P2']);
    // The same line cannot be reconciled twice.
    expect(await firm.admin.err('matches.createManual', { companyId: firm.companyId, bankLineIds: [m1], allocations: [], differenceTreatment: 'write_off', writeOffAccount: '629' })).toMatchObject({ code: 'conflict' });
    await firm.admin.ok('matches.undo', { id: match.id });
    expect((await firm.admin.ok('matches.get', { id: match.id })).status).toBe('superseded');
    expect((await firm.admin.ok('bookItems.list', { companyId: firm.companyId, status: 'matched' })).rows).toEqual([]);
    expect(await auditActions()).toEqual(expect.arrayContaining(['match.manual', 'rule.create', 'match.undo']));
  });

  it('allocates part of an invoice, leaves the rest open, and refuses more than is open or the wrong sign', async () => {
    const [m2, p1, p3] = [await lineId('M2'), await itemId('P1'), await itemId('P3')];
    await firm.admin.ok('matches.createManual', { companyId: firm.companyId, bankLineIds: [m2], allocations: [{ bookItemId: p1, amountMinor: 10_000 }] });
    const p1Row = (await firm.admin.ok('bookItems.list', { companyId: firm.companyId })).rows.find((i) => i.externalId === 'P1')!;
    expect(p1Row.openAmountMinor).toBe(90_000);
    const m1 = await lineId('M1');
    expect(await firm.admin.err('matches.createManual', { companyId: firm.companyId, bankLineIds: [m1], allocations: [{ bookItemId: p1, amountMinor: 95_000 }], differenceTreatment: 'write_off', writeOffAccount: '629' }))
      .toMatchObject({ code: 'conflict', message: expect.stringMatching(/only 900\.00 EUR open/) });
    expect(await firm.admin.err('matches.createManual', { companyId: firm.companyId, bankLineIds: [m1], allocations: [{ bookItemId: p3, amountMinor: 8000 }], differenceTreatment: 'write_off', writeOffAccount: '629' }))
      .toMatchObject({ code: 'invalid_input' });
    expect(await firm.admin.err('matches.createManual', { companyId: firm.companyId, bankLineIds: [m1], allocations: [{ bookItemId: p1, amountMinor: 90_000 }], differenceTreatment: 'write_off' }))
      .toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/account/) });
  });
});

describe('spot-checked bands and period locks', () => {
  beforeEach(async () => {
    await importBooks(firm, [
      { id: 'A', date: '2025-03-01', amount: '500.00', description: 'Factura FV-1', counterparty: 'Hermanos Ruiz S.L.', dueDate: '2025-04-01' },
      { id: 'B', date: '2025-03-02', amount: '500.00', description: 'Factura FV-2', counterparty: 'Construcciones Vega S.L.', dueDate: '2025-04-02' },
    ]);
    await importBank(firm, [{ id: 'T', date: '2025-03-14', amount: '500.00', description: 'INGRESO TRANSFERENCIA' }]);
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
  });

  it('approves a band only with a sample token shown to the same person', async () => {
    const band = (await pendingOf('T')).band;
    const other = await addUser(firm.core, firm.admin, 'rita', 'reviewer');
    const sample = await firm.admin.ok('matches.bandSample', { companyId: firm.companyId, band, size: 5 });
    expect(sample.total).toBe(1);
    expect(sample.sample).toHaveLength(1);
    expect(await other.err('matches.approveBand', { token: sample.token })).toMatchObject({ code: 'conflict' });
    expect(await firm.admin.err('matches.approveBand', { token: 'made-up' })).toMatchObject({ code: 'conflict' });
    expect(await firm.admin.ok('matches.approveBand', { token: sample.token })).toEqual({ approved: 1, skipped: 0 });
    expect(await firm.admin.err('matches.approveBand', { token: sample.token })).toMatchObject({ code: 'conflict' });
    expect(await matchKeys(firm, 'approved')).toHaveLength(1);
  });

  it('refuses decisions inside a locked period until an admin unlocks it; both audited', async () => {
    const m = await pendingOf('T');
    const preparer = await addUser(firm.core, firm.admin, 'pepe', 'preparer');
    expect(await preparer.err('periodLocks.lock', { accountId: firm.accountId, through: '2025-03-31' })).toMatchObject({ code: 'forbidden' });
    await firm.admin.ok('periodLocks.lock', { accountId: firm.accountId, through: '2025-03-31' });
    const refused = await firm.admin.err('matches.approve', { id: m.id });
    expect(refused).toMatchObject({ code: 'period_locked', message: expect.stringMatching(/locked through 2025-03-31/) });
    expect(await firm.admin.err('matches.reject', { id: m.id })).toMatchObject({ code: 'period_locked' });
    expect((await firm.admin.ok('periodLocks.list', { companyId: firm.companyId })).map((l) => l.lockedThrough)).toEqual(['2025-03-31']);
    expect((await firm.admin.ok('reports.reconciliation', { accountId: firm.accountId, to: '2025-03-31' })).lockedThrough).toBe('2025-03-31');
    // A lock that ends before the line does not stand in the way.
    await firm.admin.ok('periodLocks.lock', { accountId: firm.accountId, through: '2025-03-13' });
    await firm.admin.ok('matches.approve', { id: m.id });
    await firm.admin.ok('periodLocks.lock', { accountId: firm.accountId, through: '2025-03-31' });
    expect(await firm.admin.err('matches.undo', { id: m.id })).toMatchObject({ code: 'period_locked' });
    await firm.admin.ok('periodLocks.unlock', { accountId: firm.accountId });
    await firm.admin.ok('matches.undo', { id: m.id });
    expect(await auditActions()).toEqual(expect.arrayContaining(['period.lock', 'period.unlock']));
  });
});
