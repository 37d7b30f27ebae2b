// The semantic pass inside a persisted run: part payments named only by text become proposals for
// review, approved lines go into the sqlite-vec index and name counterparties for later lines of
// similar text, and "find similar" shows past lines with how they were matched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBank, importBooks, openFirm, type Firm } from './support.js';

let firm: Firm;
beforeEach(async () => {
  firm = await openFirm();
});
afterEach(() => firm.close());

const all = async () => (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'all', limit: 1000 })).rows;

describe('semantic matching in a run', () => {
  it('learns counterparties from approvals through the vector index, and finds similar past lines', async () => {
    await importBooks(firm, [
      { id: 'F1', date: '2025-01-10', amount: '845.20', description: 'Factura', counterparty: 'Suministros Industriales del Norte S.A.', taxId: 'A48123457' },
      { id: 'F2', date: '2025-02-10', amount: '912.75', description: 'Factura', counterparty: 'Suministros Industriales del Norte S.A.', taxId: 'A48123457' },
      { id: 'F3', date: '2025-02-11', amount: '733.10', description: 'Factura', counterparty: 'Talleres Mecánicos Ruiz S.L.', taxId: 'B48765432' },
    ]);
    await importBank(firm, [{ id: 'L1', date: '2025-01-20', amount: '845.20', description: 'TRANSF SIDN GRP NORTE 0045' }]);
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    const l1 = (await all()).find((m) => m.bank[0]!.bankId === 'L1')!;
    expect(l1.books.map((b) => b.externalId)).toEqual(['F1']);
    if (l1.status !== 'auto_approved') await firm.admin.ok('matches.approve', { id: l1.id });
    // Forget the alias the approval taught: only the vector index remembers the line now.
    for (const a of (await firm.admin.ok('learning.list', { companyId: firm.companyId })).aliases) await firm.admin.ok('learning.deleteAlias', { id: a.id });

    // A part payment of the second invoice, in the same words the bank used before.
    await importBank(firm, [{ id: 'L2', date: '2025-02-25', amount: '500.00', description: 'TRANSF SIDN GRP NORTE 0046' }], 1_084_520);
    // Without the semantic pass nothing connects the new line to the books…
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId, semantic: false });
    expect((await all()).filter((m) => m.bank[0]!.bankId === 'L2')).toEqual([]);
    // …with it, the approved line of similar text names the counterparty, for review.
    await firm.admin.ok('reconcile.start', { companyId: firm.companyId });
    const l2 = (await all()).find((m) => m.bank[0]!.bankId === 'L2')!;
    expect(l2).toMatchObject({ kind: 'semantic', status: 'pending_review' });
    expect(l2.books.map((b) => [b.externalId, b.allocatedMinor])).toEqual([['F2', 50_000]]);
    expect(l2.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['semantic_counterparty']));

    const similar = await firm.admin.ok('matches.similar', { companyId: firm.companyId, text: 'TRANSF SIDN GRP NORTE 0099' });
    expect(similar[0]).toMatchObject({ bankLine: { bankId: 'L1' }, match: { id: l1.id, books: [{ externalId: 'F1' }] } });
    expect(similar[0]!.similarity).toBeGreaterThan(0.7);
    const byLine = await firm.admin.ok('matches.similar', { companyId: firm.companyId, bankLineId: l1.bank[0]!.id });
    expect(byLine.every((s) => s.bankLine.bankId !== 'L1')).toBe(true);
    expect(await firm.admin.err('matches.similar', { companyId: firm.companyId })).toMatchObject({ code: 'invalid_input' });
  });
});
