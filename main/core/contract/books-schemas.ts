import { z } from 'zod';
import { currencySchema, idSchema, isoDateSchema, isoDateTimeSchema } from './values.js';

// ---- Spreadsheet layouts and saved profiles ----

/** What a column of a bank or books spreadsheet means. */
export const columnRoles = [
  'date', 'valueDate', 'amount', 'debit', 'credit', 'dcFlag', 'description', 'counterparty',
  'taxId', 'reference', 'documentNumber', 'dueDate', 'balance', 'openAmount', 'currency', 'id',
  'kind', 'fee', 'gross', 'net', 'ignore',
] as const;
export const columnRoleSchema = z.enum(columnRoles);
export type ColumnRole = z.infer<typeof columnRoleSchema>;

export const dateOrderSchema = z.enum(['dmy', 'mdy', 'ymd']);
export const signConventionSchema = z.enum(['signed', 'inverted', 'debit_credit', 'dc_flag', 'gross_fee_net']);

/**
 * A person's mapping of a spreadsheet layout, saved under a name (per bank or per accounting
 * system) and recognised next time by its headers. Columns are identified by header text.
 */
export const tabularProfileSchema = z.object({
  name: z.string().trim().min(1).max(100),
  side: z.enum(['bank', 'books']),
  columns: z.array(z.object({ header: z.string().max(200), role: columnRoleSchema })).min(1).max(200),
  dateOrder: dateOrderSchema.nullable(),
  decimalSeparator: z.enum([',', '.']).nullable(),
  signConvention: signConventionSchema,
  /** Books files: true when the rows are entries of a bank account's ledger (libro de bancos). */
  ledger: z.boolean().default(false),
});
export type TabularProfile = z.infer<typeof tabularProfileSchema>;

export const savedProfileSchema = tabularProfileSchema.extend({
  id: idSchema,
  companyId: idSchema.nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type SavedProfile = z.infer<typeof savedProfileSchema>;

/** What the importer understood of a spreadsheet, for the mapping screen and its live preview. */
export const tabularLayoutSchema = z.object({
  headerRow: z.number().int().nonnegative().nullable(),
  headers: z.array(z.string()),
  columns: z.array(z.object({ index: z.number().int().nonnegative(), header: z.string(), role: columnRoleSchema, confidence: z.number().min(0).max(1) })),
  dateOrder: dateOrderSchema.nullable(),
  decimalSeparator: z.enum([',', '.']).nullable(),
  signConvention: signConventionSchema,
  confidence: z.number().min(0).max(1),
  /** True when the person must confirm or fix the mapping before import. */
  needsMapping: z.boolean(),
  reasons: z.array(z.string()),
  /** The saved profile that was recognised or applied, if any. */
  profileId: idSchema.nullable(),
  /** The first data rows as text, for the live preview (at most 20). */
  sampleRows: z.array(z.array(z.string())).max(20),
});
export type TabularLayout = z.infer<typeof tabularLayoutSchema>;

// ---- Books side ----

export const bookItemKindSchema = z.enum(['ledger_entry', 'invoice', 'credit_note', 'payment_on_account']);

/** What importing a books file (open items, ledger, CFDI) would do or did. */
export const booksSummarySchema = z.object({
  items: z.number().int().nonnegative(),
  new: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  invoices: z.number().int().nonnegative(),
  creditNotes: z.number().int().nonnegative(),
  ledgerEntries: z.number().int().nonnegative(),
  payments: z.number().int().nonnegative(),
  currencies: z.array(currencySchema),
  periodFrom: isoDateSchema.nullable(),
  periodTo: isoDateSchema.nullable(),
});
export type BooksSummary = z.infer<typeof booksSummarySchema>;

// ---- Account view: bank lines and books items, paged ----

export const matchStatusFilterSchema = z.enum(['all', 'unmatched', 'matched', 'pending']);

const pageQuery = {
  from: isoDateSchema.nullable().default(null),
  to: isoDateSchema.nullable().default(null),
  /** Amounts in minor units, compared on the absolute value. */
  minAmountMinor: z.number().int().nullable().default(null),
  maxAmountMinor: z.number().int().nullable().default(null),
  search: z.string().trim().max(200).default(''),
  status: matchStatusFilterSchema.default('all'),
  sort: z.enum(['date', 'amount', 'description']).default('date'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(1000).default(200),
};

export const bankLinesQuerySchema = z.object({ accountId: idSchema, ...pageQuery }).strict();
export const bookItemsQuerySchema = z.object({
  companyId: idSchema,
  /** Only the ledger entries of this bank account; null: every item of the company. */
  accountId: idSchema.nullable().default(null),
  kind: bookItemKindSchema.nullable().default(null),
  ...pageQuery,
}).strict();

export const bankLineRowSchema = z.object({
  id: idSchema,
  accountId: idSchema,
  bookingDate: isoDateSchema,
  valueDate: isoDateSchema.nullable(),
  amountMinor: z.number().int(),
  currency: currencySchema,
  description: z.string(),
  counterpartyName: z.string().nullable(),
  reference: z.string().nullable(),
  bankId: z.string().nullable(),
  provisional: z.boolean(),
  status: z.enum(['unmatched', 'matched', 'pending']),
});
export type BankLineRow = z.infer<typeof bankLineRowSchema>;

export const bookItemRowSchema = z.object({
  id: idSchema,
  /** The id the source file gave the item, if any. */
  externalId: z.string().nullable(),
  accountId: idSchema.nullable(),
  kind: bookItemKindSchema,
  documentNumber: z.string().nullable(),
  date: isoDateSchema,
  dueDate: isoDateSchema.nullable(),
  amountMinor: z.number().int(),
  openAmountMinor: z.number().int(),
  currency: currencySchema,
  description: z.string(),
  counterpartyName: z.string().nullable(),
  taxId: z.string().nullable(),
  paymentReference: z.string().nullable(),
  cfdiUuid: z.string().nullable(),
  status: z.enum(['unmatched', 'matched', 'pending']),
});
export type BookItemRow = z.infer<typeof bookItemRowSchema>;

export const pageOf = <T extends z.ZodType>(row: T) =>
  z.object({ total: z.number().int().nonnegative(), offset: z.number().int().nonnegative(), rows: z.array(row) });
