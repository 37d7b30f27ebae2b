import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../renderer/src/stores/create-app-store.js';
import { bytesToBase64 } from '../../renderer/src/stores/slices/file-base64.js';
import { fileReadiness } from '../../renderer/src/stores/slices/inbox-readiness.js';
import { base64Of, deferred, droppedFile, makeLayout, makePreview, makeResult, makeStatement } from './support/import-fixtures.js';
import { createStubApi, fail, loggedInReplies, makeAccount, memoryStorage, ok, type StubReplies } from './support/stub-api.js';

let store: AppStore | null = null;
afterEach(() => store?.dispose());

async function ready(replies: StubReplies) {
  const api = createStubApi({ ...loggedInReplies(), ...replies });
  store = createAppStore({ api, storage: memoryStorage(), preferredLanguages: ['en-US'] });
  await store.getState().start();
  return { api, store };
}

describe('reading files', () => {
  it('encodes bytes as base64 in chunks, every byte value and past the chunk size', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const expected = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
    expect(bytesToBase64(bytes)).toBe(expected);
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('previews each dropped file with its bytes as base64 and the current company', async () => {
    const { api, store } = await ready({ 'imports.preview': ok(makePreview()) });
    const n43 = '11ñ 0081 Cuenta corriente\r\n22 movimiento';
    await store.getState().addFiles([droppedFile('marzo.n43', n43), droppedFile('.DS_Store', 'x'), droppedFile('libro.csv', 'id,date\n')]);
    const inputs = api.inputsOf('imports.preview');
    expect(inputs.map((input) => input.fileName)).toEqual(['marzo.n43', 'libro.csv']);
    expect(inputs[0]).toMatchObject({ companyId: 1, accountId: null, side: null, mapping: null, contentBase64: base64Of(n43) });
    const files = store.getState().inboxFiles;
    expect(files).toHaveLength(2);
    expect(new Set(files.map((f) => f.id)).size).toBe(2);
    expect(files.map(fileReadiness)).toEqual(['ready', 'ready']);
  });

  it('keeps a preview failure as the file’s error, and refuses files over 100 MiB without reading them', async () => {
    const { api, store } = await ready({ 'imports.preview': fail('import_unreadable', 'line 3: not a statement') });
    const huge = { name: 'huge.csv', size: 101 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('must not be read')) };
    await store.getState().addFiles([droppedFile('bad.txt', 'hola'), huge]);
    const [bad, big] = store.getState().inboxFiles;
    expect(bad?.error).toMatchObject({ code: 'import_unreadable' });
    expect(fileReadiness(bad!)).toBe('error');
    expect(big?.error?.details).toEqual({ reason: 'too_large' });
    expect(api.inputsOf('imports.preview')).toHaveLength(1);
  });
});

describe('choices about a file', () => {
  it('creates the account the file names by default, and previews again when another is chosen', async () => {
    const create = makePreview({ statements: [makeStatement({ resolution: { kind: 'create', name: 'ES91 2100 0418 4502 0005 1332', iban: 'ES9121000418450200051332', number: null, currency: 'EUR' } })] });
    const { api, store } = await ready({ 'imports.preview': ok(create) });
    await store.getState().addFiles([droppedFile('a.n43', 'x')]);
    const file = store.getState().inboxFiles[0]!;
    expect(file.createAccount).toBe(true);
    expect(file.namedAccount).toEqual({ name: 'ES91 2100 0418 4502 0005 1332', currency: 'EUR', count: 1 });
    expect(fileReadiness(file)).toBe('ready');
    api.replies['imports.preview'] = ok(makePreview());
    await store.getState().setFileAccount(file.id, 7);
    expect(api.inputsOf('imports.preview').at(-1)).toMatchObject({ accountId: 7 });
    expect(store.getState().inboxFiles[0]).toMatchObject({ accountId: 7, createAccount: false });
  });

  it('waits for an account when the file does not say, and for a mapping when the layout is unsure', async () => {
    const choose = makePreview({ statements: [makeStatement({ resolution: { kind: 'choose', reason: 'The file does not say which account it is for.' } })] });
    const unsure = makePreview({ format: 'xlsx', layout: makeLayout() });
    const { store } = await ready({ 'imports.preview': (input) => ok(input.fileName === 'a.n43' ? choose : unsure) });
    await store.getState().addFiles([droppedFile('a.n43', 'x'), droppedFile('b.xlsx', 'y')]);
    expect(store.getState().inboxFiles.map(fileReadiness)).toEqual(['needsAccount', 'needsMapping']);
    await store.getState().importAll();
    expect(store.getState().importRun).toBeNull();
  });

  it('sends a mapping on preview, and on commit with the profile name to save', async () => {
    const { api, store } = await ready({
      'imports.preview': (input) => ok(makePreview({ format: 'xlsx', layout: makeLayout({ needsMapping: input.mapping === null }) })),
      'imports.commit': ok(makeResult({ savedProfileId: 4 })),
    });
    await store.getState().addFiles([droppedFile('b.xlsx', 'y')]);
    const id = store.getState().inboxFiles[0]!.id;
    const mapping = {
      name: 'BBVA', side: 'bank' as const, ledger: false, dateOrder: 'dmy' as const, decimalSeparator: ',' as const, signConvention: 'signed' as const,
      columns: [{ header: 'Fecha', role: 'date' as const }, { header: 'Importe', role: 'amount' as const }],
    };
    const live = await store.getState().previewMapping(id, mapping);
    expect(live.ok).toBe(true);
    expect(store.getState().inboxFiles[0]!.mapping).toBeNull();
    await store.getState().applyMapping(id, mapping, 'BBVA');
    expect(api.inputsOf('imports.preview').at(-1)).toMatchObject({ mapping, side: 'bank' });
    expect(fileReadiness(store.getState().inboxFiles[0]!)).toBe('ready');
    await store.getState().importAll();
    expect(api.inputsOf('imports.commit')[0]).toMatchObject({ mapping, saveProfileAs: 'BBVA', taskId: id, side: 'bank', createAccount: false });
  });
});

