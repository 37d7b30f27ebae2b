import type { Company } from '../../../../main/core/contract/index.js';
import type { CompaniesSlice, SliceCreator, SliceDeps } from '../types.js';

export const COMPANY_KEY = 'cuadra.companyId';

/** The slice's data as it is before anything was loaded. */
export function initialCompanies(): Pick<CompaniesSlice, 'companies' | 'companiesLoaded' | 'currentCompanyId' | 'companiesErrors'> {
  return {
    companies: [],
    companiesLoaded: false,
    currentCompanyId: null,
    companiesErrors: { load: null, create: null, rename: null, archive: null },
  };
}

const byName = (a: Company, b: Company): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** Replaces one company in a list, keeping the list sorted by name. */
function upsert(list: Company[], company: Company): Company[] {
  return [...list.filter((c) => c.id !== company.id), company].sort(byName);
}

/** The remembered company if it is still active, else the first active one. */
function pickCurrent(list: Company[], wanted: number | null): number | null {
  const active = list.filter((c) => !c.archived);
  return active.find((c) => c.id === wanted)?.id ?? active[0]?.id ?? null;
}

/** Client companies: all of them (archived too, the screen filters), and the current one. */
export function createCompaniesSlice(deps: SliceDeps): SliceCreator<CompaniesSlice> {
  return (set, get) => {
    const setErrors = (patch: Partial<CompaniesSlice['companiesErrors']>): void =>
      set((state) => ({ companiesErrors: { ...state.companiesErrors, ...patch } }));

    /** Follows the current company when the list changes; reloads accounts if it moved. */
    const settleCurrent = (): void => {
      const { companies, currentCompanyId } = get();
      const next = pickCurrent(companies, currentCompanyId ?? readRemembered());
      if (next !== currentCompanyId) get().selectCompany(next);
    };
    const readRemembered = (): number | null => {
      const saved = Number(deps.storage.getItem(COMPANY_KEY));
      return Number.isInteger(saved) && saved > 0 ? saved : null;
    };

    return {
      ...initialCompanies(),

      loadCompanies: async () => {
        const result = await deps.call('companies.list', { includeArchived: true });
        if (!result.ok) {
          setErrors({ load: result.error });
          return;
        }
        set({ companies: [...result.value].sort(byName), companiesLoaded: true });
        setErrors({ load: null });
        settleCurrent();
      },

      createCompany: async (input) => {
        setErrors({ create: null });
        const result = await deps.call('companies.create', input);
        if (!result.ok) {
          setErrors({ create: result.error });
          return false;
        }
        const company = result.value;
        set((state) => ({ companies: upsert(state.companies, company) }));
        if (get().currentCompanyId === null) get().selectCompany(company.id);
        get().pushToast({ tone: 'info', message: { key: 'toast.companyCreated', params: { name: company.name } } });
        return true;
      },

      renameCompany: async (id, name) => {
        setErrors({ rename: null });
        const result = await deps.call('companies.rename', { id, name });
        if (!result.ok) {
          setErrors({ rename: { id, error: result.error } });
          return false;
        }
        set((state) => ({ companies: upsert(state.companies, result.value) }));
        return true;
      },

      setCompanyArchived: async (id, archived) => {
        const before = get().companies.find((c) => c.id === id);
        if (!before) return false;
        setErrors({ archive: null });
        // Optimistic: the row moves at once; a refusal puts it back and says why.
        set((state) => ({ companies: upsert(state.companies, { ...before, archived }) }));
        settleCurrent();
        const result = await deps.call('companies.archive', { id, archived });
        if (!result.ok) {
          set((state) => ({ companies: upsert(state.companies, before) }));
          setErrors({ archive: result.error });
          get().pushToast({ tone: 'error', error: result.error });
          settleCurrent();
          return false;
        }
        set((state) => ({ companies: upsert(state.companies, result.value) }));
        get().pushToast({
          tone: 'info',
          message: { key: archived ? 'toast.companyArchived' : 'toast.companyRestored', params: { name: before.name } },
          undo: () => get().setCompanyArchived(id, !archived),
        });
        return true;
      },

      selectCompany: (id) => {
        if (id === null) deps.storage.removeItem(COMPANY_KEY);
        else deps.storage.setItem(COMPANY_KEY, String(id));
        set({ currentCompanyId: id });
        void get().loadAccounts();
      },
    };
  };
}
