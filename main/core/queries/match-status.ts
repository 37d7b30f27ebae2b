/**
 * The reconciliation status of a bank line or a books item, as one SQL expression that both the
 * lists' `status` column and their `status` filter use, so the two can never disagree:
 *   'matched'   — the row is in a match that is approved or auto_approved;
 *   'pending'   — otherwise, the row is in a match that is proposed or pending_review;
 *   'unmatched' — anything else (no match, or only rejected / superseded ones).
 * The partial indexes match_lines_bank / match_lines_item keep each probe to a few rows.
 */
import type { z } from 'zod';
import type { matchStatusFilterSchema } from '../contract/index.js';
import { PENDING_STATUSES_SQL, SETTLED_STATUSES_SQL } from '../reconcile/statuses.js';

/** A row's reconciliation status. */
export type MatchStatus = 'unmatched' | 'matched' | 'pending';
/** What the lists' `status` filter takes. */
export type MatchStatusFilter = z.infer<typeof matchStatusFilterSchema>;

/**
 * SQL for the status of the row whose id is `idExpr` (e.g. 'l.id') on `side`.
 */
export function matchStatusSql(side: 'bank' | 'books', idExpr: string): string {
  const column = side === 'bank' ? 'bank_line_id' : 'ledger_item_id';
  const probe = (statuses: string): string =>
    `EXISTS (SELECT 1 FROM match_lines ms_l JOIN matches ms_m ON ms_m.id = ms_l.match_id WHERE ms_l.${column} = ${idExpr} AND ms_m.status IN ${statuses})`;
  return `CASE WHEN ${probe(SETTLED_STATUSES_SQL)} THEN 'matched' WHEN ${probe(PENDING_STATUSES_SQL)} THEN 'pending' ELSE 'unmatched' END`;
}

/** The WHERE term of a status filter (null for 'all'); binds `@status`. */
export function statusFilterSql(side: 'bank' | 'books', idExpr: string, filter: MatchStatusFilter): string | null {
  return filter === 'all' ? null : `(${matchStatusSql(side, idExpr)}) = @status`;
}

/** Narrows what the status expression returned to the contract's values. */
export function toMatchStatus(value: unknown): MatchStatus {
  return value === 'matched' || value === 'pending' ? value : 'unmatched';
}
