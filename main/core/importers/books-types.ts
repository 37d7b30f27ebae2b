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
    /** Upper case; '' when the file has no TimbreFiscalDigital (not stamped by the SAT). */
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
    /** Whether the company issued or received the document; 'unknown' when no company RFC was given or it is neither party. */
    direction?: 'issued' | 'received' | 'unknown';
    /** Currency the document is in (Moneda), also in `amount.currency`. */
    currency?: string;
    /** The document's own figures, unsigned, in minor units of `currency` (null when absent). */
    totals?: {
      subtotal: number;
      discount: number | null;
      taxesTransferred: number | null;
      taxesWithheld: number | null;
      localTaxesTransferred: number | null;
      localTaxesWithheld: number | null;
      total: number;
    };
    /** Concept lines: amounts exactly as written, normalized to 6 decimals ("853.448276"). */
    concepts?: Array<{ description: string; productCode?: string; amount: string; discount?: string }>;
    /** CfdiRelacionados: relation type (c_TipoRelacion, '01' = credit note of) and related UUIDs (upper case). */
    related?: Array<{ type: string; uuid: string }>;
  };
  /** 1-based line (or row) in the source where the item starts. */
  sourceLine?: number;
  /** Name of the file the item came from, when several files were imported together. */
  sourceFile?: string;
}

/** One payment of a CFDI payment complement: evidence of one bank movement and what it paid. */
export interface PaymentEvidence {
  /** Complement UUID + '#' + 1-based index of the payment inside it. */
  id: string;
  /** The complement's timbre UUID (upper case); '' when the file is not stamped (then `id` uses issuer RFC + Serie-Folio). */
  complementUuid: string;
  /** FechaPago, date part. */
  date: string;
  /** Monto in MonedaP, signed like a bank line: positive = money into the company's bank. */
  amount: Money;
  /** TipoCambioP: MXN per unit of the payment currency. */
  exchangeRate?: string;
  paymentForm?: string;
  /** SPEI tracking key or other operation number. */
  operationNumber?: string;
  /** RfcEmisorCtaOrd: RFC of the bank that holds the ordering (payer's) account, not the payer itself. */
  payerRfc?: string;
  /** CtaOrdenante: the payer's account (CLABE, card or account number). */
  payerAccount?: string;
  /** RfcEmisorCtaBen: RFC of the bank that holds the beneficiary account. */
  payeeRfc?: string;
  /** CtaBeneficiario: the beneficiary's account. */
  payeeAccount?: string;
  /** NomBancoOrdExt: name of a foreign ordering bank. */
  payerBankName?: string;
  /** Pagos complement version: '1.0' (pago10) or '2.0' (pago20). */
  complementVersion?: '1.0' | '2.0';
  /** Issuer of the complement (the party that received the money) and its receiver (the payer). */
  issuerRfc?: string;
  issuerName?: string;
  receiverRfc?: string;
  receiverName?: string;
  /** 'issued': the company received the money (amount positive); 'received': the company paid (negative). */
  direction?: 'issued' | 'received' | 'unknown';
  /** 1-based line of the Pago element. */
  sourceLine?: number;
  /** Name of the file the payment came from, when several files were imported together. */
  sourceFile?: string;
  allocations: Array<{
    invoiceUuid: string;
    /** Amount paid, in the invoice's currency, signed like the payment (and like the invoice it pays). */
    amountPaid: Money;
    previousBalance: Money | null;
    remainingBalance: Money | null;
    installment: number | null;
    /** EquivalenciaDR (invoice currency units per payment currency unit) when currencies differ. */
    equivalence?: string;
    /**
     * Pagos 1.0 only: TipoCambioDR exactly as written. The schema defines it like EquivalenciaDR,
     * but issuers often wrote the inverse (payment-currency units per invoice unit, e.g. the peso
     * rate of a USD invoice paid in MXN); `equivalence` holds the reading that adds up to Monto.
     */
    exchangeRateDR?: string;
    series?: string;
    folio?: string;
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
