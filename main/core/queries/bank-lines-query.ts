/** Bank lines of one account as the account view lists them: filtered, sorted, paged. */
import type { Database } from 'better-sqlite3';
import type { BankLineRow } from '../contract/index.js';
import { cached } from '../db/repos/statement-cache.js';
import { matchStatusSql, toMatchStatus } from './match-status.js';
import { pageOfIds, type ListTable, type PageQuery } from './page-sql.js';

/** A page of bank lines and how many match in all. */
export interface BankLinesPage {
  total: number;
  offset: number;
  rows: BankLineRow[];
}

const BANK_LINES: ListTable = {
  side: 'bank',
  table: 'bank_lines',
  alias: 'l',
  scope: 'account_id',
  dateColumn: 'booking_date',
  searchTable: 'bank_line_search',
  searchId: 'line_id',
};

interface StoredLine {
  id: number;
  account_id: number;
  booking_date: string;
  value_date: string | null;
  amount_minor: number;
  currency: string;
  description: string;
  counterparty_name: string | null;
  refs: string;
  bank_id: string | null;
  provisional: number;
  status: string;
}

const ROWS_SQL = `SELECT l.id, l.account_id, l.booking_date, l.value_date, l.amount_minor, l.currency, l.description,
    l.counterparty_name, l.refs, l.bank_id, l.provisional, ${matchStatusSql('bank', 'l.id')} AS status
  FROM bank_lines l WHERE l.id IN (SELECT value FROM json_each(@ids))`;

/** The reference a person recognises first: the payer's own, then the creditor's, the document's, the bank's. */
const REFERENCE_ORDER = ['endToEndId', 'creditorReference', 'documentNumber', 'bankReference', 'mandateId'] as const;

/** The line's main reference from its stored references (JSON written by the import service). */
export function primaryReference(refsJson: string): string | null {
  let refs: unknown;
  try {
    refs = JSON.parse(refsJson);
  } catch {
    return null;
  }
  if (typeof refs !== 'object' || refs === null) return null;
  const record = refs as Record<string, unknown>;
  for (const key of REFERENCE_ORDER) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  const other = record.other;
  if (Array.isArray(other)) {
    const first: unknown = other.find((v: unknown) => typeof v === 'string' && v.trim() !== '');
    if (typeof first === 'string') return first;
  }
  return null;
}

function toRow(line: StoredLine): BankLineRow {
  return {
    id: line.id,
    accountId: line.account_id,
    bookingDate: line.booking_date,
    valueDate: line.value_date,
    amountMinor: line.amount_minor,
    currency: line.currency,
    description: line.description,
    counterpartyName: line.counterparty_name,
    reference: primaryReference(line.refs),
    bankId: line.bank_id,
    provisional: line.provisional === 1,
    status: toMatchStatus(line.status),
  };
}

/** The page of an account's bank lines that `query` asks for (the account is not checked here). */
export function listBankLines(db: Database, accountId: number, query: PageQuery): BankLinesPage {
  const page = pageOfIds(db, BANK_LINES, accountId, query, { where: [], params: {} });
  if (page.ids.length === 0) return { total: page.total, offset: query.offset, rows: [] };
  const byId = new Map<number, StoredLine>();
  for (const line of cached(db, ROWS_SQL).all({ ids: JSON.stringify(page.ids) }) as StoredLine[]) byId.set(line.id, line);
  const rows = page.ids.flatMap((id) => {
    const line = byId.get(id);
    return line ? [toRow(line)] : [];
  });
  return { total: page.total, offset: query.offset, rows };
}
