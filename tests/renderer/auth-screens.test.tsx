import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, settle } from './support/render-app.js';
import { fail, loggedInReplies, makeUser, ok } from './support/stub-api.js';

afterEach(cleanup);

const setupReplies = {
  'app.info': ok({ version: '0.1.0', firmName: null, setupRequired: true }),
};

function type(label: string | RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('first run', () => {
  it('submits the firm and administrator as typed (trimmed), the password untouched', async () => {
    const { api } = await renderApp({
      ...loggedInReplies({ companies: [] }),
      ...setupReplies,
      'auth.setup': ok({ user: makeUser(), expiresAt: '2030-01-01T00:00:00.000Z' }),
    });
    expect(screen.getByRole('heading', { name: 'Set up Cuadra' })).toBeTruthy();
    type('Firm name', '  Gestoría López ');
    type(/^Username/, 'ana');
    type('Display name', 'Ana Ruiz');
    type(/^Password/, ' pässwörd with spaces ');
    type('Repeat password', ' pässwörd with spaces ');
    fireEvent.click(screen.getByRole('button', { name: 'Create firm and log in' }));
    await settle();
    expect(api.inputsOf('auth.setup')).toEqual([
      { firmName: 'Gestoría López', username: 'ana', displayName: 'Ana Ruiz', password: ' pässwörd with spaces ' },
    ]);
    expect(screen.getByRole('heading', { name: 'Companies' })).toBeTruthy();
  });

  it('does not send when the two passwords differ, and says so', async () => {
    const { api } = await renderApp(setupReplies);
    type('Firm name', 'F');
    type(/^Username/, 'ana');
    type('Display name', 'Ana');
    type(/^Password/, 'one long password');
    type('Repeat password', 'another one');
    fireEvent.submit(screen.getByRole('form'));
    await settle();
    expect(api.inputsOf('auth.setup')).toHaveLength(0);
    expect(screen.getByText('The two passwords are not the same.')).toBeTruthy();
  });

  it('counts bytes near the bcrypt limit and shows the core’s verdict on a long password', async () => {
    await renderApp({ ...setupReplies, 'auth.setup': fail('password_too_long', 'too long', { bytes: 80, maxBytes: 72 }) });
    const long = 'ñ'.repeat(40);
    type(/^Password/, long);
    expect(screen.getByText('Too long: 80 bytes; the limit is 72.')).toBeTruthy();
    type('Firm name', 'F');
    type(/^Username/, 'ana');
    type('Display name', 'Ana');
    type('Repeat password', long);
    fireEvent.submit(screen.getByRole('form'));
    await settle();
    expect(screen.getByText(/only the first 72 bytes/)).toBeTruthy();
  });
});

describe('login', () => {
  const loginReplies = {
    ...loggedInReplies(),
    'auth.session': ok({ user: null, expiresAt: null }),
  };

  it('shows until when a locked account waits', async () => {
    await renderApp({
      ...loginReplies,
      'auth.login': fail('account_locked', 'Too many failed logins', { lockedUntil: '2031-06-01T09:30:00.000Z', retryAfterSeconds: 900 }),
    });
    type('Username', 'ana');
    type('Password', 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await settle();
    const alert = screen.getByTestId('login-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/locked until Jun 1, 2031/);
  });

  it('says in Spanish that the credentials are wrong, with the Entrar button', async () => {
    const { api } = await renderApp({ ...loginReplies, 'auth.login': fail('unauthenticated', 'Wrong username or password.') }, { languages: ['es-ES'] });
    type('Usuario', 'ana');
    type('Contraseña', 'mala');
    fireEvent.click(screen.getByRole('button', { name: 'Entrar' }));
    await settle();
    expect(api.inputsOf('auth.login')).toEqual([{ username: 'ana', password: 'mala' }]);
    expect(screen.getByRole('alert').textContent).toBe('El usuario o la contraseña no son correctos.');
  });

  it('logs in with Enter and shows the frame with the current company', async () => {
    await renderApp({ ...loginReplies, 'auth.login': ok({ user: makeUser(), expiresAt: '2030-01-01T00:00:00.000Z' }) });
    type('Username', 'ana');
    type('Password', 'right password');
    fireEvent.submit(screen.getByRole('form'));
    await settle();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect((screen.getByLabelText('Company') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Acme SL');
  });

  it('returns to login with a notice when the session expires', async () => {
    const { api, store } = await renderApp(loggedInReplies());
    api.replies['companies.list'] = fail('session_expired', 'expired');
    await store.getState().loadCompanies();
    await settle();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
    expect(screen.getByTestId('session-notice').textContent).toMatch(/session expired/);
  });

  it('logs out from the user menu', async () => {
    const { api } = await renderApp(loggedInReplies());
    fireEvent.click(screen.getByRole('button', { name: 'User menu for Ana Ruiz' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Log out' }));
    await settle();
    expect(api.inputsOf('auth.logout')).toHaveLength(1);
    expect(screen.getByText('You have logged out.')).toBeTruthy();
  });
});
