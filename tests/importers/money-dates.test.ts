import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMinor, impliedDecimalsToMinor, toMinor } from '../../main/core/importers/money.js';
import { ParseError } from '../../main/core/importers/errors.js';
import { parseIsoDateTime, parseYYMMDD, parseYYYYMMDD, resolveMonthDay } from '../../main/core/importers/dates.js';
import { isValidIban, spanishAccountFromParts } from '../../main/core/importers/iban.js';
import { findSpanishTaxId, isValidCif, isValidNifNie } from '../../main/core/importers/tax-ids.js';
import { findCreditorReference, isValidCreditorReference } from '../../main/core/importers/references.js';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof ParseError ? e.code : 'other';
  }
};

describe('money', () => {
  it('knows the ISO 4217 exponents that are not 2', () => {
    expect(['EUR', 'USD', 'MXN', 'JPY', 'CLP', 'KWD', 'BHD', 'JOD', 'OMR', 'TND', 'LYD', 'IQD', 'XXX'].map(currencyExponent)).toEqual([2, 2, 2, 0, 0, 3, 3, 3, 3, 3, 3, 3, 2]);
  });

  it('converts decimal text exactly, with comma or dot, sign, missing or extra zero decimals', () => {
    expect(toMinor('-564,05', 'EUR')).toBe(-56405);
    expect(toMinor('1500,', 'EUR')).toBe(150000);
    expect(toMinor('+75.6000', 'USD')).toBe(7560);
    expect(toMinor('18.150', 'EUR')).toBe(1815);
    expect(toMinor('200000', 'SEK')).toBe(20000000);
    expect(toMinor(',5', 'EUR')).toBe(50);
    expect(toMinor('1500', 'JPY')).toBe(1500);
    expect(toMinor('12,345', 'KWD')).toBe(12345);
    expect(toMinor('-0,00', 'EUR')).toBe(0);
    expect(Object.is(toMinor('-0,00', 'EUR'), -0)).toBe(false);
    expect(toMinor('0.1', 'EUR') + toMinor('0.2', 'EUR')).toBe(toMinor('0.3', 'EUR'));
  });

  it('throws typed errors for non-zero extra decimals, bad text and unsafe sizes; rounds on request', () => {
    expect(code(() => toMinor('18.151', 'EUR'))).toBe('amount_precision');
    expect(code(() => toMinor('1500,50', 'JPY'))).toBe('amount_precision');
    expect(toMinor('18.155', 'EUR', { round: true })).toBe(1816);
    expect(toMinor('-18.155', 'EUR', { round: true })).toBe(-1816);
    expect(toMinor('9.995', 'EUR', { round: true })).toBe(1000);
    for (const bad of ['$120', '1.234,56', '', '-', ',', '1e5', '12 34']) expect(code(() => toMinor(bad, 'EUR')), bad).toBe('amount_invalid');
    expect(code(() => toMinor('1,50', 'EUR', { decimalSeparator: '.' }))).toBe('amount_invalid');
    expect(code(() => toMinor('99999999999999999', 'EUR'))).toBe('amount_too_large');
  });

  it('formats minor units as the CLI decimal string', () => {
    expect([formatMinor(-56405, 'EUR'), formatMinor(5, 'EUR'), formatMinor(-5, 'KWD'), formatMinor(1200, 'JPY'), formatMinor(0, 'EUR')]).toEqual(['-564.05', '0.05', '-0.005', '1200', '0.00']);
    expect(impliedDecimalsToMinor('00000000123456', 2, 'EUR')).toBe(123456);
  });

  it('round-trips every safe amount in every exponent (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'), (minor, currency) => {
        expect(toMinor(formatMinor(minor, currency), currency)).toBe(minor);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dates', () => {
  it('validates calendar dates and expands two-digit years', () => {
    expect(parseYYMMDD('240229')).toBe('2024-02-29');
    expect(parseYYMMDD('230229')).toBeNull();
    expect(parseYYMMDD('250230')).toBeNull();
    expect(parseYYMMDD('251301')).toBeNull();
    expect(parseYYMMDD('991231')).toBe('1999-12-31');
    expect(parseYYMMDD('691231')).toBe('2069-12-31');
    expect(parseYYMMDD('991231', { pivot: 100 })).toBe('2099-12-31');
    expect(parseYYYYMMDD('20120231')).toBeNull();
    expect(parseYYYYMMDD('20000229')).toBe('2000-02-29');
    expect(parseYYYYMMDD('19000229')).toBeNull();
  });

  it('keeps the local day of ISO date-times whatever the offset or precision', () => {
    expect(parseIsoDateTime('2024-12-31T23:30:00-05:00')).toBe('2024-12-31');
    expect(parseIsoDateTime('2025-07-24T06:10:29.000000000')).toBe('2025-07-24');
    expect(parseIsoDateTime('2025-01-01T00:10:00+14:00')).toBe('2025-01-01');
    expect(parseIsoDateTime('2025-01-01Z')).toBeNull();
    expect(parseIsoDateTime('2025-02-30')).toBeNull();
  });

  it('resolves MMDD entry dates across the year boundary', () => {
    expect(resolveMonthDay('0102', '2024-12-31')).toBe('2025-01-02');
    expect(resolveMonthDay('1231', '2025-01-02')).toBe('2024-12-31');
    expect(resolveMonthDay('0524', '2011-05-24')).toBe('2011-05-24');
    expect(resolveMonthDay('0229', '2024-03-01')).toBe('2024-02-29');
    expect(resolveMonthDay('0230', '2024-03-01')).toBeNull();
  });
});

describe('account and reference helpers', () => {
  it('rebuilds a Spanish IBAN from a Norma 43 bank/branch/account', () => {
    expect(spanishAccountFromParts('2100', '0418', '0200051332')).toEqual({ ccc: '21000418450200051332', iban: 'ES9121000418450200051332' });
    expect(spanishAccountFromParts('21A0', '0418', '0200051332')).toBeNull();
    expect(isValidIban('ES91 2100 0418 4502 0005 1332')).toBe(true);
    expect(isValidIban('ES9121000418450200051333')).toBe(false);
  });

  it('recognises valid Spanish tax ids only', () => {
    expect(isValidNifNie('12345678Z')).toBe(true);
    expect(isValidNifNie('X1234567L')).toBe(true);
    expect(isValidNifNie('12345678A')).toBe(false);
    expect(isValidCif('B12345674')).toBe(true);
    expect(isValidCif('B12345675')).toBe(false);
    expect(findSpanishTaxId('PAGO DE ACME SL CIF B12345674 FRA 1')).toBe('B12345674');
    expect(findSpanishTaxId('REF 123456789 X')).toBeUndefined();
  });

  it('finds ISO 11649 creditor references, spaced or not', () => {
    expect(isValidCreditorReference('RF18539007547034')).toBe(true);
    expect(isValidCreditorReference('RF19539007547034')).toBe(false);
    expect(findCreditorReference('Factura RF18 5390 0754 7034 gracias')).toBe('RF18539007547034');
    expect(findCreditorReference('RF99 nothing')).toBeUndefined();
  });
});
