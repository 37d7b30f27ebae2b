import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { actorOf } from '../audit/audit-log.js';
import { createUser, unlockUser } from '../auth/users.js';
import { listUsers, toUser } from '../db/repos/users-repo.js';

/** Handlers of `users.*` (administrators only, as the contract says). */
export function usersHandlers(deps: CoreDeps): Pick<Handlers, 'users.list' | 'users.create' | 'users.unlock'> {
  return {
    'users.list': () => {
      const now = deps.clock();
      return listUsers(deps.db).map((row) => toUser(row, now));
    },
    'users.create': (input, ctx) => createUser(deps, actorOf(ctx.session!), input),
    'users.unlock': (input, ctx) => unlockUser(deps, actorOf(ctx.session!), input.id),
  };
}
