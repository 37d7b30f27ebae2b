// The API key must live in the secret store and nowhere else. A canary key is set through the
// contract on the real worker host (CoreClient + worker thread, pino logging to a file at debug
// level), then used by a reconciliation, an explanation and failing connection tests whose server
// repeats the key in its error messages. Every reply and event that crosses the host boundary is
// recorded; the database file (and its WAL), the log file and that traffic must not contain the
// key, while the server must have received it as a Bearer token (so the test cannot pass by never
// sending it). A second test does the same round trip with the real keychain (keytar) under a
// private gnome-keyring session.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreClient, type CoreClient } from '../../main/core/host/core-client.js';
import type { Envelope } from '../../main/core/contract/index.js';
import { coreWorkerUrl, makeTempDir, setupInput, testWorkerData } from '../host/helpers.js';
import { startOpenAIStub, type OpenAIStub } from '../support/openai-stub.js';
import { lastJsonLine, openKeyringSession } from './keyring-session.js';

const CANARY = 'sk-canary-7f3a91c4e0b25d68a1f3c7e9b4d20a6f';
const WINDOW = 'window-1';

const HEADER = 'id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date,balance';
const BANK = [HEADER,
  'L1,2025-03-03,,845.20,EUR,TRANSF SUMINISTROS INDUSTRIALES NORTE,SUMINISTROS INDUSTRIALES DEL NORTE SA,,,,10845.20',
  'L2,2025-03-04,,500.00,EUR,INGRESO EFECTIVO,,,,,11345.20',
  'L3,2025-03-05,,77.00,EUR,ABONO VARIOS CLIENTE,,,,,11422.20',
].join('\n');
const BOOKS = [HEADER,
  'I1,2025-02-10,,845.20,EUR,Factura,Suministros Industriales del Norte S.A.,,,,',
  'I2,2025-02-20,,500.00,EUR,Factura FV-2025-0102,Hermanos Ruiz S.L.,,FV-2025-0102,,',
  'I3,2025-02-21,,500.00,EUR,Factura FV-2025-0103,Grupo Ariza S.A.,,FV-2025-0103,,',
].join('\n');

let temp: ReturnType<typeof makeTempDir>;
let stub: OpenAIStub;
let client: CoreClient | null = null;
/** Everything that crossed the host boundary, as the bytes a window would receive (and, apart, what it sent). */
const outbound: string[] = [];
const inbound: string[] = [];

async function call(method: string, input: unknown): Promise<unknown> {
  inbound.push(JSON.stringify({ method, input }));
  const envelope: Envelope<unknown> = await client!.invoke(WINDOW, method, input);
  outbound.push(JSON.stringify(envelope));
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}

/** Every file below `dir`, with its bytes. */
function filesBelow(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [{ path, bytes: readFileSync(path) }];
  });
}

beforeAll(async () => {
  stub = await startOpenAIStub({ dimensions: 64, chatReply: () => '{"ranking": ["proposal"], "explanation": "Same amount and a cash deposit."}' });
  temp = makeTempDir('canary');
  client = await startCoreClient({ workerUrl: coreWorkerUrl, workerData: testWorkerData(temp.dir, { logLevel: 'debug', secretStore: 'memory' }) });
  client.onEvent((event, payload) => outbound.push(JSON.stringify({ event, payload })));
});
afterAll(async () => {
  await client?.close();
  await stub.close();
  temp?.cleanup();
});

