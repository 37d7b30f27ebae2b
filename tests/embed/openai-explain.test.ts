// Optional explanations of a pending match by a chat model on a real loopback server: off means
// nothing is loaded and nothing is sent; on means one request per question, then the cache.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExplainer, parseAnswer, type ExplanationCache, type PendingMatchSummary } from '../../main/core/embed/explain.js';
import type { OpenAIModule } from '../../main/core/embed/openai-provider.js';
import { createRecordingLogger, startOpenAIStub, type ChatBody, type OpenAIStub } from '../support/openai-stub.js';

const CANARY = 'sk-canary-explain-5e8d21b7';

const summary: PendingMatchSummary = {
  bank: { id: 'b1', date: '2026-01-15', amount: '1210.00', currency: 'EUR', text: 'TRANSF ACME SL FRA 118' },
  candidates: [
    { id: 'i1', description: 'Invoice F-117, ACME SL', date: '2026-01-02', amount: '1210.00', currency: 'EUR', confidence: 0.62, reasons: ['Same amount.', 'Counterparty matches.'] },
    { id: 'i2', description: 'Invoice F-118, ACME SL', date: '2026-01-09', amount: '1210.00', currency: 'EUR', confidence: 0.61, reasons: ['Same amount.', 'Reference 118 appears in the bank text.'] },
  ],
};

/** The app backs this with a table; a Map has the same contract. */
function mapCache(): ExplanationCache & { map: Map<string, string>; reads: number } {
  const map = new Map<string, string>();
  const cache = {
    map,
    reads: 0,
    get(key: string) {
      cache.reads++;
      return map.get(key) ?? null;
    },
    set(key: string, value: string) {
      map.set(key, value);
    },
  };
  return cache;
}

let stub: OpenAIStub;
let sleeps: number[];
const replyFor = (body: ChatBody) =>
  body.messages?.some((m) => m.content.includes('FRA 118'))
    ? '```json\n{"ranking": ["i2", "i1"], "explanation": "The bank text names 118, which is invoice F-118."}\n```'
    : '{"ranking": [], "explanation": "?"}';

beforeEach(async () => {
  stub = await startOpenAIStub({ chatReply: replyFor });
  sleeps = [];
});
afterEach(async () => {
  await stub.close();
});

const fastDeps = () => ({ sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5, clock: () => new Date('2026-02-10T12:00:00Z') });

describe('off by default', () => {
  it('without a configuration it loads nothing, reads no cache and sends no request', async () => {
    let loads = 0;
    const cache = mapCache();
    const loadOpenAI = async (): Promise<OpenAIModule> => (loads++, import('openai'));
    for (const config of [null, undefined]) {
      const explainer = createExplainer(config, { cache, loadOpenAI, ...fastDeps() });
      expect(explainer.enabled).toBe(false);
      expect(await explainer.explain(summary)).toEqual({ status: 'disabled' });
    }
    expect({ loads, cacheReads: cache.reads, requests: stub.requests.length }).toEqual({ loads: 0, cacheReads: 0, requests: 0 });
  });
});

