import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../renderer/src/stores/create-app-store.js';
import { COMPANY_KEY } from '../../renderer/src/stores/slices/companies-slice.js';
import { LANGUAGE_KEY, THEME_KEY } from '../../renderer/src/stores/slices/ui-slice.js';
import {
  createStubApi,
  fail,
  flush,
  loggedInReplies,
  makeAccount,
  makeCompany,
  makeUser,
  memoryStorage,
  ok,
  type StubReplies,
} from './support/stub-api.js';

let store: AppStore | null = null;
afterEach(() => store?.dispose());

function setup(replies: StubReplies, storage = memoryStorage(), languages: readonly string[] = ['es-ES']) {
  const api = createStubApi(replies);
  store = createAppStore({ api, storage, preferredLanguages: languages });
  return { api, store, storage };
}

describe('session slice', () => {
  it('asks for first-run setup when the core says so', async () => {
    const { store } = setup({ 'app.info': ok({ version: '1', firmName: null, setupRequired: true }) });
    await store.getState().start();
    expect(store.getState().phase).toBe('setup');
  });

  it('shows login when there is no session, and keeps a failed login’s error as data', async () => {
    const { store, api } = setup({
      'app.info': ok({ version: '1', firmName: 'F', setupRequired: false }),
      'auth.session': ok({ user: null, expiresAt: null }),
      'auth.login': fail('account_locked', 'locked', { lockedUntil: '2030-01-01T00:00:00.000Z' }),
    });
    await store.getState().start();
    expect(store.getState().phase).toBe('login');
    expect(await store.getState().login({ username: 'ana', password: 'x' })).toBe(false);
    expect(store.getState().loginError).toEqual({ code: 'account_locked', message: 'locked', details: { lockedUntil: '2030-01-01T00:00:00.000Z' } });
    expect(store.getState().phase).toBe('login');
    expect(api.inputsOf('auth.login')).toEqual([{ username: 'ana', password: 'x' }]);
  });

  it('enters with an existing session and loads companies, accounts and (for admins) users', async () => {
    const { store, api } = setup(loggedInReplies());
    await store.getState().start();
    const state = store.getState();
    expect(state.phase).toBe('ready');
    expect(state.user?.username).toBe('ana');
    expect(state.currentCompanyId).toBe(1);
    expect(state.accounts).toHaveLength(1);
    expect(api.inputsOf('accounts.list')).toEqual([{ companyId: 1, includeArchived: true }]);
    expect(api.inputsOf('users.list')).toHaveLength(1);
  });

  it('does not load users for a preparer', async () => {
    const { store, api } = setup(loggedInReplies({ user: makeUser({ role: 'preparer' }) }));
    await store.getState().start();
    expect(api.inputsOf('users.list')).toHaveLength(0);
  });

  it('sets up the firm and logs the administrator in', async () => {
    const user = makeUser();
    const { store, api } = setup({
      ...loggedInReplies({ companies: [] }),
      'app.info': ok({ version: '1', firmName: null, setupRequired: true }),
      'auth.setup': ok({ user, expiresAt: '2030-01-01T00:00:00.000Z' }),
    });
    await store.getState().start();
    const input = { firmName: 'Gestoría López', username: 'ana', displayName: 'Ana Ruiz', password: 'correct horse battery' };
    expect(await store.getState().setup(input)).toBe(true);
    expect(api.inputsOf('auth.setup')).toEqual([input]);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().appInfo?.firmName).toBe('Gestoría López');
    expect(store.getState().screen).toBe('companies');
  });

  it('keeps a setup error and stays on first run', async () => {
    const { store } = setup({
      'app.info': ok({ version: '1', firmName: null, setupRequired: true }),
      'auth.setup': fail('password_too_long', 'too long', { bytes: 80, maxBytes: 72 }),
    });
    await store.getState().start();
    expect(await store.getState().setup({ firmName: 'F', username: 'ana', displayName: 'A', password: 'x'.repeat(80) })).toBe(false);
    expect(store.getState().setupError?.code).toBe('password_too_long');
    expect(store.getState().phase).toBe('setup');
  });

  it('logs out and forgets the user’s data', async () => {
    const { store, api } = setup(loggedInReplies());
    await store.getState().start();
    await store.getState().logout();
    const state = store.getState();
    expect(api.inputsOf('auth.logout')).toHaveLength(1);
    expect(state.phase).toBe('login');
    expect(state.sessionNotice).toBe('logged_out');
    expect(state.user).toBeNull();
    expect(state.companies).toEqual([]);
    expect(state.accounts).toEqual([]);
  });

  it('goes back to login with a notice when any call answers session_expired', async () => {
    const { store, api } = setup(loggedInReplies());
    await store.getState().start();
    api.replies['companies.rename'] = fail('session_expired', 'expired');
    expect(await store.getState().renameCompany(1, 'New')).toBe(false);
    expect(store.getState().phase).toBe('login');
    expect(store.getState().sessionNotice).toBe('expired');
    expect(store.getState().companies).toEqual([]);
  });

  it('turns a transport failure into an error envelope instead of throwing', async () => {
    const api = createStubApi();
    api.invoke = () => Promise.reject(new Error('socket closed'));
    store = createAppStore({ api, storage: memoryStorage(), preferredLanguages: [] });
    await store.getState().start();
    expect(store.getState().phase).toBe('unreachable');
    expect(store.getState().startError).toMatchObject({ code: 'internal', details: { transport: true } });
  });
});

