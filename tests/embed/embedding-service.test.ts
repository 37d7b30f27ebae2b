// The firm's embedding settings through the contract, against a real OpenAI-compatible HTTP server
// on 127.0.0.1: validation, the key kept out of SQLite and out of every answer, audit entries,
// runs that use the server through the cache, the circuit breaker the settings screen shows, the
// connection test, cache pruning, and explanations that are suggestions and never change a match.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddingConfig } from '../../main/core/contract/index.js';
import { PASSWORD, addUser } from '../core/support.js';
import { importBank, importBooks, openFirm, type Firm } from '../reconcile/support.js';
import { startOpenAIStub, type OpenAIStub } from '../support/openai-stub.js';

let stub: OpenAIStub;
let firm: Firm;
beforeAll(async () => {
  stub = await startOpenAIStub({ dimensions: 64, chatReply: () => '{"ranking": ["alternative-0", "proposal"], "explanation": "Grupo Ariza paid in cash before."}' });
});
afterAll(async () => stub.close());
beforeEach(async () => {
  stub.setFallbackBehaviour({ kind: 'ok' });
  firm = await openFirm();
  await importBooks(firm, [
    { id: 'I1', date: '2025-02-10', amount: '845.20', description: 'Factura', counterparty: 'Suministros Industriales del Norte S.A.' },
    { id: 'I2', date: '2025-02-20', amount: '500.00', description: 'Factura FV-2025-0102', counterparty: 'Hermanos Ruiz S.L.', reference: 'FV-2025-0102' },
    { id: 'I3', date: '2025-02-21', amount: '500.00', description: 'Factura FV-2025-0103', counterparty: 'Grupo Ariza S.A.', reference: 'FV-2025-0103' },
  ]);
  await importBank(firm, [
    { id: 'L1', date: '2025-03-03', amount: '845.20', description: 'TRANSF SUMINISTROS INDUSTRIALES NORTE', counterparty: 'SUMINISTROS INDUSTRIALES DEL NORTE SA' },
    { id: 'L2', date: '2025-03-04', amount: '500.00', description: 'INGRESO EFECTIVO' },
    { id: 'L3', date: '2025-03-05', amount: '77.00', description: 'ABONO VARIOS CLIENTE' },
  ]);
});
afterEach(() => firm.close());

const KEY = 'sk-test-4b1d9e7c2a';
const remoteConfig = (over: Partial<EmbeddingConfig> = {}): EmbeddingConfig => ({
  provider: 'openai', baseURL: stub.baseURL, model: 'nomic-embed-text', dimensions: 64, batchSize: 64, timeoutSeconds: 5,
  cache: { expiryDays: 180, maxEntries: 500_000 }, explanations: { enabled: false, chatModel: null }, ...over,
});
const run = (embedder: 'local' | 'openai' | null = null) => firm.admin.ok('reconcile.start', { companyId: firm.companyId, embedder });
const requestsTo = (path: string) => stub.requests.filter((r) => r.path.endsWith(path));
const pendingMatch = async () => (await firm.admin.ok('matches.list', { companyId: firm.companyId, filter: 'review' })).rows.find((m) => m.bank[0]?.bankId === 'L2')!;
const dbText = () => JSON.stringify(firm.core.deps.db.prepare("SELECT group_concat(key || '=' || value, ';') AS s FROM settings").get());

