/**
 * The firm's embedding settings as stored in the `settings` table ('embedding.config'), with
 * their defaults: the local, offline embedder, explanations off. The API key is never part of
 * them: it lives in the SecretStore under `API_KEY_ACCOUNT`.
 */
import type { Database } from 'better-sqlite3';
import { embeddingConfigSchema, type EmbeddingConfig } from '../contract/index.js';
import { getSetting, setSetting } from '../db/repos/settings-repo.js';

/** The settings row that holds the firm's embedding configuration. */
export const EMBEDDING_CONFIG_KEY = 'embedding.config';
/** The SecretStore account of the OpenAI-compatible server's key (embeddings and explanations share it). */
export const API_KEY_ACCOUNT = 'openai-api-key';

/** What a firm starts with: local embeddings, a cache of 180 days and 500,000 vectors, explanations off. */
export const DEFAULT_EMBEDDING_CONFIG: EmbeddingConfig = {
  provider: 'local',
  baseURL: null,
  model: null,
  dimensions: 768,
  batchSize: 256,
  timeoutSeconds: 30,
  cache: { expiryDays: 180, maxEntries: 500_000 },
  explanations: { enabled: false, chatModel: null },
};

/** The stored configuration, or the defaults (also when the stored row is unreadable, which is logged by the caller). */
export function readEmbeddingConfig(db: Database): { config: EmbeddingConfig; damaged: boolean } {
  const stored = getSetting<unknown>(db, EMBEDDING_CONFIG_KEY);
  if (stored === undefined) return { config: DEFAULT_EMBEDDING_CONFIG, damaged: false };
  const parsed = embeddingConfigSchema.safeParse(stored);
  return parsed.success ? { config: parsed.data, damaged: false } : { config: DEFAULT_EMBEDDING_CONFIG, damaged: true };
}

/** Stores the configuration (already validated by the contract). */
export function writeEmbeddingConfig(db: Database, config: EmbeddingConfig): void {
  setSetting(db, EMBEDDING_CONFIG_KEY, config);
}

/** The fields of two configurations that differ, by name (for the audit log: values of settings, never a key). */
export function changedFields(before: EmbeddingConfig, after: EmbeddingConfig): string[] {
  const flat = (c: EmbeddingConfig): Record<string, unknown> => ({
    provider: c.provider, baseURL: c.baseURL, model: c.model, dimensions: c.dimensions, batchSize: c.batchSize, timeoutSeconds: c.timeoutSeconds,
    'cache.expiryDays': c.cache.expiryDays, 'cache.maxEntries': c.cache.maxEntries,
    'explanations.enabled': c.explanations.enabled, 'explanations.chatModel': c.explanations.chatModel,
  });
  const a = flat(before);
  const b = flat(after);
  return Object.keys(b).filter((key) => a[key] !== b[key]);
}
