import type { CoreErrorData } from '../../../main/core/contract/index.js';
import { formatDateTime } from './format.js';
import { translate } from './translate.js';
import type { Language } from './types.js';

/** Where an error is shown; it changes what some codes mean to the person reading. */
export type ErrorContext = 'login' | 'general';

/** The input field an error is about: `details.field`, or the `field: …` prefix the core puts on validation messages. */
export function errorField(error: CoreErrorData): string | null {
  const field = error.details?.['field'];
  if (typeof field === 'string') return field;
  const prefix = /^([A-Za-z][\w.]*):\s/.exec(error.message);
  return prefix?.[1] ?? null;
}

/** When a locked account opens again, from the error's details (ISO time or seconds to wait). */
export function lockedUntil(error: CoreErrorData, now: Date = new Date()): string | null {
  const details = error.details ?? {};
  for (const name of ['lockedUntil', 'until', 'unlockAt']) {
    const value = details[name];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
  }
  const seconds = details['retryAfterSeconds'];
  if (typeof seconds === 'number' && Number.isFinite(seconds)) {
    return new Date(now.getTime() + seconds * 1000).toISOString();
  }
  return null;
}

const ibanProblems = ['empty', 'characters', 'country', 'length', 'check_digits'] as const;
const isIbanProblem = (value: string): value is (typeof ibanProblems)[number] =>
  (ibanProblems as readonly string[]).includes(value);

/** The core's own sentence without a leading `field:` prefix, for messages that quote it. */
function coreSentence(error: CoreErrorData): string {
  return error.message.replace(/^[A-Za-z][\w.]*:\s/, '');
}

/**
 * An error envelope as a sentence in the user's language that says what happened and what to do.
 * Codes whose useful part is specific to the case (invalid input, conflicts) quote the core's sentence.
 */
export function describeError(
  language: Language,
  locale: string,
  error: CoreErrorData,
  context: ErrorContext = 'general',
): string {
  const message = coreSentence(error);
  switch (error.code) {
    case 'unauthenticated':
      return translate(language, context === 'login' ? 'login.badCredentials' : 'error.unauthenticated');
    case 'account_locked': {
      const until = lockedUntil(error);
      return until
        ? translate(language, 'error.account_locked.until', { time: formatDateTime(until, locale) })
        : translate(language, 'error.account_locked');
    }
    case 'invalid_input': {
      const field = errorField(error);
      if (field === 'iban') {
        const problem = error.details?.['problem'];
        return typeof problem === 'string' && isIbanProblem(problem)
          ? translate(language, `error.iban.${problem}`)
          : translate(language, 'error.iban.check_digits');
      }
      if (field === 'currency') return translate(language, 'error.currency');
      return translate(language, 'error.invalid_input', { message });
    }
    case 'conflict':
      return translate(language, 'error.conflict', { message });
    case 'password_too_weak': {
      const min = error.details?.['minChars'];
      return typeof min === 'number'
        ? translate(language, 'error.password_too_weak.short', { min })
        : translate(language, 'error.password_too_weak', { message });
    }
    case 'import_unreadable':
      return translate(language, 'error.import_unreadable', { message });
    case 'period_locked':
      return translate(language, 'error.period_locked', { message });
    case 'cancelled':
      return translate(language, 'error.cancelled');
    case 'internal':
      return translate(language, error.details?.['transport'] === true ? 'error.transport' : 'error.internal');
    case 'forbidden':
    case 'not_found':
    case 'setup_required':
    case 'already_set_up':
    case 'password_too_long':
    case 'session_expired':
    case 'db_not_cuadra':
    case 'db_future_version':
    case 'db_unknown_migration':
    case 'db_checksum_mismatch':
    case 'unknown_method':
      return translate(language, `error.${error.code}`);
  }
}
