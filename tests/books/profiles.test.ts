// Spreadsheet layouts Cuadra is not sure of: the commit refuses until the columns are mapped; a
// mapping saved with the import (or through profiles.save) is recognised by the file's headers
// next time. Profiles are listed per company and firm-wide, replaced by name, deleted, audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TabularProfile } from '../../main/core/contract/index.js';
import { TestClient, setUpFirm } from '../core/support.js';
import { commit, companyWithAccount, openImportTest, preview } from '../imports/support/harness.js';
import { auditActions, storedItems } from './support.js';

let t: ReturnType<typeof openImportTest>;
beforeEach(() => {
  t = openImportTest();
});
afterEach(() => t.close());

/** An accounting system's export whose headers Cuadra does not know. */
const oddExport = (rows: string[] = ['A1|01/03/2025|12.50|Ana Pérez', 'A2|02/03/2025|-3.00|Luis Gil', 'A3|04/03/2025|7.25|Eva Sanz']): Buffer =>
  Buffer.from(`Apunte|Cuando|Cuanto|Quien\n${rows.join('\n')}\n`);

const mapping: TabularProfile = {
  name: 'ContaFácil',
  side: 'books',
  columns: [
    { header: 'Apunte', role: 'id' },
    { header: 'Cuando', role: 'date' },
    { header: 'Cuanto', role: 'amount' },
    { header: 'Quien', role: 'counterparty' },
  ],
  dateOrder: 'dmy',
  decimalSeparator: '.',
  signConvention: 'signed',
  ledger: false,
};

const base64 = (b: Buffer): string => b.toString('base64');

describe('a layout Cuadra is not sure of', () => {
  it('is shown for mapping and refused until the columns are mapped', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const shown = await preview(t.cli, companyId, 'odd.csv', oddExport(), { side: 'books' });
    expect(shown.layout).toMatchObject({ needsMapping: true, profileId: null });
    expect(shown.layout?.sampleRows).toContainEqual(['A1', '01/03/2025', '12.50', 'Ana Pérez']);
    const refused = await t.cli.raw('imports.commit', { companyId, fileName: 'odd.csv', contentBase64: base64(oddExport()), side: 'books' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/map the columns first/) } });
    expect(storedItems(t.core.deps.db, companyId)).toHaveLength(0);

    const mapped = await preview(t.cli, companyId, 'odd.csv', oddExport(), { mapping });
    expect(mapped).toMatchObject({ side: 'books', layout: { needsMapping: false }, books: { items: 3, new: 3 } });
    const result = await commit(t.cli, companyId, 'odd.csv', oddExport(), { mapping });
    expect(result).toMatchObject({ side: 'books', added: 3, savedProfileId: null });
    expect(storedItems(t.core.deps.db, companyId).map((i) => [i.externalId, i.date, i.amount, i.counterparty, i.currency])).toEqual([
      ['A1', '2025-03-01', 1250, 'Ana Pérez', 'EUR'],
      ['A2', '2025-03-02', -300, 'Luis Gil', 'EUR'],
      ['A3', '2025-03-04', 725, 'Eva Sanz', 'EUR'],
    ]);
  });

  it('is recognised next time by its headers once the mapping is saved with an import', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const first = await commit(t.cli, companyId, 'odd.csv', oddExport(), { mapping, saveProfileAs: 'ContaFácil export' });
    expect(first.savedProfileId).toEqual(expect.any(Number));
    const [saved] = await t.cli.ok('profiles.list', { companyId: null });
    expect(saved).toMatchObject({ id: first.savedProfileId, name: 'ContaFácil export', side: 'books', companyId: null });

    // Next month's export, columns in another order: the saved profile is applied by itself.
    const next = Buffer.from('Quien|Apunte|Cuanto|Cuando\nMar Ruiz|A4|99.90|05/04/2025\n');
    const shown = await preview(t.cli, companyId, 'odd-april.csv', next);
    expect(shown).toMatchObject({ side: 'books', layout: { profileId: first.savedProfileId, needsMapping: false }, books: { new: 1 } });
    expect(shown.diagnostics).toContainEqual(expect.objectContaining({ code: 'profile_recognised' }));
    const result = await commit(t.cli, companyId, 'odd-april.csv', next);
    expect(result).toMatchObject({ added: 1 });
    expect(storedItems(t.core.deps.db, companyId).at(-1)).toMatchObject({ externalId: 'A4', date: '2025-04-05', amount: 9990, counterparty: 'Mar Ruiz' });
    const batches = t.core.deps.db.prepare('SELECT profile FROM import_batches ORDER BY id').all() as Array<{ profile: string }>;
    expect(batches.map((b) => b.profile)).toEqual(['ContaFácil export', 'ContaFácil export']);
  });

  it('can be read with a profile chosen by id', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const saved = await t.cli.ok('profiles.save', { companyId, profile: { ...mapping, name: 'Otro nombre', columns: mapping.columns.slice(0, 3) } });
    const shown = await preview(t.cli, companyId, 'odd.csv', oddExport(), { profileId: saved.id });
    expect(shown).toMatchObject({ layout: { profileId: saved.id }, books: { items: 3 } });
    const other = await t.cli.ok('companies.create', { name: 'Otra SL', taxId: null });
    const refused = await t.cli.raw('imports.preview', { companyId: other.id, fileName: 'odd.csv', contentBase64: base64(oddExport()), profileId: saved.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('profiles.*', () => {
  it('saves per company or firm-wide, replaces by name, lists, deletes, and audits each change', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const firm = await t.cli.ok('profiles.save', { companyId: null, profile: mapping });
    const own = await t.cli.ok('profiles.save', { companyId, profile: { ...mapping, name: 'Solo Acme' } });
    expect(await t.cli.ok('profiles.list', { companyId: null })).toEqual([firm]);
    expect((await t.cli.ok('profiles.list', { companyId })).map((p) => p.name)).toEqual(['ContaFácil', 'Solo Acme']);

    const replaced = await t.cli.ok('profiles.save', { companyId: null, profile: { ...mapping, name: 'contafácil', dateOrder: 'mdy' } });
    expect(replaced).toMatchObject({ id: firm.id, name: 'contafácil', dateOrder: 'mdy' });
    expect(await t.cli.ok('profiles.delete', { id: own.id })).toEqual({});
    expect((await t.cli.ok('profiles.list', { companyId })).map((p) => p.id)).toEqual([firm.id]);
    expect(await t.cli.raw('profiles.delete', { id: own.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(auditActions(t.core.deps.db).filter((a) => a.startsWith('profile.'))).toEqual(['profile.create', 'profile.create', 'profile.replace', 'profile.delete']);
  });

  it('refuses a profile that maps nothing, and lets reviewers only read', async () => {
    const refused = await t.cli.raw('profiles.save', { companyId: null, profile: { ...mapping, columns: [{ header: 'x', role: 'ignore' }] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const admin = await setUpFirm(t.core);
    await admin.ok('users.create', { username: 'rita', displayName: 'Rita', role: 'reviewer', password: 'correct horse battery' });
    const reviewer = new TestClient(t.core);
    await reviewer.ok('auth.login', { username: 'rita', password: 'correct horse battery' });
    expect(await reviewer.ok('profiles.list', { companyId: null })).toEqual([]);
    expect(await reviewer.raw('profiles.save', { companyId: null, profile: mapping })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
