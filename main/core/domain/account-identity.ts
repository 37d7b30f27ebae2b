import { CoreError } from '../contract/index.js';
import { checkIban } from './iban.js';
import { isCurrencyCode } from './currency.js';
import { normalizeName } from './names.js';

/** How a bank account is told apart within its company: by IBAN, by number, or by name. */
export interface AccountIdentity {
  name: string;
  /** Electronic form (no spaces, upper case), check digits verified. */
  iban: string | null;
  /** A national account number (e.g. a Mexican CLABE), spaces removed. */
  number: string | null;
  currency: string;
}

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * Normalizes and checks what identifies a bank account: a valid IBAN when given, the number
 * without spaces, a known ISO 4217 currency and a name. Throws `invalid_input` naming the problem.
 */
export function normalizeAccountIdentity(input: {
  name: string | null;
  iban: string | null;
  number: string | null;
  currency: string;
}): AccountIdentity {
  let iban = blankToNull(input.iban);
  if (iban !== null) {
    const check = checkIban(iban);
    if (!check.valid) throw new CoreError('invalid_input', check.message, { field: 'iban', problem: check.problem });
    iban = check.iban;
  }
  const number = blankToNull(input.number)?.replace(/[\s\u00a0]+/g, '').toUpperCase() ?? null;
  const currency = input.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) {
    throw new CoreError('invalid_input', `${currency || 'An empty code'} is not an ISO 4217 currency code (e.g. EUR, MXN, USD).`, {
      field: 'currency',
    });
  }
  const given = blankToNull(input.name);
  const name = given !== null ? normalizeName(given) : (iban ?? number);
  if (name === null) {
    throw new CoreError('invalid_input', 'A bank account needs an IBAN, an account number or a name.', { field: 'name' });
  }
  return { name, iban, number, currency };
}
