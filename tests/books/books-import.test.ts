// Books files through imports.preview / imports.commit on a real SQLite file: the canonical CSV
// with English and Spanish headers, the side decided from the columns, deduplication by
// document identity, updated exports, ledger entries against open items.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../main/core/audit/audit-log.js';
import { commit, companyWithAccount, openImportTest, preview } from '../imports/support/harness.js';
import { OPEN_ITEMS, auditActions, canonicalCsv, storedItems } from './support.js';

let t: ReturnType<typeof openImportTest>;
beforeEach(() => {
  t = openImportTest();
});
afterEach(() => t.close());

describe('the canonical books CSV', () => {
  it.each(['en', 'es'] as const)('imports open items with %s headers, signed and with their due dates and tax ids', async (headers) => {
    const { companyId } = await companyWithAccount(t.cli);
    const result = await commit(t.cli, companyId, `books-${headers}.csv`, canonicalCsv(OPEN_ITEMS, headers), { side: 'books' });
    expect(result).toMatchObject({
      side: 'books',
      format: 'csv',
      alreadyImported: false,
      added: 5,
      skippedDuplicates: 0,
      books: { items: 5, new: 5, updated: 0, unchanged: 0, invoices: 5, ledgerEntries: 0, currencies: ['EUR'], periodFrom: '2025-02-10', periodTo: '2025-03-01' },
    });
    expect(result.message).toMatch(/5 items added, 0 updated/);
    const items = storedItems(t.core.deps.db, companyId);
    expect(items.map((i) => [i.externalId, i.kind, i.amount, i.open, i.dueDate, i.taxId, i.accountId])).toEqual([
      ['I1', 'invoice', 121000, 121000, '2025-03-12', 'B12345674', null],
      ['I3', 'invoice', 100000, 100000, '2025-03-15', 'A28000032', null],
      ['I4', 'invoice', 142000, 142000, '2025-03-16', 'A28000032', null],
      ['I2', 'invoice', -36300, -36300, '2025-03-05', 'A82018474', null],
      ['I5', 'invoice', 50000, 50000, '2025-04-01', 'B87654323', null],
    ]);
    expect(items.every((i) => i.identity === `id:${i.externalId}` && i.batchId === result.batchId)).toBe(true);
    const batch = (await t.cli.ok('imports.list', { companyId }))[0];
    expect(batch).toMatchObject({ side: 'books', lineCount: 5, added: 5, skippedDuplicates: 0, accountId: null });
    expect(auditActions(t.core.deps.db).at(-1)).toBe('import.commit');
  });

  it('is read as books when no side is given, and the preview says why', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const shown = await preview(t.cli, companyId, 'books.csv', canonicalCsv(OPEN_ITEMS));
    expect(shown).toMatchObject({ side: 'books', format: 'csv', statements: [], books: { items: 5, new: 5 }, layout: { needsMapping: false, profileId: null } });
    expect(shown.layout?.columns.map((c) => c.role)).toContain('dueDate');
    expect(shown.diagnostics).toContainEqual(expect.objectContaining({ level: 'info', code: 'side_decided', message: expect.stringMatching(/books file/) }));
    expect(storedItems(t.core.deps.db, companyId)).toHaveLength(0);
    const result = await commit(t.cli, companyId, 'books.csv', canonicalCsv(OPEN_ITEMS));
    expect(result).toMatchObject({ side: 'books', added: 5 });
  });

  it('is read as a bank export when the caller says so', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const asBank = await preview(t.cli, companyId, 'books.csv', canonicalCsv(OPEN_ITEMS), { side: 'bank', accountId });
    expect(asBank.side).toBe('bank');
    expect(asBank.books).toBeNull();
  });
});

