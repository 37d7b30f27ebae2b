import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/core/handlers/index.js';
import { dispatch, type Handlers } from '../../main/core/rpc/dispatch.js';
import { CoreError, methodNames, methods, type MethodName } from '../../main/core/contract/index.js';
import type { Logger } from '../../main/core/logger.js';
import { camt053 } from '../imports/support/statement-files.js';
import { startOpenAIStub, type OpenAIStub } from '../support/openai-stub.js';
import { TestClient, cliSession, makeTempDir, openTestCore, setUpFirm, steppingClock } from '../core/support.js';

let tmp: ReturnType<typeof makeTempDir>;
let core: ReturnType<typeof openTestCore>;
// An OpenAI-compatible server on 127.0.0.1 for the embedding and explanation examples.
let stub: OpenAIStub;
beforeAll(async () => {
  tmp = makeTempDir();
  core = openTestCore(tmp.path('cuadra.db'), steppingClock().clock);
  stub = await startOpenAIStub({ dimensions: 64 });
});
afterAll(async () => {
  core.close();
  tmp.cleanup();
  await stub.close();
});

// Real outputs of every method, produced by calling the handlers in a plausible order.
async function realOutputs(): Promise<Map<string, unknown>> {
  const outputs = new Map<string, unknown>();
  const window = new TestClient(core);
  const record = async (client: TestClient, method: MethodName, input: unknown): Promise<never> => {
    const envelope = await client.raw(method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    outputs.set(method, envelope.value);
    return envelope.value as never;
  };
  await record(window, 'app.info', {});
  await record(window, 'auth.setup', { firmName: 'Asesoría Pérez', username: 'ana', displayName: 'Ana', password: 'correct horse battery' });
  await record(window, 'auth.session', {});
  const user: { id: number } = await record(window, 'users.create', { username: 'pepe', displayName: 'Pepe', role: 'preparer', password: 'correct horse battery' });
  await record(window, 'users.list', {});
  await record(window, 'users.unlock', { id: user.id });
  const company: { id: number } = await record(window, 'companies.create', { name: 'Acme SL', taxId: null });
  await record(window, 'companies.rename', { id: company.id, name: 'Acme Iberia SL' });
  await record(window, 'companies.list', { includeArchived: true });
  const account: { id: number } = await record(window, 'accounts.create', { companyId: company.id, name: 'Main', iban: 'ES9121000418450200051332', currency: 'EUR' });
  await record(window, 'accounts.rename', { id: account.id, name: 'Main EUR' });
  const file = camt053({
    movements: [
      { date: '2025-03-03', amountMinor: 121_000, text: 'TRANSFERENCIA FV-2025-0101', bankId: 'B1' },
      { date: '2025-03-04', amountMinor: 50_000, text: 'INGRESO EFECTIVO', bankId: 'B2' },
    ],
    from: '2025-03-01',
    to: '2025-03-31',
    openingMinor: 1_000_000,
  });
  const upload = { companyId: company.id, accountId: account.id, fileName: 'march.xml', contentBase64: file.toString('base64') };
  await record(window, 'imports.preview', upload);
  await record(window, 'imports.commit', upload);
  await record(window, 'imports.list', { companyId: company.id });
  await record(window, 'bankLines.list', { accountId: account.id, search: 'fv-2025' });
  await record(window, 'bookItems.list', { companyId: company.id });
  await record(window, 'tasks.cancel', { taskId: 'nothing-running' });
  const books = [
    'id,date,amount,currency,description,counterparty,tax_id,reference,due_date',
    'I1,2025-02-10,1210.00,EUR,Factura FV-2025-0101,Distribuciones López S.L.,B12345674,FV-2025-0101,2025-03-12',
    'I2,2025-02-20,500.00,EUR,Factura FV-2025-0102,Hermanos Ruiz S.L.,B87654323,FV-2025-0102,2025-03-20',
    'I3,2025-02-21,500.00,EUR,Factura FV-2025-0103,Grupo Ariza S.A.,A28000032,FV-2025-0103,2025-03-21',
  ].join('\n');
  await window.ok('imports.commit', { companyId: company.id, accountId: null, fileName: 'books.csv', contentBase64: Buffer.from(books).toString('base64'), side: 'books' });
  await record(window, 'matchingSettings.set', { companyId: company.id, threshold: 0.95, tolerancePercent: 0.5, feeToleranceMinor: 1500, dateWindowBefore: 10, dateWindowAfter: 120 });
  await record(window, 'matchingSettings.get', { companyId: company.id });
  await record(window, 'reconcile.start', { companyId: company.id, taskId: 'run-1' });
  await record(window, 'reconcile.runs', { companyId: company.id });
  const queue: { rows: Array<{ id: number; alternativeCount: number }> } = await record(window, 'matches.list', { companyId: company.id, filter: 'review' });
  const pending = queue.rows[0]!;
  await record(window, 'matches.counts', { companyId: company.id });
  await record(window, 'matches.get', { id: pending.id });
  await record(window, 'matches.unmatched', { companyId: company.id });
  await record(window, 'matches.similar', { companyId: company.id, text: 'TRANSFERENCIA FV-2025-0101' });
  // Embeddings stay local (later runs need no server); the examples test and explain against the stub.
  const embeddingConfig = {
    provider: 'local', baseURL: stub.baseURL, model: 'nomic-embed-text', dimensions: 64, batchSize: 64, timeoutSeconds: 5,
    cache: { expiryDays: 180, maxEntries: 500_000 }, explanations: { enabled: true, chatModel: 'llama3.1' },
  };
  await record(window, 'embedding.configure', embeddingConfig);
  await record(window, 'embedding.setKey', { apiKey: 'sk-contract-example' });
  await record(window, 'embedding.settings', {});
  expect(await record(window, 'embedding.testConnection', {})).toMatchObject({ ok: true, dimensions: 64 });
  expect(await record(window, 'matches.explain', { id: pending.id })).toMatchObject({ status: 'suggestion', text: 'stub explanation', model: 'llama3.1' });
  await record(window, 'embedding.pruneCache', {});
  await record(window, 'embedding.clearCache', {});
  await record(window, 'embedding.clearKey', {});
  await record(window, 'matches.approve', { id: pending.id });
  await record(window, 'matches.undo', { id: pending.id });
  const chosen: { id: number } = await record(window, 'matches.chooseAlternative', { id: pending.id, index: 0 });
  await window.ok('matches.undo', { id: chosen.id });
  await record(window, 'matches.reject', { id: pending.id });
  const items: { rows: Array<{ id: number; externalId: string | null }> } = await window.ok('bookItems.list', { companyId: company.id });
  const lines: { rows: Array<{ id: number; bankId: string | null }> } = await window.ok('bankLines.list', { accountId: account.id });
  await record(window, 'matches.createManual', {
    companyId: company.id, bankLineIds: [lines.rows.find((l) => l.bankId === 'B2')!.id],
    allocations: [{ bookItemId: items.rows.find((i) => i.externalId === 'I3')!.id, amountMinor: 49_000 }], differenceTreatment: 'write_off', writeOffAccount: '6590000',
  });
  const sample: { token: string } = await record(window, 'matches.bandSample', { companyId: company.id, band: 'high' });
  await record(window, 'matches.approveBand', { token: sample.token });
  const rule: { id: number } = await record(window, 'learning.addRule', { companyId: company.id, bankText: 'INGRESO EFECTIVO', counterpartyName: 'Grupo Ariza S.A.' });
  const learned: { rejectedPairs: Array<{ id: number }> } = await record(window, 'learning.list', { companyId: company.id });
  await record(window, 'learning.deleteAlias', { id: rule.id });
  await record(window, 'learning.deleteRejected', { id: learned.rejectedPairs[0]!.id });
  await record(window, 'periodLocks.lock', { accountId: account.id, through: '2025-03-31' });
  await record(window, 'periodLocks.list', { companyId: company.id });
  await record(window, 'reports.reconciliation', { accountId: account.id, to: '2025-03-31' });
  await record(window, 'reports.export', { accountId: account.id, to: '2025-03-31', format: 'csv' });
  await record(window, 'periodLocks.unlock', { accountId: account.id });
  const profile = { name: 'Banco Ejemplo', side: 'bank', columns: [{ header: 'Fecha', role: 'date' }, { header: 'Importe', role: 'amount' }], dateOrder: 'dmy', decimalSeparator: ',', signConvention: 'signed' };
  const saved: { id: number } = await record(window, 'profiles.save', { companyId: company.id, profile });
  await record(window, 'profiles.list', { companyId: company.id });
  await record(window, 'profiles.delete', { id: saved.id });
  await record(window, 'accounts.archive', { id: account.id, archived: true });
  await record(window, 'accounts.list', { companyId: company.id, includeArchived: true });
  await record(window, 'companies.archive', { id: company.id, archived: true });
  await record(window, 'audit.list', {});
  await record(window, 'audit.verify', {});
  await record(window, 'auth.logout', {});
  await record(window, 'auth.login', { username: 'ana', password: 'correct horse battery' });
  return outputs;
}

describe('the contract and its handlers', () => {
  it('has a handler for every method and none for a method it does not declare', () => {
    const handlers = createHandlers(core.deps) as Partial<Record<string, unknown>>;
    const missing = methodNames.filter((name) => typeof handlers[name] !== 'function');
    expect(missing).toEqual([]);
    expect(Object.keys(handlers).filter((name) => !(name in methods))).toEqual([]);
  });

  it('gives a doc line to every method', () => {
    expect(methodNames.filter((name) => methods[name].doc.trim() === '')).toEqual([]);
  });

  it('answers every method with a value that survives a JSON round trip', async () => {
    const outputs = await realOutputs();
    for (const [method, value] of outputs) {
      expect(JSON.parse(JSON.stringify(value)), method).toEqual(value);
      expect(methods[method as MethodName].output.safeParse(JSON.parse(JSON.stringify(value))).success, method).toBe(true);
    }
    // Methods of other domains are added with their handlers; each must get an example here.
    expect(methodNames.filter((name) => !outputs.has(name))).toEqual([]);
  });
});

describe('dispatch envelopes', () => {
  const logged: Array<{ obj: object; msg?: string }> = [];
  const log: Logger = { debug() {}, info() {}, warn() {}, error: (obj, msg) => void logged.push({ obj, msg }) };
  const ctx = { session: cliSession, setSessionToken: () => {} };

  it('answers unknown_method for a name outside the contract', async () => {
    const envelope = await dispatch(core.handlers, 'companies.drop', {}, ctx, log);
    expect(envelope).toEqual({ ok: false, error: { code: 'unknown_method', message: 'There is no method called "companies.drop".' } });
  });

  it('answers invalid_input naming the field', async () => {
    const envelope = await dispatch(core.handlers, 'companies.create', { name: '   ', extra: 1 }, ctx, log);
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid_input');
    expect(envelope.error.message).toMatch(/name: a name is required/);
  });

  it('answers internal for a plain Error without leaking its message, and logs it', async () => {
    const secret = 'SQLITE_ERROR near "DROP": /home/ana/.local/share/cuadra/cuadra.db';
    const broken: Handlers = {
      ...core.handlers,
      'companies.list': () => {
        throw new Error(secret);
      },
    };
    const envelope = await dispatch(broken, 'companies.list', {}, ctx, log);
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong inside Cuadra; the details are in the log.' } });
    expect(JSON.stringify(envelope)).not.toContain('SQLITE');
    expect(logged.at(-1)?.msg).toBe('handler failed');
  });

  it('answers internal when a handler returns a value outside the contract', async () => {
    const broken: Handlers = { ...core.handlers, 'companies.list': () => [{ id: 'one' }] as never };
    const envelope = await dispatch(broken, 'companies.list', {}, ctx, log);
    expect(envelope.ok ? null : envelope.error.code).toBe('internal');
  });

  it('passes a CoreError through with its code, message and details, JSON-safe', async () => {
    const broken: Handlers = {
      ...core.handlers,
      'companies.list': () => {
        throw new CoreError('conflict', 'Taken.', { field: 'name' });
      },
    };
    const envelope = await dispatch(broken, 'companies.list', {}, ctx, log);
    expect(envelope).toEqual({ ok: false, error: { code: 'conflict', message: 'Taken.', details: { field: 'name' } } });
    expect(JSON.parse(JSON.stringify(envelope))).toEqual(envelope);
  });

  it('keeps error envelopes of real failures JSON-safe', async () => {
    const admin = await setUpFirmOrLogin();
    const envelope = await admin.raw('accounts.create', { companyId: 1, name: 'X', iban: 'ES0000', currency: 'EUR' });
    expect(envelope.ok).toBe(false);
    expect(JSON.parse(JSON.stringify(envelope))).toEqual(envelope);
  });
});

async function setUpFirmOrLogin(): Promise<TestClient> {
  const client = new TestClient(core);
  const info = await client.ok('app.info', {});
  if (info.setupRequired) return setUpFirm(core);
  await client.ok('auth.login', { username: 'ana', password: 'correct horse battery' });
  return client;
}
