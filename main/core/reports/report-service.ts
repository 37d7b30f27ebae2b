/**
 * The reconciliation report of one bank account at a date: the bank's balance from its
 * statements, the ledger balance of the account, the items on each side not yet in a settled
 * (approved or auto-approved) match, and the remainder they leave unexplained:
 *   unexplained = statement − books − Σ outstanding bank + Σ outstanding books
 * (books taken as 0 when no ledger entries of the account were imported).
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { CoreError, type ReconciliationReport } from '../contract/index.js';
import { SETTLED_STATUSES_SQL } from '../reconcile/statuses.js';
import { lockOf } from '../reconcile/locks.js';

interface StatementRow {
  id: number;
  opening_balance_minor: number | null;
  opening_date: string | null;
  closing_balance_minor: number | null;
  closing_date: string | null;
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** The bank's balance at the end of `to`, from the nearest statement balance on or before it, and the date it rests on. */
export function statementBalanceAt(db: Database, accountId: number, to: string): { balanceMinor: number; date: string } | null {
  const sumLines = db.prepare(`SELECT ifnull(sum(amount_minor), 0) AS n FROM bank_lines WHERE account_id = ? AND provisional = 0 AND booking_date > ? AND booking_date <= ?`);
  const closing = db.prepare(`SELECT * FROM statements WHERE account_id = ? AND closing_date IS NOT NULL AND closing_date <= ?
    ORDER BY closing_date DESC, id DESC LIMIT 1`).get(accountId, to) as StatementRow | undefined;
  if (closing && closing.closing_balance_minor !== null && closing.closing_date !== null) {
    const later = (sumLines.get(accountId, closing.closing_date, to) as { n: number }).n;
    return { balanceMinor: closing.closing_balance_minor + later, date: closing.closing_date };
  }
  // No statement closes by then: start from the opening balance of one that opens by then.
  const opening = db.prepare(`SELECT * FROM statements WHERE account_id = ? AND opening_date IS NOT NULL AND opening_date <= ?
    ORDER BY opening_date DESC, id DESC LIMIT 1`).get(accountId, to) as StatementRow | undefined;
  if (opening && opening.opening_balance_minor !== null && opening.opening_date !== null) {
    const lines = (db.prepare(`SELECT ifnull(sum(amount_minor), 0) AS n FROM bank_lines WHERE statement_id = ? AND provisional = 0 AND booking_date <= ?`).get(opening.id, to) as { n: number }).n;
    return { balanceMinor: opening.opening_balance_minor + lines, date: opening.opening_date };
  }
  return null;
}

/** The report of `accountId` at `to`. */
export function reconciliationReport(db: Database, clock: Clock, accountId: number, to: string): ReconciliationReport {
  const account = db.prepare('SELECT id, name, iban, currency FROM bank_accounts WHERE id = ?').get(accountId) as { id: number; name: string; iban: string | null; currency: string } | undefined;
  if (!account) throw new CoreError('not_found', 'That bank account does not exist.');
  return db.transaction(() => {
    const statement = statementBalanceAt(db, accountId, to);
    const ledger = db.prepare(`SELECT count(*) AS n, ifnull(sum(CASE WHEN date <= ? THEN amount_minor END), 0) AS balance FROM ledger_items WHERE account_id = ? AND kind = 'ledger_entry'`)
      .get(to, accountId) as { n: number; balance: number };
    const booksBalance = ledger.n > 0 ? ledger.balance : null;
    const outstandingBank = (db.prepare(`SELECT l.id, l.bank_id AS externalId, l.booking_date AS date, l.amount_minor AS amountMinor, l.description FROM bank_lines l
      WHERE l.account_id = ? AND l.provisional = 0 AND l.booking_date <= ?
        AND NOT EXISTS (SELECT 1 FROM match_lines ml JOIN matches m ON m.id = ml.match_id WHERE ml.bank_line_id = l.id AND m.status IN ${SETTLED_STATUSES_SQL})
      ORDER BY l.booking_date, l.id`).all(accountId, to) as Array<{ id: number; externalId: string | null; date: string; amountMinor: number; description: string }>)
      .map((r) => ({ ...r, ageDays: daysBetween(r.date, to) }));
    const outstandingBooks = (db.prepare(`SELECT i.id, i.external_id AS externalId, i.date, i.amount_minor AS amountMinor, i.description FROM ledger_items i
      WHERE i.account_id = ? AND i.kind = 'ledger_entry' AND i.date <= ?
        AND NOT EXISTS (SELECT 1 FROM match_lines ml JOIN matches m ON m.id = ml.match_id WHERE ml.ledger_item_id = i.id AND m.status IN ${SETTLED_STATUSES_SQL})
      ORDER BY i.date, i.id`).all(accountId, to) as Array<{ id: number; externalId: string | null; date: string; amountMinor: number; description: string }>)
      .map((r) => ({ ...r, ageDays: daysBetween(r.date, to) }));
    const bankTotal = outstandingBank.reduce((s, r) => s + r.amountMinor, 0);
    const booksTotal = outstandingBooks.reduce((s, r) => s + r.amountMinor, 0);
    return {
      accountId: account.id,
      accountName: account.name,
      iban: account.iban,
      currency: account.currency,
      to,
      statementBalanceMinor: statement?.balanceMinor ?? null,
      statementBalanceDate: statement?.date ?? null,
      booksBalanceMinor: booksBalance,
      outstandingBank,
      outstandingBooks,
      outstandingBankTotalMinor: bankTotal,
      outstandingBooksTotalMinor: booksTotal,
      unexplainedMinor: statement === null ? null : statement.balanceMinor - (booksBalance ?? 0) - bankTotal + booksTotal,
      lockedThrough: lockOf(db, accountId)?.lockedThrough ?? null,
      generatedAt: clock().toISOString(),
    };
  })();
}
