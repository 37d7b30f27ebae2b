/**
 * SQL of the books side: ledger items, CFDI payment evidence and its allocations. Plain
 * functions over the core's connection; statements prepared once per connection. Nothing here
 * deletes a row: imports add items and update open amounts and due dates.
 */
import type { Database } from 'better-sqlite3';
import { cached } from '../db/repos/statement-cache.js';

/** What duplicate detection needs of a stored item. */
export interface StoredItem {
  id: number;
  identity_key: string;
  amount_minor: number;
  open_amount_minor: number;
  currency: string;
  due_date: string | null;
}

/** The company's item with this identity key, or undefined. */
export function itemByIdentity(db: Database, companyId: number, key: string): StoredItem | undefined {
  return cached(
    db,
    'SELECT id, identity_key, amount_minor, open_amount_minor, currency, due_date FROM ledger_items WHERE company_id = ? AND identity_key = ?',
  ).get(companyId, key) as StoredItem | undefined;
}

/** A new `ledger_items` row. */
export interface NewItem {
  companyId: number;
  accountId: number | null;
  batchId: number;
  externalId: string | null;
  kind: string;
  documentNumber: string | null;
  date: string;
  dueDate: string | null;
  amountMinor: number;
  openAmountMinor: number;
  currency: string;
  description: string;
  counterpartyName: string | null;
  taxId: string | null;
  paymentReference: string | null;
  cfdiUuid: string | null;
  cfdiJson: string | null;
  identityKey: string;
  sourceLine: number | null;
  now: string;
}

/** Inserts an item and returns its id. */
export function insertItem(db: Database, i: NewItem): number {
  const result = cached(
    db,
    `INSERT INTO ledger_items (company_id, account_id, batch_id, external_id, kind, document_number, date, due_date,
       amount_minor, open_amount_minor, currency, description, counterparty_name, tax_id, payment_reference, cfdi_uuid, cfdi,
       identity_key, source_line, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    i.companyId, i.accountId, i.batchId, i.externalId, i.kind, i.documentNumber, i.date, i.dueDate,
    i.amountMinor, i.openAmountMinor, i.currency, i.description, i.counterpartyName, i.taxId, i.paymentReference, i.cfdiUuid, i.cfdiJson,
    i.identityKey, i.sourceLine, i.now, i.now,
  );
  return Number(result.lastInsertRowid);
}

/** Sets an item's open amount and due date, naming the import that changed them. */
export function updateItemOpen(db: Database, u: { id: number; openAmountMinor: number; dueDate: string | null; batchId: number; now: string }): void {
  cached(db, 'UPDATE ledger_items SET open_amount_minor = ?, due_date = ?, updated_batch_id = ?, updated_at = ? WHERE id = ?').run(
    u.openAmountMinor, u.dueDate, u.batchId, u.now, u.id,
  );
}

/** True when the company already holds the payment evidence with this key. */
export function hasEvidence(db: Database, companyId: number, key: string): boolean {
  return cached(db, 'SELECT 1 FROM payment_evidence WHERE company_id = ? AND evidence_key = ?').get(companyId, key) !== undefined;
}

/** One payment of a CFDI complement in column order of `insertEvidence`. */
export type EvidenceValues = [
  companyId: number,
  batchId: number,
  evidenceKey: string,
  complementUuid: string | null,
  complementVersion: string | null,
  date: string,
  amountMinor: number,
  currency: string,
  exchangeRate: string | null,
  paymentForm: string | null,
  operationNumber: string | null,
  payerBankRfc: string | null,
  payerAccount: string | null,
  payeeBankRfc: string | null,
  payeeAccount: string | null,
  payerBankName: string | null,
  issuerRfc: string | null,
  issuerName: string | null,
  receiverRfc: string | null,
  receiverName: string | null,
  direction: 'issued' | 'received' | 'unknown',
  sourceLine: number | null,
  createdAt: string,
];

/** Inserts a payment's evidence and returns its id. */
export function insertEvidence(db: Database, values: EvidenceValues): number {
  const result = cached(
    db,
    `INSERT INTO payment_evidence (company_id, batch_id, evidence_key, complement_uuid, complement_version, date, amount_minor, currency,
       exchange_rate, payment_form, operation_number, payer_bank_rfc, payer_account, payee_bank_rfc, payee_account, payer_bank_name,
       issuer_rfc, issuer_name, receiver_rfc, receiver_name, direction, source_line, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...values);
  return Number(result.lastInsertRowid);
}

/** One invoice a payment pays, in column order of `insertAllocation`. */
export type AllocationValues = [
  evidenceId: number,
  position: number,
  invoiceUuid: string,
  amountPaidMinor: number,
  currency: string,
  previousBalanceMinor: number | null,
  remainingBalanceMinor: number | null,
  installment: number | null,
  equivalence: string | null,
  exchangeRateDr: string | null,
  series: string | null,
  folio: string | null,
];

/** Inserts an allocation of a payment. */
export function insertAllocation(db: Database, values: AllocationValues): void {
  cached(
    db,
    `INSERT INTO payment_allocations (evidence_id, position, invoice_uuid, amount_paid_minor, currency, previous_balance_minor,
       remaining_balance_minor, installment, equivalence, exchange_rate_dr, series, folio)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...values);
}
