// The semantic pass with an OpenAI-compatible embedder on a real HTTP server on 127.0.0.1: texts go
// through the database cache (a second run sends no request at all), and a server that keeps failing
// leaves the run to the local embedder, which the run reports.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIEmbedder } from '../../main/core/embed/openai-provider.js';
import { startReconcile } from '../../main/core/reconcile/run-service.js';
import { startOpenAIStub, type OpenAIStub } from '../support/openai-stub.js';
import { importBank, importBooks, openFirm, type Firm } from './support.js';

let stub: OpenAIStub;
let firm: Firm;
beforeAll(async () => {
  stub = await startOpenAIStub({ dimensions: 64 });
});
afterAll(async () => stub.close());
beforeEach(async () => {
  firm = await openFirm();
  await importBooks(firm, [
    { id: 'F1', date: '2025-01-10', amount: '845.20', description: 'Factura', counterparty: 'Suministros Industriales del Norte S.A.' },
    { id: 'F2', date: '2025-02-10', amount: '1912.75', description: 'Factura', counterparty: 'Talleres Mecánicos Ruiz S.L.' },
  ]);
  await importBank(firm, [
    { id: 'L1', date: '2025-01-20', amount: '845.20', description: 'TRANSF SUMINISTROS INDUSTRIALES NORTE', counterparty: 'SUMINISTROS INDUSTRIALES DEL NORTE SA' },
    { id: 'L2', date: '2025-02-25', amount: '300.00', description: 'INGRESO VARIOS' },
  ]);
});
afterEach(() => firm.close());

const embedder = () =>
  createOpenAIEmbedder({ baseURL: stub.baseURL, model: 'nomic-embed-text', dimensions: 64, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } }, { sleep: async () => {} });
const input = (firmNow: Firm) => ({ companyId: firmNow.companyId, accountIds: null, threshold: null, tolerancePercent: null, dateWindowDays: null, taskId: null, actor: { userId: 1, username: 'ana' } });
const embeddingRequests = () => stub.requests.filter((r) => r.path.endsWith('/embeddings')).length;

describe('the semantic pass with an OpenAI-compatible embedder', () => {
  it('asks the server once per distinct text: a run over the same texts is answered by the cache', async () => {
    stub.setFallbackBehaviour({ kind: 'ok' });
    const before = embeddingRequests();
    const first = await startReconcile(firm.core.deps, input(firm), { remoteEmbedder: async () => embedder() });
    expect(first.status).toBe('done');
    expect(first.diagnostics.filter((d) => d.code === 'semantic_fallback')).toEqual([]);
    const afterFirst = embeddingRequests();
    expect(afterFirst).toBeGreaterThan(before);
    const rows = firm.core.deps.db.prepare("SELECT count(*) AS n FROM embedding_cache WHERE model = 'nomic-embed-text'").get() as { n: number };
    expect(rows.n).toBeGreaterThan(0);
    // The second run also indexes the line the first one approved: one new text, one request.
    await startReconcile(firm.core.deps, input(firm), { remoteEmbedder: async () => embedder() });
    const afterSecond = embeddingRequests();
    expect(afterSecond - afterFirst).toBeLessThanOrEqual(1);
    // Same texts again: nothing goes to the server.
    await startReconcile(firm.core.deps, input(firm), { remoteEmbedder: async () => embedder() });
    expect(embeddingRequests()).toBe(afterSecond);
    const stats = firm.core.deps.db.prepare("SELECT hits, misses FROM embedding_cache_stats WHERE model = 'nomic-embed-text'").get() as { hits: number; misses: number };
    expect(stats.hits).toBeGreaterThan(0);
  });

  it('falls back to the local embedder when the server keeps failing, and says so', async () => {
    stub.setFallbackBehaviour({ kind: 'error', status: 500, message: 'model crashed' });
    try {
      const run = await startReconcile(firm.core.deps, input(firm), { remoteEmbedder: async () => embedder() });
      expect(run.status).toBe('done');
      expect(run.diagnostics).toEqual([expect.objectContaining({ level: 'warning', code: 'semantic_fallback', message: expect.stringMatching(/local embedder/) })]);
    } finally {
      stub.setFallbackBehaviour({ kind: 'ok' });
    }
  });
});