describe('re-importing books', () => {
  it('is a no-op for the same bytes, naming the earlier batch', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const file = canonicalCsv(OPEN_ITEMS);
    const first = await commit(t.cli, companyId, 'books.csv', file);
    const again = await commit(t.cli, companyId, 'copy.csv', file);
    expect(again).toMatchObject({ alreadyImported: true, batchId: first.batchId, side: 'books', added: 0 });
    expect(again.message).toMatch(/already imported on \d{4}-\d{2}-\d{2} as batch \d+; nothing was changed/);
    const shown = await preview(t.cli, companyId, 'copy.csv', file);
    expect(shown.alreadyImported).toMatchObject({ batchId: first.batchId });
    expect(storedItems(t.core.deps.db, companyId)).toHaveLength(5);
  });

  it('updates open amounts and due dates of an updated export instead of duplicating, and deletes nothing', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const first = await commit(t.cli, companyId, 'march.csv', canonicalCsv(OPEN_ITEMS));
    // A week later: I1 is partly paid (balance = open amount), I3's due date moved, I4 and I2
    // are gone from the export (paid), I6 is new, I5 is as it was.
    const later = [
      { ...OPEN_ITEMS[0]!, balance: '610.00' },
      { ...OPEN_ITEMS[2]!, dueDate: '2025-04-15' },
      OPEN_ITEMS[4]!,
      { id: 'I6', date: '2025-03-08', amount: '99.99', description: 'Factura FV-2025-0105', counterparty: 'Nuevo Cliente SL', taxId: 'B11111111', dueDate: '2025-04-08' },
    ];
    const shown = await preview(t.cli, companyId, 'march-2.csv', canonicalCsv(later));
    expect(shown.books).toMatchObject({ items: 4, new: 1, updated: 2, unchanged: 1 });
    expect(shown.lines).toEqual({ total: 4, new: 1, duplicates: 3, possibleDuplicates: 0 });
    const second = await commit(t.cli, companyId, 'march-2.csv', canonicalCsv(later));
    expect(second).toMatchObject({ added: 1, skippedDuplicates: 3, books: { new: 1, updated: 2, unchanged: 1 } });
    expect(second.message).toMatch(/1 items added, 2 updated \(open amount or due date\), 1 unchanged/);

    const byId = new Map(storedItems(t.core.deps.db, companyId).map((i) => [i.externalId, i]));
    expect([...byId.keys()].sort()).toEqual(['I1', 'I2', 'I3', 'I4', 'I5', 'I6']);
    expect(byId.get('I1')).toMatchObject({ amount: 121000, open: 61000, batchId: first.batchId, updatedBatchId: second.batchId });
    expect(byId.get('I3')).toMatchObject({ open: 100000, dueDate: '2025-04-15', updatedBatchId: second.batchId });
    expect(byId.get('I5')).toMatchObject({ open: 50000, updatedBatchId: null });
    expect(byId.get('I4')).toMatchObject({ open: 142000, updatedBatchId: null });
    const updates = t.core.deps.db
      .prepare("SELECT entity_id AS id, details FROM audit_log WHERE action = 'ledger_item.update' ORDER BY id")
      .all() as Array<{ id: string; details: string }>;
    expect(updates).toHaveLength(2);
    expect(JSON.parse(updates[0]!.details)).toMatchObject({ identity: 'id:I1', openAmountMinor: { before: 121000, after: 61000 } });
    expect(verifyAuditLog(t.core.deps.db).ok).toBe(true);
  });

  it('tells items apart by document number, counterparty and date when the file has no ids', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const erp = (pending2: string): Buffer =>
      Buffer.from(
        'Factura;Fecha;Vencimiento;Cliente;NIF;Importe;Pendiente\n' +
          'FV-1;10/02/2025;12/03/2025;Distribuciones López SL;B12345674;1.210,00;1.210,00\n' +
          `FV-2;15/02/2025;15/03/2025;Grupo Ariza SA;A28000032;1.000,00;${pending2}\n` +
          'FV-3;16/02/2025;16/03/2025;Grupo Ariza SA;A28000032;1.420,00;1.420,00\n',
        'utf8',
      );
    const first = await commit(t.cli, companyId, 'erp.csv', erp('1.000,00'));
    expect(first.books).toMatchObject({ new: 3 });
    const items = storedItems(t.core.deps.db, companyId);
    expect(items.map((i) => [i.documentNumber, i.currency, i.identity])).toEqual([
      ['FV-1', 'EUR', 'doc:invoice|fv 1|B12345674|2025-02-10'],
      ['FV-2', 'EUR', 'doc:invoice|fv 2|A28000032|2025-02-15'],
      ['FV-3', 'EUR', 'doc:invoice|fv 3|A28000032|2025-02-16'],
    ]);
    const second = await commit(t.cli, companyId, 'erp-2.csv', erp('400,00'));
    expect(second.books).toMatchObject({ new: 0, updated: 1, unchanged: 2 });
    expect(storedItems(t.core.deps.db, companyId).map((i) => i.open)).toEqual([121000, 40000, 142000]);
  });
});

describe('ledger entries and open items', () => {
  it('are ledger entries of the bank account when an account is given, open items otherwise', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const ledger = await commit(t.cli, companyId, 'libro-bancos.csv', canonicalCsv(OPEN_ITEMS), { side: 'books', accountId });
    expect(ledger.books).toMatchObject({ items: 5, ledgerEntries: 5, invoices: 0 });
    const open = await commit(t.cli, companyId, 'abiertas.csv', canonicalCsv(OPEN_ITEMS, 'es'), { side: 'books' });
    expect(open.books).toMatchObject({ items: 5, new: 5, ledgerEntries: 0, invoices: 5 });
    const items = storedItems(t.core.deps.db, companyId);
    expect(items.filter((i) => i.kind === 'ledger_entry').map((i) => [i.accountId, i.identity])).toEqual(
      ['I1', 'I3', 'I4', 'I2', 'I5'].map((id) => [accountId, `acct:${accountId}/id:${id}`]),
    );
    expect(items.filter((i) => i.kind === 'invoice').every((i) => i.accountId === null)).toBe(true);
    const batches = await t.cli.ok('imports.list', { companyId });
    expect(batches.map((b) => b.accountId)).toEqual([null, accountId]);
  });

  it('needs the bank account for a ledger profile', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const mapping = {
      name: 'Libro de bancos', side: 'books' as const, ledger: true, dateOrder: 'ymd' as const, decimalSeparator: '.' as const, signConvention: 'signed' as const,
      columns: [{ header: 'id', role: 'id' as const }, { header: 'date', role: 'date' as const }, { header: 'amount', role: 'amount' as const }, { header: 'description', role: 'description' as const }],
    };
    const shown = await preview(t.cli, companyId, 'libro.csv', canonicalCsv(OPEN_ITEMS), { mapping });
    expect(shown.diagnostics).toContainEqual(expect.objectContaining({ code: 'books_not_importable', message: expect.stringMatching(/choose the bank account/) }));
    const refused = await t.cli.raw('imports.commit', { companyId, fileName: 'libro.csv', contentBase64: canonicalCsv(OPEN_ITEMS).toString('base64'), mapping });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/choose the bank account/) } });
    expect(storedItems(t.core.deps.db, companyId)).toHaveLength(0);
  });
});
