import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { login, logout } from '../auth/login.js';
import { setupFirm } from '../auth/users.js';
import { findUserById, toUser } from '../db/repos/users-repo.js';

/** Handlers of `auth.*`: first-run setup, login, logout and the current session. */
export function authHandlers(deps: CoreDeps): Pick<Handlers, 'auth.setup' | 'auth.login' | 'auth.logout' | 'auth.session'> {
  return {
    'auth.setup': async (input, ctx) => {
      const result = await setupFirm(deps, input);
      ctx.setSessionToken(result.token);
      return { user: result.user, expiresAt: result.expiresAt };
    },
    'auth.login': async (input, ctx) => {
      const result = await login(deps, input.username, input.password);
      // A window that logs in again (as anyone) gives up the session it had.
      if (ctx.session) logout(deps, ctx.session);
      ctx.setSessionToken(result.token);
      return { user: result.user, expiresAt: result.expiresAt };
    },
    'auth.logout': (_input, ctx) => {
      if (ctx.session) logout(deps, ctx.session);
      ctx.setSessionToken(null);
      return {};
    },
    'auth.session': (_input, ctx) => {
      const row = ctx.session?.userId != null ? findUserById(deps.db, ctx.session.userId) : undefined;
      if (!ctx.session || !row) return { user: null, expiresAt: null };
      return { user: toUser(row, deps.clock()), expiresAt: ctx.session.expiresAt };
    },
  };
}
