import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { appHandlers } from './app.js';
import { authHandlers } from './auth.js';
import { usersHandlers } from './users.js';
import { companiesHandlers } from './companies.js';
import { accountsHandlers } from './accounts.js';
import { auditHandlers } from './audit.js';
import { importsHandlers } from './imports.js';
import { profilesHandlers } from './profiles.js';
import { queriesHandlers } from './queries.js';
import { tasksHandlers } from './tasks.js';
import { reconcileHandlers } from './reconcile.js';
import { learningHandlers } from './learning.js';
import { embeddingHandlers } from './embedding.js';

/** All contract handlers; the `Handlers` type makes a missing method a compile error. */
export function createHandlers(deps: CoreDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...authHandlers(deps),
    ...usersHandlers(deps),
    ...companiesHandlers(deps),
    ...accountsHandlers(deps),
    ...auditHandlers(deps),
    ...importsHandlers(deps),
    ...profilesHandlers(deps),
    ...queriesHandlers(deps),
    ...tasksHandlers(deps),
    ...reconcileHandlers(deps),
    ...learningHandlers(deps),
    ...embeddingHandlers(deps),
  };
}