describe('companies slice', () => {
  const two = [makeCompany({ id: 1, name: 'Zeta SA' }), makeCompany({ id: 2, name: 'Acme SL' })];

  it('sorts by name and remembers the current company', async () => {
    const storage = memoryStorage({ [COMPANY_KEY]: '1' });
    const { store } = setup(loggedInReplies({ companies: two }), storage);
    await store.getState().start();
    expect(store.getState().companies.map((c) => c.name)).toEqual(['Acme SL', 'Zeta SA']);
    expect(store.getState().currentCompanyId).toBe(1);
    store.getState().selectCompany(2);
    expect(storage.map.get(COMPANY_KEY)).toBe('2');
  });

  it('creates a company and selects it when there was none', async () => {
    const created = makeCompany({ id: 7, name: 'Nueva SL', taxId: null });
    const { store, api } = setup({ ...loggedInReplies({ companies: [] }), 'companies.create': ok(created) });
    await store.getState().start();
    expect(await store.getState().createCompany({ name: 'Nueva SL', taxId: null })).toBe(true);
    expect(api.inputsOf('companies.create')).toEqual([{ name: 'Nueva SL', taxId: null }]);
    expect(store.getState().companies).toEqual([created]);
    expect(store.getState().currentCompanyId).toBe(7);
    expect(store.getState().toasts.at(-1)?.message).toEqual({ key: 'toast.companyCreated', params: { name: 'Nueva SL' } });
  });

  it('keeps a create conflict as data', async () => {
    const { store } = setup({ ...loggedInReplies(), 'companies.create': fail('conflict', 'There is already a company called "Acme SL".') });
    await store.getState().start();
    expect(await store.getState().createCompany({ name: 'Acme SL', taxId: null })).toBe(false);
    expect(store.getState().companiesErrors.create?.code).toBe('conflict');
  });

  it('keeps a rename error with the company it belongs to', async () => {
    const { store } = setup({ ...loggedInReplies(), 'companies.rename': fail('invalid_input', 'name: a name is required') });
    await store.getState().start();
    await store.getState().renameCompany(1, ' ');
    expect(store.getState().companiesErrors.rename).toEqual({ id: 1, error: { code: 'invalid_input', message: 'name: a name is required' } });
  });

  it('archives optimistically, offers undo, and follows the current company', async () => {
    const { store, api } = setup({
      ...loggedInReplies({ companies: two }),
      'companies.archive': ({ id, archived }) => ok({ ...two.find((c) => c.id === id)!, archived }),
    });
    await store.getState().start();
    const pending = store.getState().setCompanyArchived(2, true);
    expect(store.getState().companies.find((c) => c.id === 2)?.archived).toBe(true);
    expect(store.getState().currentCompanyId).toBe(1);
    expect(await pending).toBe(true);
    await store.getState().undoLast();
    expect(api.inputsOf('companies.archive')).toEqual([{ id: 2, archived: true }, { id: 2, archived: false }]);
    expect(store.getState().companies.find((c) => c.id === 2)?.archived).toBe(false);
  });

  it('puts an archived company back when the core refuses', async () => {
    const { store } = setup({ ...loggedInReplies({ companies: two }), 'companies.archive': fail('forbidden', 'no') });
    await store.getState().start();
    expect(await store.getState().setCompanyArchived(1, true)).toBe(false);
    expect(store.getState().companies.find((c) => c.id === 1)?.archived).toBe(false);
    expect(store.getState().companiesErrors.archive?.code).toBe('forbidden');
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'error', error: { code: 'forbidden' } });
  });
});