describe('embedding settings', () => {
  it('start local and offline: no key, an empty cache, a closed breaker, and no request at all', async () => {
    const before = stub.requests.length;
    const settings = await firm.admin.ok('embedding.settings', {});
    expect(settings).toEqual({
      config: { provider: 'local', baseURL: null, model: null, dimensions: 768, batchSize: 256, timeoutSeconds: 30, cache: { expiryDays: 180, maxEntries: 500_000 }, explanations: { enabled: false, chatModel: null } },
      hasKey: false,
      keyStore: { kind: 'memory', problem: null },
      cache: { entries: 0, hits: 0, misses: 0, hitRate: null },
      breaker: { state: 'closed', lastError: null, fallbackActive: false, consecutiveFailures: 0, openedAt: null },
    });
    expect((await run()).diagnostics.map((d) => d.code)).not.toContain('semantic_fallback');
    expect(stub.requests.length).toBe(before);
  });

  it('refuses dimensions that are not a multiple of 32, a remote provider without its server, and credentials in the address', async () => {
    const dims = await firm.admin.err('embedding.configure', remoteConfig({ dimensions: 100 }));
    expect(dims).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/dimensions: must be a multiple of 32/) });
    const noServer = await firm.admin.err('embedding.configure', remoteConfig({ baseURL: null, model: null }));
    expect(noServer.message).toMatch(/baseURL: the server's address is required.*model: the embedding model is required/);
    const explain = await firm.admin.err('embedding.configure', remoteConfig({ explanations: { enabled: true, chatModel: null } }));
    expect(explain.message).toMatch(/explanations.chatModel: explanations need a chat model/);
    const creds = await firm.admin.err('embedding.configure', remoteConfig({ baseURL: 'http://ana:secret@127.0.0.1:1/v1' }));
    expect(creds.message).toMatch(/baseURL: an address starting with http/);
    expect(creds.message).not.toContain('secret');
    expect((await firm.admin.ok('embedding.settings', {})).config.provider).toBe('local');
  });

  it('lets administrators change them and everyone read them', async () => {
    const preparer = await addUser(firm.core, firm.admin, 'pepe', 'preparer');
    expect((await preparer.err('embedding.configure', remoteConfig())).code).toBe('forbidden');
    expect((await preparer.err('embedding.setKey', { apiKey: KEY })).code).toBe('forbidden');
    expect((await preparer.err('embedding.clearCache', {})).code).toBe('forbidden');
    expect((await preparer.ok('embedding.settings', {})).hasKey).toBe(false);
  });

  it('keep the key in the secret store only: never in SQLite, an answer or the audit log', async () => {
    const saved = await firm.admin.ok('embedding.configure', remoteConfig());
    expect(saved.config).toEqual(remoteConfig());
    expect(await firm.admin.ok('embedding.setKey', { apiKey: `  ${KEY} ` })).toEqual({ hasKey: true });
    expect(await firm.core.deps.embedding.secretStore().then(({ store }) => store.get('openai-api-key'))).toBe(KEY);
    const settings = await firm.admin.ok('embedding.settings', {});
    expect(settings.hasKey).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(KEY);
    expect(dbText()).not.toContain(KEY);
    const audit = await firm.admin.ok('audit.list', {});
    const actions = audit.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['embedding.configure', 'embedding.key_set']));
    expect(audit.find((e) => e.action === 'embedding.configure')?.details).toMatchObject({ changed: ['provider', 'baseURL', 'model', 'dimensions', 'batchSize', 'timeoutSeconds'], provider: 'openai' });
    expect(audit.find((e) => e.action === 'embedding.key_set')?.details).toEqual({ store: 'memory' });
    expect(JSON.stringify(audit)).not.toContain(KEY);
    expect((await firm.admin.err('embedding.setKey', { apiKey: 'sk with space' })).message).not.toContain('sk with');
    expect(await firm.admin.ok('embedding.clearKey', {})).toEqual({ hasKey: false });
    expect((await firm.admin.ok('embedding.settings', {})).hasKey).toBe(false);
    expect((await firm.admin.ok('audit.list', {})).map((e) => e.action)).toContain('embedding.key_cleared');
  });
});

