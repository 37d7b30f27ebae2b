/**
 * One page of a filtered, sorted list of bank lines or books items: the ids of the page and the
 * total, computed by SQL that picks its access path by the query's shape.
 *
 *  - No search, sorted by date or amount: the table's (scope, date) or (scope, amount) index
 *    gives the rows in order; the count is an index count.
 *  - No search, sorted by description, no other filter: the search table's (scope, sort_text)
 *    index gives the rows in order.
 *  - A search: the matching ids are collected once from the search table (a scan of the scope's
 *    compact folded text; MATERIALIZED so SQLite does not turn it into a probe per row of the big
 *    table), joined to the table for the other filters, sorted, and counted in the same pass —
 *    unless the other filters leave few rows (a month, an account's ledger): then those rows are
 *    walked by their index and each one's folded text is looked up.
 * Ties are broken by id in the sort's direction, so pages never overlap or skip rows.
 */
import type { Database } from 'better-sqlite3';
import { cached } from '../db/repos/statement-cache.js';
import { containsPattern, searchTerms } from './fold.js';
import { statusFilterSql, type MatchStatusFilter } from './match-status.js';

/** The filters, sort and page every list takes (the contract's page query, defaults applied). */
export interface PageQuery {
  from: string | null;
  to: string | null;
  minAmountMinor: number | null;
  maxAmountMinor: number | null;
  search: string;
  status: MatchStatusFilter;
  sort: 'date' | 'amount' | 'description';
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** How one listed table is laid out (names are constants of this module's callers, never input). */
export interface ListTable {
  side: 'bank' | 'books';
  table: string;
  /** The table's alias in the SQL (the callers' extra WHERE terms use it). */
  alias: string;
  /** The column both the table and its search table are partitioned by (account_id, company_id). */
  scope: string;
  dateColumn: string;
  searchTable: string;
  /** The search table's column holding the row's id. */
  searchId: string;
}

/** WHERE terms a caller adds (over `alias`), with their named parameters. */
export interface ExtraFilter {
  where: string[];
  params: Record<string, string | number>;
  /**
   * Replaces the table's `scope = @scope` term by a narrower one that implies it (the books of one
   * account: `i.account_id = @accountId`), so SQLite uses that column's index.
   */
  scopeTerm?: string;
}

/** A page: the total of matching rows and the ids of this page, in order. */
export interface IdPage {
  total: number;
  ids: number[];
}

type Params = Record<string, string | number>;

function amountTerms(column: string, q: PageQuery, params: Params): string[] {
  const min = q.minAmountMinor === null ? null : Math.max(0, q.minAmountMinor);
  const max = q.maxAmountMinor;
  // On the absolute value, written as ranges of the signed amount so the (scope, amount) index serves.
  if (max !== null) params.maxAbs = max;
  if (min !== null && min > 0) params.minAbs = min;
  if (max !== null && min !== null && min > 0) {
    return [`(${column} BETWEEN @minAbs AND @maxAbs OR ${column} BETWEEN -@maxAbs AND -@minAbs)`];
  }
  if (max !== null) return [`${column} BETWEEN -@maxAbs AND @maxAbs`];
  if (min !== null && min > 0) return [`(${column} >= @minAbs OR ${column} <= -@minAbs)`];
  return [];
}

function rowFilters(t: ListTable, q: PageQuery, extra: ExtraFilter, params: Params): string[] {
  const a = t.alias;
  const where = [...extra.where];
  if (q.from !== null) {
    where.push(`${a}.${t.dateColumn} >= @from`);
    params.from = q.from;
  }
  if (q.to !== null) {
    where.push(`${a}.${t.dateColumn} <= @to`);
    params.to = q.to;
  }
  where.push(...amountTerms(`${a}.amount_minor`, q, params));
  const status = statusFilterSql(t.side, `${a}.id`, q.status);
  if (status !== null) {
    where.push(status);
    params.status = q.status;
  }
  return where;
}

function orderBy(t: ListTable, q: PageQuery, textAlias: string): string {
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  const a = t.alias;
  const key = q.sort === 'date' ? `${a}.${t.dateColumn}` : q.sort === 'amount' ? `${a}.amount_minor` : `${textAlias}.sort_text`;
  return `${key} ${dir}, ${a}.id ${dir}`;
}

const whereSql = (terms: string[]): string => terms.join(' AND ');

/** Below this many rows left by the non-text filters, a search walks those rows instead of scanning the scope. */
const NARROW_ROWS = 100_000;

/** Whether at most `limit` rows pass `where` (counting stops at limit + 1, so this stays cheap). */
function filteredRowsAtMost(db: Database, t: ListTable, where: string, params: Params, limit: number): boolean {
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${t.table} ${t.alias} WHERE ${where} LIMIT ${limit + 1})`;
  return (cached(db, sql).get(params) as { n: number }).n <= limit;
}

/** True when the page reads the search table (a search, or the description sort): it must be refreshed first. */
export function usesSearchTable(q: Pick<PageQuery, 'search' | 'sort'>): boolean {
  return q.sort === 'description' || searchTerms(q.search).length > 0;
}

interface Shape {
  t: ListTable;
  q: PageQuery;
  extra: ExtraFilter;
  params: Params;
  /** The non-text filters, without the scope term. */
  filters: string[];
  /** The scope term and the filters, as one WHERE clause over the table. */
  where: string;
}

const PAGE = 'LIMIT @limit OFFSET @offset';

/** A page without a search: index order for date and amount, the search table's sort index for description. */
function plainPage(db: Database, { t, q, extra, params, filters, where }: Shape): IdPage {
  const a = t.alias;
  const total = (cached(db, `SELECT count(*) AS n FROM ${t.table} ${a} WHERE ${where}`).get(params) as { n: number }).n;
  if (total <= q.offset) return { total, ids: [] };
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  let sql: string;
  if (q.sort !== 'description') {
    sql = `SELECT ${a}.id AS id FROM ${t.table} ${a} WHERE ${where} ORDER BY ${orderBy(t, q, 's')} ${PAGE}`;
  } else if (filters.length === 0 && extra.scopeTerm === undefined) {
    sql = `SELECT s.${t.searchId} AS id FROM ${t.searchTable} s WHERE s.${t.scope} = @scope
      ORDER BY s.sort_text ${dir}, s.${t.searchId} ${dir} ${PAGE}`;
  } else {
    sql = `SELECT ${a}.id AS id FROM ${t.table} ${a}
      CROSS JOIN ${t.searchTable} s ON s.${t.scope} = ${a}.${t.scope} AND s.${t.searchId} = ${a}.id
      WHERE ${where} ORDER BY ${orderBy(t, q, 's')} ${PAGE}`;
  }
  return { total, ids: (cached(db, sql).all(params) as Array<{ id: number }>).map((r) => r.id) };
}

/** A page of a search (every term in the folded text), sorted and counted in one statement. */
function searchPage(db: Database, { t, q, extra, params, where }: Shape, terms: string[], narrowRows: number): IdPage {
  const a = t.alias;
  const matches = whereSql(
    terms.map((term, i) => {
      params[`t${i}`] = containsPattern(term);
      return `(s.sort_text LIKE @t${i} ESCAPE '\\' OR s.text LIKE @t${i} ESCAPE '\\')`;
    }),
  );
  // Few rows left by an indexed filter (a month, one account's ledger): walk those by their index
  // and look each one's text up. Otherwise scan the scope's search rows once for the matches.
  // (Kind and amount filters are not counted first: without their own index that count is a scan.)
  const indexedFilter = q.from !== null || q.to !== null || extra.scopeTerm !== undefined;
  const narrow = indexedFilter && filteredRowsAtMost(db, t, where, params, narrowRows);
  const hits = narrow
    ? ''
    : `WITH hits(id, sort_text) AS MATERIALIZED (
        SELECT s.${t.searchId}, s.sort_text FROM ${t.searchTable} s WHERE s.${t.scope} = @scope AND ${matches}) `;
  const from = narrow
    ? `FROM ${t.table} ${a} CROSS JOIN ${t.searchTable} s ON s.${t.scope} = ${a}.${t.scope} AND s.${t.searchId} = ${a}.id
        WHERE ${where} AND ${matches}`
    : `FROM hits h CROSS JOIN ${t.table} ${a} ON ${a}.id = h.id WHERE ${where}`;
  const rows = cached(db, `${hits}SELECT ${a}.id AS id, count(*) OVER () AS total ${from} ORDER BY ${orderBy(t, q, narrow ? 's' : 'h')} ${PAGE}`)
    .all(params) as Array<{ id: number; total: number }>;
  if (rows.length > 0) return { total: rows[0]!.total, ids: rows.map((r) => r.id) };
  // Past the last page (or nothing found): the window had no row to carry the total.
  const total = q.offset === 0 ? 0 : (cached(db, `${hits}SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
  return { total, ids: [] };
}

/**
 * The page's ids and the total; `extra` adds the caller's own filters (account, kind).
 * `narrowRows` is the NARROW_ROWS threshold (tests set it to compare both search plans).
 */
export function pageOfIds(db: Database, t: ListTable, scopeId: number, q: PageQuery, extra: ExtraFilter, narrowRows = NARROW_ROWS): IdPage {
  const params: Params = { ...extra.params, scope: scopeId, limit: q.limit, offset: q.offset };
  const filters = rowFilters(t, q, extra, params);
  const where = whereSql([extra.scopeTerm ?? `${t.alias}.${t.scope} = @scope`, ...filters]);
  const shape: Shape = { t, q, extra, params, filters, where };
  const terms = searchTerms(q.search);
  return terms.length === 0 ? plainPage(db, shape) : searchPage(db, shape, terms, narrowRows);
}
