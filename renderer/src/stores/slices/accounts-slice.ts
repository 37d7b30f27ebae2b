import type { BankAccount } from '../../../../main/core/contract/index.js';
import type { AccountsSlice, SliceCreator, SliceDeps } from '../types.js';

/** The slice's data as it is before anything was loaded. */
export function initialAccounts(): Pick<AccountsSlice, 'accounts' | 'accountsCompanyId' | 'accountsLoading' | 'accountsErrors'> {
  return {
    accounts: [],
    accountsCompanyId: null,
    accountsLoading: false,
    accountsErrors: { load: null, create: null, rename: null, archive: null },
  };
}

const byName = (a: BankAccount, b: BankAccount): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

function upsert(list: BankAccount[], account: BankAccount): BankAccount[] {
  return [...list.filter((a) => a.id !== account.id), account].sort(byName);
}

/** Bank accounts of the current company (archived too; the screen filters). */
export function createAccountsSlice(deps: SliceDeps): SliceCreator<AccountsSlice> {
  return (set, get) => {
    const setErrors = (patch: Partial<AccountsSlice['accountsErrors']>): void =>
      set((state) => ({ accountsErrors: { ...state.accountsErrors, ...patch } }));
    // One load per company at a time: switching companies quickly must not show a stale list.
    let inFlight: { companyId: number; promise: Promise<void> } | null = null;

    const load = async (companyId: number): Promise<void> => {
      const result = await deps.call('accounts.list', { companyId, includeArchived: true });
      if (get().currentCompanyId !== companyId) return;
      if (!result.ok) {
        set({ accountsLoading: false });
        setErrors({ load: result.error });
        return;
      }
      set({ accounts: [...result.value].sort(byName), accountsCompanyId: companyId, accountsLoading: false });
      setErrors({ load: null });
    };

    /** True while the given company is still the one on screen (answers may arrive after a switch). */
    const stillCurrent = (companyId: number): boolean => get().currentCompanyId === companyId;

    return {
      ...initialAccounts(),

      loadAccounts: async () => {
        const companyId = get().currentCompanyId;
        if (companyId === null) {
          set({ ...initialAccounts() });
          return;
        }
        if (inFlight?.companyId === companyId) return inFlight.promise;
        if (get().accountsCompanyId !== companyId) set({ accounts: [], accountsCompanyId: null });
        set({ accountsLoading: true });
        const promise = load(companyId).finally(() => {
          if (inFlight?.promise === promise) inFlight = null;
        });
        inFlight = { companyId, promise };
        return promise;
      },

      createAccount: async (input) => {
        const companyId = get().currentCompanyId;
        if (companyId === null) return false;
        setErrors({ create: null });
        const result = await deps.call('accounts.create', { ...input, companyId });
        if (!result.ok) {
          setErrors({ create: result.error });
          return false;
        }
        if (stillCurrent(companyId)) set((state) => ({ accounts: upsert(state.accounts, result.value) }));
        get().pushToast({ tone: 'info', message: { key: 'toast.accountCreated', params: { name: result.value.name } } });
        return true;
      },

      renameAccount: async (id, name) => {
        setErrors({ rename: null });
        const result = await deps.call('accounts.rename', { id, name });
        if (!result.ok) {
          setErrors({ rename: { id, error: result.error } });
          return false;
        }
        if (stillCurrent(result.value.companyId)) set((state) => ({ accounts: upsert(state.accounts, result.value) }));
        return true;
      },

      setAccountArchived: async (id, archived) => {
        const before = get().accounts.find((a) => a.id === id);
        if (!before) return false;
        setErrors({ archive: null });
        set((state) => ({ accounts: upsert(state.accounts, { ...before, archived }) }));
        const result = await deps.call('accounts.archive', { id, archived });
        const current = stillCurrent(before.companyId);
        if (!result.ok) {
          if (current) set((state) => ({ accounts: upsert(state.accounts, before) }));
          setErrors({ archive: result.error });
          get().pushToast({ tone: 'error', error: result.error });
          return false;
        }
        if (current) set((state) => ({ accounts: upsert(state.accounts, result.value) }));
        get().pushToast({
          tone: 'info',
          message: { key: archived ? 'toast.accountArchived' : 'toast.accountRestored', params: { name: before.name } },
          // Undo works on the account's own company even after switching; the list follows only if it is shown.
          undo: async () => {
            const undone = await deps.call('accounts.archive', { id, archived: !archived });
            if (undone.ok && stillCurrent(before.companyId)) set((state) => ({ accounts: upsert(state.accounts, undone.value) }));
            if (!undone.ok) {
              get().pushToast({ tone: 'error', error: undone.error });
              return;
            }
            const key = archived ? 'toast.accountRestored' : 'toast.accountArchived';
            get().pushToast({ tone: 'info', message: { key, params: { name: before.name } } });
          },
        });
        return true;
      },
    };
  };
}
