/**
 * An `Embedder` backed by any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Ollama,
 * llama.cpp, vLLM, LM Studio, …), plus the lazy client and error wording `explain.ts` shares.
 * The `openai` package is loaded and its client created on the first call, never at
 * construction. The SDK's own retries are off: `withRetry` retries 429/5xx/network
 * errors/timeouts so the behaviour is observable. The API key never appears in a log line or
 * an error message (both are scrubbed of it).
 */
import type OpenAI from 'openai';
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import { l2NormaliseInPlace, type Embedder } from './embedder.js';
import { defaultRetryPolicy, parseRetryAfter, realSleep, withRetry, type Random, type RetryDecision, type RetryPolicy, type Sleep } from './resilience.js';

/** The key itself, or a function that reads it (from the SecretStore) when a request is about to be made. */
export type ApiKeySource = string | null | (() => Promise<string | null> | string | null);
/** The shape of `import('openai')`. */
export type OpenAIModule = typeof import('openai');

/** Settings of a remote embedder (from the settings screen; the key comes from the SecretStore). */
export interface OpenAIEmbedderConfig {
  /** The API root, usually ending in /v1 (`http://127.0.0.1:11434/v1` for Ollama). */
  baseURL: string;
  model: string;
  /** Length of the vectors the model returns; answers of any other length are refused. */
  dimensions: number;
  /** Null (the default) for servers without keys. */
  apiKey?: ApiKeySource;
  /** Send `dimensions` in the request (text-embedding-3 models can shorten vectors; many servers reject it). */
  sendDimensions?: boolean;
  /** Wire format: 'float' (default) or 'base64', decoded here. Never left to the SDK's default. */
  encoding?: 'float' | 'base64';
  /** Texts per request (default 256). */
  batchSize?: number;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** Injected dependencies: defaults are the real ones; tests pass fast sleeps and fixed clocks. */
export interface OpenAIEmbedderDeps {
  logger?: Logger;
  sleep?: Sleep;
  random?: Random;
  clock?: Clock;
  /** How the `openai` package is loaded (default: a dynamic import on first use). */
  loadOpenAI?: () => Promise<OpenAIModule>;
}

/** The settings screen's "Test connection" answer. */
export type ConnectionTestResult =
  | { ok: true; model: string; dimensions: number; latencyMs: number }
  | { ok: false; error: string };

/** A remote embedder; `embed` rejects with `RetryExhaustedError` carrying a one-line, actionable message. */
export interface OpenAIEmbedder extends Embedder {
  /** One small request, no retries: does the server answer with vectors of the configured length? */
  testConnection(signal?: AbortSignal): Promise<ConnectionTestResult>;
}

// ---------------------------------------------------------------- shared client plumbing

/** `scheme://host[:port]/path` of a base URL, without credentials, query or fragment; throws on a non-HTTP URL. */
export function describeEndpoint(baseURL: string): string {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new RangeError(`"${scrubSecrets(baseURL, [])}" is not a valid address (expected something like http://127.0.0.1:11434/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`the address must start with http:// or https:// (got ${url.protocol})`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Removes every occurrence of the given secrets, and any bearer token, from a text. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out.replace(/(bearer\s+)[^\s"',;]+/gi, '$1[redacted]').replace(/\/\/[^/@\s]+@/g, '//');
}

/** A client made on first use, and made again only if the key changes. */
export interface LazyOpenAIClient {
  get(): Promise<OpenAI>;
  /** The loaded `openai` module (for classifying its errors), or null before the first call. */
  loadedModule(): OpenAIModule | null;
  /** Every key this client has used: what error messages are scrubbed of. */
  secrets(): readonly string[];
}

/** Failures before any request: the key could not be read, or the package could not be loaded. */
export class ClientSetupError extends Error {
  override readonly name = 'ClientSetupError';
}

/** Prepares (without loading anything) a client for `baseURL` with the SDK's retries and logging off. */
export function createLazyOpenAIClient(options: { baseURL: string; apiKey: ApiKeySource; timeoutMs: number; loadOpenAI?: () => Promise<OpenAIModule> }): LazyOpenAIClient {
  const load = options.loadOpenAI ?? (() => import('openai'));
  const seen = new Set<string>();
  let module: OpenAIModule | null = null;
  let current: { key: string | null; client: OpenAI } | null = null;
  if (typeof options.apiKey === 'string') seen.add(options.apiKey);

  async function readKey(): Promise<string | null> {
    try {
      const key = typeof options.apiKey === 'function' ? await options.apiKey() : options.apiKey;
      return key === '' ? null : key;
    } catch (error) {
      throw new ClientSetupError(`could not read the API key from the secret store: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    loadedModule: () => module,
    secrets: () => [...seen],
    async get() {
      const key = await readKey();
      if (key !== null) seen.add(key);
      if (current && current.key === key) return current.client;
      if (!module) {
        try {
          module = await load();
        } catch (error) {
          throw new ClientSetupError(`could not load the "openai" package: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const client = new module.OpenAI({
        baseURL: options.baseURL,
        // The SDK insists on a key; keyless local servers get a placeholder and no Authorization header.
        apiKey: key ?? 'no-key',
        defaultHeaders: key === null ? { Authorization: null } : undefined,
        // Explicit nulls: never pick up OPENAI_* variables from the environment.
        adminAPIKey: null,
        organization: null,
        project: null,
        webhookSecret: null,
        maxRetries: 0,
        timeout: options.timeoutMs,
        logLevel: 'off',
      });
      current = { key, client };
      return client;
    },
  };
}

/** What `describeFailure` needs to word an error. */
export interface FailureContext {
  /** "the embedding server at http://…/v1" */
  who: string;
  model: string;
  timeoutMs: number;
  clock: Clock;
  module: OpenAIModule | null;
  secrets: readonly string[];
}

function causeCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function serverMessage(error: { error?: unknown; message: string }): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : error.message;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The wait a response asks for: `retry-after-ms` (OpenAI's own) or the standard `retry-after`. */
function retryAfterOf(headers: Headers | undefined, now: Date): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  return Number.isFinite(ms) && ms >= 0 ? ms : parseRetryAfter(headers.get('retry-after'), now);
}

/** Turns an `openai` SDK (or network) error into a retry decision with a one-line message a person can act on. */
export function describeFailure(error: unknown, ctx: FailureContext): RetryDecision {
  const { who, module: m } = ctx;
  const clean = (message: string): string => scrubSecrets(message, ctx.secrets);
  if (error instanceof ClientSetupError) return { message: clean(error.message), retryable: false, code: 'setup' };
  if ((m && error instanceof m.APIUserAbortError) || (error instanceof Error && error.name === 'AbortError')) {
    return { message: 'cancelled', retryable: false, aborted: true, code: 'aborted' };
  }
  if (m && error instanceof m.APIConnectionTimeoutError) {
    return { message: `${who} did not answer within ${ctx.timeoutMs / 1000} s`, retryable: true, code: 'timeout' };
  }
  if (m && error instanceof m.APIError && typeof error.status === 'number') {
    const status = error.status;
    const retryAfterMs = retryAfterOf(error.headers, ctx.clock());
    if (status === 401) return { message: `${who} answered 401: check the API key`, retryable: false, code: 'auth' };
    if (status === 403) return { message: `${who} answered 403: the API key may not use the model "${ctx.model}"`, retryable: false, code: 'auth' };
    if (status === 404) return { message: clean(`${who} answered 404: check the address (it usually ends in /v1) and the model name "${ctx.model}"`), retryable: false, code: 'not_found' };
    if (status === 429) return { message: `${who} answered 429: too many requests`, retryable: true, retryAfterMs, code: 'rate_limited' };
    if (status >= 500 || status === 408 || status === 409) return { message: `${who} answered ${status}: server error`, retryable: true, retryAfterMs, code: 'server_error' };
    return { message: clean(`${who} answered ${status}: ${serverMessage(error)}`), retryable: false, code: 'bad_request' };
  }
  if (error instanceof SyntaxError) return { message: `${who} sent an unreadable answer (broken JSON)`, retryable: true, code: 'bad_response' };
  // APIConnectionError, or the body stream breaking after the headers ("terminated").
  const code = causeCode(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
    return { message: `${who} could not be reached (${code}): check the address and that the server is running`, retryable: true, code: 'unreachable' };
  }
  return { message: `${who} closed the connection${code ? ` (${code})` : ''}`, retryable: true, code: 'unreachable' };
}

// ---------------------------------------------------------------- the embedder

/** A response that no retry will fix (wrong dimensions, missing vectors). */
class BadAnswerError extends Error {
  override readonly name = 'BadAnswerError';
}

interface EmbeddingItem {
  index: number;
  embedding: number[] | string;
}

/** Creates the embedder. Cheap and side-effect free: nothing is loaded or connected until `embed`. */
export function createOpenAIEmbedder(config: OpenAIEmbedderConfig, deps: OpenAIEmbedderDeps = {}): OpenAIEmbedder {
  const batchSize = config.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  if (!Number.isInteger(config.dimensions) || config.dimensions < 1) throw new RangeError('dimensions must be a positive integer');
  const endpoint = describeEndpoint(config.baseURL);
  const timeoutMs = config.timeoutMs ?? 30_000;
  const encoding = config.encoding ?? 'float';
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...config.retry };
  const logger = deps.logger ?? silentLogger;
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const clock = deps.clock ?? systemClock;
  const client = createLazyOpenAIClient({ baseURL: config.baseURL, apiKey: config.apiKey ?? null, timeoutMs, loadOpenAI: deps.loadOpenAI });
  const who = `the embedding server at ${endpoint}`;

  function classify(error: unknown): RetryDecision {
    if (error instanceof BadAnswerError) return { message: scrubSecrets(error.message, client.secrets()), retryable: false, code: 'bad_response' };
    return describeFailure(error, { who, model: config.model, timeoutMs, clock, module: client.loadedModule(), secrets: client.secrets() });
  }

  function decode(embedding: unknown): Float32Array {
    if (typeof embedding === 'string') {
      const bytes = Buffer.from(embedding, 'base64');
      if (bytes.length % 4 !== 0) throw new BadAnswerError(`${who} returned a base64 vector of ${bytes.length} bytes (not float32)`);
      const vector = new Float32Array(bytes.length / 4);
      for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
      return vector;
    }
    if (!Array.isArray(embedding)) throw new BadAnswerError(`${who} returned an item without a vector`);
    return Float32Array.from(embedding as number[]);
  }

  /** Checks the length and finiteness, then scales to unit length (in place). */
  function normalise(vector: Float32Array): Float32Array {
    if (vector.length !== config.dimensions) {
      throw new BadAnswerError(`${who} returned ${vector.length} dimensions, expected ${config.dimensions}: check the model "${config.model}" and the dimensions setting`);
    }
    for (const x of vector) if (!Number.isFinite(x)) throw new BadAnswerError(`${who} returned a vector with non-numeric values`);
    // A zero vector has no direction and stays all zeros (cosine then relates it to nothing).
    l2NormaliseInPlace(vector);
    return vector;
  }

  function toVectors(data: unknown, expected: number): Float32Array[] {
    if (!Array.isArray(data)) throw new BadAnswerError(`${who} answered without a "data" list: is this an OpenAI-compatible /v1 address?`);
    if (data.length !== expected) throw new BadAnswerError(`${who} returned ${data.length} vectors for ${expected} texts`);
    const out: Array<Float32Array | undefined> = new Array<Float32Array | undefined>(expected);
    for (const item of data as EmbeddingItem[]) {
      const index = item?.index;
      if (!Number.isInteger(index) || index < 0 || index >= expected || out[index]) throw new BadAnswerError(`${who} returned vectors with missing or repeated indexes`);
      out[index] = normalise(decode(item.embedding));
    }
    return out as Float32Array[];
  }

  async function embedBatch(batch: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    const api = await client.get();
    const response = await api.embeddings.create(
      { model: config.model, input: batch, encoding_format: encoding, ...(config.sendDimensions ? { dimensions: config.dimensions } : {}) },
      { signal: signal ?? null, timeout: timeoutMs, maxRetries: 0 },
    );
    return toVectors((response as { data?: unknown }).data, batch.length);
  }

  async function embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    // Batches go one after another: a local server is usually busy enough with one.
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize);
      const what = `embedding request (${batch.length} texts)`;
      out.push(...(await withRetry(() => embedBatch(batch, signal), { policy, classify, sleep, random, signal, logger, what })));
    }
    return out;
  }

  return {
    id: `openai-compatible:${config.model}`,
    model: config.model,
    dimensions: config.dimensions,
    // Vectors are comparable only from the same server, model and length.
    version: `${endpoint}|${config.model}|${config.dimensions}${config.sendDimensions ? '|shortened' : ''}`,
    embed,
    async testConnection(signal) {
      const started = clock().getTime();
      try {
        const [vector] = await withRetry(() => embedBatch(['Cuadra connection test'], signal), { policy: { ...policy, maxAttempts: 1 }, classify, sleep, random, signal, logger, what: 'connection test' });
        return { ok: true, model: config.model, dimensions: vector?.length ?? 0, latencyMs: clock().getTime() - started };
      } catch (error) {
        if (signal?.aborted) throw error;
        return { ok: false, error: scrubSecrets(error instanceof Error ? error.message : String(error), client.secrets()) };
      }
    },
  };
}