describe('runs with an OpenAI-compatible server', () => {
  it('send the stored key as a Bearer token, fill the cache, and show hits once the texts repeat', async () => {
    await firm.admin.ok('embedding.configure', remoteConfig());
    await firm.admin.ok('embedding.setKey', { apiKey: KEY });
    const before = requestsTo('/embeddings').length;
    const first = await run();
    expect(first.diagnostics.map((d) => d.code)).not.toContain('semantic_fallback');
    const sent = requestsTo('/embeddings').slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.authorization === `Bearer ${KEY}` && (r.body as { model: string }).model === 'nomic-embed-text')).toBe(true);
    const afterFirst = await firm.admin.ok('embedding.settings', {});
    expect(afterFirst.cache.entries).toBeGreaterThan(0);
    expect(afterFirst.cache.misses).toBe(afterFirst.cache.entries);
    await run();
    const afterSecond = await firm.admin.ok('embedding.settings', {});
    expect(afterSecond.cache.hits).toBeGreaterThan(0);
    expect(afterSecond.cache.hitRate).toBeCloseTo(afterSecond.cache.hits / (afterSecond.cache.hits + afterSecond.cache.misses), 10);
  });

  it('follow the run\'s choice over the firm\'s provider, and refuse openai when no server is set', async () => {
    await firm.admin.ok('embedding.configure', remoteConfig());
    const before = stub.requests.length;
    await run('local');
    expect(stub.requests.length).toBe(before);
    await firm.admin.ok('embedding.configure', remoteConfig({ provider: 'local' }));
    await run('openai');
    expect(requestsTo('/embeddings').length).toBeGreaterThan(0);
    await firm.admin.ok('embedding.configure', remoteConfig({ provider: 'local', baseURL: null, model: null }));
    const refused = await firm.admin.err('reconcile.start', { companyId: firm.companyId, embedder: 'openai' });
    expect(refused).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/No OpenAI-compatible server is configured/) });
    expect((await firm.admin.ok('reconcile.runs', { companyId: firm.companyId })).filter((r) => r.status === 'running')).toEqual([]);
  });

  it('open the breaker on a wrong key: runs fall back, stop asking the server, and the settings say why', async () => {
    await firm.admin.ok('embedding.configure', remoteConfig());
    await firm.admin.ok('embedding.setKey', { apiKey: KEY });
    stub.setFallbackBehaviour({ kind: 'error', status: 401, echoKey: true });
    const failed = await run();
    expect(failed.diagnostics).toContainEqual(expect.objectContaining({ code: 'semantic_fallback', message: expect.stringMatching(/answered 401: check the API key/) }));
    const settings = await firm.admin.ok('embedding.settings', {});
    expect(settings.breaker).toMatchObject({ state: 'open', fallbackActive: true, lastError: expect.stringMatching(/401/) });
    expect(settings.breaker.openedAt).not.toBeNull();
    expect(JSON.stringify(settings)).not.toContain(KEY);

    const asked = stub.requests.length;
    const skipped = await run();
    expect(stub.requests.length).toBe(asked);
    expect(skipped.diagnostics).toContainEqual(expect.objectContaining({ code: 'semantic_fallback', message: expect.stringMatching(/failed recently/) }));

    // The server is fixed; a successful test closes the breaker, and the next run uses it again.
    stub.setFallbackBehaviour({ kind: 'ok' });
    expect(await firm.admin.ok('embedding.testConnection', {})).toMatchObject({ ok: true, dimensions: 64 });
    expect((await firm.admin.ok('embedding.settings', {})).breaker.state).toBe('closed');
    expect((await run()).diagnostics.map((d) => d.code)).not.toContain('semantic_fallback');
  });
});

