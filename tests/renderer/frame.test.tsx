import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, settle } from './support/render-app.js';
import { emptyCounts, reviewReplies } from './support/review-fixtures.js';
import { fail, loggedInReplies, makeAccount, makeAudit, makeUser, ok } from './support/stub-api.js';

afterEach(cleanup);

describe('app frame', () => {
  it('has landmarks, the current company in the sidebar and every screen in the nav', async () => {
    await renderApp(loggedInReplies());
    expect(screen.getByRole('main')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const names = within(nav).getAllByRole('button').map((b) => b.textContent);
    expect(names).toEqual(['Inbox', 'Review', 'Accounts', 'Reports', 'Rules', 'Audit', 'Settings']);
    expect(within(screen.getByRole('navigation', { name: 'Firm' })).getByRole('button', { name: 'Users' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
  });

  it('shows a calm empty state that says what to do next, without made-up data', async () => {
    await renderApp({ ...loggedInReplies(), ...reviewReplies(0), 'matches.counts': ok(emptyCounts()), 'reconcile.runs': ok([]) });
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    await settle();
    expect(screen.getByRole('heading', { level: 2, name: 'No proposals yet' })).toBeTruthy();
    expect(screen.getByText(/then press Run reconciliation/)).toBeTruthy();
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('opens the shortcuts with ?, closes them with Escape, and goes to screens with g + letter', async () => {
    await renderApp(loggedInReplies());
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Go to Companies')).toBeTruthy();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: 'g' });
    fireEvent.keyDown(document.body, { key: 't' });
    await settle();
    expect(screen.getByRole('heading', { level: 1, name: 'Audit' })).toBeTruthy();
  });

  it('switches language in Settings, changes visible text at once and remembers it', async () => {
    const { storage } = await renderApp(loggedInReplies());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await settle();
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'es' } });
    expect(screen.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Principal' })).getByRole('button', { name: 'Cuentas' })).toBeTruthy();
    expect(screen.getByLabelText('Idioma')).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
    expect(storage.map.get('cuadra.language')).toBe('es');
  });

  it('switches the theme on <html>', async () => {
    await renderApp(loggedInReplies());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await settle();
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    fireEvent.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset['theme']).toBe('light');
  });
});

describe('accounts screen', () => {
  it('shows IBANs in groups of four with currency and figures', async () => {
    await renderApp(loggedInReplies({ accounts: [makeAccount(), makeAccount({ id: 2, name: 'Dólares', iban: null, number: '012180001234567897', currency: 'USD' })] }));
    expect(screen.getAllByTestId('account-iban').map((cell) => cell.textContent)).toEqual(['012180001234567897', 'ES91 2100 0418 4502 0005 1332']);
    expect(screen.getByTestId('key-figures').textContent).toBe('2 accounts · EUR, USD');
    expect(screen.getByText('Acme SL', { selector: '.topbar-context' })).toBeTruthy();
  });

  it('puts the core’s IBAN verdict under the IBAN field', async () => {
    const { api } = await renderApp({
      ...loggedInReplies(),
      'accounts.create': fail('invalid_input', 'The check digits of the IBAN ES9121000418450200051333 do not match the rest', { field: 'iban', problem: 'check_digits' }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'New account' }));
    const form = screen.getByRole('form', { name: 'New bank account' });
    fireEvent.change(within(form).getByLabelText('Account name'), { target: { value: 'Operaciones' } });
    fireEvent.change(within(form).getByLabelText(/^IBAN/), { target: { value: 'es91 2100 0418 4502 0005 1333' } });
    expect(within(form).getByText('ES91 2100 0418 4502 0005 1333')).toBeTruthy();
    fireEvent.submit(form);
    await settle();
    expect(api.inputsOf('accounts.create')).toEqual([
      { companyId: 1, name: 'Operaciones', iban: 'es91 2100 0418 4502 0005 1333', number: null, currency: 'USD' },
    ]);
    const iban = within(form).getByLabelText(/^IBAN/);
    expect(iban.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText(/check digits of this IBAN do not match/)).toBeTruthy();
  });

  it('asks to choose a company when there is none', async () => {
    await renderApp(loggedInReplies({ companies: [], accounts: [] }));
    fireEvent.click(screen.getByRole('button', { name: 'Accounts' }));
    await settle();
    expect(screen.getByRole('heading', { name: 'Choose a company first' })).toBeTruthy();
  });
});

describe('users and audit', () => {
  it('lets an admin create a user with a role', async () => {
    const created = makeUser({ id: 2, username: 'luis', displayName: 'Luis Gómez', role: 'reviewer' });
    const { api } = await renderApp({ ...loggedInReplies(), 'users.create': ok(created) });
    fireEvent.click(screen.getByRole('button', { name: 'Users' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'New user' }));
    const form = screen.getByRole('form', { name: 'New user' });
    fireEvent.change(within(form).getByLabelText(/^Username/), { target: { value: 'luis' } });
    fireEvent.change(within(form).getByLabelText('Display name'), { target: { value: 'Luis Gómez' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'reviewer' } });
    fireEvent.change(within(form).getByLabelText(/^Password/), { target: { value: 'a long passphrase' } });
    fireEvent.change(within(form).getByLabelText('Repeat password'), { target: { value: 'a long passphrase' } });
    fireEvent.submit(form);
    await settle();
    expect(api.inputsOf('users.create')).toEqual([{ username: 'luis', displayName: 'Luis Gómez', role: 'reviewer', password: 'a long passphrase' }]);
    expect(screen.getByRole('row', { name: /luis/ })).toBeTruthy();
  });

  it('lists audit entries of the current company, newest first', async () => {
    const { api } = await renderApp({
      ...loggedInReplies(),
      'audit.list': ok([
        makeAudit({ id: 2, action: 'company.rename', details: { from: 'Acme', to: 'Acme SL' } }),
        makeAudit({ id: 1, username: null, userId: null }),
      ]),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Audit' }));
    await settle();
    expect(api.inputsOf('audit.list').at(-1)).toEqual({ companyId: 1, beforeId: null, limit: 100 });
    const rows = within(screen.getByRole('table', { name: 'Audit' })).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('from: Acme · to: Acme SL');
    expect(rows[2]?.textContent).toContain('command line');
  });
});
