import type { AppState, SessionSlice, SliceCreator, SliceDeps } from '../types.js';
import { initialAccounts } from './accounts-slice.js';
import { initialAudit } from './audit-slice.js';
import { initialCompanies } from './companies-slice.js';
import { initialImports } from './imports-slice.js';
import { initialLines } from './lines-slice.js';
import { initialManualMatch } from './manual-match-slice.js';
import { initialMatchingSettings } from './matching-settings-slice.js';
import { initialOverview } from './overview-slice.js';
import { initialReports } from './reports-slice.js';
import { initialReview } from './review-slice.js';
import { initialRules } from './rules-slice.js';
import { initialUsers } from './users-slice.js';
import { initialEmbedding } from './embedding-slice.js';

/** Everything that belongs to the logged-in user, cleared on logout and when the session expires. */
function userDataReset(): Partial<AppState> {
  return {
    user: null,
    expiresAt: null,
    ...initialCompanies(),
    ...initialAccounts(),
    ...initialUsers(),
    ...initialAudit(),
    ...initialImports(),
    ...initialLines(),
    ...initialReports(),
    ...initialOverview(),
    ...initialRules(),
    ...initialMatchingSettings(),
    ...initialReview(),
    ...initialManualMatch(),
    ...initialEmbedding(),
    reconcileTask: null,
    toasts: [],
    shortcutsOpen: false,
  };
}

/** App info, first-run setup, login and logout, and what happens when the session expires. */
export function createSessionSlice(deps: SliceDeps): SliceCreator<SessionSlice> {
  return (set, get) => {
    /** After login: show the frame at once, then fill it. */
    const enter = async (): Promise<void> => {
      set({ phase: 'ready', sessionNotice: null, loginError: null, setupError: null });
      await get().loadCompanies();
      const work: Promise<void>[] = [get().loadAccounts()];
      if (get().user?.role === 'admin') work.push(get().loadUsers());
      await Promise.all(work);
      if (get().companies.every((company) => company.archived)) get().navigate('companies');
    };

    return {
      phase: 'starting',
      appInfo: null,
      user: null,
      expiresAt: null,
      sessionNotice: null,
      startError: null,
      setupError: null,
      loginError: null,
      authPending: false,

      start: async () => {
        set({ phase: 'starting', startError: null });
        const info = await deps.call('app.info', {});
        if (!info.ok) {
          set({ phase: 'unreachable', startError: info.error });
          return;
        }
        set({ appInfo: info.value });
        if (info.value.setupRequired) {
          set({ phase: 'setup' });
          return;
        }
        const session = await deps.call('auth.session', {});
        if (session.ok && session.value.user) {
          set({ user: session.value.user, expiresAt: session.value.expiresAt });
          await enter();
        } else {
          set({ phase: 'login' });
        }
      },

      setup: async (input) => {
        set({ authPending: true, setupError: null });
        const result = await deps.call('auth.setup', input);
        if (!result.ok) {
          // Someone finished setup meanwhile (another window): go to login instead.
          set({ authPending: false, setupError: result.error, ...(result.error.code === 'already_set_up' ? { phase: 'login' as const } : {}) });
          return false;
        }
        set((state) => ({
          authPending: false,
          user: result.value.user,
          expiresAt: result.value.expiresAt,
          appInfo: state.appInfo ? { ...state.appInfo, firmName: input.firmName.trim(), setupRequired: false } : state.appInfo,
        }));
        get().navigate('companies');
        await enter();
        return true;
      },

      login: async (input) => {
        set({ authPending: true, loginError: null });
        const result = await deps.call('auth.login', input);
        if (!result.ok) {
          set({ authPending: false, loginError: result.error });
          return false;
        }
        set({ authPending: false, user: result.value.user, expiresAt: result.value.expiresAt });
        await enter();
        return true;
      },

      logout: async () => {
        // Leave even if the core cannot be reached: the window must not stay logged in on screen.
        await deps.call('auth.logout', {});
        set({ ...userDataReset(), phase: 'login', sessionNotice: 'logged_out', loginError: null });
      },

      expireSession: () => {
        if (get().phase !== 'ready') return;
        set({ ...userDataReset(), phase: 'login', sessionNotice: 'expired', loginError: null });
      },
    };
  };
}
