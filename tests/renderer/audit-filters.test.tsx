import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../main/core/contract/index.js';
import { COMMAND_LINE, filterAudit, noAuditFilter } from '../../renderer/src/features/audit/audit-filter.js';
import { renderApp, settle } from './support/render-app.js';
import { loggedInReplies, makeAudit, ok } from './support/stub-api.js';

afterEach(cleanup);

// Noon UTC keeps every entry on the same calendar day in any time zone a test machine may use.
const entries = [
  makeAudit({ id: 5, at: '2024-04-02T12:00:00.000Z', username: 'luis', action: 'match.approve', entity: 'match', entityId: '88' }),
  makeAudit({ id: 4, at: '2024-03-20T12:00:00.000Z', username: 'ana', action: 'period.lock', entity: 'account', entityId: '1' }),
  makeAudit({ id: 3, at: '2024-03-10T12:00:00.000Z', username: null, userId: null, action: 'import.commit', entity: 'import_batch', entityId: '7' }),
  makeAudit({ id: 2, at: '2024-03-01T12:00:00.000Z', username: 'ana', action: 'learning.rule.add', entity: 'alias', entityId: '3' }),
];

describe('audit filters', () => {
  it('filter by words in the action or item, by user and by a range of days', () => {
    expect(filterAudit(entries, { ...noAuditFilter, text: 'approve' }).map((e) => e.id)).toEqual([5]);
    expect(filterAudit(entries, { ...noAuditFilter, text: 'account 1' }).map((e) => e.id)).toEqual([4]);
    expect(filterAudit(entries, { ...noAuditFilter, text: 'MATCH#88' }).map((e) => e.id)).toEqual([5]);
    expect(filterAudit(entries, { ...noAuditFilter, user: 'ana' }).map((e) => e.id)).toEqual([4, 2]);
    expect(filterAudit(entries, { ...noAuditFilter, user: COMMAND_LINE }).map((e) => e.id)).toEqual([3]);
    expect(filterAudit(entries, { ...noAuditFilter, from: '2024-03-10', to: '2024-03-20' }).map((e) => e.id)).toEqual([4, 3]);
    expect(filterAudit(entries, noAuditFilter)).toHaveLength(4);
  });

  it('filters the loaded entries on screen, says how many match, and still loads older pages', async () => {
    const page = Array.from({ length: 100 }, (_, i) => makeAudit({ id: 200 - i, at: '2024-04-02T12:00:00.000Z', username: 'luis', action: 'match.approve' }));
    const { api } = await renderApp({
      ...loggedInReplies(),
      'audit.list': (input: MethodInput<'audit.list'>) => ok(input.beforeId ? entries : [...page.slice(0, 99), makeAudit({ id: 101, username: 'ana', action: 'period.lock', entity: 'account' })]),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Audit' }));
    await settle();
    const filters = screen.getByRole('search', { name: 'Filter the audit log' });
    fireEvent.change(within(filters).getByLabelText('User'), { target: { value: 'ana' } });
    expect(within(screen.getByRole('table', { name: 'Audit' })).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByTestId('key-figures').textContent).toBe('1 of 100 loaded entries');
    expect(screen.getByText('Filters apply to the entries loaded so far.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load older entries' }));
    await settle();
    expect(api.inputsOf('audit.list').at(-1)).toEqual({ companyId: 1, beforeId: 101, limit: 100 });
    expect(within(screen.getByRole('table', { name: 'Audit' })).getAllByRole('row')).toHaveLength(4);
    fireEvent.change(within(filters).getByLabelText('Action or item'), { target: { value: 'nothing like this' } });
    expect(screen.queryByRole('table', { name: 'Audit' })).toBeNull();
    expect(screen.getByText(/No loaded entry matches these filters/)).toBeTruthy();
    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByTestId('key-figures').textContent).toBe('104 entries shown');
  });
});
