/**
 * The document `cuadra parse --json` prints (DESIGN.md, command line contract): statements of
 * bank files, invoices of books files and CFDI, payments of CFDI payment complements. Amounts
 * are decimal strings, dates YYYY-MM-DD.
 */
import { formatMinor } from '../core/importers/money.js';
import type { BookItem, BooksParseResult, PaymentEvidence } from '../core/importers/books-types.js';
import type { Diagnostic, ParseResult, References, Statement, StatementLine } from '../core/importers/types.js';

/** A transaction of `parse --json`. */
export interface ParsedTransactionJson {
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  counterparty: { name?: string; iban?: string; taxId?: string };
  reference: string | null;
  bankId: string | null;
}

/** A statement of `parse --json`. */
export interface ParsedStatementJson {
  account: { iban?: string; number?: string; currency?: string };
  openingBalance: { amount: string; date: string } | null;
  closingBalance: { amount: string; date: string } | null;
  controlTotals: { debitCount: number; debitSum: string; creditCount: number; creditSum: string } | null;
  transactions: ParsedTransactionJson[];
}

/** An invoice (or credit note, ledger entry, payment on account) of `parse --json`. */
export interface ParsedInvoiceJson {
  id: string | null;
  documentNumber: string | null;
  date: string;
  dueDate: string | null;
  amount: string;
  openAmount: string;
  currency: string;
  counterparty: { name?: string; taxId?: string };
  reference: string | null;
  kind: BookItem['kind'];
  cfdiUuid?: string;
}

/** A payment of a CFDI payment complement of `parse --json`, with the invoices it pays. */
export interface ParsedPaymentJson {
  id: string;
  complementUuid: string | null;
  date: string;
  amount: string;
  currency: string;
  exchangeRate: string | null;
  paymentForm: string | null;
  operationNumber: string | null;
  payerAccount: string | null;
  payeeAccount: string | null;
  issuerRfc: string | null;
  receiverRfc: string | null;
  allocations: Array<{
    invoiceUuid: string;
    amountPaid: string;
    currency: string;
    previousBalance: string | null;
    remainingBalance: string | null;
    installment: number | null;
    equivalence: string | null;
  }>;
}

/** The document `parse --json` prints. */
export interface ParseJson {
  format: string;
  encoding: string;
  statements: ParsedStatementJson[];
  invoices: ParsedInvoiceJson[];
  payments: ParsedPaymentJson[];
  diagnostics: Diagnostic[];
}

const PLACEHOLDERS = new Set(['NOTPROVIDED', 'NONREF', 'NONE', 'N/A']);

/** The most useful single reference of a line: end-to-end id, creditor reference, document number, bank reference. */
export function bestReference(r: References): string | null {
  for (const value of [r.endToEndId, r.creditorReference, r.documentNumber, r.bankReference, r.other?.[0]]) {
    const text = value?.trim();
    if (text && !PLACEHOLDERS.has(text.toUpperCase())) return text;
  }
  return null;
}

function transactionJson(line: StatementLine): ParsedTransactionJson {
  const { name, iban, taxId } = line.counterparty;
  return {
    bookingDate: line.bookingDate,
    valueDate: line.valueDate,
    amount: formatMinor(line.amount.minor, line.amount.currency),
    currency: line.amount.currency,
    description: line.description,
    counterparty: { ...(name ? { name } : {}), ...(iban ? { iban } : {}), ...(taxId ? { taxId } : {}) },
    reference: bestReference(line.references),
    bankId: line.bankId,
  };
}

function statementJson(s: Statement): ParsedStatementJson {
  const currency = s.account.currency ?? s.lines[0]?.amount.currency ?? s.openingBalance?.amount.currency ?? '';
  const { iban, number } = s.account;
  const balance = (b: Statement['openingBalance']): { amount: string; date: string } | null =>
    b ? { amount: formatMinor(b.amount.minor, b.amount.currency || currency), date: b.date } : null;
  const t = s.controlTotals;
  return {
    account: { ...(iban ? { iban } : {}), ...(number ? { number } : {}), ...(s.account.currency ? { currency: s.account.currency } : {}) },
    openingBalance: balance(s.openingBalance),
    closingBalance: balance(s.closingBalance),
    controlTotals: t
      ? { debitCount: t.debitCount, debitSum: formatMinor(t.debitSum, currency), creditCount: t.creditCount, creditSum: formatMinor(t.creditSum, currency) }
      : null,
    transactions: s.lines.map(transactionJson),
  };
}

function invoiceJson(item: BookItem): ParsedInvoiceJson {
  const { name, taxId } = item.counterparty;
  const uuid = item.cfdi?.uuid;
  return {
    id: item.id,
    documentNumber: item.documentNumber,
    date: item.date,
    dueDate: item.dueDate,
    amount: formatMinor(item.amount.minor, item.amount.currency),
    openAmount: formatMinor(item.openAmount.minor, item.openAmount.currency),
    currency: item.amount.currency,
    counterparty: { ...(name ? { name } : {}), ...(taxId ? { taxId } : {}) },
    reference: item.paymentReference,
    kind: item.kind,
    ...(uuid ? { cfdiUuid: uuid } : {}),
  };
}

function paymentJson(p: PaymentEvidence): ParsedPaymentJson {
  const money = (m: { minor: number; currency: string } | null): string | null => (m ? formatMinor(m.minor, m.currency) : null);
  return {
    id: p.id,
    complementUuid: p.complementUuid === '' ? null : p.complementUuid,
    date: p.date,
    amount: formatMinor(p.amount.minor, p.amount.currency),
    currency: p.amount.currency,
    exchangeRate: p.exchangeRate ?? null,
    paymentForm: p.paymentForm ?? null,
    operationNumber: p.operationNumber ?? null,
    payerAccount: p.payerAccount ?? null,
    payeeAccount: p.payeeAccount ?? null,
    issuerRfc: p.issuerRfc ?? null,
    receiverRfc: p.receiverRfc ?? null,
    allocations: p.allocations.map((a) => ({
      invoiceUuid: a.invoiceUuid,
      amountPaid: formatMinor(a.amountPaid.minor, a.amountPaid.currency),
      currency: a.amountPaid.currency,
      previousBalance: money(a.previousBalance),
      remainingBalance: money(a.remainingBalance),
      installment: a.installment,
      equivalence: a.equivalence ?? null,
    })),
  };
}

const diagnosticsJson = (diagnostics: readonly Diagnostic[]): Diagnostic[] =>
  diagnostics.map((d) => (d.line === undefined ? { level: d.level, code: d.code, message: d.message } : { ...d }));

/** A bank file's parse result as `parse --json` prints it. */
export function parseResultJson(result: ParseResult): ParseJson {
  return {
    format: result.format,
    encoding: result.encoding,
    statements: result.statements.map(statementJson),
    invoices: [],
    payments: [],
    diagnostics: diagnosticsJson(result.diagnostics),
  };
}

/** A books file's (spreadsheet or CFDI) parse result as `parse --json` prints it. */
export function booksResultJson(result: BooksParseResult): ParseJson {
  return {
    format: result.format,
    encoding: result.encoding,
    statements: [],
    invoices: result.items.map(invoiceJson),
    payments: result.payments.map(paymentJson),
    diagnostics: diagnosticsJson(result.diagnostics),
  };
}
