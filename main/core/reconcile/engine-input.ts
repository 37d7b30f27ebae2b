/**
 * Reads what a reconciliation run looks at from the database and turns it into the engine's
 * plain input: bank lines and books items still open (not in an approved or auto-approved
 * match), CFDI payment complements, learned aliases and rules, rejected pairs and the company's
 * own accounts. Engine ids are the database ids as strings.
 */
import type { Database } from 'better-sqlite3';
import type { PaymentEvidence } from '../importers/books-types.js';
import type { LearnedAlias, MatchBankLine, MatchBookItem, MatchInput, OwnAccount, RejectedPair } from '../matching/index.js';
import { referencesToList } from '../matching/index.js';
import type { References } from '../importers/types.js';
import { SETTLED_STATUSES_SQL } from './statuses.js';

/** Which bank accounts a run covers (null: every account of the company). */
export interface RunScope {
  companyId: number;
  accountIds: readonly number[] | null;
}

interface BankRow {
  id: number;
  account_id: number;
  booking_date: string;
  value_date: string | null;
  amount_minor: number;
  currency: string;
  description: string;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  counterparty_tax_id: string | null;
  refs: string;
}

interface ItemRow {
  id: number;
  kind: MatchBookItem['kind'];
  date: string;
  due_date: string | null;
  open_minor: number;
  currency: string;
  counterparty_name: string | null;
  tax_id: string | null;
  document_number: string | null;
  payment_reference: string | null;
  cfdi_uuid: string | null;
}

/** The ids of the accounts in scope (checked to belong to the company). */
export function scopeAccountIds(db: Database, scope: RunScope): number[] {
  const all = (db.prepare('SELECT id FROM bank_accounts WHERE company_id = ? ORDER BY id').all(scope.companyId) as Array<{ id: number }>).map((r) => r.id);
  if (scope.accountIds === null) return all;
  const own = new Set(all);
  return scope.accountIds.filter((id) => own.has(id));
}

function parseRefs(json: string): string[] {
  try {
    return referencesToList(JSON.parse(json) as References);
  } catch {
    return [];
  }
}

/** Open bank lines of the accounts: not provisional, not in a settled match. */
function loadBankLines(db: Database, accountIds: readonly number[]): MatchBankLine[] {
  if (accountIds.length === 0) return [];
  const rows = db.prepare(`
    SELECT l.id, l.account_id, l.booking_date, l.value_date, l.amount_minor, l.currency, l.description,
           l.counterparty_name, l.counterparty_iban, l.counterparty_tax_id, l.refs
    FROM bank_lines l
    WHERE l.account_id IN (SELECT value FROM json_each(?)) AND l.provisional = 0
      AND NOT EXISTS (SELECT 1 FROM match_lines ml JOIN matches m ON m.id = ml.match_id
                      WHERE ml.bank_line_id = l.id AND m.status IN ${SETTLED_STATUSES_SQL})
    ORDER BY l.booking_date, l.id`).all(JSON.stringify(accountIds)) as BankRow[];
  return rows.map((r) => {
    const line: MatchBankLine = {
      id: String(r.id), accountId: String(r.account_id), bookingDate: r.booking_date, valueDate: r.value_date,
      amountMinor: r.amount_minor, currency: r.currency, description: r.description, references: parseRefs(r.refs),
    };
    if (r.counterparty_name) line.counterpartyName = r.counterparty_name;
    if (r.counterparty_iban) line.counterpartyIban = r.counterparty_iban;
    if (r.counterparty_tax_id) line.counterpartyTaxId = r.counterparty_tax_id;
    return line;
  });
}

/** SQL for what is still open of item `i`: its open amount less what settled matches allocated to it. */
export const REMAINING_SQL = `(i.open_amount_minor - ifnull((SELECT sum(ml.amount_minor) FROM match_lines ml JOIN matches m ON m.id = ml.match_id
   WHERE ml.ledger_item_id = i.id AND m.status IN ${SETTLED_STATUSES_SQL}), 0))`;

/** Books items still open: every open item of the company, and the ledger entries of the accounts in scope. */
function loadBookItems(db: Database, companyId: number, accountIds: readonly number[]): MatchBookItem[] {
  const rows = db.prepare(`
    SELECT * FROM (
      SELECT i.id, i.kind, i.date, i.due_date, ${REMAINING_SQL} AS open_minor, i.currency, i.counterparty_name, i.tax_id,
             i.document_number, i.payment_reference, i.cfdi_uuid
      FROM ledger_items i
      WHERE i.company_id = ? AND (i.account_id IS NULL OR i.account_id IN (SELECT value FROM json_each(?))))
    WHERE open_minor <> 0
    ORDER BY date, id`).all(companyId, JSON.stringify(accountIds)) as ItemRow[];
  return rows.map((r) => {
    const item: MatchBookItem = { id: String(r.id), kind: r.kind, date: r.date, dueDate: r.due_date, openAmountMinor: r.open_minor, currency: r.currency };
    if (r.counterparty_name) item.counterpartyName = r.counterparty_name;
    if (r.tax_id) item.taxId = r.tax_id;
    if (r.document_number) item.documentNumber = r.document_number;
    if (r.payment_reference) item.paymentReference = r.payment_reference;
    if (r.cfdi_uuid) item.cfdiUuid = r.cfdi_uuid;
    return item;
  });
}

