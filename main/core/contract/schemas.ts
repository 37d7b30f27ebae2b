import { z } from 'zod';

/** Shared value schemas: everything here survives a JSON round trip. */
export const idSchema = z.number().int().positive();
export const isoDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'an ISO date-time in UTC');
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

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

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');

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
