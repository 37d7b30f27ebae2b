import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/index.js';
import { IBAN_LENGTHS, checkIban, formatIban, ibanMod97, normalizeIban } from '../../main/core/domain/iban.js';
import { normalizeAccountIdentity } from '../../main/core/domain/account-identity.js';
import { isCurrencyCode } from '../../main/core/domain/currency.js';

describe('IBAN (ISO 13616)', () => {
  it('accepts valid IBANs of several countries, however they are typed', () => {
    for (const iban of [
      'ES9121000418450200051332',
      'es91 2100 0418 4502 0005 1332',
      'IBAN ES91 2100 0418 4502 0005 1332',
      'DE89 3704 0044 0532 0130 00',
      'GB29 NWBK 6016 1331 9268 19',
      'FR14 2004 1010 0505 0001 3M02 606',
      'NO93 8601 1117 947',
      'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
    ]) {
      expect(checkIban(iban), iban).toMatchObject({ valid: true, iban: normalizeIban(iban) });
    }
  });

  it('names the problem: check digits, length for the country, country, characters', () => {
    expect(checkIban('ES9221000418450200051332')).toMatchObject({ valid: false, problem: 'check_digits' });
    expect(checkIban('ES9121000418450200051323')).toMatchObject({ valid: false, problem: 'check_digits' }); // swapped digits
    expect(checkIban('ES912100041845020005133')).toEqual({
      valid: false,
      problem: 'length',
      message: 'An IBAN from ES has 24 characters; ES912100041845020005133 has 23.',
    });
    expect(checkIban('US12345678901234')).toMatchObject({ valid: false, problem: 'country' });
    expect(checkIban('ES91-2100-0418')).toMatchObject({ valid: false, problem: 'characters' });
    expect(checkIban('   ')).toMatchObject({ valid: false, problem: 'empty' });
  });

  it('computes mod 97 without losing precision on long IBANs', () => {
    expect(ibanMod97('LC55HEMM000100010012001200023015')).toBe(1);
    expect(ibanMod97('RU0204452560040702810412345678901')).toBe(1);
    expect(Object.values(IBAN_LENGTHS).every((n) => n >= 15 && n <= 34)).toBe(true);
  });

  it('prints in groups of four', () => {
    expect(formatIban('ES9121000418450200051332')).toBe('ES91 2100 0418 4502 0005 1332');
  });
});

describe('account identity', () => {
  it('normalizes IBAN, number and currency and falls back to them for a name', () => {
    expect(normalizeAccountIdentity({ name: '', iban: 'es91 2100 0418 4502 0005 1332', number: null, currency: 'eur' })).toEqual({
      name: 'ES9121000418450200051332',
      iban: 'ES9121000418450200051332',
      number: null,
      currency: 'EUR',
    });
    expect(normalizeAccountIdentity({ name: null, iban: ' ', number: '0049 1500 05', currency: 'EUR' }).name).toBe('0049150005');
  });

  it('refuses an account with nothing to identify it, or an unknown currency', () => {
    expect(() => normalizeAccountIdentity({ name: ' ', iban: null, number: null, currency: 'EUR' })).toThrow(CoreError);
    expect(() => normalizeAccountIdentity({ name: 'x', iban: null, number: null, currency: 'EUX' })).toThrow(/ISO 4217/);
    expect(['EUR', 'MXN', 'USD', 'CLF', 'JPY'].every(isCurrencyCode)).toBe(true);
    expect(['eur', 'EURO', 'ABC'].some(isCurrencyCode)).toBe(false);
  });
});
