import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, addUser, cliSession, makeTempDir, openTestCore, setUpFirm, steppingClock } from './support.js';

let tmp: ReturnType<typeof makeTempDir>;
let core: ReturnType<typeof openTestCore>;
let admin: TestClient;
beforeEach(async () => {
  tmp = makeTempDir();
  core = openTestCore(tmp.path('cuadra.db'), steppingClock().clock);
  admin = await setUpFirm(core);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const VALID_IBAN = 'ES9121000418450200051332';

describe('companies', () => {
  it('creates, renames, archives, restores and lists client companies', async () => {
    const acme = await admin.ok('companies.create', { name: '  Acme   Ibérica SL ', taxId: 'b-12345678' });
    expect(acme).toMatchObject({ name: 'Acme Ibérica SL', taxId: 'B12345678', archived: false });
    const beta = await admin.ok('companies.create', { name: 'Beta SA' });
    expect(beta.taxId).toBeNull();

    const renamed = await admin.ok('companies.rename', { id: acme.id, name: 'Acme Iberia SL' });
    expect(renamed.name).toBe('Acme Iberia SL');
    await admin.ok('companies.archive', { id: beta.id, archived: true });
    expect((await admin.ok('companies.list', {})).map((c) => c.name)).toEqual(['Acme Iberia SL']);
    expect((await admin.ok('companies.list', { includeArchived: true })).map((c) => [c.name, c.archived])).toEqual([
      ['Acme Iberia SL', false],
      ['Beta SA', true],
    ]);
    await admin.ok('companies.archive', { id: beta.id, archived: false });
    expect(await admin.ok('companies.list', {})).toHaveLength(2);
    expect(core.events.filter((e) => (e.payload as { entity: string }).entity === 'companies')).toHaveLength(5);
  });

  it('refuses a duplicate name (any case, archived too) with a clear message', async () => {
    const acme = await admin.ok('companies.create', { name: 'Acme SL' });
    await admin.ok('companies.archive', { id: acme.id, archived: true });
    const duplicate = await admin.err('companies.create', { name: 'ACME sl' });
    expect(duplicate.code).toBe('conflict');
    expect(duplicate.message).toBe('There is already a company called "Acme SL" (archived).');
    const beta = await admin.ok('companies.create', { name: 'Beta SA' });
    expect((await admin.err('companies.rename', { id: beta.id, name: 'acme sl' })).code).toBe('conflict');
    expect((await admin.ok('companies.rename', { id: acme.id, name: 'ACME SL' })).name).toBe('ACME SL');
  });

  it('answers not_found for a company that does not exist', async () => {
    expect((await admin.err('companies.rename', { id: 404, name: 'X' })).code).toBe('not_found');
    expect((await admin.err('companies.archive', { id: 404, archived: true })).code).toBe('not_found');
    expect((await admin.err('accounts.list', { companyId: 404 })).code).toBe('not_found');
  });
});

describe('bank accounts', () => {
  it('adds an account with a valid IBAN, stored in electronic form', async () => {
    const acme = await admin.ok('companies.create', { name: 'Acme SL' });
    const account = await admin.ok('accounts.create', {
      companyId: acme.id,
      name: 'CaixaBank',
      iban: 'es91 2100 0418 4502 0005 1332',
      currency: 'EUR',
    });
    expect(account).toMatchObject({ companyId: acme.id, name: 'CaixaBank', iban: VALID_IBAN, number: null, currency: 'EUR', archived: false });
    expect(await admin.ok('accounts.list', { companyId: acme.id })).toEqual([account]);
    expect(core.events.at(-1)).toEqual({ event: 'data.changed', payload: { entity: 'accounts', companyId: acme.id } });
  });

  it('refuses wrong check digits, a wrong length and an unknown currency, naming the problem', async () => {
    const acme = await admin.ok('companies.create', { name: 'Acme SL' });
    const badDigits = await admin.err('accounts.create', { companyId: acme.id, name: 'A', iban: 'ES9221000418450200051332', currency: 'EUR' });
    expect(badDigits.code).toBe('invalid_input');
    expect(badDigits.message).toMatch(/check digits/);
    const short = await admin.err('accounts.create', { companyId: acme.id, name: 'A', iban: 'ES91210004184502000513', currency: 'EUR' });
    expect(short.message).toBe('An IBAN from ES has 24 characters; ES91210004184502000513 has 22.');
    const currency = await admin.err('accounts.create', { companyId: acme.id, name: 'A', number: '123', currency: 'ABC' });
    expect(currency.code).toBe('invalid_input');
    expect(currency.message).toMatch(/ABC is not an ISO 4217 currency code/);
    expect((await admin.err('accounts.create', { companyId: acme.id, name: 'A', currency: 'eur' })).code).toBe('invalid_input');
    expect(await admin.ok('accounts.list', { companyId: acme.id })).toEqual([]);
  });

  it('refuses a second account with the same IBAN, number or name in a company', async () => {
    const acme = await admin.ok('companies.create', { name: 'Acme SL' });
    const beta = await admin.ok('companies.create', { name: 'Beta SA' });
    await admin.ok('accounts.create', { companyId: acme.id, name: 'Main', iban: VALID_IBAN, currency: 'EUR' });
    const sameIban = await admin.err('accounts.create', { companyId: acme.id, name: 'Other', iban: VALID_IBAN, currency: 'EUR' });
    expect(sameIban.code).toBe('conflict');
    expect(sameIban.message).toBe('Acme SL already has the account "Main" with IBAN ES91 2100 0418 4502 0005 1332.');
    const clabe = await admin.ok('accounts.create', { companyId: acme.id, name: 'BBVA México', number: '012 180 001234567897', currency: 'MXN' });
    expect(clabe.number).toBe('012180001234567897');
    expect((await admin.err('accounts.create', { companyId: acme.id, name: 'Dup', number: '012180001234567897', currency: 'MXN' })).code).toBe('conflict');
    expect((await admin.err('accounts.create', { companyId: acme.id, name: 'main', currency: 'EUR' })).code).toBe('conflict');
    // Another company may hold the same account details.
    await admin.ok('accounts.create', { companyId: beta.id, name: 'Main', iban: VALID_IBAN, currency: 'EUR' });
  });

  it('renames and archives accounts, and keeps them out of archived companies', async () => {
    const acme = await admin.ok('companies.create', { name: 'Acme SL' });
    const a = await admin.ok('accounts.create', { companyId: acme.id, name: 'Main', iban: VALID_IBAN, currency: 'EUR' });
    const b = await admin.ok('accounts.create', { companyId: acme.id, name: 'Cash', currency: 'EUR' });
    expect((await admin.ok('accounts.rename', { id: a.id, name: 'Main account' })).name).toBe('Main account');
    expect((await admin.err('accounts.rename', { id: b.id, name: 'MAIN ACCOUNT' })).code).toBe('conflict');
    await admin.ok('accounts.archive', { id: b.id, archived: true });
    expect((await admin.ok('accounts.list', { companyId: acme.id })).map((x) => x.name)).toEqual(['Main account']);
    expect(await admin.ok('accounts.list', { companyId: acme.id, includeArchived: true })).toHaveLength(2);
    expect((await admin.err('accounts.rename', { id: 999, name: 'X' })).code).toBe('not_found');
    await admin.ok('companies.archive', { id: acme.id, archived: true });
    const refused = await admin.err('accounts.create', { companyId: acme.id, name: 'New', currency: 'EUR' });
    expect(refused).toMatchObject({ code: 'conflict', message: 'Acme SL is archived: restore it before adding accounts.' });
  });
});

describe('roles', () => {
  it('lets a reviewer read but not create companies or accounts', async () => {
    const acme = await admin.ok('companies.create', { name: 'Acme SL' });
    const reviewer = await addUser(core, admin, 'rita', 'reviewer');
    expect(await reviewer.ok('companies.list', {})).toHaveLength(1);
    const error = await reviewer.err('companies.create', { name: 'Nope SL' });
    expect(error).toEqual({ code: 'forbidden', message: 'Your role (reviewer) may not do this.' });
    expect((await reviewer.err('accounts.create', { companyId: acme.id, name: 'X', currency: 'EUR' })).code).toBe('forbidden');
    expect((await reviewer.err('users.list', {})).code).toBe('forbidden');
    expect((await reviewer.err('audit.verify', {})).code).toBe('forbidden');
  });

  it('lets a preparer create and rename but not archive', async () => {
    const preparer = await addUser(core, admin, 'pepe', 'preparer');
    const acme = await preparer.ok('companies.create', { name: 'Acme SL' });
    await preparer.ok('companies.rename', { id: acme.id, name: 'Acme Iberia SL' });
    expect((await preparer.err('companies.archive', { id: acme.id, archived: true })).code).toBe('forbidden');
    expect((await preparer.err('users.create', { username: 'x1', displayName: 'X', role: 'admin', password: 'long enough pw' })).code).toBe(
      'forbidden',
    );
  });

  it('asks for a login first when there is no session', async () => {
    const stranger = new TestClient(core);
    expect(await stranger.err('companies.list', {})).toEqual({ code: 'unauthenticated', message: 'Please log in first.' });
    expect((await stranger.err('auth.logout', {})).code).toBe('unauthenticated');
  });

  it('refuses a second user with a taken username', async () => {
    const error = await admin.err('users.create', { username: 'ANA', displayName: 'Other Ana', role: 'reviewer', password: 'long enough pw' });
    expect(error).toMatchObject({ code: 'conflict', message: 'There is already a user called "ANA".' });
  });

  it('runs the command line as an administrator audited as "cli"', async () => {
    const cli = new TestClient(core, cliSession);
    const acme = await cli.ok('companies.create', { name: 'Acme SL' });
    expect(await cli.ok('auth.session', {})).toEqual({ user: null, expiresAt: null });
    const [entry] = await admin.ok('audit.list', { companyId: acme.id });
    expect(entry).toMatchObject({ action: 'company.create', userId: null, username: 'cli', companyId: acme.id });
    const row = core.deps.db.prepare('SELECT user_id, username FROM audit_log WHERE id = ?').get(entry!.id);
    expect(row).toEqual({ user_id: null, username: 'cli' });
    expect(await cli.ok('auth.logout', {})).toEqual({});
  });
});
