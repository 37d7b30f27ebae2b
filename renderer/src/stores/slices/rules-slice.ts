import type { LearnedAlias, RulesSlice } from '../reconcile-types.js';
import type { SliceCreator, SliceDeps } from '../types.js';

/** The slice's data as it is before anything was loaded. */
export function initialRules(): Pick<RulesSlice, 'aliases' | 'rejectedPairs' | 'learningCompanyId' | 'learningLoading' | 'learningErrors'> {
  return { aliases: [], rejectedPairs: [], learningCompanyId: null, learningLoading: false, learningErrors: { load: null, add: null } };
}

const withAlias = (list: readonly LearnedAlias[], alias: LearnedAlias): LearnedAlias[] => [alias, ...list.filter((a) => a.id !== alias.id)];

/** What the engine learned for the current company (aliases, rules, rejected pairs) and the person's own rules. */
export function createRulesSlice(deps: SliceDeps): SliceCreator<RulesSlice> {
  return (set, get) => {
    const setErrors = (patch: Partial<RulesSlice['learningErrors']>): void =>
      set((state) => ({ learningErrors: { ...state.learningErrors, ...patch } }));
    const stillCurrent = (companyId: number): boolean => get().currentCompanyId === companyId;

    /** Saves a rule for a company; the list follows only while that company is on screen. */
    const add = async (companyId: number, input: Parameters<RulesSlice['addRule']>[0]) => {
      const result = await deps.call('learning.addRule', { companyId, ...input });
      if (result.ok && stillCurrent(companyId)) set((state) => ({ aliases: withAlias(state.aliases, result.value) }));
      return result;
    };

    return {
      ...initialRules(),

      loadLearning: async () => {
        const companyId = get().currentCompanyId;
        if (companyId === null) {
          set({ ...initialRules() });
          return;
        }
        if (get().learningCompanyId !== companyId) set({ aliases: [], rejectedPairs: [], learningCompanyId: null });
        set({ learningLoading: true });
        const result = await deps.call('learning.list', { companyId });
        if (!stillCurrent(companyId)) return;
        if (!result.ok) {
          set({ learningLoading: false });
          setErrors({ load: result.error });
          return;
        }
        set({ aliases: result.value.aliases, rejectedPairs: result.value.rejectedPairs, learningCompanyId: companyId, learningLoading: false });
        setErrors({ load: null });
      },

      addRule: async (input) => {
        const companyId = get().currentCompanyId;
        if (companyId === null) return false;
        setErrors({ add: null });
        const result = await add(companyId, input);
        if (!result.ok) {
          setErrors({ add: result.error });
          return false;
        }
        get().pushToast({ tone: 'info', message: { key: 'toast.ruleAdded', params: { text: result.value.bankText } } });
        return true;
      },

      deleteAlias: async (id) => {
        const companyId = get().currentCompanyId;
        const before = get().aliases.find((a) => a.id === id);
        if (!before || companyId === null) return false;
        const index = get().aliases.indexOf(before);
        set((state) => ({ aliases: state.aliases.filter((a) => a.id !== id) }));
        const result = await deps.call('learning.deleteAlias', { id });
        if (!result.ok) {
          if (stillCurrent(companyId)) {
            set((state) => ({ aliases: [...state.aliases.slice(0, index), before, ...state.aliases.slice(index)] }));
          }
          get().pushToast({ tone: 'error', error: result.error });
          return false;
        }
        get().pushToast({
          tone: 'info',
          message: { key: 'toast.ruleDeleted', params: { text: before.bankText } },
          // The alias comes back as a rule with the same text and counterparty (its use count starts again).
          undo: async () => {
            const again = await add(companyId, { bankText: before.bankText, counterpartyName: before.counterpartyName, taxId: before.taxId });
            if (!again.ok) get().pushToast({ tone: 'error', error: again.error });
          },
        });
        return true;
      },

      deleteRejected: async (id) => {
        const companyId = get().currentCompanyId;
        if (companyId === null) return false;
        const result = await deps.call('learning.deleteRejected', { id });
        if (!result.ok) {
          get().pushToast({ tone: 'error', error: result.error });
          return false;
        }
        if (stillCurrent(companyId)) set((state) => ({ rejectedPairs: state.rejectedPairs.filter((p) => p.id !== id) }));
        get().pushToast({ tone: 'info', message: { key: 'toast.rejectedDeleted' } });
        return true;
      },
    };
  };
}
