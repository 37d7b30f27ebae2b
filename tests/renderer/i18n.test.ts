import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../main/core/contract/index.js';
import {
  currencyDigits,
  describeError,
  detectLanguage,
  dictionaries,
  formatAmount,
  formatDate,
  formatDateTime,
  formatMinor,
  isNegative,
  lockedUntil,
  minorToDecimal,
  resolveLocale,
  translate,
  translatePlural,
  type Dictionary,
} from '../../renderer/src/i18n/index.js';
import { en } from '../../renderer/src/i18n/en.js';
import { es } from '../../renderer/src/i18n/es.js';

// Compile-time: a dictionary missing a key, or with one the reference lacks, does not type-check.
// @ts-expect-error — 'app.loading' alone is not a complete Dictionary
const incomplete: Dictionary = { 'app.loading': 'x' };
// @ts-expect-error — an unknown key is refused too
const extra: Dictionary = { ...en, 'no.such.key': 'x' };
void incomplete;
void extra;

const slots = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('dictionaries', () => {
  it('Spanish and English have exactly the same keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('every message uses the same {slots} in both languages and none is empty', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(slots(es[key]), key).toEqual(slots(en[key]));
      expect(es[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('has a message for every error code of the contract in both languages', () => {
    for (const language of ['es', 'en'] as const) {
      for (const code of errorCodes) {
        const text = describeError(language, 'es-ES', { code, message: 'detail from the core' });
        expect(text, `${language} ${code}`).not.toMatch(/\{\w+\}/);
        expect(text.length).toBeGreaterThan(10);
      }
    }
  });

  it('translates with parameters and plural forms', () => {
    expect(translate('es', 'accounts.empty.body', { company: 'Acme SL' })).toContain('Acme SL');
    expect(translatePlural('en', 'en-US', 'accounts.count', 1)).toBe('1 account');
    expect(translatePlural('en', 'en-US', 'accounts.count', 1204)).toBe('1,204 accounts');
    expect(translatePlural('es', 'es-MX', 'companies.active', 1)).toBe('1 activa');
    expect(translatePlural('es', 'es-ES', 'companies.active', 3)).toBe('3 activas');
    expect(Object.keys(dictionaries).sort()).toEqual(['en', 'es']);
  });
});

describe('language and locale', () => {
  it('picks Spanish for es-*, English otherwise', () => {
    expect(detectLanguage(['es-MX', 'en-US'])).toBe('es');
    expect(detectLanguage(['es'])).toBe('es');
    expect(detectLanguage(['en-GB', 'es-ES'])).toBe('en');
    expect(detectLanguage(['fr-FR', 'es-ES'])).toBe('es');
    expect(detectLanguage(['de-DE'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  it('keeps the regional locale of the chosen language', () => {
    expect(resolveLocale('es', ['es-MX', 'en-US'])).toBe('es-MX');
    expect(resolveLocale('en', ['es-MX', 'en-GB'])).toBe('en-GB');
    expect(resolveLocale('es', ['en-US'])).toBe('es-ES');
    expect(resolveLocale('en', ['es-ES'])).toBe('en-US');
  });
});

// Intl puts a no-break space (U+00A0) between number and code in es; compare with plain spaces.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('amounts', () => {
  it('formats decimal strings with the currency code and a leading minus, never parentheses', () => {
    expect(plain(formatAmount('-564.05', 'EUR', 'es-ES'))).toBe('-564,05 EUR');
    expect(plain(formatAmount('1234567.8', 'EUR', 'es-ES'))).toBe('1.234.567,80 EUR');
    expect(plain(formatAmount('-1234567.8', 'MXN', 'es-MX'))).toBe('-MXN 1,234,567.80');
    expect(plain(formatAmount('-1234.5', 'USD', 'en-US'))).toBe('-USD 1,234.50');
    for (const locale of ['es-ES', 'es-MX', 'en-US']) {
      expect(formatAmount('-10.00', 'EUR', locale)).not.toMatch(/[()]/);
    }
  });

  it('keeps every cent of large amounts (no float rounding)', () => {
    expect(plain(formatAmount('90071992547409.93', 'EUR', 'es-ES'))).toBe('90.071.992.547.409,93 EUR');
  });

  it('shows zero without a sign', () => {
    expect(plain(formatAmount('-0.00', 'EUR', 'es-ES'))).toBe('0,00 EUR');
    expect(isNegative('-0.00')).toBe(false);
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative(-1)).toBe(true);
  });

  it('turns minor units into amounts with the currency’s own decimals', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(minorToDecimal(-56405, 2)).toBe('-564.05');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(1234, 0)).toBe('1234');
    expect(plain(formatMinor(-56405, 'EUR', 'es-ES'))).toBe('-564,05 EUR');
    expect(plain(formatMinor(123456, 'MXN', 'es-MX'))).toBe('MXN 1,234.56');
    expect(plain(formatMinor(1500, 'JPY', 'en-US'))).toBe('JPY 1,500');
    expect(plain(formatMinor(12345n, 'KWD', 'en-US'))).toBe('KWD 12.345');
  });
});

describe('dates', () => {
  it('formats calendar days short and unambiguous, without time-zone shifts', () => {
    expect(formatDate('2024-03-05', 'es-ES', 'America/Mexico_City')).toBe('5 mar 2024');
    expect(formatDate('2024-03-05', 'es-MX', 'Pacific/Kiritimati')).toBe('5 mar 2024');
    expect(formatDate('2024-03-05', 'en-US', 'America/Los_Angeles')).toBe('Mar 5, 2024');
    expect(formatDate('2024-12-31', 'en-US', 'Pacific/Kiritimati')).toBe('Dec 31, 2024');
  });

  it('formats moments in the given zone with the locale’s clock', () => {
    expect(plain(formatDateTime('2024-03-05T14:07:00Z', 'es-ES', 'Europe/Madrid'))).toBe('5 mar 2024, 15:07');
    expect(plain(formatDateTime('2024-03-05T14:07:00Z', 'es-MX', 'America/Mexico_City'))).toBe('5 mar 2024, 8:07 a.m.');
    expect(plain(formatDateTime('2024-03-05T14:07:00Z', 'en-US', 'America/New_York'))).toBe('Mar 5, 2024, 9:07 AM');
  });

  it('returns text it cannot read unchanged', () => {
    expect(formatDate('not a date', 'es-ES')).toBe('not a date');
  });
});

describe('error messages', () => {
  it('says until when a locked account waits', () => {
    const error = { code: 'account_locked' as const, message: 'locked', details: { lockedUntil: '2024-03-05T14:30:00.000Z', retryAfterSeconds: 60 } };
    expect(lockedUntil(error)).toBe('2024-03-05T14:30:00.000Z');
    const text = describeError('es', 'es-ES', error);
    expect(text).toMatch(/bloqueada hasta/);
    expect(text).toContain('5 mar 2024');
    expect(describeError('en', 'en-US', { code: 'account_locked', message: 'locked' })).toMatch(/locked for a while/);
  });

  it('explains the 72-byte bcrypt limit', () => {
    expect(describeError('en', 'en-US', { code: 'password_too_long', message: 'x' })).toMatch(/72 bytes.*bcrypt/);
    expect(describeError('es', 'es-ES', { code: 'password_too_long', message: 'x' })).toMatch(/72 bytes.*bcrypt/);
  });

  it('names the IBAN problem from the details, in the user’s language', () => {
    const error = { code: 'invalid_input' as const, message: 'The check digits…', details: { field: 'iban', problem: 'check_digits' } };
    expect(describeError('es', 'es-ES', error)).toMatch(/dígitos de control/);
    expect(describeError('en', 'en-US', { ...error, details: { field: 'iban', problem: 'length' } })).toMatch(/length/);
  });

  it('reads wrong credentials as such on the login screen only', () => {
    const error = { code: 'unauthenticated' as const, message: 'Wrong username or password.' };
    expect(describeError('en', 'en-US', error, 'login')).toBe('The username or the password is not right.');
    expect(describeError('en', 'en-US', error)).toBe('Please log in first.');
  });

  it('quotes the core’s sentence for invalid input without its field prefix', () => {
    const text = describeError('en', 'en-US', { code: 'invalid_input', message: 'name: a name is required' });
    expect(text).toBe('Some of the data is not valid: a name is required');
  });

  it('states the minimum length of a weak password', () => {
    const error = { code: 'password_too_weak' as const, message: '…', details: { minChars: 10 } };
    expect(describeError('es', 'es-ES', error)).toBe('La contraseña necesita al menos 10 caracteres.');
  });
});