describe('accounts slice', () => {
  it('creates an account in the current company and keeps an IBAN error as data', async () => {
    const ibanError = fail('invalid_input', 'The check digits of the IBAN … do not match', { field: 'iban', problem: 'check_digits' });
    const { store, api } = setup({ ...loggedInReplies(), 'accounts.create': ibanError });
    await store.getState().start();
    const input = { name: 'Caja', iban: 'ES00 1234', number: null, currency: 'EUR' };
    expect(await store.getState().createAccount(input)).toBe(false);
    expect(api.inputsOf('accounts.create')).toEqual([{ ...input, companyId: 1 }]);
    expect(store.getState().accountsErrors.create?.details).toEqual({ field: 'iban', problem: 'check_digits' });

    api.replies['accounts.create'] = ok(makeAccount({ id: 2, name: 'Caja' }));
    expect(await store.getState().createAccount(input)).toBe(true);
    expect(store.getState().accounts.map((a) => a.name)).toEqual(['Caja', 'Main account']);
  });

  it('reloads accounts when the company changes and drops a late answer for the old one', async () => {
    const companies = [makeCompany({ id: 1, name: 'A' }), makeCompany({ id: 2, name: 'B' })];
    const { store } = setup({
      ...loggedInReplies({ companies }),
      'accounts.list': async ({ companyId }) => {
        if (companyId === 1) await new Promise((resolve) => setTimeout(resolve, 20));
        return ok([makeAccount({ id: companyId * 10, companyId, name: `of ${companyId}` })]);
      },
    });
    await store.getState().start();
    store.getState().selectCompany(1);
    store.getState().selectCompany(2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(store.getState().accountsCompanyId).toBe(2);
    expect(store.getState().accounts.map((a) => a.name)).toEqual(['of 2']);
  });

  it('archives with undo', async () => {
    const account = makeAccount();
    const { store, api } = setup({ ...loggedInReplies(), 'accounts.archive': ({ archived }) => ok({ ...account, archived }) });
    await store.getState().start();
    await store.getState().setAccountArchived(1, true);
    expect(store.getState().accounts[0]?.archived).toBe(true);
    await store.getState().undoLast();
    expect(api.inputsOf('accounts.archive')).toEqual([{ id: 1, archived: true }, { id: 1, archived: false }]);
    expect(store.getState().accounts[0]?.archived).toBe(false);
  });
});

describe('users slice', () => {
  it('creates a user with a role and keeps errors as data', async () => {
    const created = makeUser({ id: 2, username: 'luis', displayName: 'Luis', role: 'reviewer' });
    const { store, api } = setup({ ...loggedInReplies(), 'users.create': fail('password_too_weak', 'short', { minChars: 10 }) });
    await store.getState().start();
    const input = { username: 'luis', displayName: 'Luis', role: 'reviewer' as const, password: 'short' };
    expect(await store.getState().createUser(input)).toBe(false);
    expect(store.getState().usersErrors.create?.code).toBe('password_too_weak');
    api.replies['users.create'] = ok(created);
    expect(await store.getState().createUser(input)).toBe(true);
    expect(store.getState().users.map((u) => u.username)).toEqual(['ana', 'luis']);
    expect(store.getState().usersErrors.create).toBeNull();
  });
});

describe('ui slice', () => {
  it('detects the language, switches it and remembers the choice', () => {
    const storage = memoryStorage();
    const { store } = setup({}, storage, ['es-MX', 'en-US']);
    expect(store.getState().language).toBe('es');
    expect(store.getState().locale).toBe('es-MX');
    store.getState().setLanguage('en');
    expect(store.getState().locale).toBe('en-US');
    expect(storage.map.get(LANGUAGE_KEY)).toBe('en');
    store.dispose();
    const again = setup({}, storage, ['es-MX']).store;
    expect(again.getState().language).toBe('en');
  });

  it('remembers the theme and defaults to the system’s', () => {
    const storage = memoryStorage();
    const { store } = setup({}, storage, ['en-US']);
    expect(store.getState().theme).toBe('system');
    store.getState().setTheme('dark');
    expect(storage.map.get(THEME_KEY)).toBe('dark');
  });

  it('keeps only the newest toasts', () => {
    const { store } = setup({});
    for (let i = 0; i < 6; i++) store.getState().pushToast({ tone: 'info', message: { key: 'common.undo' } });
    expect(store.getState().toasts).toHaveLength(4);
  });
});

describe('data.changed events', () => {
  it('refetch what the window shows', async () => {
    const { store, api } = setup(loggedInReplies());
    await store.getState().start();
    const before = { companies: api.inputsOf('companies.list').length, accounts: api.inputsOf('accounts.list').length };
    api.emit('data.changed', { entity: 'companies', companyId: null });
    api.emit('data.changed', { entity: 'accounts', companyId: 1 });
    api.emit('data.changed', { entity: 'accounts', companyId: 99 });
    api.emit('data.changed', { entity: 'users', companyId: null });
    await flush();
    expect(api.inputsOf('companies.list').length).toBe(before.companies + 1);
    expect(api.inputsOf('accounts.list').length).toBe(before.accounts + 1);
    expect(api.inputsOf('users.list')).toHaveLength(2);
  });

  it('are ignored before login', async () => {
    const { api } = setup({ 'app.info': ok({ version: '1', firmName: null, setupRequired: true }) });
    api.emit('data.changed', { entity: 'companies', companyId: null });
    await flush();
    expect(api.inputsOf('companies.list')).toHaveLength(0);
  });
});
