/**
 * What decisions teach the engine: counterparty aliases (from approvals), rules people write
 * ("when the bank text contains … the counterparty is …") and rejected pairs. A person can see
 * and delete all of it; the next run reads what is left.
 */
import type { Database } from 'better-sqlite3';
import type { CoreDeps } from '../core.js';
import { CoreError } from '../contract/index.js';
import type { MethodOutput } from '../contract/index.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { foldText } from '../matching/index.js';
import { bankViews } from './matches-repo.js';

type AliasView = MethodOutput<'learning.addRule'>;

interface AliasRow {
  id: number;
  company_id: number;
  bank_text: string;
  counterparty_name: string | null;
  tax_id: string | null;
  source: 'approval' | 'rule';
  times_used: number;
  created_by: string;
  created_at: string;
}

const toAlias = (r: AliasRow): AliasView => ({
  id: r.id, bankText: r.bank_text, counterpartyName: r.counterparty_name, taxId: r.tax_id, source: r.source, timesUsed: r.times_used,
  createdBy: r.created_by, createdAt: r.created_at,
});

export interface NewAlias {
  companyId: number;
  bankText: string;
  counterpartyName: string | null;
  taxId: string | null;
  source: 'approval' | 'rule';
}

/** Stores an alias (or counts one more use of the same one) and returns it. */
export function addAlias(deps: CoreDeps, actor: AuditActor, a: NewAlias): AliasView {
  const { db } = deps;
  const text = foldText(a.bankText).trim();
  if (text.length < 3) throw new CoreError('invalid_input', 'The bank text of a rule needs at least three letters or digits.');
  const taxId = a.taxId === null ? null : a.taxId.replace(/[\s.-]/g, '').toUpperCase();
  return writeTransaction(db, () => {
    const existing = db.prepare(`SELECT * FROM counterparty_aliases WHERE company_id = ? AND bank_text = ? AND ifnull(counterparty_name, '') = ifnull(?, '') AND ifnull(tax_id, '') = ifnull(?, '')`)
      .get(a.companyId, text, a.counterpartyName, taxId) as AliasRow | undefined;
    if (existing) {
      db.prepare('UPDATE counterparty_aliases SET times_used = times_used + 1 WHERE id = ?').run(existing.id);
      return toAlias({ ...existing, times_used: existing.times_used + 1 });
    }
    const id = Number(db.prepare(`INSERT INTO counterparty_aliases (company_id, bank_text, counterparty_name, tax_id, source, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(a.companyId, text, a.counterpartyName, taxId, a.source, actor.username ?? 'unknown', deps.clock().toISOString()).lastInsertRowid);
    appendAudit(db, deps.clock, {
      actor, companyId: a.companyId, action: a.source === 'rule' ? 'rule.create' : 'alias.learn', entity: 'counterparty_alias', entityId: id,
      details: { bankText: text, counterpartyName: a.counterpartyName, taxId },
    });
    return toAlias(db.prepare('SELECT * FROM counterparty_aliases WHERE id = ?').get(id) as AliasRow);
  });
}

/** One use of an alias less (an approval was undone); the alias goes when no use is left. */
export function forgetAliasUse(db: Database, id: number): void {
  db.prepare('UPDATE counterparty_aliases SET times_used = times_used - 1 WHERE id = ? AND times_used > 0').run(id);
  db.prepare("DELETE FROM counterparty_aliases WHERE id = ? AND times_used = 0 AND source = 'approval'").run(id);
}

/** Everything learned for a company. */
export function listLearning(db: Database, companyId: number): MethodOutput<'learning.list'> {
  const aliases = (db.prepare('SELECT * FROM counterparty_aliases WHERE company_id = ? ORDER BY id DESC').all(companyId) as AliasRow[]).map(toAlias);
  const pairs = db.prepare(`SELECT r.id, r.bank_line_id, r.ledger_item_id, r.rejected_by, r.rejected_at,
      coalesce(i.document_number, i.external_id, i.counterparty_name, '#' || i.id) AS label
    FROM rejected_pairs r JOIN ledger_items i ON i.id = r.ledger_item_id WHERE r.company_id = ? ORDER BY r.id DESC`).all(companyId) as Array<{
    id: number; bank_line_id: number; ledger_item_id: number; rejected_by: string; rejected_at: string; label: string;
  }>;
  const lines = bankViews(db, [...new Set(pairs.map((p) => p.bank_line_id))]);
  return {
    aliases,
    rejectedPairs: pairs.flatMap((p) => {
      const bankLine = lines.get(p.bank_line_id);
      return bankLine ? [{ id: p.id, bankLine, bookItemId: p.ledger_item_id, bookItemLabel: p.label, rejectedBy: p.rejected_by, rejectedAt: p.rejected_at }] : [];
    }),
  };
}

/** Forgets an alias or rule. */
export function deleteAlias(deps: CoreDeps, actor: AuditActor, id: number): void {
  writeTransaction(deps.db, () => {
    const row = deps.db.prepare('SELECT * FROM counterparty_aliases WHERE id = ?').get(id) as AliasRow | undefined;
    if (!row) throw new CoreError('not_found', 'That alias or rule does not exist.');
    deps.db.prepare('UPDATE match_decisions SET learned_alias_id = NULL WHERE learned_alias_id = ?').run(id);
    deps.db.prepare('DELETE FROM counterparty_aliases WHERE id = ?').run(id);
    appendAudit(deps.db, deps.clock, { actor, companyId: row.company_id, action: 'alias.delete', entity: 'counterparty_alias', entityId: id, details: { bankText: row.bank_text, counterpartyName: row.counterparty_name, taxId: row.tax_id, source: row.source } });
  });
}

/** Forgets a rejected pair (the engine may propose it for auto-approval again). */
export function deleteRejectedPair(deps: CoreDeps, actor: AuditActor, id: number): void {
  writeTransaction(deps.db, () => {
    const row = deps.db.prepare('SELECT company_id, bank_line_id, ledger_item_id FROM rejected_pairs WHERE id = ?').get(id) as { company_id: number; bank_line_id: number; ledger_item_id: number } | undefined;
    if (!row) throw new CoreError('not_found', 'That rejected pair does not exist.');
    deps.db.prepare('DELETE FROM rejected_pairs WHERE id = ?').run(id);
    appendAudit(deps.db, deps.clock, { actor, companyId: row.company_id, action: 'rejected_pair.delete', entity: 'rejected_pair', entityId: id, details: { bankLineId: row.bank_line_id, bookItemId: row.ledger_item_id } });
  });
}
