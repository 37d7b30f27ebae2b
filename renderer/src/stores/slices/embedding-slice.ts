import type { EmbeddingSlice } from '../embedding-types.js';
import type { SliceCreator, SliceDeps } from '../types.js';
import { parseEmbeddingDraft } from './embedding-draft.js';

/** The slice's data before anything was loaded. */
export function initialEmbedding(): Pick<EmbeddingSlice, 'embeddingSettings' | 'embeddingErrors' | 'embeddingSaving' | 'embeddingKeyPending' | 'embeddingTest' | 'matchExplanations'> {
  return {
    embeddingSettings: null,
    embeddingErrors: { load: null, save: null, key: null, cache: null, test: null },
    embeddingSaving: false,
    embeddingKeyPending: false,
    embeddingTest: { running: false, result: null },
    matchExplanations: {},
  };
}

/** The firm's embedding provider, its key (stored or not; never its value), cache and breaker. */
export function createEmbeddingSlice(deps: SliceDeps): SliceCreator<EmbeddingSlice> {
  return (set, get) => {
    const setErrors = (patch: Partial<EmbeddingSlice['embeddingErrors']>): void => set((state) => ({ embeddingErrors: { ...state.embeddingErrors, ...patch } }));

    /** Reads the settings again (key state, counters, breaker) after a change. */
    const refresh = async (): Promise<void> => {
      const result = await deps.call('embedding.settings', {});
      if (result.ok) set({ embeddingSettings: result.value });
    };

    return {
      ...initialEmbedding(),

      loadEmbeddingSettings: async () => {
        const result = await deps.call('embedding.settings', {});
        if (!result.ok) {
          setErrors({ load: result.error });
          return;
        }
        set({ embeddingSettings: result.value });
        setErrors({ load: null });
      },

      saveEmbeddingSettings: async (draft) => {
        if (get().embeddingSaving) return { saved: false, errors: {} };
        const parsed = parseEmbeddingDraft(draft, get().locale);
        if (parsed.errors) return { saved: false, errors: parsed.errors };
        set({ embeddingSaving: true });
        setErrors({ save: null });
        const result = await deps.call('embedding.configure', parsed.value);
        set({ embeddingSaving: false });
        if (!result.ok) {
          setErrors({ save: result.error });
          return { saved: false, errors: {} };
        }
        // A new server makes the last test's answer stale.
        set({ embeddingSettings: result.value, embeddingTest: { running: false, result: null } });
        get().pushToast({ tone: 'info', message: { key: 'embedding.toast.saved' } });
        return { saved: true, errors: {} };
      },

      setEmbeddingKey: async (apiKey) => {
        if (get().embeddingKeyPending) return false;
        set({ embeddingKeyPending: true });
        setErrors({ key: null });
        const result = await deps.call('embedding.setKey', { apiKey });
        set({ embeddingKeyPending: false });
        if (!result.ok) {
          setErrors({ key: result.error });
          return false;
        }
        await refresh();
        get().pushToast({ tone: 'info', message: { key: 'embedding.toast.keyStored' } });
        return true;
      },

      clearEmbeddingKey: async () => {
        if (get().embeddingKeyPending) return false;
        set({ embeddingKeyPending: true });
        setErrors({ key: null });
        const result = await deps.call('embedding.clearKey', {});
        set({ embeddingKeyPending: false });
        if (!result.ok) {
          setErrors({ key: result.error });
          return false;
        }
        await refresh();
        get().pushToast({ tone: 'info', message: { key: 'embedding.toast.keyRemoved' } });
        return true;
      },

      testEmbeddingConnection: async () => {
        if (get().embeddingTest.running) return;
        set({ embeddingTest: { running: true, result: null } });
        setErrors({ test: null });
        const result = await deps.call('embedding.testConnection', {});
        if (!result.ok) {
          set({ embeddingTest: { running: false, result: null } });
          setErrors({ test: result.error });
          return;
        }
        set({ embeddingTest: { running: false, result: result.value } });
        // A good answer closes the breaker: show it.
        await refresh();
      },

      clearEmbeddingCache: async () => {
        setErrors({ cache: null });
        const result = await deps.call('embedding.clearCache', {});
        if (!result.ok) {
          setErrors({ cache: result.error });
          return;
        }
        await refresh();
        get().pushToast({ tone: 'info', message: { key: 'embedding.toast.cacheCleared', params: { count: result.value.removed } } });
      },

      explainMatch: async (id) => {
        if (get().matchExplanations[id]?.pending) return;
        const put = (entry: EmbeddingSlice['matchExplanations'][number]): void => set((state) => ({ matchExplanations: { ...state.matchExplanations, [id]: entry } }));
        put({ pending: true, result: null, error: null });
        const result = await deps.call('matches.explain', { id });
        put(result.ok ? { pending: false, result: result.value, error: null } : { pending: false, result: null, error: result.error });
      },
    };
  };
}
