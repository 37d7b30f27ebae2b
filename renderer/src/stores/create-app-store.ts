import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../preload/bridge.js';
import { createAccountsSlice } from './slices/accounts-slice.js';
import { createAuditSlice } from './slices/audit-slice.js';
import { createCompaniesSlice } from './slices/companies-slice.js';
import { createEmbeddingSlice } from './slices/embedding-slice.js';
import { createImportsSlice } from './slices/imports-slice.js';
import { createLinesSlice } from './slices/lines-slice.js';
import { createManualMatchSlice } from './slices/manual-match-slice.js';
import { createMatchingSettingsSlice } from './slices/matching-settings-slice.js';
import { createOverviewSlice } from './slices/overview-slice.js';
import { createReconcileSlice } from './slices/reconcile-slice.js';
import { createReportsSlice } from './slices/reports-slice.js';
import { createReviewSlice } from './slices/review-slice.js';
import { createRulesSlice } from './slices/rules-slice.js';
import { createSessionSlice } from './slices/session-slice.js';
import { createUiSlice } from './slices/ui-slice.js';
import { createUsersSlice } from './slices/users-slice.js';
import type { AppState, Call, KeyValueStorage, SliceDeps } from './types.js';

export interface AppStoreOptions {
  api: Api;
  /** Where preferences are remembered; localStorage by default. */
  storage?: KeyValueStorage;
  /** The system's languages, most preferred first; navigator.languages by default. */
  preferredLanguages?: readonly string[];
}

/** The store plus a way to stop listening to core events (tests, hot reload). */
export type AppStore = StoreApi<AppState> & { dispose(): void };

function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

function defaultStorage(): KeyValueStorage {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // Storage can be blocked (privacy settings): preferences then last for this window only.
  }
  return memoryStorage();
}

/** Methods whose failure with `unauthenticated` is an answer about credentials, not a lost session. */
const credentialMethods = new Set(['auth.login', 'auth.setup', 'auth.session', 'app.info']);

/** Builds the app's single store from its slices over an api (the real one, or a stub in tests). */
export function createAppStore({ api, storage, preferredLanguages }: AppStoreOptions): AppStore {
  let store: StoreApi<AppState> | null = null;

  const call: Call = async (method, input) => {
    let envelope;
    try {
      envelope = await api.invoke(method, input);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      envelope = { ok: false as const, error: { code: 'internal' as const, message, details: { transport: true } } };
    }
    if (!envelope.ok && store) {
      const code = envelope.error.code;
      if (code === 'session_expired' || (code === 'unauthenticated' && !credentialMethods.has(method))) {
        store.getState().expireSession();
      }
    }
    return envelope;
  };

  const deps: SliceDeps = {
    api,
    call,
    storage: storage ?? defaultStorage(),
    preferredLanguages: preferredLanguages ?? (typeof navigator !== 'undefined' ? navigator.languages : []),
  };

  store = createStore<AppState>()((...args) => ({
    ...createSessionSlice(deps)(...args),
    ...createCompaniesSlice(deps)(...args),
    ...createAccountsSlice(deps)(...args),
    ...createUsersSlice(deps)(...args),
    ...createAuditSlice(deps)(...args),
    ...createUiSlice(deps)(...args),
    ...createImportsSlice(deps)(...args),
    ...createLinesSlice(deps)(...args),
    ...createReportsSlice(deps)(...args),
    ...createOverviewSlice(deps)(...args),
    ...createRulesSlice(deps)(...args),
    ...createMatchingSettingsSlice(deps)(...args),
    ...createReviewSlice(deps)(...args),
    ...createReconcileSlice(deps)(...args),
    ...createManualMatchSlice(deps)(...args),
    ...createEmbeddingSlice(deps)(...args),
  }));
  const appStore = store;

  // Another window or the command line changed something: refetch what this window shows.
  const stop = api.on('data.changed', ({ entity, companyId }) => {
    const state = appStore.getState();
    if (state.phase !== 'ready') return;
    const concernsCurrent = companyId === null || companyId === state.currentCompanyId;
    switch (entity) {
      case 'companies':
        void state.loadCompanies();
        break;
      case 'accounts':
        if (concernsCurrent) void state.loadAccounts();
        break;
      case 'users':
        if (state.user?.role === 'admin') void state.loadUsers();
        break;
      case 'audit':
        if (state.auditCompanyId !== undefined && (state.auditCompanyId === null || concernsCurrent)) void state.loadAudit();
        break;
      case 'imports':
      case 'matches':
        // The account view shows lines and their status: fetch what it shows again.
        if (concernsCurrent) state.reloadLines();
        // The review queue: counts and the rows on screen (new lines change the unmatched count too).
        if (concernsCurrent && state.reviewCompanyId === state.currentCompanyId) state.refreshReview();
        // The report kept for the Reports screen, and the dashboard when it is on screen (it fetches again when opened).
        if (concernsCurrent && state.report && state.accounts.some((a) => a.id === state.reportAccountId)) void state.loadReport();
        if (concernsCurrent && state.screen === 'accounts' && state.overviewCompanyId === state.currentCompanyId) void state.loadOverview();
        break;
    }
  });
  // Progress of long work (imports); every window hears it, the Inbox keeps the tasks it started.
  const stopProgress = api.on('task.progress', (progress) => {
    appStore.getState().onTaskProgress(progress);
    appStore.getState().onReconcileProgress(progress);
  });

  return Object.assign(appStore, {
    dispose: () => {
      stop();
      stopProgress();
    },
  });
}
