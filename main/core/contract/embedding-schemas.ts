import { z } from 'zod';
import { isoDateTimeSchema } from './values.js';

// ---- Embeddings and AI suggestions: the firm's provider, its key (never crosses), cache, explanations ----

/** An http(s) address of an OpenAI-compatible API root ("http://127.0.0.1:11434/v1"), without credentials. */
const baseUrlSchema = z.string().trim().max(500).refine((text) => {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, 'an address starting with http:// or https://, without a user name or password (the key is stored apart)');

const modelNameSchema = z.string().trim().min(1).max(200);

/** The firm's embedding settings (stored in the settings table; the API key is in the secret store, never here). */
export const embeddingConfigSchema = z.object({
  /** 'local': the offline embedder built into Cuadra; 'openai': an OpenAI-compatible server. */
  provider: z.enum(['local', 'openai']),
  baseURL: baseUrlSchema.nullable(),
  model: modelNameSchema.nullable(),
  /** Length of the server's vectors; a multiple of 32 (the semantic index needs it). */
  dimensions: z.number().int().min(32).max(8192).refine((d) => d % 32 === 0, 'must be a multiple of 32'),
  /** Texts per request. */
  batchSize: z.number().int().min(1).max(2048),
  /** Per-request timeout. */
  timeoutSeconds: z.number().int().min(1).max(600),
  cache: z.object({
    /** Vectors unused for this many days are pruned. */
    expiryDays: z.number().int().min(1).max(3650),
    /** The cache keeps at most this many vectors (the least recently used go first). */
    maxEntries: z.number().int().min(1000).max(10_000_000),
  }),
  /** Explanations of pending matches by a chat model on the same server: suggestions, off by default. */
  explanations: z.object({ enabled: z.boolean(), chatModel: modelNameSchema.nullable() }),
});
export type EmbeddingConfig = z.infer<typeof embeddingConfigSchema>;

/** The settings a form sends: a remote provider needs its address and model; explanations their chat model. */
export const embeddingConfigInputSchema = embeddingConfigSchema.superRefine((config, ctx) => {
  if (config.provider === 'openai') {
    if (config.baseURL === null) ctx.addIssue({ code: 'custom', path: ['baseURL'], message: 'the server\'s address is required for an OpenAI-compatible provider' });
    if (config.model === null) ctx.addIssue({ code: 'custom', path: ['model'], message: 'the embedding model is required for an OpenAI-compatible provider' });
  }
  if (config.explanations.enabled) {
    if (config.baseURL === null) ctx.addIssue({ code: 'custom', path: ['baseURL'], message: 'explanations need the server\'s address' });
    if (config.explanations.chatModel === null) ctx.addIssue({ code: 'custom', path: ['explanations', 'chatModel'], message: 'explanations need a chat model' });
  }
});

/** The circuit breaker of the remote embedder: open means the server failed and runs use the local embedder. */
export const embeddingBreakerSchema = z.object({
  state: z.enum(['closed', 'open', 'half_open']),
  lastError: z.string().nullable(),
  fallbackActive: z.boolean(),
  consecutiveFailures: z.number().int().nonnegative(),
  openedAt: isoDateTimeSchema.nullable(),
});

/** The embedding cache's counters since it was last cleared. */
export const embeddingCacheStatsSchema = z.object({
  entries: z.number().int().nonnegative(),
  hits: z.number().int().nonnegative(),
  misses: z.number().int().nonnegative(),
  /** hits / (hits + misses), or null before the first lookup. */
  hitRate: z.number().min(0).max(1).nullable(),
});

/** Everything the settings screen shows; `hasKey` says whether a key is stored, never what it is. */
export const embeddingSettingsSchema = z.object({
  config: embeddingConfigSchema,
  hasKey: z.boolean(),
  /** Where the key is kept, and why the store cannot be read (or null). */
  keyStore: z.object({ kind: z.enum(['keychain', 'safe_storage', 'memory']), problem: z.string().nullable() }),
  cache: embeddingCacheStatsSchema,
  breaker: embeddingBreakerSchema,
});
export type EmbeddingSettings = z.infer<typeof embeddingSettingsSchema>;

/** An API key as typed: one line, no spaces. */
export const apiKeySchema = z.string().trim().min(1, 'the key is empty').max(1000, 'the key is too long')
  .refine((key) => !/\s/.test(key), 'a key has no spaces or line breaks');

/** The "Test connection" answer: one line for a person, plus what the server said when it worked. */
export const embeddingTestResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  dimensions: z.number().int().positive().nullable(),
  latencyMs: z.number().int().nonnegative().nullable(),
});

/** A chat model's explanation of a match: always a suggestion; it never changes the match. */
export const matchExplanationSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('suggestion'),
    text: z.string(),
    /** Candidate ids, most likely first: 'proposal', then 'alternative-<index>'. */
    ranking: z.array(z.string()),
    model: z.string(),
    /** Answered from the explanation cache (no request was made). */
    cached: z.boolean(),
  }),
  z.object({ status: z.literal('disabled') }),
  z.object({ status: z.literal('unavailable'), code: z.string(), error: z.string() }),
]);
export type MatchExplanation = z.infer<typeof matchExplanationSchema>;
