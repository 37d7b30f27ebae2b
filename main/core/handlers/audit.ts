import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { verifyAuditLog } from '../audit/audit-log.js';
import { listAuditRows, toAuditEntry } from '../db/repos/audit-repo.js';

/** Handlers of `audit.*`: reading the log and checking its hash chain. */
export function auditHandlers(deps: CoreDeps): Pick<Handlers, 'audit.list' | 'audit.verify'> {
  return {
    'audit.list': (input) => listAuditRows(deps.db, input).map(toAuditEntry),
    'audit.verify': () => {
      const result = verifyAuditLog(deps.db);
      if (!result.ok) deps.logger.error({ firstBrokenId: result.firstBrokenId }, 'audit chain broken');
      return result;
    },
  };
}
