import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Amount } from '../../renderer/src/components/Amount.js';
import { createAppStore } from '../../renderer/src/stores/create-app-store.js';
import { StoreProvider } from '../../renderer/src/stores/store-context.js';
import { renderApp, settle } from './support/render-app.js';
import { createStubApi, loggedInReplies, memoryStorage } from './support/stub-api.js';

afterEach(cleanup);

describe('Amount', () => {
  it('renders negative amounts with a minus sign and the negative style', () => {
    const store = createAppStore({ api: createStubApi(), storage: memoryStorage(), preferredLanguages: ['es-MX'] });
    render(
      <StoreProvider store={store}>
        <Amount value="-564.05" currency="MXN" />
        <Amount minor={120000} currency="EUR" />
      </StoreProvider>,
    );
    const [negative, positive] = document.querySelectorAll('.amount');
    expect(negative?.textContent?.replace(/\u00a0/g, ' ')).toBe('-MXN 564.05');
    expect(negative?.classList.contains('amount-negative')).toBe(true);
    expect(positive?.textContent?.replace(/\u00a0/g, ' ')).toBe('EUR 1,200.00');
    expect(positive?.classList.contains('amount-negative')).toBe(false);
    store.dispose();
  });
});

describe('keyboard', () => {
  it('n opens the screen’s create form and Escape closes it', async () => {
    await renderApp(loggedInReplies());
    fireEvent.keyDown(document.body, { key: 'n' });
    const form = screen.getByRole('form', { name: 'New bank account' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Account name'));
    fireEvent.keyDown(document.activeElement ?? form, { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'New bank account' })).toBeNull();
  });

  it('ignores shortcuts while typing in a field', async () => {
    await renderApp(loggedInReplies());
    fireEvent.keyDown(document.body, { key: 'n' });
    const name = screen.getByLabelText('Account name');
    fireEvent.keyDown(name, { key: '?' });
    fireEvent.keyDown(name, { key: 'g' });
    fireEvent.keyDown(name, { key: 't' });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
  });

  it('moves focus to the new screen’s title after navigating', async () => {
    await renderApp(loggedInReplies());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Settings' }));
  });
});