describe('on', () => {
  it('asks once, labels the answer as a suggestion, then answers from the cache with no request', async () => {
    const cache = mapCache();
    const explainer = createExplainer({ baseURL: stub.baseURL, model: 'stub-chat', apiKey: async () => CANARY }, { cache, ...fastDeps() });
    expect(stub.requests).toHaveLength(0);
    const first = await explainer.explain(summary);
    expect(first).toEqual({ status: 'suggestion', text: 'The bank text names 118, which is invoice F-118.', ranking: ['i2', 'i1'], model: 'stub-chat', cached: false });
    expect(stub.requests).toHaveLength(1);
    const request = stub.requests[0]!;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions', authorization: `Bearer ${CANARY}`, body: { model: 'stub-chat', temperature: 0 } });
    const userMessage = (request.body as ChatBody).messages?.find((m) => m.role === 'user')?.content ?? '';
    expect(JSON.parse(userMessage)).toEqual(summary);

    const second = await explainer.explain(structuredClone(summary));
    expect(second).toEqual({ ...first, cached: true });
    expect(stub.requests).toHaveLength(1);
    expect(cache.map.size).toBe(1);
    // Another explainer over the same cache (the next app start) asks nothing either.
    const later = createExplainer({ baseURL: stub.baseURL, model: 'stub-chat', apiKey: CANARY }, { cache, ...fastDeps() });
    expect((await later.explain(summary)).status).toBe('suggestion');
    expect(stub.requests).toHaveLength(1);
  });

  it('a different model or question is a different cache entry', async () => {
    const cache = mapCache();
    const deps = { cache, ...fastDeps() };
    await createExplainer({ baseURL: stub.baseURL, model: 'a' }, deps).explain(summary);
    await createExplainer({ baseURL: stub.baseURL, model: 'b' }, deps).explain(summary);
    await createExplainer({ baseURL: stub.baseURL, model: 'b' }, deps).explain({ ...summary, bank: { ...summary.bank, amount: '1200.00' } });
    expect(stub.requests).toHaveLength(3);
    expect(cache.map.size).toBe(3);
  });

  it('two identical questions at once share one request', async () => {
    const explainer = createExplainer({ baseURL: stub.baseURL, model: 'stub-chat' }, { cache: mapCache(), ...fastDeps() });
    const [a, b] = await Promise.all([explainer.explain(summary), explainer.explain(summary)]);
    expect(a).toEqual(b);
    expect(stub.requests).toHaveLength(1);
  });

  it('retries a 500 once, and when the server keeps failing answers "unavailable" (not cached, key not shown)', async () => {
    const cache = mapCache();
    const log = createRecordingLogger();
    const explainer = createExplainer({ baseURL: stub.baseURL, model: 'stub-chat', apiKey: CANARY }, { cache, logger: log.logger, ...fastDeps() });
    stub.script({ kind: 'error', status: 500 });
    expect((await explainer.explain(summary)).status).toBe('suggestion');
    expect(sleeps).toHaveLength(1);

    stub.setFallbackBehaviour({ kind: 'error', status: 401, echoKey: true });
    const other = { ...summary, bank: { ...summary.bank, id: 'b2' } };
    const result = await explainer.explain(other);
    expect(result).toEqual({ status: 'unavailable', code: 'auth', error: `the explanation server at ${stub.baseURL} answered 401: check the API key` });
    stub.setFallbackBehaviour({ kind: 'error', status: 400, echoKey: true });
    const bad = await explainer.explain(other);
    expect(bad).toEqual({ status: 'unavailable', code: 'bad_request', error: `the explanation server at ${stub.baseURL} answered 400: Incorrect API key provided: [redacted]` });
    expect(cache.map.size).toBe(1);
    expect(log.text()).not.toContain(CANARY);
  });

  it('a hanging server times out into "unavailable"', async () => {
    stub.setFallbackBehaviour({ kind: 'hang' });
    const explainer = createExplainer({ baseURL: stub.baseURL, model: 'stub-chat', timeoutMs: 200, retry: { maxAttempts: 1 } }, { cache: mapCache(), ...fastDeps() });
    expect(await explainer.explain(summary)).toEqual({ status: 'unavailable', code: 'timeout', error: `the explanation server at ${stub.baseURL} did not answer within 0.2 s` });
  });
});

describe('parseAnswer', () => {
  it('keeps only candidate ids, once each, and appends the ones the model left out in the engine order', () => {
    expect(parseAnswer('{"ranking": ["zz", "i2", "i2"], "explanation": " Because. "}', summary)).toEqual({ text: 'Because.', ranking: ['i2', 'i1'] });
  });

  it('takes plain text as the explanation and keeps the engine order', () => {
    expect(parseAnswer('Probably the second one.', summary)).toEqual({ text: 'Probably the second one.', ranking: ['i1', 'i2'] });
    expect(parseAnswer('   ', summary)).toBeNull();
  });
});
