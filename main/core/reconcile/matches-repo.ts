/**
 * Reading matches for the review screens and the command line: summaries with their bank lines
 * and books items, details with alternatives and decisions, paged lists and counts.
 */
import type { Database } from 'better-sqlite3';
import {
  CoreError,
  type ConfidenceBand,
  type MatchBankLineView,
  type MatchBookItemView,
  type MatchCounts,
  type MatchDetail,
  type MatchReason,
  type MatchSummary,
  type MethodParsedInput,
} from '../contract/index.js';
import { renderReason, type MatchAlternative, type Reason } from '../matching/index.js';
import { PENDING_STATUSES_SQL, SETTLED_STATUSES_SQL } from './statuses.js';

/** A `matches` row. */
export interface MatchRow {
  id: number;
  company_id: number;
  run_id: number | null;
  proposal_key: string | null;
  kind: MatchSummary['kind'];
  status: MatchSummary['status'];
  confidence: number;
  currency: string;
  bank_total_minor: number;
  difference_minor: number;
  difference_treatment: MatchSummary['differenceTreatment'];
  write_off_account: string | null;
  reasons: string;
  alternatives: string;
  first_date: string;
  last_date: string;
  engine_version: string | null;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  replaces_match_id: number | null;
  note: string | null;
}

/** Band edges of the review queue. */
export const BAND_HIGH = 0.9;
export const BAND_MEDIUM = 0.6;

export function bandOf(confidence: number): ConfidenceBand {
  return confidence >= BAND_HIGH ? 'high' : confidence >= BAND_MEDIUM ? 'medium' : 'low';
}

/** SQL condition of a band on `m.confidence`. */
export function bandSql(band: ConfidenceBand): string {
  if (band === 'high') return `m.confidence >= ${BAND_HIGH}`;
  if (band === 'medium') return `m.confidence >= ${BAND_MEDIUM} AND m.confidence < ${BAND_HIGH}`;
  return `m.confidence < ${BAND_MEDIUM}`;
}

/** A reason with its English sentence. */
export function toReasonView(r: Reason): MatchReason {
  return { code: r.code, params: r.params, text: renderReason(r) };
}

interface BankViewRow {
  id: number;
  bank_id: string | null;
  account_id: number;
  booking_date: string;
  amount_minor: number;
  currency: string;
  description: string;
  counterparty_name: string | null;
}

const BANK_VIEW_COLUMNS = 'l.id, l.bank_id, l.account_id, l.booking_date, l.amount_minor, l.currency, l.description, l.counterparty_name';

function toBankView(r: BankViewRow): MatchBankLineView {
  return {
    id: r.id, bankId: r.bank_id, accountId: r.account_id, bookingDate: r.booking_date, amountMinor: r.amount_minor, currency: r.currency,
    description: r.description, counterpartyName: r.counterparty_name,
  };
}

interface ItemViewRow {
  id: number;
  external_id: string | null;
  kind: MatchBookItemView['kind'];
  account_id: number | null;
  document_number: string | null;
  date: string;
  due_date: string | null;
  amount_minor: number;
  open_amount_minor: number;
  currency: string;
  description: string;
  counterparty_name: string | null;
  tax_id: string | null;
}

const ITEM_VIEW_COLUMNS = `i.id, i.external_id, i.kind, i.account_id, i.document_number, i.date, i.due_date, i.amount_minor, i.open_amount_minor, i.currency,
  i.description, i.counterparty_name, i.tax_id`;

/** Allocations of settled matches other than `exceptMatch` to each item. */
function settledAllocations(db: Database, itemIds: readonly number[], exceptMatch: number | null): Map<number, number> {
  if (itemIds.length === 0) return new Map();
  const rows = db.prepare(`
    SELECT ml.ledger_item_id AS id, sum(ml.amount_minor) AS allocated FROM match_lines ml JOIN matches m ON m.id = ml.match_id
    WHERE ml.ledger_item_id IN (SELECT value FROM json_each(?)) AND m.status IN ${SETTLED_STATUSES_SQL} AND m.id IS NOT ?
    GROUP BY ml.ledger_item_id`).all(JSON.stringify(itemIds), exceptMatch) as Array<{ id: number; allocated: number }>;
  return new Map(rows.map((r) => [r.id, r.allocated]));
}

