/**
 * People's decisions on matches: approve, reject, choose an alternative, build a match by hand,
 * approve a spot-checked band, and undo any of them. Every decision is one transaction that
 * checks the period locks and what is still open, records who and when (match_decisions), and
 * writes the audit log. Approvals teach counterparty aliases; rejections record rejected pairs.
 */
import type { Database } from 'better-sqlite3';
import type { CoreDeps } from '../core.js';
import { CoreError, type DifferenceTreatmentName, type MethodParsedInput } from '../contract/index.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { aliasTextOf, type MatchAlternative } from '../matching/index.js';
import { formatMinor } from './money-text.js';
import { undoableDecision, type MatchRow } from './matches-repo.js';
import { PENDING_STATUSES, SETTLED_STATUSES, SETTLED_STATUSES_SQL } from './statuses.js';
import { assertNotLocked } from './locks.js';
import { addAlias, forgetAliasUse } from './learning.js';

type Status = MatchRow['status'];

function loadMatch(db: Database, id: number): MatchRow {
  const row = db.prepare('SELECT * FROM matches WHERE id = ?').get(id) as MatchRow | undefined;
  if (!row) throw new CoreError('not_found', 'That match does not exist (it may have been replaced by a newer run).');
  return row;
}

function bankLineIdsOf(db: Database, matchId: number): number[] {
  return (db.prepare('SELECT bank_line_id AS id FROM match_lines WHERE match_id = ? AND bank_line_id IS NOT NULL ORDER BY id').all(matchId) as Array<{ id: number }>).map((r) => r.id);
}

function allocationsOf(db: Database, matchId: number): Array<{ itemId: number; amountMinor: number }> {
  return (db.prepare('SELECT ledger_item_id AS itemId, amount_minor AS amountMinor FROM match_lines WHERE match_id = ? AND ledger_item_id IS NOT NULL ORDER BY id').all(matchId) as Array<{ itemId: number; amountMinor: number }>);
}

const isPending = (s: Status): boolean => (PENDING_STATUSES as readonly string[]).includes(s);
const isSettled = (s: Status): boolean => (SETTLED_STATUSES as readonly string[]).includes(s);

/**
 * Refuses when a bank line is already reconciled by another settled match, or when an
 * allocation would take more than an item still has open (or has the wrong sign).
 */
function assertAvailable(db: Database, bankLineIds: readonly number[], allocations: ReadonlyArray<{ itemId: number; amountMinor: number }>, exceptMatch: number | null): void {
  const taken = db.prepare(`SELECT m.id FROM match_lines ml JOIN matches m ON m.id = ml.match_id
    WHERE ml.bank_line_id = ? AND m.status IN ${SETTLED_STATUSES_SQL} AND m.id IS NOT ? LIMIT 1`);
  for (const lineId of bankLineIds) {
    const other = taken.get(lineId, exceptMatch) as { id: number } | undefined;
    if (other) throw new CoreError('conflict', `Bank line ${lineId} is already reconciled by match ${other.id}; undo that match first.`, { bankLineId: lineId, matchId: other.id });
  }
  const perItem = new Map<number, number>();
  for (const a of allocations) perItem.set(a.itemId, (perItem.get(a.itemId) ?? 0) + a.amountMinor);
  const item = db.prepare('SELECT open_amount_minor AS open, currency, ifnull(document_number, ifnull(external_id, id)) AS label FROM ledger_items WHERE id = ?');
  const used = db.prepare(`SELECT ifnull(sum(ml.amount_minor), 0) AS n FROM match_lines ml JOIN matches m ON m.id = ml.match_id
    WHERE ml.ledger_item_id = ? AND m.status IN ${SETTLED_STATUSES_SQL} AND m.id IS NOT ?`);
  for (const [itemId, amount] of perItem) {
    const row = item.get(itemId) as { open: number; currency: string; label: string | number } | undefined;
    if (!row) throw new CoreError('not_found', `Books item ${itemId} does not exist.`);
    const remaining = row.open - (used.get(itemId, exceptMatch) as { n: number }).n;
    if (amount === 0 || Math.sign(amount) !== Math.sign(row.open)) {
      throw new CoreError('invalid_input', `The amount allocated to ${row.label} must have the sign of its open amount (${formatMinor(row.open, row.currency)}).`);
    }
    if (Math.abs(amount) > Math.abs(remaining)) {
      throw new CoreError('conflict', `${row.label} has only ${formatMinor(remaining, row.currency)} open; it cannot take ${formatMinor(amount, row.currency)}.`, { bookItemId: itemId });
    }
  }
}

