import type { AuditSlice, SliceCreator, SliceDeps } from '../types.js';

const PAGE = 100;

/** The slice's data as it is before anything was loaded. */
export function initialAudit(): Pick<AuditSlice, 'auditEntries' | 'auditCompanyId' | 'auditLoading' | 'auditHasMore' | 'auditError'> {
  return { auditEntries: [], auditCompanyId: undefined, auditLoading: false, auditHasMore: false, auditError: null };
}

/** Audit entries of the current company (the whole firm when none is chosen), newest first, by pages. */
export function createAuditSlice(deps: SliceDeps): SliceCreator<AuditSlice> {
  return (set, get) => ({
    ...initialAudit(),

    loadAudit: async (options) => {
      const companyId = get().currentCompanyId;
      const more = options?.more === true && get().auditCompanyId === companyId;
      const last = more ? get().auditEntries.at(-1) : undefined;
      set({ auditLoading: true, auditError: null });
      const result = await deps.call('audit.list', { companyId, beforeId: last?.id ?? null, limit: PAGE });
      if (get().currentCompanyId !== companyId) return;
      if (!result.ok) {
        set({ auditLoading: false, auditError: result.error });
        return;
      }
      set((state) => ({
        auditEntries: more ? [...state.auditEntries, ...result.value] : result.value,
        auditCompanyId: companyId,
        auditLoading: false,
        auditHasMore: result.value.length === PAGE,
      }));
    },
  });
}