interface EvidenceRow {
  id: number;
  evidence_key: string;
  complement_uuid: string | null;
  complement_version: '1.0' | '2.0' | null;
  date: string;
  amount_minor: number;
  currency: string;
  exchange_rate: string | null;
  payment_form: string | null;
  operation_number: string | null;
  payer_bank_rfc: string | null;
  payer_account: string | null;
  payee_bank_rfc: string | null;
  payee_account: string | null;
  issuer_rfc: string | null;
  issuer_name: string | null;
  receiver_rfc: string | null;
  receiver_name: string | null;
  direction: 'issued' | 'received' | 'unknown';
}

interface AllocationRow {
  evidence_id: number;
  invoice_uuid: string;
  amount_paid_minor: number;
  currency: string;
  previous_balance_minor: number | null;
  remaining_balance_minor: number | null;
  installment: number | null;
  equivalence: string | null;
}

/** The company's CFDI payment complements with their allocations. */
function loadPayments(db: Database, companyId: number): PaymentEvidence[] {
  const rows = db.prepare('SELECT * FROM payment_evidence WHERE company_id = ? ORDER BY id').all(companyId) as EvidenceRow[];
  if (rows.length === 0) return [];
  const allocations = db.prepare(`
    SELECT a.* FROM payment_allocations a JOIN payment_evidence e ON e.id = a.evidence_id
    WHERE e.company_id = ? ORDER BY a.evidence_id, a.position`).all(companyId) as AllocationRow[];
  const byEvidence = new Map<number, AllocationRow[]>();
  for (const a of allocations) byEvidence.set(a.evidence_id, [...(byEvidence.get(a.evidence_id) ?? []), a]);
  const money = (minor: number, currency: string) => ({ minor, currency });
  return rows.map((r) => {
    const p: PaymentEvidence = {
      id: r.evidence_key, complementUuid: r.complement_uuid ?? '', date: r.date, amount: money(r.amount_minor, r.currency), direction: r.direction,
      allocations: (byEvidence.get(r.id) ?? []).map((a) => ({
        invoiceUuid: a.invoice_uuid, amountPaid: money(a.amount_paid_minor, a.currency),
        previousBalance: a.previous_balance_minor === null ? null : money(a.previous_balance_minor, a.currency),
        remainingBalance: a.remaining_balance_minor === null ? null : money(a.remaining_balance_minor, a.currency),
        installment: a.installment, ...(a.equivalence ? { equivalence: a.equivalence } : {}),
      })),
    };
    if (r.complement_version) p.complementVersion = r.complement_version;
    if (r.exchange_rate) p.exchangeRate = r.exchange_rate;
    if (r.payment_form) p.paymentForm = r.payment_form;
    if (r.operation_number) p.operationNumber = r.operation_number;
    if (r.payer_bank_rfc) p.payerRfc = r.payer_bank_rfc;
    if (r.payer_account) p.payerAccount = r.payer_account;
    if (r.payee_bank_rfc) p.payeeRfc = r.payee_bank_rfc;
    if (r.payee_account) p.payeeAccount = r.payee_account;
    if (r.issuer_rfc) p.issuerRfc = r.issuer_rfc;
    if (r.issuer_name) p.issuerName = r.issuer_name;
    if (r.receiver_rfc) p.receiverRfc = r.receiver_rfc;
    if (r.receiver_name) p.receiverName = r.receiver_name;
    return p;
  });
}

function loadAliases(db: Database, companyId: number): LearnedAlias[] {
  const rows = db.prepare('SELECT bank_text, counterparty_name, tax_id FROM counterparty_aliases WHERE company_id = ? ORDER BY id').all(companyId) as Array<{
    bank_text: string; counterparty_name: string | null; tax_id: string | null;
  }>;
  return rows.map((r) => ({ bankText: r.bank_text, ...(r.counterparty_name ? { counterpartyName: r.counterparty_name } : {}), ...(r.tax_id ? { taxId: r.tax_id } : {}) }));
}

function loadRejected(db: Database, companyId: number): RejectedPair[] {
  const rows = db.prepare('SELECT bank_line_id, ledger_item_id FROM rejected_pairs WHERE company_id = ? ORDER BY id').all(companyId) as Array<{ bank_line_id: number; ledger_item_id: number }>;
  return rows.map((r) => ({ bankId: String(r.bank_line_id), bookId: String(r.ledger_item_id) }));
}

function loadOwnAccounts(db: Database, companyId: number): OwnAccount[] {
  const rows = db.prepare('SELECT id, iban, number FROM bank_accounts WHERE company_id = ? ORDER BY id').all(companyId) as Array<{ id: number; iban: string | null; number: string | null }>;
  return rows.map((r) => ({ accountId: String(r.id), ...(r.iban ? { iban: r.iban } : {}), ...(r.number ? { number: r.number } : {}) }));
}

/** Everything one run over `scope` looks at, read in one snapshot. */
export function loadEngineInput(db: Database, scope: RunScope): MatchInput {
  return db.transaction(() => {
    const accountIds = scopeAccountIds(db, scope);
    return {
      bankLines: loadBankLines(db, accountIds),
      bookItems: loadBookItems(db, scope.companyId, accountIds),
      payments: loadPayments(db, scope.companyId),
      aliases: loadAliases(db, scope.companyId),
      rejectedPairs: loadRejected(db, scope.companyId),
      ownAccounts: loadOwnAccounts(db, scope.companyId),
    };
  })();
}
