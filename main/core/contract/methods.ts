import { z } from 'zod';
import {
  bankLineRowSchema,
  bankLinesQuerySchema,
  bookItemRowSchema,
  bookItemsQuerySchema,
  pageOf,
  savedProfileSchema,
  tabularProfileSchema,
} from './books-schemas.js';
import {
  auditEntrySchema,
  bankAccountSchema,
  companySchema,
  currencySchema,
  idSchema,
  isoDateTimeSchema,
  passwordSchema,
  roleSchema,
  userSchema,
  usernameSchema,
  type Role,
} from './schemas.js';
import { importBatchSchema, importFileInputSchema, importPreviewSchema, importResultSchema } from './schemas.js';
import {
  confidenceBandSchema,
  learnedAliasSchema,
  manualMatchInputSchema,
  matchCountsSchema,
  matchDetailSchema,
  matchesQuerySchema,
  matchingSettingsSchema,
  matchSummarySchema,
  matchBankLineSchema,
  periodLockSchema,
  reconcileRunSchema,
  reconcileStartInputSchema,
  reconciliationReportSchema,
  rejectedPairSchema,
  unmatchedLineSchema,
} from './match-schemas.js';
import { isoDateSchema } from './values.js';
import {
  apiKeySchema,
  embeddingConfigInputSchema,
  embeddingSettingsSchema,
  embeddingTestResultSchema,
  matchExplanationSchema,
} from './embedding-schemas.js';

/** Who may call a method: anyone (before login), any logged-in user, or the listed roles. */
export type Access = 'public' | 'user' | readonly Role[];

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  access: Access;
  input: I;
  output: O;
  /** One line for the reader; also shown by `cuadra --help` where relevant. */
  doc: string;
}
const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> => spec;

const empty = z.object({}).strict();
const nameSchema = z.string().trim().min(1, 'a name is required').max(200);
const sessionOut = z.object({ user: userSchema, expiresAt: isoDateTimeSchema });

