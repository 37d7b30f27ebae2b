import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../main/core/audit/audit-log.js';
import { TestClient, addUser, setUpFirm } from '../core/support.js';
import { camt053, dailyMovements, mt940, norma43, ofx } from './support/statement-files.js';
import { commit, companyWithAccount, openImportTest, preview, rowCounts } from './support/harness.js';

let t: ReturnType<typeof openImportTest>;
beforeEach(() => {
  t = openImportTest();
});
afterEach(() => t.close());

const base64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const OTHER_IBAN = 'DE89370400440532013000';
const movements = dailyMovements('2025-01-01', '2025-01-03');

describe("a statement's account", () => {
  it('is found by the IBAN the file names, or by the Norma 43 bank/branch/account digits', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const n43 = await preview(t.cli, companyId, 'a.n43', norma43({ movements, from: '2025-01-01', to: '2025-01-03', openingMinor: 0 }));
    expect(n43.statements[0]!.resolution).toEqual({ kind: 'existing', accountId, name: 'Main', how: 'matched' });
    const sta = await preview(t.cli, companyId, 'a.sta', mt940({ movements, openingMinor: 0, openingDate: '2025-01-01', closingDate: '2025-01-03' }));
    expect(sta.statements[0]!.resolution).toMatchObject({ kind: 'existing', accountId });
  });

  it('is offered for creation when the company has not got it, and created only when asked', async () => {
    const company = await t.cli.ok('companies.create', { name: 'Nueva SL', taxId: null });
    const file = camt053({ movements, from: '2025-01-01', to: '2025-01-03', openingMinor: 0, iban: OTHER_IBAN });
    const p = await preview(t.cli, company.id, 'a.xml', file);
    expect(p.statements[0]!.resolution).toEqual({ kind: 'create', name: 'DE89 3704 0044 0532 0130 00', iban: OTHER_IBAN, number: null, currency: 'EUR' });
    const before = rowCounts(t.core.deps.db);
    const refused = await t.cli.err('imports.commit', { companyId: company.id, fileName: 'a.xml', contentBase64: base64(file) });
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/DE89 3704 0044 0532 0130 00, which Nueva SL has not got/);
    expect(rowCounts(t.core.deps.db)).toEqual(before);

    const result = await commit(t.cli, company.id, 'a.xml', file, { createAccount: true });
    expect(result.createdAccounts).toMatchObject([{ iban: OTHER_IBAN, currency: 'EUR', companyId: company.id }]);
    expect(result.added).toBe(6);
    const actions = (await t.cli.ok('audit.list', { companyId: company.id })).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['import.commit', 'account.create']);
  });

  it('must be chosen when the file names none', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const file = ofx({ movements, from: '2025-01-01', to: '2025-01-03', closingMinor: 0, accountId: null });
    const p = await preview(t.cli, companyId, 'a.ofx', file);
    expect(p.statements[0]!.resolution.kind).toBe('choose');
    const refused = await t.cli.err('imports.commit', { companyId, fileName: 'a.ofx', contentBase64: base64(file), createAccount: true });
    expect(refused).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/does not say which account/) });
    const result = await commit(t.cli, companyId, 'a.ofx', file, { accountId });
    expect(result.added).toBe(6);
  });

  it('refuses a file whose IBAN is not the chosen account', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const file = camt053({ movements, from: '2025-01-01', to: '2025-01-03', openingMinor: 0, iban: OTHER_IBAN });
    const p = await preview(t.cli, companyId, 'a.xml', file, { accountId });
    expect(p.statements[0]!.resolution).toMatchObject({ kind: 'choose', reason: expect.stringMatching(/DE89 3704/) });
    const refused = await t.cli.err('imports.commit', { companyId, accountId, fileName: 'a.xml', contentBase64: base64(file), createAccount: true });
    expect(refused.code).toBe('invalid_input');
  });

  it('refuses an account of another company', async () => {
    const { accountId } = await companyWithAccount(t.cli);
    const other = await t.cli.ok('companies.create', { name: 'Otra SL', taxId: null });
    const file = norma43({ movements, from: '2025-01-01', to: '2025-01-03', openingMinor: 0 });
    const refused = await t.cli.err('imports.commit', { companyId: other.id, accountId, fileName: 'a.n43', contentBase64: base64(file) });
    expect(refused.code).toBe('not_found');
  });
});

