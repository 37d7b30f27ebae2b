/**
 * Surviving a flaky embedding server: retries with exponential backoff and full jitter
 * (honouring Retry-After), and a circuit breaker that, once a server has failed N times in
 * a row, sends the rest of the run to a fallback embedder (the local one) and says so in a
 * status the UI can show. Time, sleep and randomness are injected so tests observe the
 * delays without waiting for them. Nothing here knows about HTTP libraries: the caller
 * classifies its own errors into a `RetryDecision`.
 */
import type { Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Embedder } from './embedder.js';

/** Waits `ms` milliseconds, or rejects with the signal's reason when it aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
/** A number in [0, 1), like Math.random. */
export type Random = () => number;

/** The real sleep: a timer, cancelled by the signal. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** How hard to try one request. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retries). */
  maxAttempts: number;
  /** Backoff ceiling of the first retry; doubles on each further retry. */
  baseDelayMs: number;
  /** The backoff ceiling never grows past this. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails (and the run falls back). */
  maxRetryAfterMs: number;
}

/** Four attempts, 0.5 s → 1 s → 2 s ceilings (full jitter), Retry-After up to 30 s. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000 };

/**
 * Full-jitter backoff before retry number `retry` (1 = the first retry): a uniform draw in
 * [0, min(maxDelayMs, baseDelayMs·2^(retry−1))). Full jitter spreads clients that failed together.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: Random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds a Retry-After header asks for: delta-seconds ("120") or an HTTP-date
 * ("Wed, 21 Oct 2026 07:28:00 GMT", relative to `now`). Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/** What the caller's classifier says about one failed attempt. */
export interface RetryDecision {
  /** A person-readable one-line description (already free of secrets). */
  message: string;
  /** 429, 5xx, network errors and timeouts are worth another try; 4xx and bad answers are not. */
  retryable: boolean;
  /** What the server asked for (Retry-After), in ms. */
  retryAfterMs?: number | null;
  /** The caller (its signal) cancelled: stop at once and rethrow. */
  aborted?: boolean;
  /** A closed code for programs ('timeout', 'unreachable', 'auth', 'rate_limited', …). */
  code: string;
}

/** The error a request ends with when retries could not save it. */
export class RetryExhaustedError extends Error {
  override readonly name = 'RetryExhaustedError';
  constructor(
    message: string,
    /** The classifier's code of the last failure. */
    readonly code: string,
    /** Attempts made. */
    readonly attempts: number,
    /** Whether the last failure was of a retryable kind (false: a configuration problem). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Dependencies of `withRetry`. */
export interface RetryOptions {
  policy: RetryPolicy;
  classify: (error: unknown) => RetryDecision;
  sleep: Sleep;
  random: Random;
  signal?: AbortSignal;
  logger?: Logger;
  /** What the operation is, for log lines ("embedding request"). */
  what?: string;
}

/**
 * Runs `operation` until it succeeds, a failure is not retryable, or the attempts run out.
 * Waits the server's Retry-After when given (if not longer than `maxRetryAfterMs`), else a
 * full-jitter backoff. Rejects with `RetryExhaustedError` (carrying the classifier's message),
 * or with the original error when the caller aborted.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, classify, sleep, random, signal } = options;
  const logger = options.logger ?? silentLogger;
  const what = options.what ?? 'request';
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const decision = classify(error);
      if (decision.aborted || signal?.aborted) throw error;
      if (!decision.retryable) throw new RetryExhaustedError(decision.message, decision.code, attempt, false);
      if (attempt >= policy.maxAttempts) {
        throw new RetryExhaustedError(attempt > 1 ? `${decision.message} (gave up after ${attempt} attempts)` : decision.message, decision.code, attempt, true);
      }
      let delayMs = backoffDelay(attempt, policy, random);
      const asked = decision.retryAfterMs ?? null;
      if (asked !== null) {
        if (asked > policy.maxRetryAfterMs) {
          throw new RetryExhaustedError(`${decision.message} (the server asked to wait ${Math.ceil(asked / 1000)} s; not waiting that long)`, decision.code, attempt, true);
        }
        delayMs = asked;
      }
      logger.warn({ attempt, delayMs, reason: decision.message }, `${what} failed; retrying`);
      await sleep(delayMs, signal);
    }
  }
}

/** What the settings screen and the run summary show about the remote embedder. */
export interface CircuitStatus {
  /** closed: the server is used; open: it failed and the fallback does the work; half_open: one trial pending. */
  state: 'closed' | 'open' | 'half_open';
  /** The last failure, one line, free of secrets; null after a success. */
  lastError: string | null;
  /** True while the fallback embedder is the one producing vectors. */
  fallbackActive: boolean;
  consecutiveFailures: number;
  /** When the breaker last opened (ISO), or null. */
  openedAt: string | null;
}

/** Settings of the breaker. */
export interface CircuitBreakerOptions {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker stays open before a new run may try the server again. */
  cooldownMs: number;
  clock: Clock;
}

/**
 * Counts consecutive failures; opens at the threshold (or at once for failures that no
 * retry can fix, like a wrong API key). An open breaker stays open for the rest of the run;
 * `startRun` turns it half-open after the cooldown so one call tries the server again.
 */
export class CircuitBreaker {
  private state: CircuitStatus['state'] = 'closed';
  private failures = 0;
  private lastError: string | null = null;
  private openedAtMs: number | null = null;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!(options.failureThreshold >= 1)) throw new RangeError('failureThreshold must be at least 1');
  }

