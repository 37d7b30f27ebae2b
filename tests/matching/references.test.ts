// References in the forms payers write them, and the ids found inside bank free text.
import { describe, expect, it } from 'vitest';
import { canonicalUuid, documentKeys, extractTextEvidence, isStrongKey, isValidRfc, rfcCheckDigit } from '../../main/core/matching/references.js';

function shareStrongKey(a: string, b: string): boolean {
  const ka = documentKeys(a);
  return [...documentKeys(b)].some((k) => isStrongKey(k) && ka.has(k));
}

function shareAnyKey(a: string, b: string): boolean {
  const ka = documentKeys(a);
  return [...documentKeys(b)].some((k) => ka.has(k));
}

describe('invoice numbers written many ways', () => {
  it.each([
    ['A-2024-000145', 'FRA 2024/145'],
    ['A-2024-000145', 'FACTURA A-145'],
    ['A-2024-000145', 'F-2024-145'],
    ['A-2024-000145', 'A2024000145'],
    ['A-2024-000145', 'PAGO FACTURA A-2024-000145'],
    ['A-2024-000145', 'FRA.A145'],
    ['A-2024-000145', '145/24'],
    ['FV-2023-001594', 'CONC. FV2023001594'],
    ['FV-2023-001594', 'ABONO CONC. FRA.FV1594'],
    ['B/2024/0000638', 'N/FRA 2024/638'],
  ])('%s ~ "%s" (strong key)', (doc, text) => {
    expect(shareStrongKey(doc, text)).toBe(true);
  });

  it.each([
    ['INV-00987', 'INV 987'],
    ['A-2024-000145', 'FACT. 000145'],
    ['0001234', 'N/FRA 1234'],
  ])('%s ~ "%s" (number only: weak)', (doc, text) => {
    expect(shareAnyKey(doc, text)).toBe(true);
    expect(shareStrongKey(doc, text)).toBe(false);
  });

  it.each([
    ['A-2024-000145', 'FRA 2024/146'],
    ['A-2024-000145', 'FECHA 14/05/2024 IMPORTE 1.450,00'],
  ])('%s is not "%s"', (doc, text) => {
    expect(shareStrongKey(doc, text)).toBe(false);
  });

  it('keeps the year in the full key: A-145 of 2023 is not A-145 of 2024', () => {
    expect(documentKeys('A-2024-000145')).toContain('FA|2024|145');
    expect(documentKeys('A-2023-000145')).not.toContain('FA|2024|145');
  });
});

describe('ids found in free text', () => {
  it('finds an RF creditor reference written in groups', () => {
    expect(extractTextEvidence('PAGO RF18 5390 0754 7034 GRACIAS', []).keys).toContain('PRF18539007547034');
  });

  it('finds a CFDI UUID with or without dashes, in any case', () => {
    const uuid = '6F9B1C2A-3D4E-4F50-A1B2-C3D4E5F60718';
    expect(extractTextEvidence(`PAGO CFDI ${uuid.toLowerCase()}`, []).keys).toContain(`U${uuid}`);
    expect(extractTextEvidence(`UUID ${uuid.replace(/-/g, '')}`, []).keys).toContain(`U${uuid}`);
    expect(canonicalUuid('not-a-uuid')).toBeNull();
  });

  it('finds a SPEI tracking key after its label, and structured references', () => {
    const ev = extractTextEvidence('SPEI RECIBIDO BANORTE CVE RASTREO MBAN01002403150012345 CONCEPTO PAGO', ['BNET0199887766']);
    expect(ev.operationKeys).toEqual(expect.arrayContaining(['MBAN01002403150012345', 'BNET0199887766']));
  });

  it.each([
    ['TRANSFERENCIA DE GARCIA SL NIF B12345674', 'B12345674'],
    ['ABONO NOMINA 12345678Z', '12345678Z'],
    ['SPEI RECIBIDO RFC CBA120304K11 CONCEPTO', 'CBA120304K11'],
  ])('finds the tax id in "%s"', (text, id) => {
    expect(extractTextEvidence(text, []).taxIds).toContain(id);
  });

  it('rejects look-alike tax ids and IBANs with a wrong check', () => {
    const ev = extractTextEvidence('REF B12345675 ES9121000418450200051333 CBA120304K12', []);
    expect(ev.taxIds).toEqual([]);
    expect(ev.ibans).toEqual([]);
    expect(extractTextEvidence('A ES91 2100 0418 4502 0005 1332', []).ibans).toEqual(['ES9121000418450200051332']);
  });

  it('computes and checks the RFC check digit', () => {
    const body = 'GODE561231GR';
    expect(isValidRfc(body + rfcCheckDigit(body))).toBe(true);
    expect(isValidRfc('GODE561331GR8')).toBe(false);
  });
});