describe('who may import', () => {
  it('lets a reviewer preview and list but not commit; a preparer commits under her name', async () => {
    const admin = await setUpFirm(t.core);
    const reviewer = await addUser(t.core, admin, 'rita', 'reviewer');
    const preparer = await addUser(t.core, admin, 'pepe', 'preparer');
    const { companyId } = await companyWithAccount(admin);
    const file = norma43({ movements, from: '2025-01-01', to: '2025-01-03', openingMinor: 0 });
    expect((await preview(reviewer, companyId, 'a.n43', file)).lines.new).toBe(6);
    const denied = await reviewer.err('imports.commit', { companyId, fileName: 'a.n43', contentBase64: base64(file) });
    expect(denied.code).toBe('forbidden');
    expect(rowCounts(t.core.deps.db).import_batches).toBe(0);
    await commit(preparer, companyId, 'a.n43', file);
    expect(await reviewer.ok('imports.list', { companyId })).toMatchObject([{ importedBy: 'pepe', fileName: 'a.n43' }]);
    const anonymous = await new TestClient(t.core).err('imports.list', { companyId });
    expect(anonymous.code).toBe('unauthenticated');
    expect(verifyAuditLog(t.core.deps.db).ok).toBe(true);
  });
});

describe('the contract input', () => {
  it('refuses content that is not base64 and file names that are blank', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    expect((await t.cli.raw('imports.preview', { companyId, fileName: 'a', contentBase64: 'not base64!' })).ok).toBe(false);
    const blank = await t.cli.raw('imports.commit', { companyId, fileName: '  ', contentBase64: '' });
    expect(blank.ok ? null : blank.error.code).toBe('invalid_input');
  });
});

describe('encoding and format', () => {
  it('are passed to the importer when the person chooses them', async () => {
    const first = await companyWithAccount(t.cli, 'Uno SL');
    const second = await companyWithAccount(t.cli, 'Dos SL');
    const file = norma43({ movements: [{ date: '2025-01-02', amountMinor: -350, text: 'COMISIÓN MANTENIMIENTO' }], from: '2025-01-01', to: '2025-01-31', openingMinor: 0 });
    expect(await commit(t.cli, first.companyId, 'a.n43', file)).toMatchObject({ encoding: 'windows-1252', added: 1 });
    expect(await commit(t.cli, second.companyId, 'a.n43', file, { encoding: 'cp850' })).toMatchObject({ encoding: 'cp850', added: 1 });
    const texts = t.core.deps.db.prepare('SELECT description FROM bank_lines ORDER BY id').all();
    expect(texts).toEqual([{ description: 'COMISIÓN MANTENIMIENTO' }, { description: 'COMISIËN MANTENIMIENTO' }]);
    const forced = await t.cli.err('imports.preview', { companyId: first.companyId, fileName: 'a.n43', contentBase64: base64(file), format: 'camt053' });
    expect(forced.code).toBe('import_unreadable');
  });

  it('warn when the file is in another currency than its account', async () => {
    const company = await t.cli.ok('companies.create', { name: 'Dolar SA', taxId: null });
    await t.cli.ok('accounts.create', { companyId: company.id, name: 'USD', iban: 'ES9121000418450200051332', number: null, currency: 'USD' });
    const p = await preview(t.cli, company.id, 'a.n43', norma43({ movements, from: '2025-01-01', to: '2025-01-03', openingMinor: 0 }));
    expect(p.diagnostics.map((d) => d.code)).toContain('currency_mismatch');
  });
});

describe('progress', () => {
  it('is reported for large files, and the import announces the change', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const many = dailyMovements('2000-01-01', '2034-03-01'); // about 25,000 lines
    const file = mt940({ movements: many, openingMinor: 0, openingDate: '2000-01-01', closingDate: '2034-03-01' });
    t.core.events.length = 0;
    const result = await commit(t.cli, companyId, 'big.sta', file);
    expect(result.added).toBe(many.length);
    const progress = t.core.events.filter((e) => e.event === 'task.progress').map((e) => e.payload as { kind: string; stage: string; done: number });
    expect(progress.every((p) => p.kind === 'import')).toBe(true);
    expect(progress.filter((p) => p.stage === 'write').map((p) => p.done)).toEqual([10_000, 20_000]);
    expect(progress.at(-1)?.stage).toBe('done');
    expect(t.core.events.at(-1)).toEqual({ event: 'data.changed', payload: { entity: 'imports', companyId } });
  });
});
