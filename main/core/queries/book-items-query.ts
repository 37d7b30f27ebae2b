/** Books items of one company (open items and ledger entries) as the lists show them: filtered, sorted, paged. */
import type { Database } from 'better-sqlite3';
import { REMAINING_SQL } from '../reconcile/engine-input.js';
import type { BookItemRow } from '../contract/index.js';
import { cached } from '../db/repos/statement-cache.js';
import { matchStatusSql, toMatchStatus } from './match-status.js';
import { pageOfIds, type ExtraFilter, type ListTable, type PageQuery } from './page-sql.js';

/** The kinds of books item (the contract's enum). */
export type BookItemKind = BookItemRow['kind'];

/** What the books list takes beyond the page query. */
export interface BookItemsFilter {
  /** Only the ledger entries of this bank account; null: every item of the company. */
  accountId: number | null;
  kind: BookItemKind | null;
}

/** A page of books items and how many match in all. */
export interface BookItemsPage {
  total: number;
  offset: number;
  rows: BookItemRow[];
}

const LEDGER_ITEMS: ListTable = {
  side: 'books',
  table: 'ledger_items',
  alias: 'i',
  scope: 'company_id',
  dateColumn: 'date',
  searchTable: 'ledger_item_search',
  searchId: 'item_id',
};

interface StoredItem {
  id: number;
  external_id: string | null;
  account_id: number | null;
  kind: BookItemKind;
  document_number: string | null;
  date: string;
  due_date: string | null;
  amount_minor: number;
  open_amount_minor: number;
  currency: string;
  description: string;
  counterparty_name: string | null;
  tax_id: string | null;
  payment_reference: string | null;
  cfdi_uuid: string | null;
  status: string;
}

const ROWS_SQL = `SELECT i.id, i.external_id, i.account_id, i.kind, i.document_number, i.date, i.due_date, i.amount_minor,
    ${REMAINING_SQL} AS open_amount_minor, i.currency, i.description, i.counterparty_name, i.tax_id, i.payment_reference, i.cfdi_uuid,
    ${matchStatusSql('books', 'i.id')} AS status
  FROM ledger_items i WHERE i.id IN (SELECT value FROM json_each(@ids))`;

function toRow(item: StoredItem): BookItemRow {
  return {
    id: item.id,
    externalId: item.external_id,
    accountId: item.account_id,
    kind: item.kind,
    documentNumber: item.document_number,
    date: item.date,
    dueDate: item.due_date,
    amountMinor: item.amount_minor,
    openAmountMinor: item.open_amount_minor,
    currency: item.currency,
    description: item.description,
    counterpartyName: item.counterparty_name,
    taxId: item.tax_id,
    paymentReference: item.payment_reference,
    cfdiUuid: item.cfdi_uuid,
    status: toMatchStatus(item.status),
  };
}

/** The page of a company's books items that `query` asks for (company and account are not checked here). */
export function listBookItems(db: Database, companyId: number, filter: BookItemsFilter, query: PageQuery): BookItemsPage {
  const extra: ExtraFilter = { where: [], params: {} };
  if (filter.accountId !== null) {
    // The account is the company's (checked by the caller): its entries are the company's too.
    extra.scopeTerm = 'i.account_id = @accountId';
    extra.params.accountId = filter.accountId;
  }
  if (filter.kind !== null) {
    extra.where.push('i.kind = @kind');
    extra.params.kind = filter.kind;
  }
  const page = pageOfIds(db, LEDGER_ITEMS, companyId, query, extra);
  if (page.ids.length === 0) return { total: page.total, offset: query.offset, rows: [] };
  const byId = new Map<number, StoredItem>();
  for (const item of cached(db, ROWS_SQL).all({ ids: JSON.stringify(page.ids) }) as StoredItem[]) byId.set(item.id, item);
  const rows = page.ids.flatMap((id) => {
    const item = byId.get(id);
    return item ? [toRow(item)] : [];
  });
  return { total: page.total, offset: query.offset, rows };
}
