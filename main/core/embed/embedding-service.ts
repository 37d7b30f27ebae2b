/**
 * The firm's embedding service, one per core: which embedder a run uses (the local one, or an
 * OpenAI-compatible server behind a circuit breaker), the embedding cache, the explainer of
 * pending matches, and the API key in the SecretStore. Lazy throughout: creating it reads
 * nothing, chooses no secret store, loads no `openai` package and opens no connection; the key
 * is read from the store when a request is about to be made, and never kept in the database.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { CoreError, type EmbeddingConfig } from '../contract/index.js';
import { chooseSecretStore, type ChosenSecretStore, type SecretStore } from '../secrets/index.js';
import type { Embedder } from './embedder.js';
import { createEmbeddingCache, type EmbeddingCache } from './embedding-cache.js';
import { API_KEY_ACCOUNT, readEmbeddingConfig } from './embedding-config.js';
import { createExplainer, type Explainer } from './explain.js';
import { createDatabaseExplanationCache } from './explanation-cache.js';
import { createOpenAIEmbedder, describeEndpoint, type ApiKeySource, type OpenAIModule } from './openai-provider.js';
import { probeDimensions } from './probe-dimensions.js';
import { CircuitBreaker, RetryExhaustedError, type CircuitStatus } from './resilience.js';

/** A remote server a run (or a test) uses: the firm's settings, or a host's override. */
export interface RemoteEmbedderSettings {
  baseURL: string;
  model: string;
  /** Null: ask the server (one request) before the run starts. */
  dimensions: number | null;
  /** The key itself (an override) or a reader (the SecretStore); null for keyless servers. */
  apiKey: ApiKeySource;
  batchSize: number;
  timeoutMs: number;
}

/** Options of `createEmbeddingService`; everything host-specific is passed in. */
export interface EmbeddingServiceOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The host's secret store; absent: the keychain if it answers, else memory (chosen on first use). */
  secrets?: SecretStore;
  /**
   * Where a run that asks for 'openai' takes its server from instead of the firm's settings (the
   * CLI's environment, for one run). Throws CoreError when the host cannot provide one.
   */
  openaiOverride?: () => RemoteEmbedderSettings;
  /** Consecutive failed runs before the breaker opens (default 3); wrong keys open it at once. */
  failureThreshold?: number;
  /** How long an open breaker keeps runs on the local embedder (default 5 minutes). */
  cooldownMs?: number;
  /** How the `openai` package is loaded (tests); default: a dynamic import on first use. */
  loadOpenAI?: () => Promise<OpenAIModule>;
}

/** The answer of "Test connection". */
export interface ConnectionTest {
  ok: boolean;
  message: string;
  dimensions: number | null;
  latencyMs: number | null;
}

/** What the core's handlers use. */
export interface EmbeddingService {
  /** The firm's configuration (defaults until an administrator sets one). */
  config(): EmbeddingConfig;
  /**
   * The remote embedder of a run, or null for the local one. `choice` overrides the firm's
   * provider for this run ('openai' takes the host's override when there is one). Checked now:
   * a missing configuration (or dimensions the server will not tell) throws CoreError before any
   * work starts. The embedder's failures make the run fall back to the local embedder.
   */
  remote(choice?: 'local' | 'openai' | null): Promise<Embedder | null>;
  /** The embedding cache with the firm's expiry and size cap. */
  cache(): EmbeddingCache;
  /** The breaker of the firm's configured server: open means runs use the local embedder. */
  status(): CircuitStatus;
  /** The explainer of the current settings (answers 'disabled' when explanations are off). */
  explainer(): Explainer;
  /** The secret store (chosen on first use) and why it was chosen. */
  secretStore(): Promise<ChosenSecretStore>;
  /** Whether a key is stored; `problem` when the store cannot be read. */
  keyState(): Promise<{ hasKey: boolean; problem: string | null; kind: SecretStore['kind'] }>;
  /** One request with the saved settings and key, no retries. */
  testConnection(): Promise<ConnectionTest>;
}

const closedStatus: CircuitStatus = { state: 'closed', lastError: null, fallbackActive: false, consecutiveFailures: 0, openedAt: null };

