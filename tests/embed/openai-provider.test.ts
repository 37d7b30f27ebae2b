// The OpenAI-compatible embedder against a real HTTP server on loopback: wire format, batching,
// retries (observed through the injected sleep), timeouts, broken connections, lazy start-up,
// clear errors, and an API key that reaches the server but no message or log line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIEmbedder, type OpenAIEmbedderConfig, type OpenAIEmbedderDeps, type OpenAIModule } from '../../main/core/embed/openai-provider.js';
import { RetryExhaustedError } from '../../main/core/embed/resilience.js';
import { closedPort, createRecordingLogger, expectedUnitVector, startOpenAIStub, type OpenAIStub } from '../support/openai-stub.js';

const NOW = new Date('2026-02-10T12:00:00.000Z');
const CANARY = 'sk-canary-7f3a9c2e1d5b4a60';

let stub: OpenAIStub;
let sleeps: number[];

beforeEach(async () => {
  stub = await startOpenAIStub({ dimensions: 8 });
  sleeps = [];
});
afterEach(async () => {
  await stub.close();
});

function deps(extra: OpenAIEmbedderDeps = {}): OpenAIEmbedderDeps {
  return { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, clock: () => NOW, ...extra };
}

function embedder(config: Partial<OpenAIEmbedderConfig> = {}, extra: OpenAIEmbedderDeps = {}) {
  return createOpenAIEmbedder({ baseURL: stub.baseURL, model: 'stub-embed', dimensions: 8, apiKey: CANARY, timeoutMs: 2000, ...config }, deps(extra));
}

async function failure(promise: Promise<unknown>): Promise<RetryExhaustedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RetryExhaustedError);
  return error as RetryExhaustedError;
}

function closeTo(actual: Float32Array | undefined, expected: Float32Array): void {
  expect(actual).toBeDefined();
  expect(Array.from(actual!)).toEqual(Array.from(expected).map((x) => expect.closeTo(x, 6)));
}

describe('requests and answers', () => {
  it('asks for float vectors explicitly and returns them L2-normalised, in input order', async () => {
    const vectors = await embedder().embed(['ACME SL', 'Transferencia recibida']);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toMatchObject({ method: 'POST', path: '/v1/embeddings', body: { model: 'stub-embed', input: ['ACME SL', 'Transferencia recibida'], encoding_format: 'float' } });
    expect((stub.requests[0]!.body as Record<string, unknown>).dimensions).toBeUndefined();
    closeTo(vectors[0], expectedUnitVector('ACME SL', 8));
    closeTo(vectors[1], expectedUnitVector('Transferencia recibida', 8));
    expect(Math.hypot(...vectors[0]!)).toBeCloseTo(1, 6);
  });

  it('decodes base64 vectors itself when configured to ask for them', async () => {
    const [vector] = await embedder({ encoding: 'base64', sendDimensions: true }).embed(['Factura 118']);
    expect(stub.requests[0]!.body).toMatchObject({ encoding_format: 'base64', dimensions: 8 });
    closeTo(vector, expectedUnitVector('Factura 118', 8));
  });

  it('sends one request per batch (ceil(n / batchSize)) and keeps the order across batches', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    const vectors = await embedder({ batchSize: 4 }).embed(texts);
    expect(stub.requests.map((r) => (r.body as { input: string[] }).input.length)).toEqual([4, 4, 2]);
    expect(vectors).toHaveLength(10);
    texts.forEach((text, i) => closeTo(vectors[i], expectedUnitVector(text, 8)));
    expect(await embedder().embed([])).toEqual([]);
    expect(stub.requests).toHaveLength(3);
  });

  it('refuses vectors of the wrong length with a message naming both lengths, without retrying', async () => {
    stub.script({ kind: 'wrong_dimensions', dimensions: 5 });
    const error = await failure(embedder().embed(['x']));
    expect(error.message).toBe(`the embedding server at ${stub.baseURL} returned 5 dimensions, expected 8: check the model "stub-embed" and the dimensions setting`);
    expect(error.code).toBe('bad_response');
    expect(stub.requests).toHaveLength(1);
  });
});

