import { z } from 'zod';

/** The closed set of error codes that may cross a process boundary. */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'account_locked',
  'setup_required',
  'already_set_up',
  'password_too_long',
  'password_too_weak',
  'session_expired',
  'import_unreadable',
  'cancelled',
  'period_locked',
  'db_not_cuadra',
  'db_future_version',
  'db_unknown_migration',
  'db_checksum_mismatch',
  'unknown_method',
  'internal',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** An error as it crosses IPC: a code, a message fit for a person, optional details (never SQL, paths or stacks). */
export const coreErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type CoreErrorData = z.infer<typeof coreErrorSchema>;

/** A thrown error the dispatcher turns into an error envelope; anything else becomes `internal`. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.details = details;
  }
  toData(): CoreErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