describe('import all', () => {
  it('commits the ready files in order, one call each, skipping skipped files, and reloads accounts it created', async () => {
    const created = makeAccount({ id: 9, name: 'ES76 0081 0001 1234' });
    const { api, store } = await ready({
      'imports.preview': ok(makePreview()),
      'imports.commit': (input) => ok(makeResult({ createdAccounts: input.fileName === 'c.n43' ? [created] : [] })),
    });
    await store.getState().addFiles([droppedFile('a.n43', 'a'), droppedFile('b.n43', 'b'), droppedFile('c.n43', 'c')]);
    const [a, b] = store.getState().inboxFiles;
    store.getState().setFileSkipped(b!.id, true);
    const accountLoads = api.inputsOf('accounts.list').length;
    await store.getState().importAll();
    expect(api.inputsOf('imports.commit').map((input) => input.fileName)).toEqual(['a.n43', 'c.n43']);
    expect(api.inputsOf('imports.commit')[0]).toMatchObject({ taskId: a!.id, contentBase64: base64Of('a') });
    expect(store.getState().inboxFiles.map((f) => f.phase)).toEqual(['imported', 'checked', 'imported']);
    expect(store.getState().importRun).toMatchObject({ running: false, cancelled: false });
    expect(api.inputsOf('accounts.list').length).toBe(accountLoads + 1);
  });

  it('follows progress events of its own task and cancels the running file; files not started stay', async () => {
    const held = deferred<ReturnType<typeof fail>>();
    const { api, store } = await ready({
      'imports.preview': ok(makePreview()),
      'imports.commit': () => held.promise,
      'tasks.cancel': ok({ cancelled: true }),
    });
    await store.getState().addFiles([droppedFile('a.n43', 'a'), droppedFile('b.n43', 'b')]);
    const [a, b] = store.getState().inboxFiles;
    const running = store.getState().importAll();
    await Promise.resolve();
    api.emit('task.progress', { taskId: 'someone-else', kind: 'import', stage: 'write', done: 5, total: 9 });
    api.emit('task.progress', { taskId: a!.id, kind: 'import', stage: 'write', done: 500, total: 1200 });
    expect(store.getState().inboxFiles[0]!.progress).toEqual({ stage: 'write', done: 500, total: 1200 });
    await store.getState().cancelImport();
    expect(api.inputsOf('tasks.cancel')).toEqual([{ taskId: a!.id }]);
    held.resolve(fail('cancelled', 'Cancelled'));
    await running;
    expect(api.inputsOf('imports.commit')).toHaveLength(1);
    const files = store.getState().inboxFiles;
    expect(files.find((f) => f.id === a!.id)?.phase).toBe('cancelled');
    expect(files.find((f) => f.id === b!.id)?.phase).toBe('checked');
    expect(store.getState().importRun).toMatchObject({ running: false, cancelled: true });
    // A cancelled file is ready again for the next "Import all".
    expect(fileReadiness(files.find((f) => f.id === a!.id)!)).toBe('cancelled');
  });

  it('keeps a failed file’s error and goes on with the next', async () => {
    const { api, store } = await ready({
      'imports.preview': ok(makePreview()),
      'imports.commit': (input) => (input.fileName === 'a.n43' ? fail('conflict', 'Acme SL is archived') : ok(makeResult())),
    });
    await store.getState().addFiles([droppedFile('a.n43', 'a'), droppedFile('b.n43', 'b')]);
    await store.getState().importAll();
    expect(api.inputsOf('imports.commit')).toHaveLength(2);
    expect(store.getState().inboxFiles.map((f) => f.phase)).toEqual(['failed', 'imported']);
    expect(store.getState().inboxFiles[0]!.error?.code).toBe('conflict');
  });
});