  /** True when the next call may go to the server. */
  allowsRequest(): boolean {
    return this.state !== 'open';
  }

  /** The server answered: close the breaker and forget past failures. */
  recordSuccess(): void {
    this.state = 'closed';
    this.failures = 0;
    this.lastError = null;
    this.openedAtMs = null;
  }

  /** A call failed; `permanent` failures (configuration) open the breaker immediately. */
  recordFailure(message: string, permanent = false): void {
    this.failures++;
    this.lastError = message;
    if (permanent || this.state === 'half_open' || this.failures >= this.options.failureThreshold) {
      this.state = 'open';
      this.openedAtMs = this.options.clock().getTime();
    }
  }

  /** A new run begins: an open breaker whose cooldown has passed lets one trial through. */
  startRun(): void {
    if (this.state !== 'open' || this.openedAtMs === null) return;
    if (this.options.clock().getTime() - this.openedAtMs >= this.options.cooldownMs) this.state = 'half_open';
  }

  /** A snapshot for the UI. */
  status(): CircuitStatus {
    return {
      state: this.state,
      lastError: this.lastError,
      fallbackActive: this.state === 'open',
      consecutiveFailures: this.failures,
      openedAt: this.openedAtMs === null ? null : new Date(this.openedAtMs).toISOString(),
    };
  }
}

/** Vectors together with the embedder whose vector space they belong to. */
export interface SourcedVectors {
  vectors: Float32Array[];
  /** The primary or the fallback: store and compare vectors only within one source's id/version. */
  source: Embedder;
}

/** An embedder that falls back instead of failing, with a visible status. */
export interface ResilientEmbedder {
  readonly primary: Embedder;
  readonly fallback: Embedder;
  /** Embeds with the primary while the breaker allows it, else (or when it fails) with the fallback. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<SourcedVectors>;
  /** Marks the start of a run (an import, a matching pass): may half-open an open breaker. */
  startRun(): void;
  status(): CircuitStatus;
}

/** Dependencies of `createResilientEmbedder`. */
export interface ResilientEmbedderOptions {
  primary: Embedder;
  fallback: Embedder;
  /** Consecutive failed calls before the rest of the run uses the fallback (default 3). */
  failureThreshold?: number;
  /** Default 5 minutes. */
  cooldownMs?: number;
  clock: Clock;
  logger?: Logger;
  /** Failures that no retry fixes (wrong key, unknown model) open the breaker at once. */
  isPermanentFailure?: (error: unknown) => boolean;
}

/**
 * Wraps a remote embedder so that a run always gets vectors: a failed call (after the
 * primary's own retries) is answered by the fallback, and after `failureThreshold`
 * consecutive failures the primary is not called again for the rest of the run. One call's
 * vectors always come from one source (a call is never split across vector spaces).
 */
export function createResilientEmbedder(options: ResilientEmbedderOptions): ResilientEmbedder {
  const { primary, fallback, clock } = options;
  const logger = options.logger ?? silentLogger;
  const isPermanent = options.isPermanentFailure ?? ((error: unknown) => error instanceof RetryExhaustedError && !error.retryable);
  const breaker = new CircuitBreaker({ failureThreshold: options.failureThreshold ?? 3, cooldownMs: options.cooldownMs ?? 5 * 60_000, clock });

  async function viaFallback(texts: readonly string[], signal?: AbortSignal): Promise<SourcedVectors> {
    return { vectors: await fallback.embed(texts, signal), source: fallback };
  }

  return {
    primary,
    fallback,
    startRun: () => breaker.startRun(),
    status: () => breaker.status(),
    async embed(texts, signal) {
      if (!breaker.allowsRequest()) return viaFallback(texts, signal);
      try {
        const vectors = await primary.embed(texts, signal);
        breaker.recordSuccess();
        return { vectors, source: primary };
      } catch (error) {
        if (signal?.aborted) throw error;
        const message = error instanceof Error ? error.message : String(error);
        breaker.recordFailure(message, isPermanent(error));
        const status = breaker.status();
        logger.warn({ embedder: primary.id, state: status.state, failures: status.consecutiveFailures, reason: message }, 'remote embedder failed; using the local embedder for this call');
        return viaFallback(texts, signal);
      }
    },
  };
}
