import { describe, expect, it } from 'vitest';
import { lineFingerprint, normalizeText, occurrenceIndexes } from '../../main/core/imports/fingerprint.js';
import { trustedBankId } from '../../main/core/imports/line-plan.js';
import type { StatementLine } from '../../main/core/importers/types.js';

const line = (over: Partial<StatementLine> = {}): StatementLine => ({
  bookingDate: '2025-01-05',
  valueDate: null,
  amount: { minor: -450, currency: 'EUR' },
  description: 'COMPRA TARJ. CAFETERIA',
  counterparty: {},
  references: {},
  bankId: null,
  reversal: false,
  provisional: false,
  ...over,
});

describe('normalised text', () => {
  it('folds accents, case, punctuation and blanks, and keeps every script', () => {
    expect(normalizeText('Transferencia  SEPA-Núñez, S.L.')).toBe('transferencia sepa nunez s l');
    expect(normalizeText('COMISIÓN   mantenimiento')).toBe(normalizeText('comision mantenimiento'));
    expect(normalizeText('Оплата по счёту 15')).toBe('оплата по счету 15');
    expect(normalizeText('Оплата по счёту 15')).not.toBe(normalizeText('Перевод 15'));
  });
});

describe('fingerprints', () => {
  it('ignore layout of the text but not the account, day, amount, counterparty or references', () => {
    const base = lineFingerprint(1, line(), normalizeText('COMPRA TARJ. CAFETERIA'));
    expect(lineFingerprint(1, line(), normalizeText('compra  tarj cafeteria'))).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    const other = [
      lineFingerprint(2, line(), normalizeText('COMPRA TARJ. CAFETERIA')),
      lineFingerprint(1, line({ bookingDate: '2025-01-06' }), normalizeText('COMPRA TARJ. CAFETERIA')),
      lineFingerprint(1, line({ amount: { minor: -451, currency: 'EUR' } }), normalizeText('COMPRA TARJ. CAFETERIA')),
      lineFingerprint(1, line({ counterparty: { name: 'X' } }), normalizeText('COMPRA TARJ. CAFETERIA')),
      lineFingerprint(1, line({ references: { endToEndId: 'E1' } }), normalizeText('COMPRA TARJ. CAFETERIA')),
    ];
    expect(new Set([base, ...other]).size).toBe(6);
  });

  it('number identical lines in file order', () => {
    expect([...occurrenceIndexes(['a', 'b', 'a', 'a', 'b', 'c'])]).toEqual([0, 0, 1, 2, 1, 0]);
  });
});

describe('bank ids', () => {
  it('are trusted unless the importer made them unique with the line date and amount', () => {
    expect(trustedBankId(line({ bankId: ' ACSR-77 ' }))).toBe('ACSR-77');
    expect(trustedBankId(line({ bankId: '' }))).toBeNull();
    expect(trustedBankId(line({ bankId: 'F1|2025-01-05|-450' }))).toBeNull();
    expect(trustedBankId(line({ bankId: 'F1|2025-01-05|-450|2' }))).toBeNull();
    expect(trustedBankId(line({ bankId: 'F1|2025-01-04|-450' }))).toBe('F1|2025-01-04|-450');
  });
});
