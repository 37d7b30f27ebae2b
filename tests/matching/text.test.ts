// Normalisation and counterparty similarity: what banks do to names must not hide who paid.
import { describe, expect, it } from 'vitest';
import { descriptionTokens, foldText, nameTokens, textHints } from '../../main/core/matching/text.js';
import { boundedEditDistance, nameSimilarity, tokenMatch, type WeightedName } from '../../main/core/matching/similarity.js';

function party(name: string): WeightedName {
  const tokens = nameTokens(name);
  return { tokens, weights: tokens.map(() => 1), total: tokens.length };
}

function sim(bankText: string, booksName: string, fromDescription = false): number {
  const tokens = fromDescription ? descriptionTokens(bankText) : nameTokens(bankText);
  return nameSimilarity(tokens, party(booksName), fromDescription, bankText.length >= 28, () => 1);
}

describe('folding and legal forms', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldText('Muñoz & Peña, S.L. — Nº 12')).toBe('MUNOZ PENA S L N 12');
  });

  it.each([
    ['Comercializadora del Bajío, S.A. de C.V.', ['COMERCIALIZADORA', 'BAJIO']],
    ['COMERCIALIZADORA DEL BAJIO SA DE CV', ['COMERCIALIZADORA', 'BAJIO']],
    ['Construcciones García, S.L.U.', ['CONSTRUCCIONES', 'GARCIA']],
    ['CONSTRUCCIONES GARCIA SLU', ['CONSTRUCCIONES', 'GARCIA']],
    ['Logística Norte S. de R.L. de C.V.', ['LOGISTICA', 'NORTE']],
    ['Talleres Pérez, Sociedad Limitada', ['TALLERES', 'PEREZ']],
    ['Iberdrola Clientes, S.A.U.', ['IBERDROLA', 'CLIENTES']],
    ['Hnos. Ruiz C.B.', ['HERMANOS', 'RUIZ']],
  ])('"%s" → %j', (name, tokens) => {
    expect(nameTokens(name)).toEqual(tokens);
  });

  it('drops bank prefixes, card masks, numbers and legal forms from descriptions', () => {
    expect(descriptionTokens('TRANSFERENCIA SEPA DE GARCIA LOPEZ SL CONCEPTO FRA 2024/145')).toEqual(['GARCIA', 'LOPEZ']);
    expect(descriptionTokens('SPEI RECIBIDO BANORTE DISTRIBUIDORA AZTECA SA DE CV CVE RASTREO MBAN0100240315')).toEqual(['DISTRIBUIDORA', 'AZTECA']);
    expect(descriptionTokens('COMPRA TARJ 4152XXXXXXXX1234 REPSOL')).toEqual(['REPSOL']);
    expect(descriptionTokens('RECIBO ADEUDO DOMICILIADO IBERDROLA')).toEqual(['IBERDROLA']);
  });

  it('reads what an unmatched line probably is', () => {
    expect(textHints('COMISION MANTENIMIENTO').bankCharge).toBe(true);
    expect(textHints('LIQUIDACION INTERESES').interest).toBe(true);
    expect(textHints('IMPUESTO MODELO 303 AEAT').tax).toBe(true);
    expect(textHints('TRASPASO A CTA PROPIA').transfer).toBe(true);
  });
});

describe('counterparty similarity', () => {
  it.each([
    ['legal form written differently', 'CONSTRUCCIONES GARCIA LOPEZ S.L.', 'Construcciones García López, SL', false],
    ['legal form missing', 'COMERCIALIZADORA DEL BAJIO', 'Comercializadora del Bajío, S.A. de C.V.', false],
    ['word order of a person', 'LOPEZ GARCIA MARIA', 'María López García', false],
    ['truncated at 35 characters', 'DISTRIBUCIONES INDUSTRIALES DEL MED', 'Distribuciones Industriales del Mediterráneo Levante, S.L.', false],
    ['a typo', 'SUMINISTROS ELECTRICOS VAZQEZ', 'Suministros Eléctricos Vázquez SA', false],
    ['inside a description', 'TRANSFERENCIA DE TALLERES RUIZ CONCEPTO FRA 77', 'Talleres Ruiz, S.L.', true],
  ])('%s: high', (_label, bankText, booksName, fromDescription) => {
    expect(sim(bankText, booksName, fromDescription)).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    ['another company', 'CONSTRUCCIONES GARCIA LOPEZ', 'Transportes Martínez Ruiz SA'],
    ['one shared common word only', 'SERVICIOS INTEGRALES DEL NORTE', 'Servicios Ruiz, S.L.'],
  ])('%s: low', (_label, bankText, booksName) => {
    expect(sim(bankText, booksName)).toBeLessThan(0.6);
  });

  it('matches tokens exactly, by prefix (truncation) and with one typo', () => {
    expect(tokenMatch('GARCIA', 'GARCIA')).toBe(1);
    expect(tokenMatch('DISTRIBUCIO', 'DISTRIBUCIONES')).toBe(0.9);
    expect(tokenMatch('VAZQEZ', 'VAZQUEZ')).toBe(0.85);
    expect(tokenMatch('GARCIA', 'MARTIN')).toBe(0);
    expect(boundedEditDistance('QUMITOR', 'QUIMTOR', 2)).toBe(1);
  });
});