/** Creates the service (see the file comment): cheap, no I/O. */
export function createEmbeddingService(options: EmbeddingServiceOptions): EmbeddingService {
  const { db, clock, logger } = options;
  const breakers = new Map<string, CircuitBreaker>();
  let chosen: Promise<ChosenSecretStore> | null = null;
  let explainerFor: { key: string; explainer: Explainer } | null = null;

  const secretStore = (): Promise<ChosenSecretStore> =>
    (chosen ??= options.secrets
      ? Promise.resolve({ store: options.secrets, reason: `secrets are kept in the host's ${options.secrets.kind.replace('_', ' ')} store` })
      : chooseSecretStore({ logger }));
  const readKey = async (): Promise<string | null> => (await secretStore()).store.get(API_KEY_ACCOUNT);

  function config(): EmbeddingConfig {
    const { config: current, damaged } = readEmbeddingConfig(db);
    if (damaged) logger.warn({ key: 'embedding.config' }, 'the stored embedding settings are unreadable; using the defaults');
    return current;
  }

  function firmSettings(current: EmbeddingConfig): RemoteEmbedderSettings | null {
    if (current.baseURL === null || current.model === null) return null;
    return { baseURL: current.baseURL, model: current.model, dimensions: current.dimensions, apiKey: readKey, batchSize: current.batchSize, timeoutMs: current.timeoutSeconds * 1000 };
  }

  /** The breaker of one server, model and length (a new configuration starts closed). */
  function breakerFor(identity: { baseURL: string; model: string; dimensions: number }): CircuitBreaker {
    const key = `${describeEndpoint(identity.baseURL)}|${identity.model}|${identity.dimensions}`;
    let breaker = breakers.get(key);
    if (!breaker) breakers.set(key, (breaker = new CircuitBreaker({ failureThreshold: options.failureThreshold ?? 3, cooldownMs: options.cooldownMs ?? 5 * 60_000, clock })));
    return breaker;
  }

  function build(settings: RemoteEmbedderSettings & { dimensions: number }): Embedder {
    const inner = createOpenAIEmbedder(
      { baseURL: settings.baseURL, model: settings.model, dimensions: settings.dimensions, apiKey: settings.apiKey, batchSize: settings.batchSize, timeoutMs: settings.timeoutMs },
      { logger, clock, ...(options.loadOpenAI ? { loadOpenAI: options.loadOpenAI } : {}) },
    );
    const breaker = breakerFor(settings);
    breaker.startRun();
    return guarded(inner, breaker);
  }

  return {
    config,
    async remote(choice = null) {
      if (choice === 'local') return null;
      const current = config();
      if (choice === null && current.provider === 'local') return null;
      const settings = choice === 'openai' && options.openaiOverride ? options.openaiOverride() : firmSettings(current);
      if (!settings) throw new CoreError('invalid_input', 'No OpenAI-compatible server is configured: set its address and model in Settings › Embeddings.');
      let dimensions = settings.dimensions;
      if (dimensions === null) {
        dimensions = await probeDimensions(settings, { logger, clock, ...(options.loadOpenAI ? { loadOpenAI: options.loadOpenAI } : {}) });
      }
      if (dimensions % 32 !== 0) {
        throw new CoreError('invalid_input', `The embedding model "${settings.model}" returns vectors of ${dimensions} dimensions; Cuadra's semantic index needs a multiple of 32.`);
      }
      return build({ ...settings, dimensions });
    },
    cache() {
      const current = config();
      return createEmbeddingCache(db, clock, { expiryDays: current.cache.expiryDays, maxEntries: current.cache.maxEntries });
    },
    status() {
      const settings = firmSettings(config());
      if (!settings) return closedStatus;
      const breaker = breakers.get(`${describeEndpoint(settings.baseURL)}|${settings.model}|${settings.dimensions}`);
      return breaker ? breaker.status() : closedStatus;
    },
    explainer() {
      const current = config();
      const { baseURL } = current;
      const chatModel = current.explanations.chatModel;
      const enabled = current.explanations.enabled && baseURL !== null && chatModel !== null;
      const key = enabled ? JSON.stringify([baseURL, chatModel, current.timeoutSeconds]) : 'disabled';
      if (explainerFor?.key !== key) {
        const explainer = enabled
          ? createExplainer(
              { baseURL, model: chatModel, apiKey: readKey, timeoutMs: Math.max(60_000, current.timeoutSeconds * 1000) },
              { cache: createDatabaseExplanationCache(db, clock, chatModel), logger, clock, ...(options.loadOpenAI ? { loadOpenAI: options.loadOpenAI } : {}) },
            )
          : createExplainer(null, { cache: createDatabaseExplanationCache(db, clock, '') });
        // The explainer keeps its client (and the requests in flight) while the settings stay the same.
        explainerFor = { key, explainer };
      }
      return explainerFor.explainer;
    },
    secretStore,
    async keyState() {
      const { store } = await secretStore();
      try {
        return { hasKey: (await store.get(API_KEY_ACCOUNT)) !== null, problem: null, kind: store.kind };
      } catch (error) {
        return { hasKey: false, problem: error instanceof Error ? error.message : String(error), kind: store.kind };
      }
    },
    async testConnection() {
      const settings = firmSettings(config());
      if (!settings) return { ok: false, message: 'Enter and save the server\'s address and the embedding model before testing the connection.', dimensions: null, latencyMs: null };
      const embedder = createOpenAIEmbedder(
        { baseURL: settings.baseURL, model: settings.model, dimensions: settings.dimensions as number, apiKey: readKey, timeoutMs: settings.timeoutMs },
        { logger, clock, ...(options.loadOpenAI ? { loadOpenAI: options.loadOpenAI } : {}) },
      );
      const result = await embedder.testConnection();
      if (!result.ok) return { ok: false, message: result.error, dimensions: null, latencyMs: null };
      // The server answers again: runs may use it at once.
      breakerFor({ ...settings, dimensions: settings.dimensions as number }).recordSuccess();
      const latencyMs = Math.max(0, Math.round(result.latencyMs));
      return { ok: true, message: `${describeEndpoint(settings.baseURL)} answered with ${result.dimensions} dimensions from "${result.model}" in ${latencyMs} ms.`, dimensions: result.dimensions, latencyMs };
    },
  };
}

/**
 * The remote embedder behind its breaker: while the breaker is open a call fails at once (the
 * run then uses the local embedder, and says so); every failure and success is counted.
 */
function guarded(inner: Embedder, breaker: CircuitBreaker): Embedder {
  return {
    id: inner.id,
    model: inner.model,
    dimensions: inner.dimensions,
    version: inner.version,
    async embed(texts, signal) {
      if (!breaker.allowsRequest()) {
        const { lastError } = breaker.status();
        throw new Error(`the embedding server failed recently${lastError ? ` (${lastError})` : ''}; it is tried again in a few minutes`);
      }
      try {
        const vectors = await inner.embed(texts, signal);
        breaker.recordSuccess();
        return vectors;
      } catch (error) {
        if (!signal?.aborted) {
          // Failures no retry fixes (a wrong key, an unknown model) open the breaker at once.
          breaker.recordFailure(error instanceof Error ? error.message : String(error), error instanceof RetryExhaustedError && !error.retryable);
        }
        throw error;
      }
    },
  };
}
