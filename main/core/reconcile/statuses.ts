/**
 * Groups of match statuses. A bank line or books item in a *settled* match is reconciled (it
 * leaves the engine's input and the report's outstanding lists); one in a *pending* match waits
 * for a person; rejected and superseded matches no longer count.
 */
export const SETTLED_STATUSES = ['approved', 'auto_approved'] as const;
export const PENDING_STATUSES = ['pending_review', 'proposed'] as const;

/** `('approved', 'auto_approved')` for SQL IN lists. */
export const SETTLED_STATUSES_SQL = `(${SETTLED_STATUSES.map((s) => `'${s}'`).join(', ')})`;
export const PENDING_STATUSES_SQL = `(${PENDING_STATUSES.map((s) => `'${s}'`).join(', ')})`;
