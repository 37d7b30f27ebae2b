// Backoff arithmetic, Retry-After parsing, and the circuit breaker that sends the rest of a run
// to the local embedder once the remote server (a real HTTP stub) has failed N times in a row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../../main/core/embed/embedder.js';
import { createOpenAIEmbedder, type OpenAIEmbedder } from '../../main/core/embed/openai-provider.js';
import { backoffDelay, CircuitBreaker, createResilientEmbedder, defaultRetryPolicy, parseRetryAfter, realSleep } from '../../main/core/embed/resilience.js';
import { createRecordingLogger, expectedUnitVector, startOpenAIStub, type OpenAIStub } from '../support/openai-stub.js';

const NOW = new Date('2026-02-10T12:00:00.000Z');

describe('backoffDelay (full jitter)', () => {
  const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1500 };

  it('draws uniformly below a ceiling that doubles per retry up to maxDelayMs', () => {
    const ceilings = [100, 200, 400, 800, 1500, 1500];
    ceilings.forEach((ceiling, i) => {
      expect(backoffDelay(i + 1, policy, () => 0)).toBe(0);
      expect(backoffDelay(i + 1, policy, () => 0.999999)).toBe(ceiling - 1);
      expect(backoffDelay(i + 1, policy, () => 0.5)).toBe(ceiling / 2);
    });
  });

  it('stays within [0, ceiling) for many random draws', () => {
    for (let retry = 1; retry <= 8; retry++) {
      const ceiling = Math.min(1500, 100 * 2 ** (retry - 1));
      for (let i = 0; i < 200; i++) {
        const d = backoffDelay(retry, policy, Math.random);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates; ignores what it cannot read', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0.5 ', NOW)).toBe(500);
    expect(parseRetryAfter('Tue, 10 Feb 2026 12:00:09 GMT', NOW)).toBe(9000);
    expect(parseRetryAfter('Tue, 10 Feb 2026 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});

describe('realSleep', () => {
  it('waits, and rejects as soon as the signal aborts', async () => {
    const started = Date.now();
    await realSleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const pending = realSleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('CircuitBreaker', () => {
  it('opens at the threshold, half-opens for a new run after the cooldown, and closes on success', () => {
    let now = NOW.getTime();
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 60_000, clock: () => new Date(now) });
    breaker.recordFailure('first');
    expect(breaker.status()).toMatchObject({ state: 'closed', consecutiveFailures: 1, lastError: 'first', fallbackActive: false });
    breaker.recordFailure('second');
    expect(breaker.status()).toEqual({ state: 'open', consecutiveFailures: 2, lastError: 'second', fallbackActive: true, openedAt: NOW.toISOString() });
    breaker.startRun();
    expect(breaker.allowsRequest()).toBe(false); // cooldown not over
    now += 60_000;
    breaker.startRun();
    expect(breaker.status().state).toBe('half_open');
    breaker.recordFailure('trial failed'); // one failure in half-open reopens
    expect(breaker.status().state).toBe('open');
    now += 60_000;
    breaker.startRun();
    breaker.recordSuccess();
    expect(breaker.status()).toEqual({ state: 'closed', consecutiveFailures: 0, lastError: null, fallbackActive: false, openedAt: null });
  });
});

/** A fallback that stands in for the local embedder: deterministic, counted, no network. */
function countingFallback(): Embedder & { calls: number } {
  const fallback = {
    id: 'local',
    model: 'test-fallback',
    dimensions: 3,
    version: '1',
    calls: 0,
    async embed(texts: readonly string[]) {
      fallback.calls++;
      return texts.map((t) => Float32Array.from([t.length, 0, 0]));
    },
  };
  return fallback;
}

describe('createResilientEmbedder', () => {
  let stub: OpenAIStub;
  let sleeps: number[];
  let now: number;
  beforeEach(async () => {
    stub = await startOpenAIStub({ dimensions: 8 });
    sleeps = [];
    now = NOW.getTime();
  });
  afterEach(async () => {
    await stub.close();
  });

  function remote(maxAttempts = 2): OpenAIEmbedder {
    return createOpenAIEmbedder(
      { baseURL: stub.baseURL, model: 'stub-embed', dimensions: 8, timeoutMs: 2000, retry: { maxAttempts } },
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, clock: () => new Date(now) },
    );
  }
  const clock = () => new Date(now);

  it('uses the remote server while it answers, and says so', async () => {
    const fallback = countingFallback();
    const resilient = createResilientEmbedder({ primary: remote(), fallback, clock });
    const result = await resilient.embed(['abc']);
    expect(result.source.id).toBe('openai-compatible:stub-embed');
    expect(Array.from(result.vectors[0]!)).toEqual(Array.from(expectedUnitVector('abc', 8)).map((x) => expect.closeTo(x, 6)));
    expect(resilient.status()).toMatchObject({ state: 'closed', fallbackActive: false, lastError: null });
    expect(fallback.calls).toBe(0);
  });

  it('opens after N consecutive failed calls; the rest of the run uses the fallback and sends nothing', async () => {
    stub.setFallbackBehaviour({ kind: 'error', status: 500 });
    const fallback = countingFallback();
    const log = createRecordingLogger();
    const resilient = createResilientEmbedder({ primary: remote(2), fallback, failureThreshold: 3, clock, logger: log.logger });
    const sources: string[] = [];
    for (let call = 0; call < 6; call++) {
      const result = await resilient.embed([`text ${call}`]);
      sources.push(result.source.id);
      expect(result.vectors[0]!.length).toBe(result.source.dimensions);
    }
    // Three calls × two attempts reached the server; after that, nothing did.
    expect(stub.requests).toHaveLength(6);
    expect(sources).toEqual(Array(6).fill('local'));
    expect(fallback.calls).toBe(6);
    expect(resilient.status()).toEqual({
      state: 'open',
      fallbackActive: true,
      consecutiveFailures: 3,
      lastError: `the embedding server at ${stub.baseURL} answered 500: server error (gave up after 2 attempts)`,
      openedAt: NOW.toISOString(),
    });
    expect(log.entries.filter((e) => e.msg?.startsWith('remote embedder failed'))).toHaveLength(3);
  });

  it('a success between failures resets the count', async () => {
    const fallback = countingFallback();
    const resilient = createResilientEmbedder({ primary: remote(1), fallback, failureThreshold: 2, clock });
    stub.script({ kind: 'error', status: 500 }, { kind: 'ok' }, { kind: 'error', status: 500 }, { kind: 'ok' });
    const sources = [];
    for (let call = 0; call < 4; call++) sources.push((await resilient.embed(['x'])).source.id);
    expect(sources).toEqual(['local', 'openai-compatible:stub-embed', 'local', 'openai-compatible:stub-embed']);
    expect(resilient.status().state).toBe('closed');
  });

  it('a configuration failure (401) opens the breaker at once: retrying will not fix a wrong key', async () => {
    stub.setFallbackBehaviour({ kind: 'error', status: 401 });
    const resilient = createResilientEmbedder({ primary: remote(4), fallback: countingFallback(), failureThreshold: 5, clock });
    await resilient.embed(['a']);
    await resilient.embed(['b']);
    expect(stub.requests).toHaveLength(1);
    expect(resilient.status()).toMatchObject({ state: 'open', fallbackActive: true, lastError: `the embedding server at ${stub.baseURL} answered 401: check the API key` });
  });

  it('a new run after the cooldown tries the server once more (half-open) and closes when it answers', async () => {
    stub.script({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const resilient = createResilientEmbedder({ primary: remote(1), fallback: countingFallback(), failureThreshold: 2, cooldownMs: 60_000, clock });
    await resilient.embed(['a']);
    await resilient.embed(['b']);
    expect(resilient.status().state).toBe('open');
    resilient.startRun();
    await resilient.embed(['c']);
    expect(stub.requests).toHaveLength(2); // still open: the cooldown has not passed
    now += 60_000;
    resilient.startRun();
    expect(resilient.status().state).toBe('half_open');
    const result = await resilient.embed(['d']);
    expect(result.source.id).toBe('openai-compatible:stub-embed');
    expect(resilient.status()).toMatchObject({ state: 'closed', fallbackActive: false, lastError: null });
    expect(stub.requests).toHaveLength(3);
  });

  it('a cancelled call is neither counted nor answered by the fallback', async () => {
    stub.setFallbackBehaviour({ kind: 'hang' });
    const fallback = countingFallback();
    const resilient = createResilientEmbedder({ primary: remote(3), fallback, failureThreshold: 1, clock });
    const controller = new AbortController();
    const pending = resilient.embed(['a'], controller.signal);
    await stub.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(fallback.calls).toBe(0);
    expect(resilient.status()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });
});
