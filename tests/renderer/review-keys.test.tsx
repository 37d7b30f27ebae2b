import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { reviewKeyAction } from '../../renderer/src/features/review/use-review-keys.js';
import { settle } from './support/render-app.js';
import { openReview, queueOptions } from './support/review-app.js';
import { makeDetail } from './support/review-fixtures.js';
import { ok, type StubReplies } from './support/stub-api.js';

afterEach(cleanup);

const press = async (key: string, target: Element = document.body): Promise<void> => {
  fireEvent.keyDown(target, { key });
  await settle();
};
const selectedIndex = (): number => queueOptions().findIndex((option) => option.getAttribute('aria-selected') === 'true');

const decisions: StubReplies = {
  'matches.approve': (input) => ok(makeDetail(input.id, { status: 'approved', canUndo: true })),
  'matches.reject': (input) => ok(makeDetail(input.id, { status: 'rejected', canUndo: true })),
  'matches.chooseAlternative': (input) => ok(makeDetail(input.id, { status: 'approved', canUndo: true })),
  'matches.undo': (input) => ok(makeDetail(input.id)),
  'bookItems.list': ok({ total: 0, offset: 0, rows: [] }),
};

describe('review keyboard map', () => {
  it('maps keys to actions', () => {
    expect(reviewKeyAction('j')).toEqual({ type: 'move', step: 1 });
    expect(reviewKeyAction('ArrowDown')).toEqual({ type: 'move', step: 1 });
    expect(reviewKeyAction('k')).toEqual({ type: 'move', step: -1 });
    expect(reviewKeyAction('ArrowUp')).toEqual({ type: 'move', step: -1 });
    expect(reviewKeyAction('a')).toEqual({ type: 'approve' });
    expect(reviewKeyAction('r')).toEqual({ type: 'reject' });
    expect(reviewKeyAction('1')).toEqual({ type: 'choose', position: 0 });
    expect(reviewKeyAction('9')).toEqual({ type: 'choose', position: 8 });
    expect(reviewKeyAction('0')).toBeNull();
    expect(reviewKeyAction('u')).toEqual({ type: 'undo' });
    expect(reviewKeyAction('m')).toEqual({ type: 'manual' });
    expect(reviewKeyAction('/')).toEqual({ type: 'search' });
    expect(reviewKeyAction('x')).toBeNull();
  });

  it('moves the selection with j/k and the arrows, and fetches the detail of each proposal', async () => {
    const { api } = await openReview({ ...decisions });
    expect(selectedIndex()).toBe(0);
    await press('j');
    expect(selectedIndex()).toBe(1);
    await press('ArrowDown');
    expect(selectedIndex()).toBe(2);
    await press('j');
    expect(selectedIndex()).toBe(2);
    await press('k');
    await press('ArrowUp');
    expect(selectedIndex()).toBe(0);
    expect(api.inputsOf('matches.get').map((input) => input.id)).toEqual([1, 2, 3, 2, 1]);
    expect(screen.getByRole('listbox').getAttribute('aria-activedescendant')).toBe(queueOptions()[0]?.id);
  });

  it('approves with a, rejects with r, chooses with 1–9 and undoes the latest with u', async () => {
    const { api } = await openReview({ ...decisions });
    await press('a');
    expect(api.inputsOf('matches.approve')).toEqual([{ id: 1 }]);
    expect(selectedIndex()).toBe(1);
    await press('r');
    expect(api.inputsOf('matches.reject')).toEqual([{ id: 2 }]);
    expect(selectedIndex()).toBe(2);
    await press('2');
    expect(api.inputsOf('matches.chooseAlternative')).toEqual([{ id: 3, index: 1 }]);
    await press('u');
    expect(api.inputsOf('matches.undo')).toEqual([{ id: 3 }]);
    await press('u');
    expect(api.inputsOf('matches.undo')).toEqual([{ id: 3 }, { id: 2 }]);
    expect(within(queueOptions()[1]!).getByText('Pending')).toBeTruthy();
    expect(within(queueOptions()[0]!).getByText('Approved')).toBeTruthy();
  });

  it('ignores an alternative number the proposal has not got', async () => {
    const { api } = await openReview({ ...decisions });
    await press('7');
    expect(api.inputsOf('matches.chooseAlternative')).toHaveLength(0);
  });

  it('opens the manual builder with m, focuses the search with /, and lists the keys under ?', async () => {
    await openReview({ ...decisions });
    await press('m');
    const dialog = screen.getByRole('dialog', { name: 'Match by hand' });
    expect(within(dialog).getByTestId('manual-bank-line').textContent).toContain('FV2025/0001');
    // Keys belong to the dialog while it is open.
    await press('a', document.activeElement ?? document.body);
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    await press('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search proposals' }));
    fireEvent.keyDown(document.body, { key: '?' });
    const shortcuts = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const label of ['Approve the selected proposal', 'Reject the selected proposal', 'Approve alternative 1–9 instead', 'Match the selected bank line by hand', 'Undo the last change']) {
      expect(within(shortcuts).getByText(label)).toBeTruthy();
    }
  });

  it('ignores the keys while typing in a field, after g (go to a screen), and with modifiers', async () => {
    const { api } = await openReview({ ...decisions });
    const search = screen.getByRole('searchbox', { name: 'Search proposals' });
    search.focus();
    await press('a', search);
    await press('j', search);
    await press('u', search);
    expect(api.inputsOf('matches.approve')).toHaveLength(0);
    expect(api.inputsOf('matches.undo')).toHaveLength(0);
    expect(selectedIndex()).toBe(0);
    search.blur();
    fireEvent.keyDown(document.body, { key: 'a', ctrlKey: true });
    await settle();
    expect(api.inputsOf('matches.approve')).toHaveLength(0);
    await press('g');
    await press('a');
    expect(api.inputsOf('matches.approve')).toHaveLength(0);
    expect(screen.getByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
  });

  it('shows every decision key in its button’s tooltip', async () => {
    await openReview({ ...decisions });
    const proposal = screen.getByTestId('proposal');
    expect(within(proposal).getByRole('button', { name: 'Approve' }).getAttribute('title')).toBe('Approve (A)');
    expect(within(proposal).getByRole('button', { name: 'Reject' }).getAttribute('title')).toBe('Reject (R)');
    expect(within(proposal).getByRole('button', { name: 'Match by hand' }).getAttribute('title')).toBe('Match by hand (M)');
    expect(within(proposal).getByRole('button', { name: 'Choose alternative 1' }).getAttribute('title')).toBe('Choose alternative 1 (1)');
    expect(screen.getByRole('searchbox', { name: 'Search proposals' }).getAttribute('title')).toBe('Search proposals (/)');
  });
});
