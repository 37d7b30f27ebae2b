import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIVE_PREVIEW_DELAY_MS } from '../../renderer/src/features/inbox/MappingDialog.js';
import { renderApp, settle } from './support/render-app.js';
import { base64Of, deferred, droppedFile, makeLayout, makePreview, makeResult, makeStatement } from './support/import-fixtures.js';
import { fail, loggedInReplies, makeAccount, ok, type StubReplies } from './support/stub-api.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A drag event as the browser sends it for files dragged from the desktop. */
function dragEvent(type: string, files: File[] = []): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  const transfer = { types: ['Files'], files, items: files.map(() => ({ kind: 'file', webkitGetAsEntry: () => null })), dropEffect: 'none' };
  Object.defineProperty(event, 'dataTransfer', { value: transfer });
  return event;
}

const file = (name: string, text: string): File => new File([text], name);

async function openInbox(replies: StubReplies, languages?: readonly string[]) {
  const app = await renderApp({ ...loggedInReplies(), ...replies }, languages ? { languages } : {});
  fireEvent.click(within(screen.getByRole('navigation', { name: /Main|Principal/ })).getByRole('button', { name: /Inbox|Entrada/ }));
  await settle();
  return app;
}

describe('dropping files', () => {
  it('shows a full-window drop target on any screen and imports what is dropped into the Inbox', async () => {
    const { api } = await renderApp({ ...loggedInReplies(), 'imports.preview': ok(makePreview()) });
    expect(screen.getByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
    act(() => void window.dispatchEvent(dragEvent('dragenter')));
    expect(screen.getByTestId('drop-target').textContent).toContain('Drop files to import');
    act(() => void window.dispatchEvent(dragEvent('drop', [file('marzo.n43', '11 cuenta'), file('libro.csv', 'id,date')])));
    await settle();
    await settle();
    expect(screen.queryByTestId('drop-target')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Inbox' })).toBeTruthy();
    expect(api.inputsOf('imports.preview').map((input) => [input.fileName, input.contentBase64])).toEqual([
      ['marzo.n43', base64Of('11 cuenta')],
      ['libro.csv', base64Of('id,date')],
    ]);
    const cards = screen.getAllByTestId('inbox-file');
    expect(cards).toHaveLength(2);
    const first = within(cards[0]!);
    expect(first.getByRole('heading', { name: 'marzo.n43' })).toBeTruthy();
    expect(first.getByText('Norma 43')).toBeTruthy();
    expect((first.getByLabelText('Text encoding of marzo.n43') as HTMLSelectElement).value).toBe('windows-1252');
    expect(first.getByText('Balances add up')).toBeTruthy();
    expect(first.getByText('Mar 1, 2025 – Mar 31, 2025')).toBeTruthy();
    expect(first.getByText('Line 12')).toBeTruthy();
    expect(first.getByText('A date could not be read.')).toBeTruthy();
    expect(screen.getByTestId('key-figures').textContent).toBe('2 files · 2 ready');
  });

  it('hides the drop target when the drag leaves the window', async () => {
    await renderApp(loggedInReplies());
    act(() => void window.dispatchEvent(dragEvent('dragenter')));
    act(() => void window.dispatchEvent(dragEvent('dragenter')));
    act(() => void window.dispatchEvent(dragEvent('dragleave')));
    expect(screen.getByTestId('drop-target')).toBeTruthy();
    act(() => void window.dispatchEvent(dragEvent('dragleave')));
    expect(screen.queryByTestId('drop-target')).toBeNull();
  });

  it('shows a calm empty state with the pickers, in Spanish too', async () => {
    await openInbox({}, ['es-ES']);
    expect(screen.getByRole('heading', { level: 2, name: 'Suelte aquí un extracto bancario' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Elegir archivos' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Elegir carpeta' })).toBeTruthy();
    expect(screen.getByTestId('choose-folder').hasAttribute('webkitdirectory')).toBe(true);
  });
});

describe('inbox cards', () => {
  it('asks for an account when the file does not say, and previews again with the choice', async () => {
    const choose = makePreview({ statements: [makeStatement({ resolution: { kind: 'choose', reason: 'The file does not say which account it is for.' } })] });
    const { api, store } = await openInbox({
      'accounts.list': ok([makeAccount(), makeAccount({ id: 2, name: 'Caja Rural', iban: null, number: '3058', currency: 'EUR' })]),
      'imports.preview': (input) => ok(input.accountId === 2 ? makePreview() : choose),
    });
    await act(() => store.getState().addFiles([droppedFile('sin-cuenta.csv', 'x')]));
    const card = within(screen.getByTestId('inbox-file'));
    expect(card.getByText('Choose an account')).toBeTruthy();
    expect((screen.getByRole('button', { name: /Import all/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(card.getByLabelText('Account'), { target: { value: '2' } });
    await settle();
    expect(api.inputsOf('imports.preview').at(-1)?.accountId).toBe(2);
    expect(card.getByText('Ready')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Import all (1)' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('sends a books file to the open items by default, or to a bank account\'s ledger when chosen', async () => {
    const books = { items: 5, new: 5, updated: 0, unchanged: 0, invoices: 5, creditNotes: 0, ledgerEntries: 0, payments: 0, currencies: ['EUR'], periodFrom: '2025-02-10', periodTo: '2025-03-01' };
    const { api, store } = await openInbox({
      'imports.preview': (input) => ok(makePreview({ fileName: 'libro.csv', format: 'csv', side: 'books', statements: [], books: input.accountId === 1 ? { ...books, invoices: 0, ledgerEntries: 5 } : books })),
    });
    await act(() => store.getState().addFiles([droppedFile('libro.csv', 'id,date')]));
    const card = within(screen.getByTestId('inbox-file'));
    const target = card.getByLabelText('Goes to') as HTMLSelectElement;
    expect(target.value).toBe('');
    expect(card.getByText('Open items of the company')).toBeTruthy();
    fireEvent.change(target, { target: { value: '1' } });
    await settle();
    expect(api.inputsOf('imports.preview').at(-1)?.accountId).toBe(1);
    expect((card.getByLabelText('Goes to') as HTMLSelectElement).value).toBe('1');
    expect(card.getByText(/libro de bancos/)).toBeTruthy();
  });

  it('previews again with another text encoding when accents look wrong', async () => {
    const { api, store } = await openInbox({ 'imports.preview': (input) => ok(makePreview({ encoding: input.encoding ?? 'windows-1252' })) });
    await act(() => store.getState().addFiles([droppedFile('dos.n43', 'x')]));
    fireEvent.change(screen.getByLabelText('Text encoding of dos.n43'), { target: { value: 'cp850' } });
    await settle();
    expect(api.inputsOf('imports.preview').at(-1)).toMatchObject({ encoding: 'cp850' });
    expect((screen.getByLabelText('Text encoding of dos.n43') as HTMLSelectElement).value).toBe('cp850');
  });

  it('skips and removes files', async () => {
    const { store } = await openInbox({ 'imports.preview': ok(makePreview()) });
    await act(() => store.getState().addFiles([droppedFile('a.n43', 'a'), droppedFile('b.n43', 'b')]));
    const [a] = screen.getAllByTestId('inbox-file');
    fireEvent.click(within(a!).getByRole('button', { name: 'Skip' }));
    expect(within(a!).getByText('Skipped')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove b.n43' }));
    expect(screen.getAllByTestId('inbox-file')).toHaveLength(1);
    expect(screen.getByTestId('key-figures').textContent).toBe('1 file · 0 ready');
  });
});

describe('mapping screen', () => {
  it('opens for a file that needs mapping, previews live as roles change, and sends the saved profile name', async () => {
    const { api, store } = await openInbox({
      'profiles.list': ok([]),
      'imports.preview': (input) => {
        const mapped = input.mapping?.columns.some((c) => c.role === 'amount') === true;
        return ok(makePreview({ format: 'xlsx', encoding: 'utf-8', diagnostics: [], layout: makeLayout({ needsMapping: !mapped }) }));
      },
      'imports.commit': ok(makeResult({ format: 'xlsx' })),
    });
    await act(() => store.getState().addFiles([droppedFile('movimientos.xlsx', 'PK')]));
    const card = within(screen.getByTestId('inbox-file'));
    expect(card.getByText('Needs mapping')).toBeTruthy();
    fireEvent.click(card.getByRole('button', { name: 'Map columns' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Map the columns of movimientos.xlsx' }));
    expect(within(dialog.getByRole('table', { name: 'First rows of the file' })).getByText('TRANSFERENCIA DISTRIBUCIONES LOPEZ')).toBeTruthy();
    expect(dialog.getByRole('alert').textContent).toContain('Choose the amount column');
    expect((dialog.getByRole('button', { name: 'Use this mapping' }) as HTMLButtonElement).disabled).toBe(true);
    await settle();
    const before = api.inputsOf('imports.preview').length;

    vi.useFakeTimers();
    fireEvent.change(dialog.getByLabelText('Role of column Importe'), { target: { value: 'amount' } });
    fireEvent.change(dialog.getByLabelText('Dates'), { target: { value: 'dmy' } });
    expect(api.inputsOf('imports.preview')).toHaveLength(before);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(LIVE_PREVIEW_DELAY_MS + 10);
    });
    vi.useRealTimers();
    await settle();
    expect(api.inputsOf('imports.preview')).toHaveLength(before + 1);
    const live = api.inputsOf('imports.preview').at(-1)!;
    expect(live.mapping?.columns.map((c) => c.role)).toEqual(['date', 'description', 'amount', 'balance']);
    expect(dialog.getByTestId('mapping-result').textContent).toContain('Balances add up');
    const firstRows = within(dialog.getByRole('table', { name: 'First rows read with these choices' }));
    expect(firstRows.getByText('Mar 3, 2025')).toBeTruthy();
    expect(firstRows.getByText('EUR 1,210.00')).toBeTruthy();
    expect(firstRows.getByText('-EUR 363.00')).toBeTruthy();

    fireEvent.click(dialog.getByLabelText('Save as profile'));
    fireEvent.change(dialog.getByLabelText('Profile name'), { target: { value: 'BBVA movimientos' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Use this mapping' }));
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(screen.getByTestId('inbox-file')).getByText('Ready')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Import all (1)' }));
    await settle();
    expect(api.inputsOf('imports.commit')[0]).toMatchObject({ saveProfileAs: 'BBVA movimientos', mapping: { name: 'BBVA movimientos' } });
  });
});

describe('import all', () => {
  it('shows progress per file, cancels, and sums up what was done with a link to the account', async () => {
    const held = deferred<ReturnType<typeof fail>>();
    const { api, store } = await openInbox({
      'imports.preview': ok(makePreview()),
      'imports.commit': (input) => (input.fileName === 'a.n43' ? ok(makeResult({ added: 22, skippedDuplicates: 2, possibleDuplicates: 1 })) : held.promise),
      'tasks.cancel': ok({ cancelled: true }),
      'bankLines.list': ok({ total: 0, offset: 0, rows: [] }),
    });
    await act(() => store.getState().addFiles([droppedFile('a.n43', 'a'), droppedFile('b.n43', 'b'), droppedFile('c.n43', 'c')]));
    fireEvent.click(screen.getByRole('button', { name: 'Import all (3)' }));
    await settle();
    const b = store.getState().inboxFiles[1]!;
    act(() => api.emit('task.progress', { taskId: b.id, kind: 'import', stage: 'write', done: 300, total: 1200 }));
    const bar = screen.getByRole('progressbar', { name: 'Importing b.n43' });
    expect(bar.getAttribute('aria-valuenow')).toBe('300');
    expect(bar.getAttribute('aria-valuemax')).toBe('1200');
    expect(screen.getByText('Saving: 300 of 1,200')).toBeTruthy();
    expect(screen.getByText('Importing file 2 of 3: b.n43')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(api.inputsOf('tasks.cancel')).toEqual([{ taskId: b.id }]);
    await act(async () => held.resolve(fail('cancelled', 'cancelled')));
    await settle();
    expect(api.inputsOf('imports.commit')).toHaveLength(2);
    const summary = within(screen.getByTestId('import-summary'));
    expect(summary.getByRole('heading', { name: /Import cancelled/ })).toBeTruthy();
    expect(summary.getByText('Lines added').nextSibling?.textContent).toBe('22');
    expect(summary.getByText('Possible duplicates').nextSibling?.textContent).toBe('1');
    fireEvent.click(summary.getByRole('button', { name: 'Open Main account' }));
    await settle();
    expect(screen.getByRole('heading', { level: 1, name: 'Main account' })).toBeTruthy();
    expect(api.inputsOf('bankLines.list')[0]).toMatchObject({ accountId: 1, offset: 0 });
  });
});
