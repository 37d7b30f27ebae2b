/**
 * The reconciliation status of a bank line or a books item, as one SQL expression that both the
 * lists' `status` column and their `status` filter use, so the two can never disagree.
 *
 * Meaning (for the matching work to implement once `matches` / `match_lines` exist):
 *   'matched'   — the row is in a match that is approved or auto_approved;
 *   'pending'   — otherwise, the row is in a match that is proposed or pending_review;
 *   'unmatched' — anything else (no match, or only rejected / superseded ones).
 * Until then every row is 'unmatched': the filters 'all' and 'unmatched' return every row,
 * 'matched' and 'pending' return none (SQLite evaluates the constant condition once).
 */
import type { z } from 'zod';
import type { matchStatusFilterSchema } from '../contract/index.js';

/** A row's reconciliation status. */
export type MatchStatus = 'unmatched' | 'matched' | 'pending';
/** What the lists' `status` filter takes. */
export type MatchStatusFilter = z.infer<typeof matchStatusFilterSchema>;

/**
 * SQL for the status of the row whose id is `idExpr` (e.g. 'l.id') on `side`. The matching work
 * replaces the body with a CASE over its tables (and the indexes that CASE needs).
 */
export function matchStatusSql(_side: 'bank' | 'books', _idExpr: string): string {
  return "'unmatched'";
}

/** The WHERE term of a status filter (null for 'all'); binds `@status`. */
export function statusFilterSql(side: 'bank' | 'books', idExpr: string, filter: MatchStatusFilter): string | null {
  return filter === 'all' ? null : `(${matchStatusSql(side, idExpr)}) = @status`;
}

/** Narrows what the status expression returned to the contract's values. */
export function toMatchStatus(value: unknown): MatchStatus {
  return value === 'matched' || value === 'pending' ? value : 'unmatched';
}