describe('embedding.testConnection', () => {
  it('answers in one line, without the key even when the server repeats it', async () => {
    expect(await firm.admin.ok('embedding.testConnection', {})).toEqual({ ok: false, message: expect.stringMatching(/^Enter and save the server's address/), dimensions: null, latencyMs: null });
    await firm.admin.ok('embedding.configure', remoteConfig());
    await firm.admin.ok('embedding.setKey', { apiKey: KEY });
    const good = await firm.admin.ok('embedding.testConnection', {});
    expect(good).toMatchObject({ ok: true, dimensions: 64, message: expect.stringMatching(/answered with 64 dimensions from "nomic-embed-text"/) });
    expect(stub.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);

    stub.script({ kind: 'error', status: 400, echoKey: true });
    const bad = await firm.admin.ok('embedding.testConnection', {});
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/answered 400: Incorrect API key provided: \[redacted\]/);
    expect(bad.message).not.toContain(KEY);
    expect(bad.message.split('\n')).toHaveLength(1);

    await firm.admin.ok('embedding.configure', remoteConfig({ dimensions: 96 }));
    expect((await firm.admin.ok('embedding.testConnection', {})).message).toMatch(/returned 64 dimensions, expected 96/);
  });
});

describe('the embedding cache', () => {
  it('is pruned by age and cleared on request, both audited', async () => {
    await firm.admin.ok('embedding.configure', remoteConfig());
    await run();
    const entries = (await firm.admin.ok('embedding.settings', {})).cache.entries;
    expect(entries).toBeGreaterThan(1);
    expect(await firm.admin.ok('embedding.pruneCache', {})).toEqual({ expired: 0, evicted: 0 });
    firm.clock.advance(181 * 86_400_000);
    await firm.admin.ok('auth.login', { username: 'ana', password: PASSWORD });
    expect(await firm.admin.ok('embedding.pruneCache', {})).toEqual({ expired: entries, evicted: 0 });
    await run();
    const refilled = (await firm.admin.ok('embedding.settings', {})).cache.entries;
    expect(refilled).toBeGreaterThanOrEqual(entries);
    expect(await firm.admin.ok('embedding.clearCache', {})).toEqual({ removed: refilled });
    expect((await firm.admin.ok('embedding.settings', {})).cache).toEqual({ entries: 0, hits: 0, misses: 0, hitRate: null });
    expect((await firm.admin.ok('audit.list', {})).map((e) => e.action)).toEqual(expect.arrayContaining(['embedding.cache_pruned', 'embedding.cache_cleared']));
  });
});

describe('matches.explain', () => {
  it('is off by default and asks nothing', async () => {
    await run('local');
    const match = await pendingMatch();
    const before = stub.requests.length;
    expect(await firm.admin.ok('matches.explain', { id: match.id })).toEqual({ status: 'disabled' });
    expect(stub.requests.length).toBe(before);
    expect((await firm.admin.err('matches.explain', { id: 999_999 })).code).toBe('not_found');
  });

  it('gives a suggestion ranked over the alternatives, asks once, and leaves the match as it was', async () => {
    await run('local');
    await firm.admin.ok('embedding.configure', remoteConfig({ provider: 'local', explanations: { enabled: true, chatModel: 'llama3.1' } }));
    await firm.admin.ok('embedding.setKey', { apiKey: KEY });
    const match = await pendingMatch();
    expect(match.alternativeCount).toBeGreaterThan(0);
    const before = await firm.admin.ok('matches.get', { id: match.id });
    const answer = await firm.admin.ok('matches.explain', { id: match.id });
    expect(answer).toEqual({ status: 'suggestion', text: 'Grupo Ariza paid in cash before.', ranking: ['alternative-0', 'proposal'], model: 'llama3.1', cached: false });
    const chat = requestsTo('/chat/completions').at(-1)!;
    expect(chat.authorization).toBe(`Bearer ${KEY}`);
    const question = JSON.parse((chat.body as { messages: Array<{ content: string }> }).messages[1]!.content) as { bank: { id: string; amount: string }; candidates: Array<{ id: string; amount: string }> };
    expect(question.bank).toMatchObject({ id: 'L2', amount: '500.00' });
    expect(question.candidates.map((c) => c.id)).toEqual(['proposal', ...before.alternatives.map((a) => `alternative-${a.index}`)]);

    const asked = stub.requests.length;
    expect(await firm.admin.ok('matches.explain', { id: match.id })).toMatchObject({ status: 'suggestion', cached: true });
    expect(stub.requests.length).toBe(asked);
    const row = firm.core.deps.db.prepare('SELECT model, answer FROM explanation_cache').all() as Array<{ model: string; answer: string }>;
    expect(row).toEqual([{ model: 'llama3.1', answer: JSON.stringify({ text: 'Grupo Ariza paid in cash before.', ranking: ['alternative-0', 'proposal'] }) }]);
    expect(await firm.admin.ok('matches.get', { id: match.id })).toEqual(before);
    // Migration 0070: answers are JSON, and the table is STRICT.
    const insert = firm.core.deps.db.prepare('INSERT INTO explanation_cache (key, model, answer, created_at) VALUES (?, ?, ?, ?)');
    expect(() => insert.run('k1', 'm', 'not json', '2025-03-03T09:00:00.000Z')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('k2', 'm', '{}', Buffer.from('2025'))).toThrow(/cannot store BLOB value in TEXT column/);
  });

  it('says why no suggestion came, without the key', async () => {
    await run('local');
    await firm.admin.ok('embedding.configure', remoteConfig({ provider: 'local', explanations: { enabled: true, chatModel: 'llama3.1' } }));
    await firm.admin.ok('embedding.setKey', { apiKey: KEY });
    stub.script({ kind: 'error', status: 401, echoKey: true });
    const answer = await firm.admin.ok('matches.explain', { id: (await pendingMatch()).id });
    expect(answer).toEqual({ status: 'unavailable', code: 'auth', error: expect.stringMatching(/answered 401: check the API key/) });
    expect(JSON.stringify(answer)).not.toContain(KEY);
  });
});
