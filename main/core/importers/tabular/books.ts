/**
 * Books exports as tables (open items from an ERP, the bank account's ledger, the canonical
 * CSV) → BookItems. Sign convention (DESIGN.md): positive = money expected into the bank (a
 * customer invoice, a receipt), negative = money going out (a supplier invoice, a payment).
 * The kind comes from a type column when there is one; otherwise from words (Abono, Nota de
 * crédito, Rectificativa → credit note) and, in a file where nearly every item has one sign,
 * from the sign of the few others. Ledger files (`ledger: true`) are ledger entries.
 */
import type { BookItem, BookItemKind, BooksParseResult } from '../books-types.js';
import { formatMinor } from '../money.js';
import type { Diagnostic } from '../types.js';
import { applyLayout } from './apply.js';
import { normalizeHeader } from './headers.js';
import { readGrid } from './grid.js';
import { detectLayout } from './layout.js';
import { layoutFromProfile } from './profile.js';
import { layoutDiagnostics } from './report.js';
import { taxIdReader } from './tax.js';
import type { TabularParseOptions } from './bank.js';
import type { TabularLayout, TabularRecord } from './types.js';

export interface BooksTableOptions extends TabularParseOptions {
  /** The rows are entries of a bank account's ledger (libro de bancos): kind 'ledger_entry'. */
  ledger?: boolean;
}

/** The result of a books table: a BooksParseResult plus the layout it was read with. */
export type BooksTableResult = BooksParseResult & { layout: TabularLayout };

const CREDIT_NOTE = ['abono', 'nota de credito', 'nota credito', 'credit note', 'credit memo', 'rectificativa', 'factura rectificativa', 'devolucion', 'nc', 'egreso', 'e'];
const INVOICE = ['factura', 'invoice', 'fra', 'fact', 'ingreso', 'i', 'bill', 'recibo', 'factura emitida', 'factura recibida'];
const ON_ACCOUNT = ['anticipo', 'pago a cuenta', 'entrega a cuenta', 'payment on account', 'prepayment', 'advance', 'anticipo de cliente'];
const CREDIT_NOTE_WORDS = /\b(abono|nota de credito|nota credito|credit note|credit memo|rectificativa|devolucion)\b/;

/** Kind named by a type column cell, or null. */
export function kindFromType(text: string | null): BookItemKind | null {
  if (text === null) return null;
  const t = normalizeHeader(text);
  if (ON_ACCOUNT.includes(t)) return 'payment_on_account';
  if (CREDIT_NOTE.includes(t) || CREDIT_NOTE_WORDS.test(t)) return 'credit_note';
  if (INVOICE.includes(t) || /^(factura|invoice)\b/.test(t)) return 'invoice';
  return null;
}

/** Parse a books export table. Throws CoreError('import_unreadable' | 'invalid_input') only. */
export function parseBooksTable(bytes: Uint8Array, options: BooksTableOptions = {}): BooksTableResult {
  const read = readGrid(bytes, options.encoding !== undefined ? { encoding: options.encoding } : {});
  const ledger = options.ledger ?? options.profile?.ledger ?? false;
  const layout = options.profile
    ? layoutFromProfile(read.grid, { ...options.profile, ledger }, 'books')
    : detectLayout(read.grid, { side: 'books', ledger });
  const diagnostics: Diagnostic[] = [...read.diagnostics, ...layoutDiagnostics(layout)];
  const result = (items: BookItem[]): BooksTableResult => ({ format: read.format, encoding: read.encoding, items, payments: [], diagnostics, layout });
  if (!layout.columns.some((c) => c.role === 'date') || layout.confidence === 0) {
    diagnostics.push({ level: 'error', code: 'columns_not_found', message: 'Cuadra could not find the date and amount columns of this table: map the columns by hand.' });
    return result([]);
  }
  const applied = applyLayout(read.grid, layout, options.currency !== undefined ? { currency: options.currency } : {});
  diagnostics.push(...applied.diagnostics);
  if (applied.records.some((r) => r.currency === 'XXX')) {
    diagnostics.push({ level: 'info', code: 'currency_unknown', message: 'The file does not say its currency; the company\'s currency will be used.' });
  }
  const kinds = decideKinds(applied.records, ledger, diagnostics);
  const taxId = taxIdReader(diagnostics);
  const items = applied.records.map((r, i): BookItem => {
    const counterparty: BookItem['counterparty'] = {};
    if (r.counterparty !== null) counterparty.name = r.counterparty;
    const tax = taxId(r.taxId, r.row);
    if (tax !== null) counterparty.taxId = tax;
    return {
      id: r.id,
      kind: kinds[i] ?? 'invoice',
      documentNumber: r.documentNumber,
      date: r.date,
      dueDate: r.dueDate,
      amount: { minor: r.amount, currency: r.currency },
      openAmount: { minor: openAmountOf(r, diagnostics), currency: r.currency },
      description: r.description || r.counterparty || '',
      counterparty,
      paymentReference: r.references[0] ?? null,
      sourceLine: r.row,
    };
  });
  return result(items);
}

/** The signed open amount: the file's open amount with the item's sign (files often write it unsigned). */
function openAmountOf(r: TabularRecord, diagnostics: Diagnostic[]): number {
  if (r.openAmount === null) return r.amount;
  const open = (r.amount < 0 ? -Math.abs(r.openAmount) : r.amount > 0 ? Math.abs(r.openAmount) : r.openAmount) || 0;
  if (Math.abs(open) > Math.abs(r.amount)) {
    diagnostics.push({
      level: 'warning',
      code: 'open_amount_exceeds',
      message: `Row ${r.row}: the open amount ${formatMinor(open, r.currency)} is larger than the document's ${formatMinor(r.amount, r.currency)}.`,
      line: r.row,
    });
  }
  return open;
}

/** Kinds of all items: type column, then words, then the sign of the few items against the rest. */
function decideKinds(records: readonly TabularRecord[], ledger: boolean, diagnostics: Diagnostic[]): BookItemKind[] {
  if (ledger) return records.map(() => 'ledger_entry');
  const kinds: Array<BookItemKind | null> = records.map((r) => {
    const byType = kindFromType(r.kind);
    if (byType !== null) return byType;
    const words = normalizeHeader(`${r.description} ${r.documentNumber ?? ''}`);
    if (CREDIT_NOTE_WORDS.test(words)) return 'credit_note';
    if (/\b(factura|invoice|fra)\b/.test(words)) return 'invoice';
    return null;
  });
  const open = records.filter((_, i) => kinds[i] === null);
  const positive = open.filter((r) => r.amount > 0).length;
  const negative = open.filter((r) => r.amount < 0).length;
  const majority = positive >= negative ? 1 : -1;
  const minority = Math.min(positive, negative);
  const oneSided = open.length >= 5 && minority > 0 && minority <= open.length * 0.1;
  if (oneSided) {
    diagnostics.push({
      level: 'info',
      code: 'credit_notes_by_sign',
      message: `${minority} item(s) have the opposite sign of the other ${open.length - minority} and were taken as credit notes.`,
    });
  }
  return records.map((r, i) => kinds[i] ?? (oneSided && Math.sign(r.amount) === -majority ? 'credit_note' : 'invoice'));
}