describe('start-up is lazy', () => {
  it('constructing loads nothing, reads no key and sends nothing; the first embed does', async () => {
    let loads = 0;
    let keyReads = 0;
    const loadOpenAI = async (): Promise<OpenAIModule> => {
      loads++;
      return import('openai');
    };
    const e = embedder({ apiKey: async () => (keyReads++, CANARY) }, { loadOpenAI });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect({ loads, keyReads, requests: stub.requests.length }).toEqual({ loads: 0, keyReads: 0, requests: 0 });
    await e.embed(['a']);
    await e.embed(['b']);
    expect({ loads, requests: stub.requests.length }).toEqual({ loads: 1, requests: 2 });
    expect(keyReads).toBe(2);
  });

  it('constructing against a server that is down neither throws nor connects; using it says the server is unreachable', async () => {
    const port = await closedPort();
    const e = createOpenAIEmbedder({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', dimensions: 8, retry: { maxAttempts: 2 } }, deps());
    expect(e.id).toBe('openai-compatible:m');
    const result = await e.testConnection();
    expect(result).toEqual({ ok: false, error: `the embedding server at http://127.0.0.1:${port}/v1 could not be reached (ECONNREFUSED): check the address and that the server is running` });
    expect(sleeps).toEqual([]);
  });

  it('rejects an address that is not http(s) at construction, before any I/O', () => {
    expect(() => createOpenAIEmbedder({ baseURL: 'ftp://example/v1', model: 'm', dimensions: 8 })).toThrow(/must start with http/);
    expect(() => createOpenAIEmbedder({ baseURL: 'not a url', model: 'm', dimensions: 8 })).toThrow(/not a valid address/);
  });
});

describe('retries', () => {
  it('waits the seconds a 429 Retry-After asks for, then succeeds', async () => {
    stub.script({ kind: 'rate_limit', retryAfter: '2' });
    const [vector] = await embedder().embed(['a']);
    closeTo(vector, expectedUnitVector('a', 8));
    expect(sleeps).toEqual([2000]);
    expect(stub.requests.map((r) => r.behaviour)).toEqual(['rate_limit', 'ok']);
  });

  it('waits until a Retry-After HTTP-date (relative to the injected clock)', async () => {
    stub.script({ kind: 'rate_limit', retryAfter: new Date(NOW.getTime() + 7000).toUTCString() });
    await embedder().embed(['a']);
    expect(sleeps).toEqual([7000]);
  });

  it('does not wait a Retry-After longer than the policy allows: fails with a message saying so', async () => {
    stub.script({ kind: 'rate_limit', retryAfter: '3600' });
    const error = await failure(embedder({ retry: { maxRetryAfterMs: 60_000 } }).embed(['a']));
    expect(error.message).toBe(`the embedding server at ${stub.baseURL} answered 429: too many requests (the server asked to wait 3600 s; not waiting that long)`);
    expect(sleeps).toEqual([]);
  });

  it('retries a 500 after a jittered backoff and succeeds', async () => {
    stub.script({ kind: 'error', status: 500 });
    await embedder({ retry: { baseDelayMs: 200 } }).embed(['a']);
    expect(sleeps).toEqual([100]); // random 0.5 × ceiling 200
    expect(stub.requests.map((r) => r.behaviour)).toEqual(['error', 'ok']);
  });

  it('gives up after maxAttempts with a one-line message', async () => {
    stub.setFallbackBehaviour({ kind: 'error', status: 503 });
    const error = await failure(embedder({ retry: { maxAttempts: 3 } }).embed(['a']));
    expect(error.message).toBe(`the embedding server at ${stub.baseURL} answered 503: server error (gave up after 3 attempts)`);
    expect(error).toMatchObject({ code: 'server_error', attempts: 3, retryable: true });
    expect(stub.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('times out a request that hangs and retries it', async () => {
    stub.script({ kind: 'hang' });
    const started = Date.now();
    const [vector] = await embedder({ timeoutMs: 300 }).embed(['a']);
    closeTo(vector, expectedUnitVector('a', 8));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(stub.requests.map((r) => r.behaviour)).toEqual(['hang', 'ok']);
    expect(sleeps).toHaveLength(1);
  });

  it('says how long it waited when every attempt times out', async () => {
    stub.setFallbackBehaviour({ kind: 'hang' });
    const error = await failure(embedder({ timeoutMs: 200, retry: { maxAttempts: 2 } }).embed(['a']));
    expect(error.message).toBe(`the embedding server at ${stub.baseURL} did not answer within 0.2 s (gave up after 2 attempts)`);
    expect(error.code).toBe('timeout');
  });

  it('retries when the connection closes before or in the middle of the answer', async () => {
    stub.script({ kind: 'drop' }, { kind: 'close_mid_body' });
    const [vector] = await embedder().embed(['a']);
    closeTo(vector, expectedUnitVector('a', 8));
    expect(stub.requests.map((r) => r.behaviour)).toEqual(['drop', 'close_mid_body', 'ok']);
    expect(sleeps).toHaveLength(2);
  });

  it('grows the backoff ceiling exponentially; full jitter stays within [0, ceiling)', async () => {
    stub.script(...Array.from({ length: 5 }, () => ({ kind: 'error' as const, status: 502 })));
    const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
    await embedder({ retry: policy }, { random: () => 0.999 }).embed(['a']);
    expect(sleeps).toEqual([99, 199, 399, 799, 999]); // capped at maxDelayMs on the fifth retry
    sleeps = [];
    stub.script(...Array.from({ length: 3 }, () => ({ kind: 'error' as const, status: 502 })));
    await embedder({ retry: policy }, { random: () => 0 }).embed(['a']);
    expect(sleeps).toEqual([0, 0, 0]);
  });

  it('does not retry a 401 and says what to fix', async () => {
    stub.script({ kind: 'error', status: 401, echoKey: true });
    const error = await failure(embedder().embed(['a']));
    expect(error.message).toBe(`the embedding server at ${stub.baseURL} answered 401: check the API key`);
    expect(error).toMatchObject({ code: 'auth', retryable: false });
    expect(stub.requests).toHaveLength(1);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    stub.setFallbackBehaviour({ kind: 'hang' });
    const controller = new AbortController();
    const pending = embedder({ timeoutMs: 5000 }).embed(['a'], controller.signal);
    await stub.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('the API key', () => {
  it('is sent as a bearer token but never appears in an error message or a log line', async () => {
    const log = createRecordingLogger();
    const e = embedder({ retry: { maxAttempts: 3 } }, { logger: log.logger });
    stub.script({ kind: 'error', status: 500, echoKey: true }, { kind: 'error', status: 400, echoKey: true });
    const error = await failure(e.embed(['a']));
    expect(stub.requests.map((r) => r.authorization)).toEqual([`Bearer ${CANARY}`, `Bearer ${CANARY}`]);
    // The 400's body quoted the key; the message keeps the server's words without it.
    expect(error.message).toBe(`the embedding server at ${stub.baseURL} answered 400: Incorrect API key provided: [redacted]`);
    expect(log.entries.length).toBeGreaterThan(0);
    expect(log.text()).not.toContain(CANARY);
    stub.script({ kind: 'error', status: 422, echoKey: true });
    const tested = await e.testConnection();
    expect(tested.ok).toBe(false);
    expect(JSON.stringify(tested)).not.toContain(CANARY);
    expect(log.text()).not.toContain(CANARY);
  });

  it('is read from the secret store when a request is made, and absent servers get no Authorization header', async () => {
    await embedder({ apiKey: null }).embed(['a']);
    await embedder({ apiKey: async () => null }).embed(['b']);
    expect(stub.requests.map((r) => r.authorization)).toEqual([null, null]);
  });

  it('reports a secret store failure as a setup problem, scrubbed, without sending anything', async () => {
    const error = await failure(embedder({ apiKey: async () => Promise.reject(new Error('keychain locked')) }).embed(['a']));
    expect(error.message).toBe('could not read the API key from the secret store: keychain locked');
    expect(error.code).toBe('setup');
    expect(stub.requests).toHaveLength(0);
  });
});

describe('testConnection', () => {
  it('answers ok with the vector length and a latency', async () => {
    const result = await embedder().testConnection();
    expect(result).toEqual({ ok: true, model: 'stub-embed', dimensions: 8, latencyMs: 0 });
    expect(stub.requests).toHaveLength(1);
  });

  it('answers with the actionable message and makes one attempt only', async () => {
    stub.setFallbackBehaviour({ kind: 'error', status: 404 });
    const result = await embedder().testConnection();
    expect(result).toEqual({ ok: false, error: `the embedding server at ${stub.baseURL} answered 404: check the address (it usually ends in /v1) and the model name "stub-embed"` });
    expect(stub.requests).toHaveLength(1);
  });
});
