import { z } from 'zod';
import { booksSummarySchema, tabularLayoutSchema, tabularProfileSchema } from './books-schemas.js';
import { currencySchema, idSchema, isoDateSchema, isoDateTimeSchema } from './values.js';

/** Shared value schemas (defined in values.ts): everything here survives a JSON round trip. */
export { currencySchema, idSchema, isoDateSchema, isoDateTimeSchema };

export const roles = ['admin', 'preparer', 'reviewer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits and . _ @ - only');
/** Length in bytes is checked by the core (bcrypt reads 72 bytes at most): the schema only bounds the payload. */
export const passwordSchema = z.string().min(1).max(1024);

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  lockedUntil: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
});
export type User = z.infer<typeof userSchema>;

export const companySchema = z.object({
  id: idSchema,
  name: z.string(),
  taxId: z.string().nullable(),
  archived: z.boolean(),
  createdAt: isoDateTimeSchema,
});
export type Company = z.infer<typeof companySchema>;

export const bankAccountSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  name: z.string(),
  iban: z.string().nullable(),
  number: z.string().nullable(),
  currency: currencySchema,
  archived: z.boolean(),
  createdAt: isoDateTimeSchema,
});
export type BankAccount = z.infer<typeof bankAccountSchema>;

export const auditEntrySchema = z.object({
  id: idSchema,
  at: isoDateTimeSchema,
  userId: idSchema.nullable(),
  username: z.string().nullable(),
  companyId: idSchema.nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const progressSchema = z.object({
  taskId: z.string(),
  kind: z.string(),
  stage: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
});
export type Progress = z.infer<typeof progressSchema>;

// ---- Imports (bank statements) ----

/** Bank-statement formats the importers read. */
export const statementFormats = ['norma43', 'camt052', 'camt053', 'camt054', 'mt940', 'mt942', 'ofx', 'qfx', 'csv', 'xlsx', 'xls', 'html', 'cfdi'] as const;
export const statementFormatSchema = z.enum(statementFormats);
export type StatementFormatName = z.infer<typeof statementFormatSchema>;

/** A parser's or the import's remark about a file: level, stable code, a sentence, the 1-based line. */
export const importDiagnosticSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
  line: z.number().int().positive().optional(),
});
export type ImportDiagnostic = z.infer<typeof importDiagnosticSchema>;

/** A balance as the file declares it, in minor units of the statement's currency. */
export const statementBalanceSchema = z.object({ amountMinor: z.number().int(), date: isoDateSchema });

/** Control totals a file declares about itself (Norma 43 record 33, MT942 :90D:/:90C:); sums positive. */
export const controlTotalsSchema = z.object({
  debitCount: z.number().int().nonnegative(),
  debitSumMinor: z.number().int(),
  creditCount: z.number().int().nonnegative(),
  creditSumMinor: z.number().int(),
});

/** Which company account a statement of a file goes to: found, chosen by the caller, to be created, or a choice is needed. */
export const accountResolutionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('existing'), accountId: idSchema, name: z.string(), how: z.enum(['matched', 'chosen']) }),
  z.object({
    kind: z.literal('create'),
    name: z.string(),
    iban: z.string().nullable(),
    number: z.string().nullable(),
    currency: currencySchema,
  }),
  z.object({ kind: z.literal('choose'), reason: z.string() }),
]);
export type AccountResolution = z.infer<typeof accountResolutionSchema>;

/** One statement of a file as the preview shows it, with what importing it would do. */
export const statementSummarySchema = z.object({
  account: z.object({ iban: z.string().nullable(), number: z.string().nullable(), currency: z.string().nullable() }),
  resolution: accountResolutionSchema,
  currency: z.string().nullable(),
  periodFrom: isoDateSchema.nullable(),
  periodTo: isoDateSchema.nullable(),
  lineCount: z.number().int().nonnegative(),
  debitCount: z.number().int().nonnegative(),
  creditCount: z.number().int().nonnegative(),
  openingBalance: statementBalanceSchema.nullable(),
  closingBalance: statementBalanceSchema.nullable(),
  controlTotals: controlTotalsSchema.nullable(),
  balanceChecked: z.boolean().nullable(),
  newLines: z.number().int().nonnegative(),
  duplicateLines: z.number().int().nonnegative(),
  possibleDuplicates: z.number().int().nonnegative(),
});
export type StatementSummary = z.infer<typeof statementSummarySchema>;

