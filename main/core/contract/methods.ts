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
