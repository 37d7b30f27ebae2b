import type { MatchingSettingsSlice } from '../reconcile-types.js';
import type { SliceCreator, SliceDeps } from '../types.js';
import { companyCurrency, companyDigits, parseMatchingDraft } from './matching-draft.js';

/** The slice's data as it is before anything was loaded. */
export function initialMatchingSettings(): Pick<
  MatchingSettingsSlice,
  'matchingSettings' | 'matchingSettingsCompanyId' | 'matchingSettingsErrors' | 'matchingSaving'
> {
  return { matchingSettings: null, matchingSettingsCompanyId: null, matchingSettingsErrors: { load: null, save: null }, matchingSaving: false };
}

/** The current company's matching settings: threshold, tolerances and date window (admins change them). */
export function createMatchingSettingsSlice(deps: SliceDeps): SliceCreator<MatchingSettingsSlice> {
  return (set, get) => {
    const setErrors = (patch: Partial<MatchingSettingsSlice['matchingSettingsErrors']>): void =>
      set((state) => ({ matchingSettingsErrors: { ...state.matchingSettingsErrors, ...patch } }));

    return {
      ...initialMatchingSettings(),

      loadMatchingSettings: async () => {
        const companyId = get().currentCompanyId;
        if (companyId === null) {
          set({ ...initialMatchingSettings() });
          return;
        }
        if (get().matchingSettingsCompanyId !== companyId) set({ matchingSettings: null, matchingSettingsCompanyId: null });
        const result = await deps.call('matchingSettings.get', { companyId });
        if (get().currentCompanyId !== companyId) return;
        if (!result.ok) {
          setErrors({ load: result.error });
          return;
        }
        set({ matchingSettings: result.value, matchingSettingsCompanyId: companyId });
        setErrors({ load: null });
      },

      saveMatchingSettings: async (draft) => {
        const companyId = get().currentCompanyId;
        if (companyId === null || get().matchingSaving) return { saved: false, errors: {} };
        const state = get();
        const digits = companyDigits(companyCurrency(state.accounts.filter((a) => a.companyId === companyId)));
        const parsed = parseMatchingDraft(draft, digits, state.locale);
        if (parsed.errors) return { saved: false, errors: parsed.errors };
        set({ matchingSaving: true });
        setErrors({ save: null });
        const result = await deps.call('matchingSettings.set', { companyId, ...parsed.value });
        set({ matchingSaving: false });
        if (!result.ok) {
          setErrors({ save: result.error });
          return { saved: false, errors: {} };
        }
        if (get().currentCompanyId === companyId) set({ matchingSettings: result.value, matchingSettingsCompanyId: companyId });
        get().pushToast({ tone: 'info', message: { key: 'toast.matchingSaved' } });
        return { saved: true, errors: {} };
      },
    };
  };
}
