import type { Counterparty, Diagnostic, Money } from './types.js';

/**
 * The books side, as importers produce it (pure data, not yet stored).
 * Sign convention (DESIGN.md): positive = money expected INTO the bank (a customer
 * invoice, a receipt booked in the bank ledger), negative = money going OUT.
 */
export type BookItemKind =
  /** An entry of the bank account in the company's ledger (libro de bancos). */
  | 'ledger_entry'
  | 'invoice'
  | 'credit_note'
  | 'payment_on_account';

export interface BookItem {
  /** The id the file gives the item (canonical CSV `id`, an ERP document key), or null. */
  id: string | null;
  kind: BookItemKind;
  documentNumber: string | null;
  date: string;
  dueDate: string | null;
  /** Signed full amount of the document. */
  amount: Money;
  /** Signed amount still open (equals `amount` unless partly paid). */
  openAmount: Money;
  description: string;
  counterparty: Counterparty;
  paymentReference: string | null;
  /** CFDI: the timbre's UUID (upper case), the issuer/receiver, PUE/PPD, exchange rate. */
  cfdi?: {
    uuid: string;
    version: '3.3' | '4.0';
    issuerRfc: string;
    issuerName?: string;
    receiverRfc: string;
    receiverName?: string;
    type: 'I' | 'E' | 'P' | 'T' | 'N';
    paymentMethod?: 'PUE' | 'PPD';
    paymentForm?: string;
    exchangeRate?: string;
    series?: string;
    folio?: string;
  };
  /** 1-based line (or row) in the source where the item starts. */
  sourceLine?: number;
}

/** One payment of a CFDI payment complement: evidence of one bank movement and what it paid. */
export interface PaymentEvidence {
  /** Complement UUID + '#' + 1-based index of the payment inside it. */
  id: string;
  complementUuid: string;
  date: string;
  amount: Money;
  exchangeRate?: string;
  paymentForm?: string;
  /** SPEI tracking key or other operation number. */
  operationNumber?: string;
  payerRfc?: string;
  payerAccount?: string;
  payeeRfc?: string;
  payeeAccount?: string;
  allocations: Array<{
    invoiceUuid: string;
    /** Amount paid, in the invoice's currency. */
    amountPaid: Money;
    previousBalance: Money | null;
    remainingBalance: Money | null;
    installment: number | null;
    /** EquivalenciaDR (invoice currency units per payment currency unit) when currencies differ. */
    equivalence?: string;
  }>;
}

export type BooksFormat = 'csv' | 'xlsx' | 'xls' | 'html' | 'cfdi';

export interface BooksParseResult {
  format: BooksFormat;
  encoding: string;
  items: BookItem[];
  payments: PaymentEvidence[];
  diagnostics: Diagnostic[];
}
