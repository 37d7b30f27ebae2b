import { describe, expect, it } from 'vitest';
import type { MatchReason } from '../../main/core/contract/index.js';
import { evidenceParts, evidenceRanges } from '../../renderer/src/features/review/evidence.js';
import { reasonLabel } from '../../renderer/src/features/review/reason-text.js';
import { createI18n } from '../../renderer/src/i18n/index.js';

const en = createI18n('en', 'en-US');
const es = createI18n('es', 'es-ES');
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const reason = (code: string, params: MatchReason['params'] = {}, text = 'The core’s sentence.'): MatchReason => ({ code, params, text });

describe('reasons in the user’s language', () => {
  it('formats amounts (decimal strings) in the locale with the currency', () => {
    const difference = reason('amount_difference', { difference: '-2.50', currency: 'EUR', treatment: 'fee' });
    expect(plain(reasonLabel(en, difference, 'EUR'))).toBe('differs by -EUR 2.50 (bank fee)');
    expect(plain(reasonLabel(es, difference, 'EUR'))).toBe('diferencia de -2,50 EUR (comisión bancaria)');
    const partial = reason('partial_payment', { allocated: '1000.00', open: '1210.00', currency: 'MXN' });
    expect(plain(reasonLabel(createI18n('es', 'es-MX'), partial, 'EUR'))).toBe('paga MXN 1,000.00 de MXN 1,210.00 pendientes');
  });

  it('uses plural forms for days and counts, and percentages in the locale', () => {
    expect(reasonLabel(en, reason('date_gap', { days: 1 }), 'EUR')).toBe('paid 1 day from the due date');
    expect(reasonLabel(es, reason('combination', { count: 3 }), 'EUR')).toBe('3 partidas en un solo pago');
    expect(plain(reasonLabel(es, reason('counterparty_weak', { name: 'Acme', similarity: 41 }), 'EUR'))).toBe('nombre solo 41 % similar (Acme)');
    expect(reasonLabel(en, reason('reference_match', { reference: 'FV-1', strength: 'partial' }), 'EUR')).toBe('number of FV-1 found');
    expect(plain(reasonLabel(en, reason('semantic_similarity', { similarity: 87, text: 'Cuota mensual' }), 'EUR'))).toBe('text 87% similar (“Cuota mensual”)');
    expect(reasonLabel(es, reason('suggest_treatment', { treatment: 'interest' }), 'EUR')).toBe('sugerido: intereses');
  });

  it('falls back to the core’s sentence for codes or values it cannot read', () => {
    expect(reasonLabel(es, reason('new_code'), 'EUR')).toBe('The core’s sentence.');
    expect(reasonLabel(es, reason('date_gap', { days: 'soon' }), 'EUR')).toBe('The core’s sentence.');
    expect(reasonLabel(es, reason('suggest_treatment', { treatment: 'lottery' }), 'EUR')).toBe('The core’s sentence.');
  });
});

describe('evidence in the bank text', () => {
  const marked = (text: string, terms: Parameters<typeof evidenceRanges>[1]) =>
    evidenceParts(text, evidenceRanges(text, terms)).filter((part) => part.kind !== null).map((part) => `${part.kind}:${part.text}`);

  it('finds a reference with other separators, the counterparty’s words without accents, and a tax id', () => {
    expect(marked('TRANSFERENCIA DISTRIBUCIONES LOPEZ FV2025/00123 B12345674', { references: ['FV-2025-00123', 'B12345674'], names: ['Distribuciones López S.L.'] }))
      .toEqual(['name:DISTRIBUCIONES', 'name:LOPEZ', 'reference:FV2025/00123', 'reference:B12345674']);
  });

  it('falls back to the document’s number when the whole reference is not there', () => {
    expect(marked('PAGO FRA 123 Café Ñandú', { references: ['FV-2025-00123'], names: ['Cafe Nandu SL'] })).toEqual(['reference:123', 'name:Café', 'name:Ñandú']);
  });

  it('ignores legal forms, short words and numbers inside other numbers', () => {
    expect(marked('RECIBO SL DE LUZ 2025001234', { references: ['FV-1234'], names: ['Luz de Gas SL'] })).toEqual(['name:LUZ']);
  });
});
