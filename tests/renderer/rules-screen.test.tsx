import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, settle } from './support/render-app.js';
import { makeAlias, makeRejected, reconcileReplies } from './support/report-fixtures.js';
import { loggedInReplies, makeUser, ok, type StubReplies } from './support/stub-api.js';

afterEach(cleanup);

const text = (node: Element | null): string => (node?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function openRules(replies: StubReplies = {}, languages?: readonly string[]) {
  const app = await renderApp({
    ...loggedInReplies(),
    ...reconcileReplies(),
    'learning.list': ok({
      aliases: [makeAlias(), makeAlias({ id: 2, bankText: 'AMAZON PAYMENTS', counterpartyName: 'Amazon EU Sarl', taxId: null, source: 'rule', timesUsed: 3 })],
      rejectedPairs: [makeRejected()],
    }),
    ...replies,
  }, languages ? { languages } : {});
  fireEvent.click(screen.getByRole('button', { name: languages?.[0]?.startsWith('es') ? 'Reglas' : 'Rules' }));
  await settle();
  return app;
}

describe('rules screen', () => {
  it('lists learned aliases and rules with source, use count, who and when, and the rejected pairs', async () => {
    const { api } = await openRules();
    expect(api.inputsOf('learning.list')).toEqual([{ companyId: 1 }]);
    expect(screen.getByTestId('key-figures').textContent).toBe('2 rules and aliases · 1 rejected pair');
    const aliases = screen.getByRole('table', { name: 'Bank texts and the counterparty Cuadra reads in them' });
    const headers = within(aliases).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Bank text', 'Counterparty', 'Tax ID', 'Source', 'Times used', 'Who', 'When', 'Actions']);
    const first = within(aliases).getByRole('row', { name: /TELEFONICA DE ESPANA/ });
    expect(text(first)).toContain('Telefónica de España SA');
    expect(text(first)).toContain('Learned');
    expect(text(first)).toContain('12');
    expect(text(within(aliases).getByRole('row', { name: /AMAZON PAYMENTS/ }))).toContain('Rule');
    const rejected = screen.getByRole('table', { name: 'Pairs Cuadra never proposes for automatic approval again' });
    const pair = within(rejected).getAllByRole('row')[1]!;
    expect(text(pair)).toContain('RECIBO ENDESA');
    expect(text(pair)).toContain('-EUR 121.00');
    expect(text(pair)).toContain('FV-2024-0099 Iberdrola');
    expect(text(pair)).toContain('luis');
  });

  it('adds a rule after checking the form', async () => {
    const added = makeAlias({ id: 9, bankText: 'ENDESA ENERGIA', counterpartyName: 'Endesa Energía SAU', taxId: null, source: 'rule', timesUsed: 0 });
    const { api } = await openRules({ 'learning.addRule': ok(added) });
    fireEvent.click(screen.getByRole('button', { name: 'New rule' }));
    const form = screen.getByRole('form', { name: 'New rule' });
    fireEvent.change(within(form).getByLabelText('When the bank text contains'), { target: { value: 'EN' } });
    fireEvent.submit(form);
    expect(within(form).getByText('At least 3 characters.')).toBeTruthy();
    expect(within(form).getByText('Give a counterparty, a tax ID or both.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('When the bank text contains'), { target: { value: ' ENDESA ENERGIA ' } });
    fireEvent.change(within(form).getByLabelText(/^The counterparty is/), { target: { value: 'Endesa Energía SAU' } });
    fireEvent.submit(form);
    await settle();
    expect(api.inputsOf('learning.addRule')).toEqual([{ companyId: 1, bankText: 'ENDESA ENERGIA', counterpartyName: 'Endesa Energía SAU', taxId: null }]);
    expect(screen.queryByRole('form', { name: 'New rule' })).toBeNull();
    expect(screen.getByRole('row', { name: /ENDESA ENERGIA/ })).toBeTruthy();
    expect(screen.getByText('Rule saved for “ENDESA ENERGIA”.')).toBeTruthy();
  });

  it('deletes a rule with an Undo toast', async () => {
    const { api } = await openRules({ 'learning.deleteAlias': ok({}), 'learning.addRule': ok(makeAlias({ id: 11, source: 'rule' })) });
    fireEvent.click(screen.getByRole('button', { name: 'Delete the rule for “TELEFONICA DE ESPANA”' }));
    await settle();
    expect(api.inputsOf('learning.deleteAlias')).toEqual([{ id: 1 }]);
    expect(screen.queryByRole('row', { name: /TELEFONICA DE ESPANA/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await settle();
    expect(api.inputsOf('learning.addRule')).toHaveLength(1);
    expect(screen.getByRole('row', { name: /TELEFONICA DE ESPANA/ })).toBeTruthy();
  });

  it('asks before forgetting a rejected pair', async () => {
    const { api } = await openRules({ 'learning.deleteRejected': ok({}) });
    fireEvent.click(screen.getByRole('button', { name: 'Forget the rejected pair of Mar 12, 2024 RECIBO ENDESA' }));
    const dialog = screen.getByRole('dialog', { name: 'Forget this rejected pair?' });
    expect(text(dialog)).toContain('“Mar 12, 2024 RECIBO ENDESA” with FV-2024-0099 Iberdrola again');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.inputsOf('learning.deleteRejected')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Forget the rejected pair of Mar 12, 2024 RECIBO ENDESA' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Forget pair' }));
    await settle();
    expect(api.inputsOf('learning.deleteRejected')).toEqual([{ id: 7 }]);
    expect(screen.getByText(/No rejected pairs\./)).toBeTruthy();
  });

  it('lets a reviewer read but not change the rules', async () => {
    await openRules({ 'auth.session': ok({ user: makeUser({ role: 'reviewer' }), expiresAt: '2030-01-01T00:00:00.000Z' }) });
    expect(screen.getByText('Your role can see the rules but not change them.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New rule' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete the rule/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Forget the rejected pair/ })).toBeNull();
  });

  it('says what to do when nothing was learned yet, in Spanish', async () => {
    await openRules({ 'learning.list': ok({ aliases: [], rejectedPairs: [] }) }, ['es-MX']);
    expect(screen.getByRole('heading', { level: 1, name: 'Reglas' })).toBeTruthy();
    expect(screen.getByText(/Aún no hay reglas\./)).toBeTruthy();
    expect(screen.getByText(/No hay parejas rechazadas\./)).toBeTruthy();
  });
});
