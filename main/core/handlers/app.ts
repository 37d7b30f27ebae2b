import type { Handlers } from '../rpc/dispatch.js';
import type { CoreDeps } from '../core.js';
import { getSetting } from '../db/repos/settings-repo.js';

/** Handlers of `app.*`: what the first screen needs before anyone logs in. */
export function appHandlers(deps: CoreDeps): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => {
      const firmName = getSetting<string>(deps.db, 'firm.name');
      const users = deps.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
      return { version: deps.version, firmName: firmName ?? null, setupRequired: users.n === 0 };
    },
  };
}
