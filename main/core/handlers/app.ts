import type { Handlers } from '../rpc/dispatch.js';
import type { CoreDeps } from '../core.js';
import { getSetting } from '../db/repos/settings-repo.js';
import { countUsers } from '../db/repos/users-repo.js';

/** Handlers of `app.*`: what the first screen needs before anyone logs in. */
export function appHandlers(deps: CoreDeps): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => {
      const firmName = getSetting<string>(deps.db, 'firm.name');
      return { version: deps.version, firmName: firmName ?? null, setupRequired: countUsers(deps.db) === 0 };
    },
  };
}