export const possibleDuplicateReasonSchema = z.enum(['same_date_amount', 'adjacent_date_same_text']);

/** A line of the file that may repeat one already imported: both are kept, a person decides. */
export const possibleDuplicateSchema = z.object({
  reason: possibleDuplicateReasonSchema,
  line: z.object({
    bookingDate: isoDateSchema,
    amountMinor: z.number().int(),
    currency: z.string(),
    description: z.string(),
    sourceLine: z.number().int().nullable(),
  }),
  existing: z.object({
    lineId: idSchema,
    batchId: idSchema,
    bookingDate: isoDateSchema,
    amountMinor: z.number().int(),
    description: z.string(),
  }),
});
export type PossibleDuplicate = z.infer<typeof possibleDuplicateSchema>;

/** What importing a file would do, computed without writing anything. */
export const importPreviewSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  format: statementFormatSchema,
  encoding: z.string(),
  alreadyImported: z.object({ batchId: idSchema, importedAt: isoDateTimeSchema }).nullable(),
  statements: z.array(statementSummarySchema),
  lines: z.object({
    total: z.number().int().nonnegative(),
    new: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    possibleDuplicates: z.number().int().nonnegative(),
  }),
  /** The first possible duplicates (at most 200; `lines.possibleDuplicates` has the count). */
  possibleDuplicates: z.array(possibleDuplicateSchema),
  diagnostics: z.array(importDiagnosticSchema),
  /** Which side the file belongs to, as given or decided from its content. */
  side: z.enum(['bank', 'books']),
  /** Spreadsheets only: the layout understood (or applied), for the mapping screen. */
  layout: tabularLayoutSchema.nullable(),
  /** Books files only: items new / updated / unchanged. */
  books: booksSummarySchema.nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** What an import did; `alreadyImported` true means nothing was written and `batchId` is the earlier batch. */
export const importResultSchema = z.object({
  batchId: idSchema,
  alreadyImported: z.boolean(),
  message: z.string(),
  format: statementFormatSchema,
  encoding: z.string(),
  added: z.number().int().nonnegative(),
  skippedDuplicates: z.number().int().nonnegative(),
  possibleDuplicates: z.number().int().nonnegative(),
  warnings: z.array(importDiagnosticSchema),
  createdAccounts: z.array(bankAccountSchema),
  side: z.enum(['bank', 'books']),
  /** Books files only. */
  books: booksSummarySchema.nullable(),
  /** The profile saved with this import (saveProfileAs), if any. */
  savedProfileId: idSchema.nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** One imported file of a company. */
export const importBatchSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  accountId: idSchema.nullable(),
  side: z.enum(['bank', 'books']),
  fileName: z.string(),
  sha256: z.string(),
  format: z.string(),
  encoding: z.string(),
  importedBy: z.string(),
  importedAt: isoDateTimeSchema,
  lineCount: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  skippedDuplicates: z.number().int().nonnegative(),
  possibleDuplicates: z.number().int().nonnegative(),
  warnings: z.array(importDiagnosticSchema),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

/** The largest file an import accepts over IPC (100 MiB). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** A file's bytes as base64 (what the renderer got from drag-and-drop), at most MAX_IMPORT_BYTES. */
export const fileContentBase64Schema = z
  .string()
  .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, 'the file is larger than 100 MiB')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file content must be base64');

/** What imports.preview and imports.commit take: the file, its company and optionally its account. */
export const importFileInputSchema = z.object({
  companyId: idSchema,
  /** The account for files that do not name theirs (or to confirm the one they name). */
  accountId: idSchema.nullable().default(null),
  fileName: z.string().trim().min(1, 'a file name is required').max(255),
  contentBase64: fileContentBase64Schema,
  encoding: z.string().trim().min(1).max(40).optional(),
  format: statementFormatSchema.optional(),
  /** Bank statement or books file; null lets Cuadra decide from the content. */
  side: z.enum(['bank', 'books']).nullable().default(null),
  /** A saved spreadsheet profile to apply instead of detecting the layout. */
  profileId: idSchema.nullable().default(null),
  /** A mapping the person just made on the mapping screen (not saved unless saveProfileAs). */
  mapping: tabularProfileSchema.nullable().default(null),
  /** Client-chosen id for progress events and tasks.cancel. */
  taskId: z.string().trim().min(1).max(64).nullable().default(null),
});