describe('the API key (a canary)', () => {
  it('reaches the server as a Bearer token and nothing else: not the database, the log or the traffic', async () => {
    await call('auth.setup', setupInput);
    const company = (await call('companies.create', { name: 'Acme SL', taxId: null })) as { id: number };
    const account = (await call('accounts.create', { companyId: company.id, name: 'Main', iban: 'ES9121000418450200051332', number: null, currency: 'EUR' })) as { id: number };
    const file = (name: string, text: string, side: 'bank' | 'books') => ({ companyId: company.id, accountId: side === 'bank' ? account.id : null, fileName: name, contentBase64: Buffer.from(text).toString('base64'), side });
    await call('imports.commit', file('bank.csv', BANK, 'bank'));
    await call('imports.commit', file('books.csv', BOOKS, 'books'));

    await call('embedding.configure', {
      provider: 'openai', baseURL: stub.baseURL, model: 'nomic-embed-text', dimensions: 64, batchSize: 64, timeoutSeconds: 5,
      cache: { expiryDays: 180, maxEntries: 500_000 }, explanations: { enabled: true, chatModel: 'llama3.1' },
    });
    expect(await call('embedding.setKey', { apiKey: CANARY })).toEqual({ hasKey: true });
    expect(await call('embedding.settings', {})).toMatchObject({ hasKey: true, keyStore: { kind: 'memory', problem: null } });

    // A reconciliation through the server and the cache.
    const run = (await call('reconcile.start', { companyId: company.id, taskId: 'run-1' })) as { diagnostics: Array<{ code: string }> };
    expect(run.diagnostics.map((d) => d.code)).not.toContain('semantic_fallback');
    const pending = ((await call('matches.list', { companyId: company.id, filter: 'review' })) as { rows: Array<{ id: number }> }).rows[0]!;

    // A failing explanation (the server repeats the key), then a good one.
    stub.script({ kind: 'error', status: 400, echoKey: true });
    expect(await call('matches.explain', { id: pending.id })).toMatchObject({ status: 'unavailable', error: expect.stringMatching(/\[redacted\]/) });
    expect(await call('matches.explain', { id: pending.id })).toMatchObject({ status: 'suggestion', text: 'Same amount and a cash deposit.' });

    // Failing connection tests: a refused key, and a server that quotes it back.
    stub.script({ kind: 'error', status: 401, echoKey: true }, { kind: 'error', status: 400, echoKey: true });
    expect(await call('embedding.testConnection', {})).toMatchObject({ ok: false, message: expect.stringMatching(/answered 401/) });
    expect(await call('embedding.testConnection', {})).toMatchObject({ ok: false, message: expect.stringMatching(/answered 400: Incorrect API key provided: \[redacted\]/) });

    // A run whose server fails with the key in its message: the run falls back, and logs why.
    await call('embedding.clearCache', {});
    stub.setFallbackBehaviour({ kind: 'error', status: 400, echoKey: true });
    const fallback = (await call('reconcile.start', { companyId: company.id, taskId: 'run-2' })) as { diagnostics: Array<{ code: string; message: string }> };
    expect(fallback.diagnostics).toContainEqual(expect.objectContaining({ code: 'semantic_fallback', message: expect.stringMatching(/\[redacted\]/) }));
    stub.setFallbackBehaviour({ kind: 'ok' });
    await call('audit.list', {});

    // Not vacuous: the server got the key on every kind of request, and put it in its answers.
    for (const path of ['/v1/embeddings', '/v1/chat/completions']) {
      const requests = stub.requests.filter((r) => r.path === path);
      expect(requests.length, path).toBeGreaterThan(0);
      expect(requests.every((r) => r.authorization === `Bearer ${CANARY}`), path).toBe(true);
    }
    expect(stub.requests.filter((r) => r.behaviour === 'error').length).toBeGreaterThanOrEqual(4);

    // The database (main file and WAL) and the log, while the core is running.
    const canary = Buffer.from(CANARY);
    const files = filesBelow(temp.dir);
    expect(files.map((f) => f.path.slice(temp.dir.length + 1)).sort()).toEqual(expect.arrayContaining(['cuadra.db', 'cuadra.db-wal', join('logs', 'cuadra.log')]));
    const log = files.find((f) => f.path.endsWith('cuadra.log'))!.bytes.toString('utf8');
    expect(log).toMatch(/the embedding server failed; this run uses the local embedder/);
    expect(files.filter((f) => f.bytes.includes(canary)).map((f) => f.path)).toEqual([]);
    // A distinctive part of it either (a truncated key is still a leak).
    expect(files.filter((f) => f.bytes.includes(Buffer.from(CANARY.slice(10, 26)))).map((f) => f.path)).toEqual([]);

    // The traffic: no reply or event carries it; only the one request that set it did.
    expect(outbound.length).toBeGreaterThan(20);
    expect(outbound.some((bytes) => bytes.includes('task.progress'))).toBe(true);
    expect(outbound.filter((bytes) => bytes.includes(CANARY.slice(10, 26)))).toEqual([]);
    expect(inbound.filter((bytes) => bytes.includes(CANARY)).map((bytes) => (JSON.parse(bytes) as { method: string }).method)).toEqual(['embedding.setKey']);

    // After the core closes (the WAL checkpointed into the main file), still nothing.
    await client!.close();
    client = null;
    expect(filesBelow(temp.dir).filter((f) => f.bytes.includes(canary)).map((f) => f.path)).toEqual([]);
  });

  it('is kept in the real keychain by a core using keytar, and survives a restart there, not in the database', async () => {
    const session = openKeyringSession();
    try {
      const child = fileURLToPath(new URL('./canary-keychain-child.ts', import.meta.url));
      const result = await session.runInKeyring(child, [`Cuadra-canary-${process.pid}`, join(session.dir, 'home'), CANARY]);
      expect(result.code, result.stderr).toBe(0);
      expect(lastJsonLine(result)).toEqual({
        before: false,
        after: true,
        store: { kind: 'keychain', problem: null },
        inKeychain: true,
        afterRestart: true,
        afterClear: false,
        keychainAfterClear: null,
        filesWithKey: [],
        repliesWithKey: 0,
      });
      expect(result.stdout.includes(CANARY) || result.stderr.includes(CANARY)).toBe(false);
      expect(await session.waitForNoProcesses(3000)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
