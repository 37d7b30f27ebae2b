import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, appendAudit, hashAuditEntry, verifyAuditLog } from '../../main/core/audit/audit-log.js';
import { canonicalJson } from '../../main/core/audit/canonical-json.js';
import { toAuditEntry, type AuditRow } from '../../main/core/db/repos/audit-repo.js';
import { PASSWORD, TestClient, addUser, makeTempDir, openTestCore, setUpFirm, steppingClock } from './support.js';

let tmp: ReturnType<typeof makeTempDir>;
let time: ReturnType<typeof steppingClock>;
let core: ReturnType<typeof openTestCore>;
beforeEach(() => {
  tmp = makeTempDir();
  time = steppingClock();
  core = openTestCore(tmp.path('cuadra.db'), time.clock);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

// A working day: setup, a second user, companies and accounts, a failed login, a logout.
async function workingDay(): Promise<TestClient> {
  const admin = await setUpFirm(core);
  const preparer = await addUser(core, admin, 'pepe', 'preparer');
  const acme = await preparer.ok('companies.create', { name: 'Acme SL', taxId: 'B12345678' });
  time.advance(1000);
  const account = await preparer.ok('accounts.create', { companyId: acme.id, name: 'Main', iban: 'ES9121000418450200051332', currency: 'EUR' });
  await preparer.ok('accounts.rename', { id: account.id, name: 'Main EUR' });
  await admin.ok('accounts.archive', { id: account.id, archived: true });
  await admin.ok('companies.rename', { id: acme.id, name: 'Acme Iberia SL' });
  await new TestClient(core).err('auth.login', { username: 'pepe', password: 'not the password' });
  await preparer.ok('auth.logout', {});
  return admin;
}

describe('the audit log', () => {
  it('records every change with its actor and verifies the chain', async () => {
    const admin = await workingDay();
    const entries = await admin.ok('audit.list', { limit: 500 });
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'user.create',
      'firm.setup',
      'auth.login',
      'user.create',
      'auth.login',
      'company.create',
      'account.create',
      'account.rename',
      'account.archive',
      'company.rename',
      'auth.login_failed',
      'auth.logout',
    ]);
    const rename = entries.find((e) => e.action === 'company.rename')!;
    expect(rename).toMatchObject({ username: 'ana', entity: 'company', details: { from: 'Acme SL', to: 'Acme Iberia SL' } });
    expect(await admin.ok('audit.verify', {})).toEqual({ ok: true, entries: 12, firstBrokenId: null });
  });

  it('pages newest first and filters by company', async () => {
    const admin = await workingDay();
    const [acme] = await admin.ok('companies.list', {});
    const ofAcme = await admin.ok('audit.list', { companyId: acme!.id });
    expect(ofAcme.map((e) => e.action)).toEqual(['company.rename', 'account.archive', 'account.rename', 'account.create', 'company.create']);
    const page = await admin.ok('audit.list', { companyId: acme!.id, beforeId: ofAcme[1]!.id, limit: 2 });
    expect(page.map((e) => e.action)).toEqual(['account.rename', 'account.create']);
  });

  it('chains each entry to the previous one from a genesis of zeros', async () => {
    await workingDay();
    const rows = core.deps.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    rows.forEach((row, i) => {
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]!.hash);
      expect(row.hash).toBe(hashAuditEntry(row.prev_hash, toAuditEntry(row)));
    });
  });

  it('refuses UPDATE and DELETE through its triggers', async () => {
    await workingDay();
    expect(() => core.deps.db.prepare("UPDATE audit_log SET username = 'mallory' WHERE id = 3").run()).toThrow(/append-only/);
    expect(() => core.deps.db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/append-only/);
  });

  it('detects an entry edited in a copy whose triggers were dropped', async () => {
    await workingDay();
    const copy = tmp.path('copy.db');
    await core.deps.db.backup(copy);
    const tampered = new BetterSqlite3(copy);
    tampered.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    tampered.prepare(`UPDATE audit_log SET details = '{"from":"Acme SL","to":"Someone Else SL"}' WHERE action = 'company.rename'`).run();
    const renameId = tampered.prepare("SELECT id FROM audit_log WHERE action = 'company.rename'").pluck().get() as number;
    expect(verifyAuditLog(tampered)).toEqual({ ok: false, entries: 12, firstBrokenId: renameId });

    // Removing an entry in the middle breaks the chain at the entry after it.
    await core.deps.db.backup(tmp.path('copy2.db'));
    const cut = new BetterSqlite3(tmp.path('copy2.db'));
    cut.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 5;');
    expect(verifyAuditLog(cut)).toEqual({ ok: false, entries: 11, firstBrokenId: 6 });
    tampered.close();
    cut.close();
    expect(verifyAuditLog(core.deps.db).ok).toBe(true);
  });

  it('writes the change and its entry together or not at all', async () => {
    const admin = await setUpFirm(core);
    const before = (await admin.ok('audit.list', {})).length;
    const db = core.deps.db;
    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO companies (name, created_at, updated_at) VALUES ('Ghost SL', 't', 't')").run();
        appendAudit(db, time.clock, { actor: { userId: null, username: 'cli' }, companyId: null, action: 'company.create', entity: 'company', entityId: null });
        throw new Error('the change failed after its audit entry');
      })(),
    ).toThrow();
    expect((await admin.ok('audit.list', {})).length).toBe(before);
    expect(await admin.ok('companies.list', {})).toEqual([]);
  });

  it('hashes canonical JSON: key order and integer-like keys do not change the text', () => {
    expect(canonicalJson({ b: 1, a: [{ z: null, y: 'x' }], 10: true, 9: false })).toBe('{"10":true,"9":false,"a":[{"y":"x","z":null}],"b":1}');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('records who logged in and out, but never a password', async () => {
    await setUpFirm(core);
    await new TestClient(core).err('auth.login', { username: 'ana', password: 'my-secret-guess' });
    const details = core.deps.db.prepare('SELECT details FROM audit_log').pluck().all().join('\n');
    expect(details).not.toContain(PASSWORD);
    expect(details).not.toContain('my-secret-guess');
  });
});
