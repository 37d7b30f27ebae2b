/** Bank lines no settled or pending match takes, with the treatment the last run suggested. */
import type { Database } from 'better-sqlite3';
import type { MethodOutput } from '../contract/index.js';
import type { Reason } from '../matching/index.js';
import { toReasonView } from './matches-repo.js';

export function listUnmatched(db: Database, q: { companyId: number; accountId: number | null; offset: number; limit: number }): MethodOutput<'matches.unmatched'> {
  const where = `a.company_id = @companyId AND (@accountId IS NULL OR l.account_id = @accountId) AND l.provisional = 0
    AND NOT EXISTS (SELECT 1 FROM match_lines ml JOIN matches m ON m.id = ml.match_id WHERE ml.bank_line_id = l.id
                    AND m.status IN ('approved', 'auto_approved', 'pending_review', 'proposed'))`;
  const params = { companyId: q.companyId, accountId: q.accountId };
  const total = (db.prepare(`SELECT count(*) AS n FROM bank_lines l JOIN bank_accounts a ON a.id = l.account_id WHERE ${where}`).get(params) as { n: number }).n;
  const rows = db.prepare(`SELECT l.id, l.bank_id, l.account_id, l.booking_date, l.amount_minor, l.currency, l.description, l.counterparty_name,
      u.treatment, u.reasons
    FROM bank_lines l JOIN bank_accounts a ON a.id = l.account_id LEFT JOIN unmatched_suggestions u ON u.bank_line_id = l.id
    WHERE ${where} ORDER BY abs(l.amount_minor) DESC, l.id LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.limit, offset: q.offset }) as Array<{
    id: number; bank_id: string | null; account_id: number; booking_date: string; amount_minor: number; currency: string; description: string;
    counterparty_name: string | null; treatment: 'bank_charge' | 'interest' | 'tax' | 'transfer' | null; reasons: string | null;
  }>;
  return {
    total,
    offset: q.offset,
    rows: rows.map((r) => ({
      id: r.id, bankId: r.bank_id, accountId: r.account_id, bookingDate: r.booking_date, amountMinor: r.amount_minor, currency: r.currency,
      description: r.description, counterpartyName: r.counterparty_name, suggestedTreatment: r.treatment,
      reasons: r.reasons === null ? [] : (JSON.parse(r.reasons) as Reason[]).map(toReasonView),
    })),
  };
}
