// A books import that fails half-way leaves nothing behind: not its batch, not the items it
// added, not the open amounts it updated, not a saved profile, not an audit entry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../main/core/audit/audit-log.js';
import { commit, companyWithAccount, openImportTest } from '../imports/support/harness.js';
import { OPEN_ITEMS, booksCounts, canonicalCsv, storedItems, type CanonicalRow } from './support.js';

let t: ReturnType<typeof openImportTest>;
beforeEach(() => {
  t = openImportTest();
});
afterEach(() => t.close());

const many = (n: number): CanonicalRow[] =>
  Array.from({ length: n }, (_, i) => ({ id: `N${i}`, date: '2025-03-10', amount: `${i + 1}.00`, description: `Factura ${i}`, counterparty: 'Cliente SL', dueDate: '2025-04-10' }));

describe('a books import that fails half-way', () => {
  it('rolls back new items, updated open amounts, the saved profile and the audit entries', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    await commit(t.cli, companyId, 'first.csv', canonicalCsv(OPEN_ITEMS));
    const before = booksCounts(t.core.deps.db);
    const itemsBefore = storedItems(t.core.deps.db, companyId);
    // I1 is updated first, then the 51st new item cannot be written.
    const file = canonicalCsv([{ ...OPEN_ITEMS[0]!, balance: '10.00' }, ...many(80)]);
    t.core.deps.db.exec(`CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON ledger_items
      WHEN (SELECT count(*) FROM ledger_items) >= 55 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const envelope = await t.cli.raw('imports.commit', { companyId, fileName: 'second.csv', contentBase64: file.toString('base64'), saveProfileAs: 'Canónico' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(booksCounts(t.core.deps.db)).toEqual(before);
    expect(storedItems(t.core.deps.db, companyId)).toEqual(itemsBefore);
    expect(verifyAuditLog(t.core.deps.db).ok).toBe(true);

    t.core.deps.db.exec('DROP TRIGGER temp.fail_midway');
    const result = await commit(t.cli, companyId, 'second.csv', file, { saveProfileAs: 'Canónico' });
    expect(result).toMatchObject({ added: 80, books: { updated: 1, new: 80 }, savedProfileId: expect.any(Number) });
  });

  it('refused for a reason writes nothing either', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const before = booksCounts(t.core.deps.db);
    const noRfc = await t.cli.raw('imports.commit', {
      companyId,
      fileName: 'f.xml',
      contentBase64: Buffer.from('<?xml version="1.0"?><cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0"/>').toString('base64'),
    });
    expect(noRfc.ok).toBe(false);
    expect(booksCounts(t.core.deps.db)).toEqual(before);
  });
});
