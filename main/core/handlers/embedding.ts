import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { CoreError, type EmbeddingSettings } from '../contract/index.js';
import { actorOf, appendAudit, type AuditActor } from '../audit/audit-log.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { API_KEY_ACCOUNT, changedFields, writeEmbeddingConfig } from '../embed/embedding-config.js';
import { SecretStoreError } from '../secrets/index.js';
import { explainMatch } from '../reconcile/explain-match.js';

type Methods =
  | 'embedding.settings' | 'embedding.configure' | 'embedding.setKey' | 'embedding.clearKey' | 'embedding.testConnection'
  | 'embedding.clearCache' | 'embedding.pruneCache' | 'matches.explain';

/** A secret store's refusal as a contract error (its message names the problem, never the secret). */
function storeFailure(error: unknown): never {
  if (error instanceof SecretStoreError) throw new CoreError(error.code === 'invalid_input' ? 'invalid_input' : 'conflict', `The key could not be stored: ${error.message}`);
  throw error;
}

/** Handlers of the firm's embedding settings, its API key, the cache and explanations of matches. */
export function embeddingHandlers(deps: CoreDeps): Pick<Handlers, Methods> {
  const { db, clock, embedding } = deps;
  const audit = (actor: AuditActor, action: string, details: Record<string, unknown>): void =>
    void appendAudit(db, clock, { actor, companyId: null, action, entity: 'settings', entityId: 'embedding', details });

  async function settings(): Promise<EmbeddingSettings> {
    const key = await embedding.keyState();
    const stats = embedding.cache().stats();
    const looked = stats.hits + stats.misses;
    return {
      config: embedding.config(),
      hasKey: key.hasKey,
      keyStore: { kind: key.kind, problem: key.problem },
      cache: { entries: stats.entries, hits: stats.hits, misses: stats.misses, hitRate: looked === 0 ? null : stats.hits / looked },
      breaker: embedding.status(),
    };
  }

  return {
    'embedding.settings': () => settings(),
    'embedding.configure': (input, ctx) => {
      writeTransaction(db, () => {
        const before = embedding.config();
        writeEmbeddingConfig(db, input);
        const changed = changedFields(before, input);
        // Settings only: the key is never part of them.
        if (changed.length > 0) audit(actorOf(ctx.session!), 'embedding.configure', { changed, provider: input.provider, baseURL: input.baseURL, model: input.model, dimensions: input.dimensions, explanations: input.explanations.enabled });
      });
      return settings();
    },
    'embedding.setKey': async (input, ctx) => {
      const { store } = await embedding.secretStore();
      await store.set(API_KEY_ACCOUNT, input.apiKey).catch(storeFailure);
      audit(actorOf(ctx.session!), 'embedding.key_set', { store: store.kind });
      return { hasKey: true };
    },
    'embedding.clearKey': async (_input, ctx) => {
      const { store } = await embedding.secretStore();
      const removed = await store.delete(API_KEY_ACCOUNT).catch(storeFailure);
      if (removed) audit(actorOf(ctx.session!), 'embedding.key_cleared', { store: store.kind });
      return { hasKey: false };
    },
    'embedding.testConnection': () => embedding.testConnection(),
    'embedding.clearCache': (_input, ctx) => {
      return writeTransaction(db, () => {
        const removed = embedding.cache().clear();
        audit(actorOf(ctx.session!), 'embedding.cache_cleared', { removed });
        return { removed };
      });
    },
    'embedding.pruneCache': (_input, ctx) => {
      return writeTransaction(db, () => {
        const result = embedding.cache().prune();
        audit(actorOf(ctx.session!), 'embedding.cache_pruned', { ...result });
        return result;
      });
    },
    'matches.explain': (input) => explainMatch(db, embedding.explainer(), input.id),
  };
}