interface DecisionRecord {
  matchId: number;
  action: 'approve' | 'reject' | 'choose_alternative' | 'manual' | 'undo';
  from: Status;
  to: Status;
  relatedMatchId?: number | null;
  learnedAliasId?: number | null;
}

function recordDecision(deps: CoreDeps, actor: AuditActor, d: DecisionRecord): number {
  return Number(deps.db.prepare(`INSERT INTO match_decisions (match_id, action, from_status, to_status, related_match_id, learned_alias_id, user_id, username, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(d.matchId, d.action, d.from, d.to, d.relatedMatchId ?? null, d.learnedAliasId ?? null, actor.userId,
    actor.username ?? 'unknown', deps.clock().toISOString()).lastInsertRowid);
}

function setStatus(deps: CoreDeps, actor: AuditActor, matchId: number, status: Status): void {
  deps.db.prepare('UPDATE matches SET status = ?, decided_by_user_id = ?, decided_by = ?, decided_at = ? WHERE id = ?')
    .run(status, actor.userId, actor.username ?? 'unknown', deps.clock().toISOString(), matchId);
}

function audit(deps: CoreDeps, actor: AuditActor, m: MatchRow, action: string, details: Record<string, unknown>): void {
  appendAudit(deps.db, deps.clock, { actor, companyId: m.company_id, action, entity: 'match', entityId: m.id, details });
}

/** The counterparty an approval teaches: the items' common name / tax id, if they share one. */
function counterpartyOf(db: Database, matchId: number): { name: string | null; taxId: string | null } | null {
  const rows = db.prepare(`SELECT DISTINCT i.counterparty_name AS name, i.tax_id AS taxId FROM match_lines ml JOIN ledger_items i ON i.id = ml.ledger_item_id
    WHERE ml.match_id = ?`).all(matchId) as Array<{ name: string | null; taxId: string | null }>;
  const first = rows[0];
  if (rows.length !== 1 || !first || (first.name === null && first.taxId === null)) return null;
  return first;
}

/** Teaches "this bank text is this counterparty" from an approved match (one bank line, one counterparty). */
function learnFrom(deps: CoreDeps, actor: AuditActor, m: MatchRow): number | null {
  const lines = deps.db.prepare(`SELECT l.description, l.counterparty_name FROM match_lines ml JOIN bank_lines l ON l.id = ml.bank_line_id WHERE ml.match_id = ?`)
    .all(m.id) as Array<{ description: string; counterparty_name: string | null }>;
  const party = counterpartyOf(deps.db, m.id);
  const line = lines[0];
  if (lines.length !== 1 || !party || !line) return null;
  const text = aliasTextOf({ description: line.description, ...(line.counterparty_name ? { counterpartyName: line.counterparty_name } : {}) });
  return addAlias(deps, actor, { companyId: m.company_id, bankText: text, counterpartyName: party.name, taxId: party.taxId, source: 'approval' }).id;
}

/** Approves a pending proposal. */
export function approveMatch(deps: CoreDeps, actor: AuditActor, id: number): void {
  writeTransaction(deps.db, () => approveInside(deps, actor, id));
}

function approveInside(deps: CoreDeps, actor: AuditActor, id: number): void {
  const m = loadMatch(deps.db, id);
  if (!isPending(m.status)) throw new CoreError('conflict', `This match is ${m.status.replace('_', ' ')}; only proposals waiting for review can be approved.`);
  const lines = bankLineIdsOf(deps.db, id);
  assertNotLocked(deps.db, lines);
  assertAvailable(deps.db, lines, allocationsOf(deps.db, id), id);
  setStatus(deps, actor, id, 'approved');
  const aliasId = learnFrom(deps, actor, m);
  recordDecision(deps, actor, { matchId: id, action: 'approve', from: m.status, to: 'approved', learnedAliasId: aliasId });
  audit(deps, actor, m, 'match.approve', { from: m.status, confidence: m.confidence, kind: m.kind, learnedAliasId: aliasId });
}

/** Rejects a pending or auto-approved match; its line/item pairs are remembered. */
export function rejectMatch(deps: CoreDeps, actor: AuditActor, id: number): void {
  writeTransaction(deps.db, () => {
    const m = loadMatch(deps.db, id);
    if (!isPending(m.status) && m.status !== 'auto_approved') {
      throw new CoreError('conflict', `This match is ${m.status.replace('_', ' ')}; only proposals and auto-approved matches can be rejected (undo an approval instead).`);
    }
    const lines = bankLineIdsOf(deps.db, id);
    assertNotLocked(deps.db, lines);
    setStatus(deps, actor, id, 'rejected');
    const insert = deps.db.prepare(`INSERT INTO rejected_pairs (company_id, bank_line_id, ledger_item_id, match_id, rejected_by, rejected_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    for (const lineId of lines) {
      for (const a of allocationsOf(deps.db, id)) insert.run(m.company_id, lineId, a.itemId, id, actor.username ?? 'unknown', deps.clock().toISOString());
    }
    recordDecision(deps, actor, { matchId: id, action: 'reject', from: m.status, to: 'rejected' });
    audit(deps, actor, m, 'match.reject', { from: m.status, confidence: m.confidence, kind: m.kind });
  });
}

/** Approves alternative `index` of a proposal instead of it; returns the new match's id. */
export function chooseAlternative(deps: CoreDeps, actor: AuditActor, id: number, index: number): number {
  return writeTransaction(deps.db, () => {
    const m = loadMatch(deps.db, id);
    if (!isPending(m.status) && m.status !== 'auto_approved') throw new CoreError('conflict', `This match is ${m.status.replace('_', ' ')}; its alternatives can no longer be chosen.`);
    const alternative = (JSON.parse(m.alternatives) as MatchAlternative[])[index];
    if (!alternative) throw new CoreError('not_found', `This match has no alternative ${index + 1}.`);
    const lines = alternative.bankIds.map(Number);
    const allocations = alternative.allocations.map((a) => ({ itemId: Number(a.bookId), amountMinor: a.amountMinor }));
    assertNotLocked(deps.db, [...new Set([...lines, ...bankLineIdsOf(deps.db, id)])]);
    // The proposal is replaced first, so its own lines are free for the alternative.
    setStatus(deps, actor, id, 'superseded');
    assertAvailable(deps.db, lines, allocations, null);
    const newId = insertMatch(deps, actor, {
      companyId: m.company_id, runId: m.run_id, kind: alternative.kind === 'manual' ? 'manual' : alternative.kind, confidence: alternative.confidence,
      bankLineIds: lines, allocations, differenceMinor: alternative.differenceMinor, treatment: treatmentOfAlternative(alternative),
      writeOffAccount: null, reasons: JSON.stringify(alternative.reasons), replaces: id, note: null, engineVersion: m.engine_version,
    });
    recordDecision(deps, actor, { matchId: newId, action: 'choose_alternative', from: 'proposed', to: 'approved', relatedMatchId: id });
    recordDecision(deps, actor, { matchId: id, action: 'choose_alternative', from: m.status, to: 'superseded', relatedMatchId: newId });
    audit(deps, actor, m, 'match.choose_alternative', { from: m.status, alternative: index, newMatchId: newId, confidence: alternative.confidence });
    return newId;
  });
}

function treatmentOfAlternative(a: MatchAlternative): DifferenceTreatmentName {
  if (a.differenceMinor === 0) return 'none';
  const reason = a.reasons.find((r) => r.code === 'amount_difference');
  const t = reason ? String(reason.params['treatment'] ?? '') : '';
  return t === 'fee' || t === 'rounding' || t === 'fx' || t === 'write_off' ? t : 'fee';
}

interface NewMatch {
  companyId: number;
  runId: number | null;
  kind: MatchRow['kind'];
  confidence: number;
  bankLineIds: readonly number[];
  allocations: ReadonlyArray<{ itemId: number; amountMinor: number }>;
  differenceMinor: number;
  treatment: DifferenceTreatmentName;
  writeOffAccount: string | null;
  reasons: string;
  replaces: number | null;
  note: string | null;
  engineVersion: string | null;
}

/** Inserts an approved match made by a person and its lines. */
function insertMatch(deps: CoreDeps, actor: AuditActor, n: NewMatch): number {
  const { db } = deps;
  const lines = db.prepare('SELECT id, amount_minor, currency, booking_date FROM bank_lines WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(n.bankLineIds)) as Array<{
    id: number; amount_minor: number; currency: string; booking_date: string;
  }>;
  if (lines.length !== n.bankLineIds.length) throw new CoreError('not_found', 'One of the bank lines does not exist.');
  const dates = lines.map((l) => l.booking_date).sort();
  const at = deps.clock().toISOString();
  const id = Number(db.prepare(`INSERT INTO matches (company_id, run_id, kind, status, confidence, currency, bank_total_minor, difference_minor, difference_treatment,
      write_off_account, reasons, alternatives, first_date, last_date, engine_version, created_by, created_at, decided_by_user_id, decided_by, decided_at, replaces_match_id, note)
    VALUES (?, ?, ?, 'approved', ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    n.companyId, n.runId, n.kind, n.confidence, lines[0]!.currency, lines.reduce((s, l) => s + l.amount_minor, 0), n.differenceMinor, n.treatment,
    n.writeOffAccount, n.reasons, dates[0], dates[dates.length - 1], n.engineVersion, actor.username ?? 'unknown', at, actor.userId, actor.username ?? 'unknown', at,
    n.replaces, n.note,
  ).lastInsertRowid);
  const bank = db.prepare('INSERT INTO match_lines (match_id, bank_line_id, amount_minor) VALUES (?, ?, ?)');
  for (const l of lines) bank.run(id, l.id, l.amount_minor);
  const item = db.prepare('INSERT INTO match_lines (match_id, ledger_item_id, amount_minor) VALUES (?, ?, ?)');
  for (const a of n.allocations) item.run(id, a.itemId, a.amountMinor);
  return id;
}

/** Builds a match by hand (any n:m with allocations and a difference treatment); returns its id. */
export function createManualMatch(deps: CoreDeps, actor: AuditActor, input: MethodParsedInput<'matches.createManual'>): number {
  const { db } = deps;
  return writeTransaction(db, () => {
    const lineIds = [...new Set(input.bankLineIds)];
    if (lineIds.length !== input.bankLineIds.length) throw new CoreError('invalid_input', 'A bank line is listed twice.');
    const lines = db.prepare(`SELECT l.id, l.amount_minor, l.currency, a.company_id FROM bank_lines l JOIN bank_accounts a ON a.id = l.account_id
      WHERE l.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(lineIds)) as Array<{ id: number; amount_minor: number; currency: string; company_id: number }>;
    if (lines.length !== lineIds.length || lines.some((l) => l.company_id !== input.companyId)) throw new CoreError('not_found', 'One of the bank lines does not exist in this company.');
    const currencies = new Set(lines.map((l) => l.currency));
    if (currencies.size > 1) throw new CoreError('invalid_input', 'The bank lines of one match must be in one currency.');
    const currency = lines[0]!.currency;
    const bankTotal = lines.reduce((s, l) => s + l.amount_minor, 0);
    const items = input.allocations.length === 0 ? [] : (db.prepare(`SELECT id, company_id, currency FROM ledger_items WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(input.allocations.map((a) => a.bookItemId))) as Array<{ id: number; company_id: number; currency: string }>);
    if (items.length !== new Set(input.allocations.map((a) => a.bookItemId)).size || items.some((i) => i.company_id !== input.companyId)) {
      throw new CoreError('not_found', 'One of the books items does not exist in this company.');
    }
    const allocations = input.allocations.map((a) => ({ itemId: a.bookItemId, amountMinor: a.amountMinor }));
    const sameCurrency = items.every((i) => i.currency === currency);
    if (!sameCurrency && input.differenceTreatment !== 'fx') {
      throw new CoreError('invalid_input', 'The books items are in another currency than the bank lines; book the difference as an FX difference.');
    }
    const allocated = allocations.reduce((s, a) => s + a.amountMinor, 0);
    const difference = sameCurrency ? bankTotal - allocated : 0;
    if (allocations.length > 0 && Math.sign(allocated) !== 0 && Math.sign(allocated) !== Math.sign(bankTotal)) {
      throw new CoreError('invalid_input', 'Money received cannot settle a payment, nor a payment settle money expected in: the signs differ.');
    }
    if (difference !== 0 && input.differenceTreatment === 'none') {
      throw new CoreError('invalid_input', `The match leaves a difference of ${formatMinor(difference, currency)}; choose how to book it (bank fee, rounding, FX difference or write-off).`, { differenceMinor: difference });
    }
    if (input.differenceTreatment === 'write_off' && input.writeOffAccount === null) {
      throw new CoreError('invalid_input', 'A write-off needs the account it is booked to.');
    }
    assertNotLocked(db, lineIds);
    assertAvailable(db, lineIds, allocations, null);
    const companyOf = (db.prepare('SELECT id FROM companies WHERE id = ?').get(input.companyId) as { id: number } | undefined)?.id;
    if (companyOf === undefined) throw new CoreError('not_found', 'That company does not exist.');
    // Pending proposals that use these bank lines can no longer be right.
    const superseded = (db.prepare(`SELECT DISTINCT m.id FROM matches m JOIN match_lines ml ON ml.match_id = m.id
      WHERE ml.bank_line_id IN (SELECT value FROM json_each(?)) AND m.status IN ('pending_review', 'proposed')`).all(JSON.stringify(lineIds)) as Array<{ id: number }>).map((r) => r.id);
    for (const s of superseded) db.prepare("UPDATE matches SET status = 'superseded' WHERE id = ?").run(s);
    const id = insertMatch(deps, actor, {
      companyId: input.companyId, runId: null, kind: 'manual', confidence: 1, bankLineIds: lineIds, allocations, differenceMinor: difference,
      treatment: difference === 0 && input.differenceTreatment !== 'fx' ? 'none' : input.differenceTreatment,
      writeOffAccount: input.differenceTreatment === 'write_off' ? input.writeOffAccount : null, reasons: '[]', replaces: null, note: input.note, engineVersion: null,
    });
    let ruleId: number | null = null;
    if (input.rule) {
      if (input.rule.counterpartyName === null && input.rule.taxId === null) throw new CoreError('invalid_input', 'A rule needs the counterparty name or tax id to use.');
      ruleId = addAlias(deps, actor, { companyId: input.companyId, bankText: input.rule.bankText, counterpartyName: input.rule.counterpartyName, taxId: input.rule.taxId, source: 'rule' }).id;
    }
    recordDecision(deps, actor, { matchId: id, action: 'manual', from: 'proposed', to: 'approved' });
    appendAudit(db, deps.clock, {
      actor, companyId: input.companyId, action: 'match.manual', entity: 'match', entityId: id,
      details: { bankLineIds: lineIds, allocations, differenceMinor: difference, treatment: input.differenceTreatment, writeOffAccount: input.writeOffAccount, ruleId, supersededMatchIds: superseded },
    });
    return id;
  });
}

/**
 * Undoes the latest decision on a match and returns the id the screen should show next (the
 * proposal back in review after undoing a chosen alternative).
 */
export function undoDecision(deps: CoreDeps, actor: AuditActor, id: number): number {
  const { db } = deps;
  return writeTransaction(db, () => {
    const m = loadMatch(db, id);
    const decision = undoableDecision(db, id);
    if (!decision) throw new CoreError('conflict', 'There is no decision on this match to undo.');
    if (m.status !== decision.to_status) throw new CoreError('conflict', 'This match changed since that decision; refresh and try again.');
    assertNotLocked(db, bankLineIdsOf(db, id));
    const undo = (matchId: number, d: { id: number; to_status: string; from_status: string }, to: Status): void => {
      setStatus(deps, actor, matchId, to);
      const undoId = recordDecision(deps, actor, { matchId, action: 'undo', from: d.to_status as Status, to });
      db.prepare('UPDATE match_decisions SET undone_by = ? WHERE id = ?').run(undoId, d.id);
    };
    let show = id;
    switch (decision.action) {
      case 'auto_approve':
      case 'approve': {
        const back: Status = decision.action === 'auto_approve' ? 'pending_review' : (decision.from_status as Status);
        undo(id, decision, back);
        if (decision.learned_alias_id !== null) forgetAliasUse(db, decision.learned_alias_id);
        break;
      }
      case 'reject': {
        const back = decision.from_status as Status;
        if (isSettled(back)) assertAvailable(db, bankLineIdsOf(db, id), allocationsOf(db, id), id);
        undo(id, decision, back);
        db.prepare('DELETE FROM rejected_pairs WHERE match_id = ?').run(id);
        break;
      }
      case 'manual':
        undo(id, decision, 'superseded');
        break;
      case 'choose_alternative': {
        // Either side of the pair: withdraw the chosen match, put the proposal back.
        const chosenId = m.status === 'approved' ? id : decision.related_match_id;
        const proposalId = m.status === 'approved' ? decision.related_match_id : id;
        if (chosenId === null || proposalId === null) throw new CoreError('conflict', 'This decision cannot be undone.');
        const chosenDecision = chosenId === id ? decision : undoableDecision(db, chosenId);
        const proposalDecision = proposalId === id ? decision : undoableDecision(db, proposalId);
        if (!chosenDecision || !proposalDecision) throw new CoreError('conflict', 'This match changed since that decision; refresh and try again.');
        assertNotLocked(db, [...bankLineIdsOf(db, chosenId), ...bankLineIdsOf(db, proposalId)]);
        undo(chosenId, chosenDecision, 'superseded');
        const back = proposalDecision.from_status as Status;
        if (isSettled(back)) assertAvailable(db, bankLineIdsOf(db, proposalId), allocationsOf(db, proposalId), proposalId);
        undo(proposalId, proposalDecision, back);
        show = proposalId;
        break;
      }
      default:
        throw new CoreError('conflict', 'This decision cannot be undone.');
    }
    audit(deps, actor, m, 'match.undo', { undoneAction: decision.action, from: decision.to_status, showMatchId: show });
    return show;
  });
}

/** Approves every listed match still pending (a band after its spot check); counts the rest as skipped. */
export function approveMany(deps: CoreDeps, actor: AuditActor, ids: readonly number[]): { approved: number; skipped: number } {
  return writeTransaction(deps.db, () => {
    let approved = 0;
    let skipped = 0;
    for (const id of ids) {
      try {
        deps.db.transaction(() => approveInside(deps, actor, id))();
        approved++;
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        skipped++;
      }
    }
    return { approved, skipped };
  });
}
