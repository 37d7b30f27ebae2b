// `cuadra reconcile --embedder openai`: the OpenAI-compatible server and its key come from the
// environment for that run only (a real HTTP server on 127.0.0.1 stands in for it); nothing of them
// is stored, a missing variable fails in one line, and a failing server leaves the run to the local
// embedder.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAIStub, type OpenAIStub } from '../support/openai-stub.js';
import { filesContaining, removeDir, runCli, tempDir } from './helpers.js';

const HEADER = 'id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date,balance';
const BANK = [HEADER,
  'B1,2025-03-03,2025-03-03,1210.00,EUR,TRANSFERENCIA DE DISTRIBUCIONES LOPEZ SL FRA FV-2025-0101,DISTRIBUCIONES LOPEZ SL,,FV-2025-0101,,11210.00',
  'B2,2025-03-10,2025-03-10,-12.50,EUR,COMISION MANTENIMIENTO,,,,,11197.50',
  'B3,2025-03-12,2025-03-12,640.00,EUR,INGRESO HNOS RUIZ,,,,,11837.50',
].join('\n');
const BOOKS = [HEADER,
  'I1,2025-02-10,,1210.00,EUR,Factura FV-2025-0101,Distribuciones López S.L.,B12345674,FV-2025-0101,2025-03-12,',
  'I5,2025-03-01,,500.00,EUR,Factura FV-2025-0104,Hermanos Ruiz S.L.,B87654323,FV-2025-0104,2025-04-01,',
].join('\n');
const IBAN = 'ES9121000418450200051332';
const KEY = 'sk-cli-env-5e0c81f2d7';

let home: string;
let db: string;
let stub: OpenAIStub;
const cli = (args: readonly string[], env: Record<string, string> = {}) => runCli(home, ['reconcile', '--db', db, '--company', 'Contrato', ...args], { env });
const serverEnv = (over: Record<string, string> = {}): Record<string, string> => ({
  OPENAI_BASE_URL: stub.baseURL, OPENAI_API_KEY: KEY, CUADRA_EMBEDDING_MODEL: 'nomic-embed-text', CUADRA_EMBEDDING_DIMENSIONS: '64', ...over,
});
const embeddingRequests = () => stub.requests.filter((r) => r.path === '/v1/embeddings');

beforeAll(async () => {
  stub = await startOpenAIStub({ dimensions: 64 });
  home = tempDir('cuadra-cli-embedder-');
  db = join(home, 'c.db');
  writeFileSync(join(home, 'bank.csv'), BANK);
  writeFileSync(join(home, 'books.csv'), BOOKS);
  expect((await runCli(home, ['import', join(home, 'bank.csv'), '--db', db, '--company', 'Contrato', '--account', IBAN, '--side', 'bank', '--json'])).status).toBe(0);
  expect((await runCli(home, ['import', join(home, 'books.csv'), '--db', db, '--company', 'Contrato', '--side', 'books', '--json'])).status).toBe(0);
}, 60_000);
afterAll(async () => {
  await stub.close();
  removeDir(home);
});
beforeEach(() => stub.setFallbackBehaviour({ kind: 'ok' }));

describe('cuadra reconcile --embedder', () => {
  it('openai: embeds with the server and key of the environment, and stores neither', async () => {
    const before = embeddingRequests().length;
    const r = await cli(['--embedder', 'openai', '--json'], serverEnv());
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { diagnostics: Array<{ code: string }>; unmatched: Array<{ bank: string }> };
    expect(out.diagnostics.map((d) => d.code)).not.toContain('semantic_fallback');
    const sent = embeddingRequests().slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.authorization).toBe(`Bearer ${KEY}`);
      expect(request.body).toMatchObject({ model: 'nomic-embed-text', encoding_format: 'float' });
    }
    // The unmatched lines' texts went to the server, in the form the cache keys them by.
    expect(sent.flatMap((request) => (request.body as { input: string[] }).input)).toContain('INGRESO HNOS RUIZ');
    expect([r.stdout, r.stderr].join('')).not.toContain(KEY);
    expect(filesContaining(home, KEY)).toEqual([]);
    expect(readFileSync(db).includes(Buffer.from(stub.baseURL))).toBe(false);

    // A second run over the same texts is answered by the embedding cache in the database.
    const again = embeddingRequests().length;
    expect((await cli(['--embedder', 'openai', '--json'], serverEnv())).status).toBe(0);
    expect(embeddingRequests().length - again).toBeLessThanOrEqual(1);
  });

  it('openai without CUADRA_EMBEDDING_DIMENSIONS asks the server for its vector length first', async () => {
    const before = stub.requests.length;
    const env = serverEnv();
    delete env.CUADRA_EMBEDDING_DIMENSIONS;
    const r = await cli(['--embedder', 'openai', '--json'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(stub.requests[before]?.body).toMatchObject({ model: 'nomic-embed-text', input: ['Cuadra connection test'] });
    expect(stub.requests[before]?.authorization).toBe(`Bearer ${KEY}`);
  });

  it('fails in one line naming the missing variables, before asking anything', async () => {
    const before = stub.requests.length;
    const r = await cli(['--embedder', 'openai', '--json'], { OPENAI_BASE_URL: stub.baseURL });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^cuadra: --embedder openai needs OPENAI_API_KEY, CUADRA_EMBEDDING_MODEL in the environment/);
    const dims = await cli(['--embedder', 'openai'], serverEnv({ CUADRA_EMBEDDING_DIMENSIONS: '100' }));
    expect(dims.status).toBe(1);
    expect(dims.stderr.trim()).toMatch(/CUADRA_EMBEDDING_DIMENSIONS must be a whole multiple of 32/);
    const usage = await cli(['--embedder', 'cloud']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--embedder must be local or openai/);
    expect(stub.requests.length).toBe(before);
  });

  it('a server that refuses the key leaves the run to the local embedder, and says so without the key', async () => {
    stub.setFallbackBehaviour({ kind: 'error', status: 401, echoKey: true });
    const before = embeddingRequests().length;
    // Another model: its vectors are not cached yet, so the run must ask.
    const r = await cli(['--embedder', 'openai'], serverEnv({ CUADRA_EMBEDDING_MODEL: 'mxbai-embed-large' }));
    expect(r.status, r.stderr).toBe(0);
    expect(embeddingRequests().length).toBeGreaterThan(before);
    expect(r.stdout).toMatch(/warning: The embedding server failed \(the embedding server at http:\/\/127\.0\.0\.1:\d+\/v1 answered 401: check the API key\); the semantic pass used the local embedder\./);
    expect([r.stdout, r.stderr].join('')).not.toContain(KEY);
  });

  it('local (and the firm\'s default) never reach a server, whatever the environment says', async () => {
    const before = stub.requests.length;
    expect((await cli(['--embedder', 'local'], serverEnv())).status).toBe(0);
    expect((await cli([], serverEnv())).status).toBe(0);
    expect(stub.requests.length).toBe(before);
  });
});