function toItemView(r: ItemViewRow, allocatedMinor: number, otherAllocations: number): MatchBookItemView {
  return {
    id: r.id, externalId: r.external_id, kind: r.kind, accountId: r.account_id, documentNumber: r.document_number, date: r.date, dueDate: r.due_date,
    amountMinor: r.amount_minor, openAmountMinor: r.open_amount_minor - otherAllocations, allocatedMinor, currency: r.currency, description: r.description,
    counterpartyName: r.counterparty_name, taxId: r.tax_id,
  };
}

/** Bank line views by id. */
export function bankViews(db: Database, ids: readonly number[]): Map<number, MatchBankLineView> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare(`SELECT ${BANK_VIEW_COLUMNS} FROM bank_lines l WHERE l.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as BankViewRow[];
  return new Map(rows.map((r) => [r.id, toBankView(r)]));
}

/** Item rows by id. */
function itemRows(db: Database, ids: readonly number[]): Map<number, ItemViewRow> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare(`SELECT ${ITEM_VIEW_COLUMNS} FROM ledger_items i WHERE i.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ItemViewRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** The decision of a match that `undo` would revert, if any. */
export function undoableDecision(db: Database, matchId: number): { id: number; action: string; from_status: string; to_status: string; related_match_id: number | null; learned_alias_id: number | null } | undefined {
  return db.prepare(`SELECT id, action, from_status, to_status, related_match_id, learned_alias_id FROM match_decisions
    WHERE match_id = ? AND action <> 'undo' AND undone_by IS NULL ORDER BY id DESC LIMIT 1`).get(matchId) as ReturnType<typeof undoableDecision>;
}

/** Summaries of the matches `ids`, in that order. */
export function summaries(db: Database, ids: readonly number[]): MatchSummary[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const rows = db.prepare('SELECT * FROM matches WHERE id IN (SELECT value FROM json_each(?))').all(json) as MatchRow[];
  const lines = db.prepare('SELECT match_id, bank_line_id, ledger_item_id, amount_minor FROM match_lines WHERE match_id IN (SELECT value FROM json_each(?)) ORDER BY id').all(json) as Array<{
    match_id: number; bank_line_id: number | null; ledger_item_id: number | null; amount_minor: number;
  }>;
  const bank = bankViews(db, [...new Set(lines.flatMap((l) => (l.bank_line_id === null ? [] : [l.bank_line_id])))]);
  const itemIds = [...new Set(lines.flatMap((l) => (l.ledger_item_id === null ? [] : [l.ledger_item_id])))];
  const items = itemRows(db, itemIds);
  // Allocations of settled matches per item and match, to show what was open before each match.
  const settled = itemIds.length === 0 ? [] : (db.prepare(`
    SELECT ml.ledger_item_id AS item, ml.match_id AS match, ml.amount_minor AS amount FROM match_lines ml JOIN matches m ON m.id = ml.match_id
    WHERE ml.ledger_item_id IN (SELECT value FROM json_each(?)) AND m.status IN ${SETTLED_STATUSES_SQL}`).all(JSON.stringify(itemIds)) as Array<{ item: number; match: number; amount: number }>);
  const canUndo = db.prepare("SELECT 1 FROM match_decisions WHERE match_id = ? AND action <> 'undo' AND undone_by IS NULL LIMIT 1");
  const byId = new Map<number, MatchSummary>();
  for (const r of rows) {
    const own = lines.filter((l) => l.match_id === r.id);
    byId.set(r.id, {
      id: r.id, companyId: r.company_id, runId: r.run_id, kind: r.kind, status: r.status, confidence: r.confidence, band: bandOf(r.confidence),
      currency: r.currency, bankTotalMinor: r.bank_total_minor, differenceMinor: r.difference_minor, differenceTreatment: r.difference_treatment,
      writeOffAccount: r.write_off_account,
      bank: own.flatMap((l) => (l.bank_line_id !== null && bank.has(l.bank_line_id) ? [bank.get(l.bank_line_id)!] : [])),
      books: own.flatMap((l) => {
        const item = l.ledger_item_id === null ? undefined : items.get(l.ledger_item_id);
        if (!item) return [];
        const other = settled.filter((s) => s.item === item.id && s.match !== r.id).reduce((n, s) => n + s.amount, 0);
        return [toItemView(item, l.amount_minor, other)];
      }),
      reasons: (JSON.parse(r.reasons) as Reason[]).map(toReasonView),
      alternativeCount: (JSON.parse(r.alternatives) as unknown[]).length,
      createdAt: r.created_at, decidedBy: r.decided_by, decidedAt: r.decided_at,
      canUndo: canUndo.get(r.id) !== undefined,
    });
  }
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** One match with alternatives and decisions. */
export function matchDetail(db: Database, id: number): MatchDetail {
  const row = db.prepare('SELECT * FROM matches WHERE id = ?').get(id) as MatchRow | undefined;
  const [summary] = summaries(db, [id]);
  if (!row || !summary) throw new CoreError('not_found', 'That match does not exist (it may have been replaced by a newer run).');
  const alternatives = JSON.parse(row.alternatives) as MatchAlternative[];
  const bankIds = [...new Set(alternatives.flatMap((a) => a.bankIds.map(Number)))];
  const itemIds = [...new Set(alternatives.flatMap((a) => a.allocations.map((x) => Number(x.bookId))))];
  const bank = bankViews(db, bankIds);
  const items = itemRows(db, itemIds);
  const settled = settledAllocations(db, itemIds, null);
  const decisions = db.prepare('SELECT id, action, from_status, to_status, username, at, undone_by FROM match_decisions WHERE match_id = ? ORDER BY id').all(id) as Array<{
    id: number; action: MatchDetail['decisions'][number]['action']; from_status: string; to_status: string; username: string; at: string; undone_by: number | null;
  }>;
  return {
    ...summary,
    alternatives: alternatives.map((a, index) => ({
      index, kind: a.kind, confidence: a.confidence, differenceMinor: a.differenceMinor,
      bank: a.bankIds.flatMap((b) => (bank.has(Number(b)) ? [bank.get(Number(b))!] : [])),
      books: a.allocations.flatMap((x) => {
        const item = items.get(Number(x.bookId));
        return item ? [toItemView(item, x.amountMinor, settled.get(item.id) ?? 0)] : [];
      }),
      reasons: a.reasons.map(toReasonView),
    })),
    decisions: decisions.map((d) => ({ id: d.id, action: d.action, fromStatus: d.from_status, toStatus: d.to_status, username: d.username, at: d.at, undone: d.undone_by !== null })),
    engineVersion: row.engine_version,
    note: row.note,
  };
}

const FILTER_SQL: Record<MethodParsedInput<'matches.list'>['filter'], string> = {
  review: `m.status IN ${PENDING_STATUSES_SQL}`,
  auto_approved: "m.status = 'auto_approved'",
  approved: "m.status = 'approved'",
  rejected: "m.status = 'rejected'",
  decided: "m.status IN ('approved', 'rejected')",
  all: "m.status <> 'superseded'",
};

const SORT_SQL: Record<MethodParsedInput<'matches.list'>['sort'], string> = {
  value: 'abs(m.bank_total_minor) DESC, m.id',
  confidence: 'm.confidence DESC, m.id',
  date: 'm.first_date DESC, m.id',
};

/** The WHERE of a list query and its parameters. */
export function matchWhere(q: { companyId: number; accountId: number | null; filter: MethodParsedInput<'matches.list'>['filter']; band: ConfidenceBand | null; search?: string; runId?: number | null }): { sql: string; params: Record<string, unknown> } {
  const terms = ['m.company_id = @companyId', FILTER_SQL[q.filter]];
  const params: Record<string, unknown> = { companyId: q.companyId };
  if (q.runId !== undefined && q.runId !== null) {
    terms.push('m.run_id = @runId');
    params['runId'] = q.runId;
  }
  if (q.accountId !== null) {
    terms.push('EXISTS (SELECT 1 FROM match_lines x JOIN bank_lines xl ON xl.id = x.bank_line_id WHERE x.match_id = m.id AND xl.account_id = @accountId)');
    params['accountId'] = q.accountId;
  }
  if (q.band !== null) terms.push(bandSql(q.band));
  const search = (q.search ?? '').trim().toLowerCase();
  if (search !== '') {
    params['search'] = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    terms.push(`(EXISTS (SELECT 1 FROM match_lines x JOIN bank_lines xl ON xl.id = x.bank_line_id WHERE x.match_id = m.id
        AND (lower(xl.description) LIKE @search ESCAPE '\\' OR lower(ifnull(xl.counterparty_name, '')) LIKE @search ESCAPE '\\' OR ifnull(xl.bank_id, '') LIKE @search ESCAPE '\\'))
      OR EXISTS (SELECT 1 FROM match_lines x JOIN ledger_items xi ON xi.id = x.ledger_item_id WHERE x.match_id = m.id
        AND (lower(ifnull(xi.document_number, '')) LIKE @search ESCAPE '\\' OR lower(ifnull(xi.counterparty_name, '')) LIKE @search ESCAPE '\\'
             OR lower(ifnull(xi.external_id, '')) LIKE @search ESCAPE '\\')))`);
  }
  return { sql: terms.join(' AND '), params };
}

/** A page of the review queue. */
export function listMatches(db: Database, q: MethodParsedInput<'matches.list'>): { total: number; offset: number; rows: MatchSummary[] } {
  const { sql, params } = matchWhere(q);
  const total = (db.prepare(`SELECT count(*) AS n FROM matches m WHERE ${sql}`).get(params) as { n: number }).n;
  const ids = (db.prepare(`SELECT m.id FROM matches m WHERE ${sql} ORDER BY ${SORT_SQL[q.sort]} LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.limit, offset: q.offset }) as Array<{ id: number }>).map((r) => r.id);
  return { total, offset: q.offset, rows: summaries(db, ids) };
}

/** Counts for the queue's tabs and the overview. */
export function matchCounts(db: Database, companyId: number, accountId: number | null): MatchCounts {
  const accountTerm = accountId === null ? '' : 'AND EXISTS (SELECT 1 FROM match_lines x JOIN bank_lines xl ON xl.id = x.bank_line_id WHERE x.match_id = m.id AND xl.account_id = @accountId)';
  const params = { companyId, accountId };
  const statusRows = db.prepare(`SELECT m.status, count(*) AS n FROM matches m WHERE m.company_id = @companyId ${accountTerm} GROUP BY m.status`).all(params) as Array<{ status: string; n: number }>;
  const byStatus = Object.fromEntries(statusRows.map((r) => [r.status, r.n]));
  const band = db.prepare(`SELECT sum(m.confidence >= ${BAND_HIGH}) AS high, sum(m.confidence >= ${BAND_MEDIUM} AND m.confidence < ${BAND_HIGH}) AS medium,
    sum(m.confidence < ${BAND_MEDIUM}) AS low FROM matches m WHERE m.company_id = @companyId AND m.status IN ${PENDING_STATUSES_SQL} ${accountTerm}`).get(params) as { high: number | null; medium: number | null; low: number | null };
  const lines = db.prepare(`
    SELECT sum(st = 'matched') AS matched, sum(st = 'pending') AS pending, sum(st = 'unmatched') AS unmatched FROM (
      SELECT CASE
        WHEN EXISTS (SELECT 1 FROM match_lines ml JOIN matches m ON m.id = ml.match_id WHERE ml.bank_line_id = l.id AND m.status IN ${SETTLED_STATUSES_SQL}) THEN 'matched'
        WHEN EXISTS (SELECT 1 FROM match_lines ml JOIN matches m ON m.id = ml.match_id WHERE ml.bank_line_id = l.id AND m.status IN ${PENDING_STATUSES_SQL}) THEN 'pending'
        ELSE 'unmatched' END AS st
      FROM bank_lines l JOIN bank_accounts a ON a.id = l.account_id
      WHERE a.company_id = @companyId AND (@accountId IS NULL OR l.account_id = @accountId) AND l.provisional = 0)`).get(params) as { matched: number | null; pending: number | null; unmatched: number | null };
  const openItems = db.prepare(`
    SELECT count(*) AS n FROM ledger_items i WHERE i.company_id = @companyId AND (@accountId IS NULL OR i.account_id IS NULL OR i.account_id = @accountId)
      AND i.open_amount_minor - ifnull((SELECT sum(ml.amount_minor) FROM match_lines ml JOIN matches m ON m.id = ml.match_id
          WHERE ml.ledger_item_id = i.id AND m.status IN ${SETTLED_STATUSES_SQL}), 0) <> 0`).get(params) as { n: number };
  const n = (k: string): number => (byStatus[k] as number | undefined) ?? 0;
  return {
    byStatus: { pending_review: n('pending_review') + n('proposed'), auto_approved: n('auto_approved'), approved: n('approved'), rejected: n('rejected') },
    reviewByBand: { high: band.high ?? 0, medium: band.medium ?? 0, low: band.low ?? 0 },
    bankLines: { matched: lines.matched ?? 0, pending: lines.pending ?? 0, unmatched: lines.unmatched ?? 0 },
    openBookItems: openItems.n,
  };
}
