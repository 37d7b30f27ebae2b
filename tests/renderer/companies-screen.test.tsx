import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Company } from '../../main/core/contract/index.js';
import { renderApp, settle } from './support/render-app.js';
import { fail, loggedInReplies, makeCompany, makeUser, ok, type StubReplies } from './support/stub-api.js';

afterEach(cleanup);

/** A tiny in-memory "core" for companies, so the screen sees consistent answers. */
function companiesCore(initial: Company[]): StubReplies {
  let rows = [...initial];
  let nextId = 100;
  return {
    ...loggedInReplies({ companies: rows }),
    'companies.list': () => ok(rows),
    'companies.create': ({ name, taxId }) => {
      const company = makeCompany({ id: nextId++, name, taxId: taxId ?? null });
      rows = [...rows, company];
      return ok(company);
    },
    'companies.rename': ({ id, name }) => {
      rows = rows.map((c) => (c.id === id ? { ...c, name } : c));
      return ok(rows.find((c) => c.id === id)!);
    },
    'companies.archive': ({ id, archived }) => {
      rows = rows.map((c) => (c.id === id ? { ...c, archived } : c));
      return ok(rows.find((c) => c.id === id)!);
    },
  };
}

async function openCompanies(replies: StubReplies, languages?: readonly string[]) {
  const app = await renderApp(replies, languages ? { languages } : {});
  fireEvent.click(screen.getByRole('button', { name: languages?.[0]?.startsWith('es') ? 'Empresas' : 'Companies' }));
  await settle();
  return app;
}

const rowOf = (name: string): HTMLElement => screen.getByRole('row', { name: new RegExp(name) });

describe('companies screen', () => {
  it('lists companies with key figures and the current one marked', async () => {
    await openCompanies(companiesCore([makeCompany({ id: 1, name: 'Acme SL' }), makeCompany({ id: 2, name: 'Beta SA', archived: true })]));
    expect(screen.getByRole('heading', { level: 1, name: 'Companies' })).toBeTruthy();
    expect(screen.getByTestId('key-figures').textContent).toBe('1 active · 1 archived');
    expect(within(rowOf('Acme SL')).getByText('Current')).toBeTruthy();
    expect(screen.queryByRole('row', { name: /Beta SA/ })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show archived' }));
    expect(within(rowOf('Beta SA')).getByText('Archived')).toBeTruthy();
  });

  it('creates a company from the inline form with Enter', async () => {
    const { api } = await openCompanies(companiesCore([makeCompany()]));
    fireEvent.click(screen.getByRole('button', { name: 'New company' }));
    const form = screen.getByRole('form', { name: 'New company' });
    fireEvent.change(within(form).getByLabelText('Company name'), { target: { value: 'Nueva Era SL' } });
    fireEvent.change(within(form).getByLabelText(/Tax ID/), { target: { value: 'B99999999' } });
    fireEvent.submit(form);
    await settle();
    expect(api.inputsOf('companies.create')).toEqual([{ name: 'Nueva Era SL', taxId: 'B99999999' }]);
    expect(screen.queryByRole('form', { name: 'New company' })).toBeNull();
    expect(rowOf('Nueva Era SL')).toBeTruthy();
    expect(screen.getByTestId('toasts').textContent).toContain('Nueva Era SL created.');
  });

  it('shows a create conflict under the name and keeps the form open', async () => {
    await openCompanies({ ...companiesCore([makeCompany()]), 'companies.create': fail('conflict', 'There is already a company called "Acme SL".') });
    fireEvent.click(screen.getByRole('button', { name: 'New company' }));
    const form = screen.getByRole('form', { name: 'New company' });
    fireEvent.change(within(form).getByLabelText('Company name'), { target: { value: 'Acme SL' } });
    fireEvent.submit(form);
    await settle();
    const input = within(form).getByLabelText('Company name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText(/already a company called "Acme SL"/)).toBeTruthy();
  });

  it('renames in place: Enter saves, Escape cancels', async () => {
    const { api } = await openCompanies(companiesCore([makeCompany()]));
    fireEvent.click(within(rowOf('Acme SL')).getByRole('button', { name: 'Rename' }));
    let input = screen.getByRole('textbox', { name: 'Company name' });
    fireEvent.change(input, { target: { value: 'Ignored' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('textbox', { name: 'Company name' })).toBeNull();
    expect(api.inputsOf('companies.rename')).toHaveLength(0);

    fireEvent.click(within(rowOf('Acme SL')).getByRole('button', { name: 'Rename' }));
    input = screen.getByRole('textbox', { name: 'Company name' });
    fireEvent.change(input, { target: { value: 'Acme Ibérica SL' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(api.inputsOf('companies.rename')).toEqual([{ id: 1, name: 'Acme Ibérica SL' }]);
    expect(rowOf('Acme Ibérica SL')).toBeTruthy();
    expect((screen.getByLabelText('Company') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Acme Ibérica SL');
  });

  it('archives at once without asking, and Undo in the toast restores', async () => {
    const { api } = await openCompanies(companiesCore([makeCompany({ id: 1, name: 'Acme SL' }), makeCompany({ id: 2, name: 'Beta SA' })]));
    fireEvent.click(within(rowOf('Beta SA')).getByRole('button', { name: 'Archive' }));
    expect(screen.queryByRole('row', { name: /Beta SA/ })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    await settle();
    const toasts = screen.getByTestId('toasts');
    expect(toasts.textContent).toContain('Beta SA archived.');
    fireEvent.click(within(toasts).getByRole('button', { name: 'Undo' }));
    await settle();
    expect(api.inputsOf('companies.archive')).toEqual([{ id: 2, archived: true }, { id: 2, archived: false }]);
    expect(rowOf('Beta SA')).toBeTruthy();
    expect(screen.getByTestId('key-figures').textContent).toBe('2 active · 0 archived');
  });

  it('undoes the last archive with the u key', async () => {
    const { api } = await openCompanies(companiesCore([makeCompany({ id: 1, name: 'Acme SL' }), makeCompany({ id: 2, name: 'Beta SA' })]));
    fireEvent.click(within(rowOf('Beta SA')).getByRole('button', { name: 'Archive' }));
    await settle();
    fireEvent.keyDown(document.body, { key: 'u' });
    await settle();
    expect(api.inputsOf('companies.archive').at(-1)).toEqual({ id: 2, archived: false });
    expect(rowOf('Beta SA')).toBeTruthy();
  });

  it('hides archive from preparers and every change from reviewers', async () => {
    const as = (role: 'preparer' | 'reviewer'): StubReplies => ({
      ...companiesCore([makeCompany()]),
      'auth.session': ok({ user: makeUser({ role }), expiresAt: '2030-01-01T00:00:00.000Z' }),
    });
    await openCompanies(as('preparer'));
    expect(within(rowOf('Acme SL')).getByRole('button', { name: 'Rename' })).toBeTruthy();
    expect(within(rowOf('Acme SL')).queryByRole('button', { name: 'Archive' })).toBeNull();
    cleanup();
    await openCompanies(as('reviewer'));
    expect(screen.queryByRole('button', { name: 'New company' })).toBeNull();
    expect(within(rowOf('Acme SL')).queryByRole('button', { name: 'Rename' })).toBeNull();
    expect(within(rowOf('Acme SL')).queryByRole('button', { name: 'Archive' })).toBeNull();
  });
});
