/**
 * Period locks: an admin closes an account up to a date after the report; decisions touching a
 * bank line dated on or before it are refused until an admin lifts the lock. Both are audited.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { CoreError } from '../contract/index.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { writeTransaction } from '../db/repos/transaction.js';

export interface PeriodLock {
  accountId: number;
  lockedThrough: string;
  lockedBy: string;
  lockedAt: string;
}

interface LockRow {
  account_id: number;
  locked_through: string;
  locked_by: string;
  locked_at: string;
}

const toLock = (r: LockRow): PeriodLock => ({ accountId: r.account_id, lockedThrough: r.locked_through, lockedBy: r.locked_by, lockedAt: r.locked_at });

/** Refuses (period_locked) when a bank line falls inside its account's locked period. */
export function assertNotLocked(db: Database, bankLineIds: readonly number[]): void {
  if (bankLineIds.length === 0) return;
  const hit = db.prepare(`SELECT l.id, l.booking_date, p.locked_through, a.name FROM bank_lines l
      JOIN period_locks p ON p.account_id = l.account_id JOIN bank_accounts a ON a.id = l.account_id
    WHERE l.id IN (SELECT value FROM json_each(?)) AND l.booking_date <= p.locked_through LIMIT 1`).get(JSON.stringify(bankLineIds)) as
    { id: number; booking_date: string; locked_through: string; name: string } | undefined;
  if (hit) {
    throw new CoreError('period_locked', `The period of account "${hit.name}" is locked through ${hit.locked_through} (the bank line of ${hit.booking_date} is inside it); an administrator must unlock it first.`, {
      bankLineId: hit.id, lockedThrough: hit.locked_through,
    });
  }
}

function accountCompany(db: Database, accountId: number): number {
  const row = db.prepare('SELECT company_id FROM bank_accounts WHERE id = ?').get(accountId) as { company_id: number } | undefined;
  if (!row) throw new CoreError('not_found', 'That bank account does not exist.');
  return row.company_id;
}

/** The locks of a company's accounts. */
export function listLocks(db: Database, companyId: number): PeriodLock[] {
  return (db.prepare('SELECT p.* FROM period_locks p JOIN bank_accounts a ON a.id = p.account_id WHERE a.company_id = ? ORDER BY p.account_id').all(companyId) as LockRow[]).map(toLock);
}

/** The lock of one account, if any. */
export function lockOf(db: Database, accountId: number): PeriodLock | null {
  const row = db.prepare('SELECT * FROM period_locks WHERE account_id = ?').get(accountId) as LockRow | undefined;
  return row ? toLock(row) : null;
}

/** Locks an account through a date (moving an existing lock). */
export function lockPeriod(db: Database, clock: Clock, actor: AuditActor, accountId: number, through: string): PeriodLock {
  return writeTransaction(db, () => {
    const companyId = accountCompany(db, accountId);
    const before = lockOf(db, accountId);
    db.prepare(`INSERT INTO period_locks (account_id, locked_through, locked_by_user_id, locked_by, locked_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(account_id) DO UPDATE SET locked_through = excluded.locked_through, locked_by_user_id = excluded.locked_by_user_id,
        locked_by = excluded.locked_by, locked_at = excluded.locked_at`).run(accountId, through, actor.userId, actor.username ?? 'unknown', clock().toISOString());
    appendAudit(db, clock, { actor, companyId, action: 'period.lock', entity: 'bank_account', entityId: accountId, details: { through, before: before?.lockedThrough ?? null } });
    return lockOf(db, accountId)!;
  });
}

/** Lifts an account's lock. */
export function unlockPeriod(db: Database, clock: Clock, actor: AuditActor, accountId: number): void {
  writeTransaction(db, () => {
    const companyId = accountCompany(db, accountId);
    const before = lockOf(db, accountId);
    if (!before) throw new CoreError('not_found', 'That account has no period lock.');
    db.prepare('DELETE FROM period_locks WHERE account_id = ?').run(accountId);
    appendAudit(db, clock, { actor, companyId, action: 'period.unlock', entity: 'bank_account', entityId: accountId, details: { was: before.lockedThrough } });
  });
}