/** The single table of core methods: hosts, handlers and the renderer all derive their types from it. */
export const methods = {
  'app.info': method({
    access: 'public',
    doc: 'Version, firm name and whether first-run setup is still needed.',
    input: empty,
    output: z.object({ version: z.string(), firmName: z.string().nullable(), setupRequired: z.boolean() }),
  }),
  'auth.setup': method({
    access: 'public',
    doc: 'First run: name the firm and create its first administrator, who is then logged in.',
    input: z.object({
      firmName: nameSchema,
      username: usernameSchema,
      displayName: nameSchema,
      password: passwordSchema,
    }).strict(),
    output: sessionOut,
  }),
  'auth.login': method({
    access: 'public',
    doc: 'Log in with username and password; repeated failures lock the account for growing delays.',
    input: z.object({ username: z.string().trim().min(1).max(64), password: passwordSchema }).strict(),
    output: sessionOut,
  }),
  'auth.logout': method({ access: 'user', doc: 'End the current session.', input: empty, output: empty }),
  'auth.session': method({
    access: 'public',
    doc: 'The logged-in user of this window, or null.',
    input: empty,
    output: z.object({ user: userSchema.nullable(), expiresAt: isoDateTimeSchema.nullable() }),
  }),
  'users.list': method({ access: ['admin'], doc: 'All users of the firm.', input: empty, output: z.array(userSchema) }),
  'users.create': method({
    access: ['admin'],
    doc: 'Create a user with a role.',
    input: z.object({ username: usernameSchema, displayName: nameSchema, role: roleSchema, password: passwordSchema }).strict(),
    output: userSchema,
  }),
  'users.unlock': method({
    access: ['admin'],
    doc: 'Clear the failed-login lock of a user.',
    input: z.object({ id: idSchema }).strict(),
    output: userSchema,
  }),
  'companies.list': method({
    access: 'user',
    doc: 'Client companies (empresas), archived ones only on request.',
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    output: z.array(companySchema),
  }),
  'companies.create': method({
    access: ['admin', 'preparer'],
    doc: 'Create a client company.',
    input: z.object({ name: nameSchema, taxId: z.string().trim().max(32).nullable().default(null) }).strict(),
    output: companySchema,
  }),
  'companies.rename': method({
    access: ['admin', 'preparer'],
    doc: 'Rename a client company.',
    input: z.object({ id: idSchema, name: nameSchema }).strict(),
    output: companySchema,
  }),
  'companies.archive': method({
    access: ['admin'],
    doc: 'Archive or restore a client company.',
    input: z.object({ id: idSchema, archived: z.boolean() }).strict(),
    output: companySchema,
  }),
  'accounts.list': method({
    access: 'user',
    doc: 'Bank accounts of a company.',
    input: z.object({ companyId: idSchema, includeArchived: z.boolean().default(false) }).strict(),
    output: z.array(bankAccountSchema),
  }),
  'accounts.create': method({
    access: ['admin', 'preparer'],
    doc: 'Add a bank account (IBAN check digits verified) to a company.',
    input: z.object({
      companyId: idSchema,
      name: nameSchema,
      iban: z.string().trim().max(42).nullable().default(null),
      number: z.string().trim().max(64).nullable().default(null),
      currency: currencySchema,
    }).strict(),
    output: bankAccountSchema,
  }),
  'accounts.rename': method({
    access: ['admin', 'preparer'],
    doc: 'Rename a bank account.',
    input: z.object({ id: idSchema, name: nameSchema }).strict(),
    output: bankAccountSchema,
  }),
  'accounts.archive': method({
    access: ['admin'],
    doc: 'Archive or restore a bank account.',
    input: z.object({ id: idSchema, archived: z.boolean() }).strict(),
    output: bankAccountSchema,
  }),
  'audit.list': method({
    access: 'user',
    doc: 'Audit entries, newest first, optionally of one company.',
    input: z.object({
      companyId: idSchema.nullable().default(null),
      beforeId: idSchema.nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    output: z.array(auditEntrySchema),
  }),
  'audit.verify': method({
    access: ['admin'],
    doc: 'Check the hash chain of the audit log.',
    input: empty,
    output: z.object({ ok: z.boolean(), entries: z.number().int(), firstBrokenId: idSchema.nullable() }),
  }),
  'imports.preview': method({
    access: 'user',
    doc: 'Read a bank-statement file and show what importing it would do (accounts, balances, duplicates, warnings); writes nothing.',
    input: importFileInputSchema.strict(),
    output: importPreviewSchema,
  }),
  'imports.commit': method({
    access: ['admin', 'preparer'],
    doc: 'Import a bank-statement file in one transaction: new lines added, proven duplicates skipped, possible duplicates listed.',
    input: importFileInputSchema.extend({
      createAccount: z.boolean().default(false),
      /** Save the mapping used as a named profile for next time. */
      saveProfileAs: z.string().trim().min(1).max(100).nullable().default(null),
    }).strict(),
    output: importResultSchema,
  }),
  'imports.list': method({
    access: 'user',
    doc: 'The imported files (batches) of a company, newest first.',
    input: z.object({ companyId: idSchema }).strict(),
    output: z.array(importBatchSchema),
  }),
  'profiles.list': method({
    access: 'user',
    doc: 'Saved spreadsheet profiles: the firm-wide ones and those of a company.',
    input: z.object({ companyId: idSchema.nullable().default(null) }).strict(),
    output: z.array(savedProfileSchema),
  }),
  'profiles.save': method({
    access: ['admin', 'preparer'],
    doc: 'Save (or replace by name) a spreadsheet profile, firm-wide or for one company.',
    input: z.object({ companyId: idSchema.nullable().default(null), profile: tabularProfileSchema }).strict(),
    output: savedProfileSchema,
  }),
  'profiles.delete': method({
    access: ['admin', 'preparer'],
    doc: 'Delete a saved spreadsheet profile.',
    input: z.object({ id: idSchema }).strict(),
    output: empty,
  }),
  'bankLines.list': method({
    access: 'user',
    doc: 'Bank lines of an account, filtered, sorted and paged.',
    input: bankLinesQuerySchema,
    output: pageOf(bankLineRowSchema),
  }),
  'bookItems.list': method({
    access: 'user',
    doc: 'Books items (open items and ledger entries) of a company, filtered, sorted and paged.',
    input: bookItemsQuerySchema,
    output: pageOf(bookItemRowSchema),
  }),
  'reconcile.start': method({
    access: ['admin', 'preparer'],
    doc: 'Run the matching engine over a company (progress events, cancellable); resumes an interrupted run, keeps every decision made so far.',
    input: reconcileStartInputSchema,
    output: reconcileRunSchema.extend({ resumed: z.boolean() }),
  }),
  'reconcile.runs': method({
    access: 'user',
    doc: 'The reconciliation runs of a company, newest first.',
    input: z.object({ companyId: idSchema, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(reconcileRunSchema),
  }),
  'matches.list': method({
    access: 'user',
    doc: 'Matches of a company by status and confidence band, most valuable first, paged.',
    input: matchesQuerySchema,
    output: pageOf(matchSummarySchema),
  }),
  'matches.counts': method({
    access: 'user',
    doc: 'How many matches wait, were approved or rejected, and how many bank lines are still open.',
    input: z.object({ companyId: idSchema, accountId: idSchema.nullable().default(null) }).strict(),
    output: matchCountsSchema,
  }),
  'matches.get': method({
    access: 'user',
    doc: 'One match with its alternatives, reasons and decisions.',
    input: z.object({ id: idSchema }).strict(),
    output: matchDetailSchema,
  }),
  'matches.approve': method({
    access: ['admin', 'preparer', 'reviewer'],
    doc: 'Approve a proposed match; its bank text teaches the counterparty for next time.',
    input: z.object({ id: idSchema }).strict(),
    output: matchDetailSchema,
  }),
  'matches.reject': method({
    access: ['admin', 'preparer', 'reviewer'],
    doc: 'Reject a proposed or auto-approved match; the pair is never proposed for auto-approval again.',
    input: z.object({ id: idSchema }).strict(),
    output: matchDetailSchema,
  }),
  'matches.chooseAlternative': method({
    access: ['admin', 'preparer', 'reviewer'],
    doc: 'Approve one of a proposal\'s alternatives instead of the proposal itself.',
    input: z.object({ id: idSchema, index: z.number().int().nonnegative() }).strict(),
    output: matchDetailSchema,
  }),
  'matches.createManual': method({
    access: ['admin', 'preparer', 'reviewer'],
    doc: 'Build a match by hand: bank lines against books items with allocations and a difference treatment.',
    input: manualMatchInputSchema,
    output: matchDetailSchema,
  }),
  'matches.undo': method({
    access: ['admin', 'preparer', 'reviewer'],
    doc: 'Undo the latest decision on a match (an approved match is un-reconciled and its items reopen).',
    input: z.object({ id: idSchema }).strict(),
    output: matchDetailSchema,
  }),
  'matches.bandSample': method({
    access: ['admin', 'preparer', 'reviewer'],
    doc: 'A random sample of a confidence band to spot-check before approving the band.',
    input: z.object({ companyId: idSchema, accountId: idSchema.nullable().default(null), band: confidenceBandSchema, size: z.number().int().min(1).max(50).default(10) }).strict(),
    output: z.object({ token: z.string(), total: z.number().int(), sample: z.array(matchSummarySchema) }),
  }),
  'matches.approveBand': method({
    access: ['admin', 'preparer', 'reviewer'],
    doc: 'Approve every proposal of a band that was pending when its sample was shown.',
    input: z.object({ token: z.string().min(1).max(100) }).strict(),
    output: z.object({ approved: z.number().int(), skipped: z.number().int() }),
  }),
  'matches.unmatched': method({
    access: 'user',
    doc: 'Bank lines no match takes, with the treatment the last run suggested.',
    input: z.object({ companyId: idSchema, accountId: idSchema.nullable().default(null), offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: pageOf(unmatchedLineSchema),
  }),
  'matches.similar': method({
    access: 'user',
    doc: 'Past approved bank lines most like a bank line or a text, with the matches that settled them.',
    input: z.object({
      companyId: idSchema,
      bankLineId: idSchema.nullable().default(null),
      text: z.string().trim().max(500).nullable().default(null),
      limit: z.number().int().min(1).max(50).default(10),
    }).strict(),
    output: z.array(z.object({ similarity: z.number(), bankLine: matchBankLineSchema, match: matchSummarySchema.nullable() })),
  }),
  'learning.list': method({
    access: 'user',
    doc: 'What decisions taught the engine for a company: counterparty aliases, rules and rejected pairs.',
    input: z.object({ companyId: idSchema }).strict(),
    output: z.object({ aliases: z.array(learnedAliasSchema), rejectedPairs: z.array(rejectedPairSchema) }),
  }),
  'learning.addRule': method({
    access: ['admin', 'preparer'],
    doc: 'When the bank text contains these words, the counterparty is this one.',
    input: z.object({
      companyId: idSchema,
      bankText: z.string().trim().min(3).max(200),
      counterpartyName: z.string().trim().min(1).max(200).nullable().default(null),
      taxId: z.string().trim().min(1).max(32).nullable().default(null),
    }).strict(),
    output: learnedAliasSchema,
  }),
  'learning.deleteAlias': method({
    access: ['admin', 'preparer'],
    doc: 'Forget a learned alias or rule.',
    input: z.object({ id: idSchema }).strict(),
    output: empty,
  }),
  'learning.deleteRejected': method({
    access: ['admin', 'preparer'],
    doc: 'Forget a rejected pair.',
    input: z.object({ id: idSchema }).strict(),
    output: empty,
  }),
  'matchingSettings.get': method({
    access: 'user',
    doc: 'A company\'s matching settings (threshold, tolerances, date window).',
    input: z.object({ companyId: idSchema }).strict(),
    output: matchingSettingsSchema.extend({ isDefault: z.boolean() }),
  }),
  'matchingSettings.set': method({
    access: ['admin'],
    doc: 'Change a company\'s matching settings.',
    input: matchingSettingsSchema.extend({ companyId: idSchema }).strict(),
    output: matchingSettingsSchema.extend({ isDefault: z.boolean() }),
  }),
  'periodLocks.list': method({
    access: 'user',
    doc: 'The period locks of a company\'s accounts.',
    input: z.object({ companyId: idSchema }).strict(),
    output: z.array(periodLockSchema),
  }),
  'periodLocks.lock': method({
    access: ['admin'],
    doc: 'Lock an account up to a date: decisions on lines dated on or before it are refused.',
    input: z.object({ accountId: idSchema, through: isoDateSchema }).strict(),
    output: periodLockSchema,
  }),
  'periodLocks.unlock': method({
    access: ['admin'],
    doc: 'Lift an account\'s period lock.',
    input: z.object({ accountId: idSchema }).strict(),
    output: empty,
  }),
  'reports.reconciliation': method({
    access: 'user',
    doc: 'The reconciliation of one bank account at a date: balances, outstanding items and the unexplained remainder.',
    input: z.object({ accountId: idSchema, to: isoDateSchema }).strict(),
    output: reconciliationReportSchema,
  }),
  'reports.export': method({
    access: 'user',
    doc: 'The reconciliation report as a file: CSV, XLSX, a printable HTML view, or PDF (made from the print view).',
    input: z.object({ accountId: idSchema, to: isoDateSchema, format: z.enum(['csv', 'xlsx', 'html', 'pdf']), language: z.enum(['es', 'en']).default('en') }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
  }),
  'embedding.settings': method({
    access: 'user',
    doc: 'The firm\'s embedding provider, whether an API key is stored (never the key), cache counters and the remote server\'s circuit breaker.',
    input: empty,
    output: embeddingSettingsSchema,
  }),
  'embedding.configure': method({
    access: ['admin'],
    doc: 'Set the firm\'s embedding provider, server, model, cache limits and explanations (audited; the key is set apart).',
    input: embeddingConfigInputSchema,
    output: embeddingSettingsSchema,
  }),
  'embedding.setKey': method({
    access: ['admin'],
    doc: 'Store the server\'s API key in the system keychain (audited without the key); it is never shown again.',
    input: z.object({ apiKey: apiKeySchema }).strict(),
    output: z.object({ hasKey: z.boolean() }),
  }),
  'embedding.clearKey': method({
    access: ['admin'],
    doc: 'Remove the stored API key.',
    input: empty,
    output: z.object({ hasKey: z.boolean() }),
  }),
  'embedding.testConnection': method({
    access: ['admin'],
    doc: 'Ask the embedding server for one vector with the saved settings and key; answers in one line.',
    input: empty,
    output: embeddingTestResultSchema,
  }),
  'embedding.clearCache': method({
    access: ['admin'],
    doc: 'Empty the embedding cache and its counters (vectors are fetched again when needed).',
    input: empty,
    output: z.object({ removed: z.number().int().nonnegative() }),
  }),
  'embedding.pruneCache': method({
    access: ['admin'],
    doc: 'Remove cached vectors unused for the expiry period, then the oldest beyond the size cap.',
    input: empty,
    output: z.object({ expired: z.number().int().nonnegative(), evicted: z.number().int().nonnegative() }),
  }),
  'matches.explain': method({
    access: 'user',
    doc: 'A chat model\'s suggestion of why a match is (or is not) right, ranking it against its alternatives; never changes the match.',
    input: z.object({ id: idSchema }).strict(),
    output: matchExplanationSchema,
  }),
  'tasks.cancel': method({
    access: 'user',
    doc: 'Cancel a long task (import, reconciliation) by the id the caller gave it; what it did is rolled back.',
    input: z.object({ taskId: z.string().trim().min(1).max(64) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller sends (defaults optional). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (defaults applied). */
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export const methodNames = Object.keys(methods) as MethodName[];

/** True when `name` is a method of the contract. */
export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
