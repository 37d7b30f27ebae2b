/**
 * Invoices and credit notes written for Cuadra from Anexo 20: Descuento and withholdings,
 * local taxes (implocal), a credit note, USD with TipoCambio, PPD, lower-case UUIDs, other
 * namespace prefixes, and the SAT identity checked against the XML's own Total.
 */
import { describe, expect, it } from 'vitest';
import { COMPANY, cfdiText, levelsAndCodes, onlyItem, parseFixture, parseText } from './cfdi-support.js';

describe('CFDI 4.0 with Descuento and withholdings (ISR 10 %, IVA 10.6667 %)', () => {
  const r = parseFixture('own_40_discount_retentions.xml', { companyTaxId: COMPANY });
  const item = onlyItem(r);

  it('is a payable of the XML Total 9295.47 = 10250.50 − 500.00 + 1560.08 − 2015.11, without warnings', () => {
    expect(r.diagnostics).toEqual([]);
    expect(item.amount).toEqual({ minor: -929547, currency: 'MXN' });
    expect(item.openAmount).toEqual({ minor: -929547, currency: 'MXN' });
    expect(item.cfdi?.totals).toEqual({
      subtotal: 1025050, discount: 50000, taxesTransferred: 156008, taxesWithheld: 201511,
      localTaxesTransferred: null, localTaxesWithheld: null, total: 929547,
    });
  });

  it('keeps every header field and the 6-decimal concepts with their discounts', () => {
    expect(item).toMatchObject({
      id: '5B0E9A3C-61D2-4F7A-9C8E-2D4B6F81A0C7',
      kind: 'invoice',
      documentNumber: 'H-0107',
      date: '2025-02-14',
      dueDate: null,
      description: 'ASESORIA CONTABLE FEBRERO 2025; GASTOS DE MENSAJERIA',
      counterparty: { name: 'XOCHILT CASAS CHAVEZ', taxId: 'CACX7605101P8' },
      paymentReference: '5B0E9A3C-61D2-4F7A-9C8E-2D4B6F81A0C7',
    });
    expect(item.cfdi).toMatchObject({
      version: '4.0', type: 'I', direction: 'received', paymentMethod: 'PUE', paymentForm: '03',
      issuerRfc: 'CACX7605101P8', receiverRfc: COMPANY, series: 'H', folio: '0107',
    });
    expect(item.cfdi?.concepts).toEqual([
      { description: 'ASESORIA CONTABLE FEBRERO 2025', productCode: '80111600', amount: '10000.000000', discount: '500.000000' },
      { description: 'GASTOS DE MENSAJERIA', productCode: '80111600', amount: '250.500000' },
    ]);
  });

  it('a Total that does not add up is a warning with both figures; the item keeps the XML Total', () => {
    const text = cfdiText('own_40_discount_retentions.xml').replace('Total="9295.47"', 'Total="9295.48"');
    const bad = parseText(text, { companyTaxId: COMPANY });
    expect(onlyItem(bad).amount.minor).toBe(-929548);
    expect(levelsAndCodes(bad)).toEqual([['warning', 'cfdi_total_mismatch']]);
    expect(bad.diagnostics[0]?.message).toContain('= 9295.47, but its Total is 9295.48');
    expect(bad.diagnostics[0]?.line).toBe(5);
  });

  it('concept amounts that do not round to SubTotal, and discounts that do not match Descuento, are warned', () => {
    const text = cfdiText('own_40_discount_retentions.xml')
      .replace('Importe="250.500000"', 'Importe="250.510000"')
      .replace('Descuento="500.000000"', 'Descuento="400.000000"');
    expect(levelsAndCodes(parseText(text, { companyTaxId: COMPANY }))).toEqual([
      ['warning', 'cfdi_subtotal_mismatch'],
      ['warning', 'cfdi_discount_mismatch'],
    ]);
  });
});

describe('local taxes (implocal) are inside Total', () => {
  it('hotel: 2000.00 + IVA 320.00 + ISH 60.00 = 2380.00, no warning', () => {
    const r = parseFixture('own_40_implocal_hotel.xml', { companyTaxId: COMPANY });
    expect(r.diagnostics).toEqual([]);
    const item = onlyItem(r);
    expect(item.amount).toEqual({ minor: -238000, currency: 'MXN' });
    expect(item.cfdi?.totals).toEqual({
      subtotal: 200000, discount: null, taxesTransferred: 32000, taxesWithheld: null,
      localTaxesTransferred: 6000, localTaxesWithheld: 0, total: 238000,
    });
    expect(item.counterparty).toEqual({ name: 'HOTELES DEL CARIBE', taxId: 'HCA0405126T3' });
  });

  it('ignoring the local tax would not add up: the check counts it', () => {
    const text = cfdiText('own_40_implocal_hotel.xml').replace('TotaldeTraslados="60.00"', 'TotaldeTraslados="0.00"');
    const r = parseText(text, { companyTaxId: COMPANY });
    expect(levelsAndCodes(r)).toEqual([['warning', 'cfdi_total_mismatch']]);
    expect(r.diagnostics[0]?.message).toContain('+ local taxes 0.00 − local withholdings 0.00 = 2320.00, but its Total is 2380.00');
  });

  it('local withholdings are subtracted', () => {
    const text = cfdiText('own_40_implocal_hotel.xml')
      .replace('TotaldeRetenciones="0.00"', 'TotaldeRetenciones="10.00"')
      .replace('Total="2380.00"', 'Total="2370.00"');
    const r = parseText(text, { companyTaxId: COMPANY });
    expect(r.diagnostics).toEqual([]);
    expect(onlyItem(r).cfdi?.totals?.localTaxesWithheld).toBe(1000);
  });

  it('an ImpuestosLocales in a wrong namespace is ignored with a warning (and Total then does not add up)', () => {
    const text = cfdiText('own_40_implocal_hotel.xml').replace('xmlns:implocal="http://www.sat.gob.mx/implocal"', 'xmlns:implocal="https://www.sat.gob.mx/implocal"');
    expect(levelsAndCodes(parseText(text, { companyTaxId: COMPANY }))).toEqual([
      ['warning', 'cfdi_unknown_namespace'],
      ['warning', 'cfdi_total_mismatch'],
    ]);
  });
});

describe('credit note (E) with lower-case UUIDs', () => {
  const r = parseFixture('own_40_credit_note_lowercase_uuid.xml', { companyTaxId: COMPANY });
  const item = onlyItem(r);

  it('issued by the company: negative (money back to the customer), kind credit_note', () => {
    expect(r.diagnostics).toEqual([]);
    expect(item).toMatchObject({
      kind: 'credit_note',
      amount: { minor: -11600, currency: 'MXN' },
      documentNumber: 'NC-12',
      date: '2025-03-05',
      counterparty: { name: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', taxId: 'URE180429TM6' },
    });
  });

  it('UUIDs are upper-cased: its own and the related invoice (TipoRelacion 01)', () => {
    expect(item.id).toBe('3A9B7C2D-8E41-4F06-B5D3-E2C1A0F98B76');
    expect(item.paymentReference).toBe('3A9B7C2D-8E41-4F06-B5D3-E2C1A0F98B76');
    expect(item.cfdi?.uuid).toBe('3A9B7C2D-8E41-4F06-B5D3-E2C1A0F98B76');
    expect(item.cfdi?.related).toEqual([{ type: '01', uuid: 'E7C1A0D4-3B9F-4C2E-A6D8-51F0B2C9E3A4' }]);
  });

  it('received by the company: positive (money back to us)', () => {
    expect(onlyItem(parseFixture('own_40_credit_note_lowercase_uuid.xml', { companyTaxId: 'URE180429TM6' })).amount.minor).toBe(11600);
  });
});

describe('USD invoice with TipoCambio, and PPD invoices', () => {
  it('USD: amount in dollars, the exchange rate as written', () => {
    const r = parseFixture('own_40_usd_ppd_invoice.xml', { companyTaxId: COMPANY });
    expect(r.diagnostics).toEqual([]);
    const item = onlyItem(r);
    expect(item.amount).toEqual({ minor: 174000, currency: 'USD' });
    expect(item.cfdi).toMatchObject({ currency: 'USD', exchangeRate: '17.1234', paymentMethod: 'PPD', paymentForm: '99', direction: 'issued' });
    expect(item.id).toBe('B41D7E9F-2C6A-4A83-9F15-7E0D3C8B2A61');
  });

  it('PPD in MXN: a receivable of 5800.00, no due date, lower-case stamp UUID upper-cased', () => {
    const item = onlyItem(parseFixture('own_40_ppd_mxn_invoice.xml', { companyTaxId: COMPANY }));
    expect(item).toMatchObject({
      id: 'E7C1A0D4-3B9F-4C2E-A6D8-51F0B2C9E3A4',
      amount: { minor: 580000, currency: 'MXN' },
      dueDate: null,
      documentNumber: 'F-2201',
      counterparty: { taxId: 'URE180429TM6' },
    });
    expect(item.cfdi?.paymentMethod).toBe('PPD');
  });
});

describe('namespaces decide, prefixes do not', () => {
  it('CFDI 4.0 in the default namespace, stamp under "timbre:", decoy in the Addenda ignored', () => {
    const r = parseFixture('own_40_default_namespace.xml', { companyTaxId: COMPANY });
    expect(r.diagnostics).toEqual([]);
    expect(onlyItem(r)).toMatchObject({
      id: '0C4A2F8E-7D13-4E9B-A651-3F8D2B0E6C94',
      documentNumber: 'A-5531',
      date: '2025-01-31',
      amount: { minor: -50000, currency: 'MXN' },
    });
  });

  it('CFDI 3.3 with prefix "c:" while "cfdi:" is bound elsewhere; receiver without Nombre', () => {
    const r = parseFixture('own_33_prefix_c_invoice.xml', { companyTaxId: COMPANY });
    expect(r.diagnostics).toEqual([]);
    const item = onlyItem(r);
    expect(item).toMatchObject({ id: 'A7E3C9B1-5D2F-4068-9B4A-D1E8F3C2A570', amount: { minor: 145000, currency: 'MXN' }, counterparty: { taxId: 'XAXX010101000' } });
    expect(item.counterparty.name).toBeUndefined();
    expect(item.cfdi?.version).toBe('3.3');
  });

  it('the real sample rewritten with any other prefix reads the same', () => {
    // x_1.y for the CFDI namespace, and "cfdi" re-bound on the stamp element to the TFD namespace.
    const text = cfdiText('cfdiutils_cfdi40_real_pase.xml')
      .replace(/(<\/?)cfdi:/g, '$1x_1.y:').replace('xmlns:cfdi=', 'xmlns:x_1.y=')
      .replace(/(<\/?)tfd:/g, '$1cfdi:').replace('xmlns:tfd=', 'xmlns:cfdi=');
    expect(text).toContain('<cfdi:TimbreFiscalDigital xmlns:cfdi="http://www.sat.gob.mx/TimbreFiscalDigital"');
    const item = onlyItem(parseText(text, { companyTaxId: 'ISD950921HE5' }));
    expect(item.id).toBe('C2832671-DA6D-11EF-A83D-00155D012007');
    expect(item.amount.minor).toBe(100000);
  });

  it('a Comprobante whose prefix is bound to another namespace is not a CFDI', () => {
    const text = cfdiText('cfdiutils_cfdi40_real_pase.xml').replace('xmlns:cfdi="http://www.sat.gob.mx/cfd/4"', 'xmlns:cfdi="urn:example:cfd"');
    expect(() => parseText(text)).toThrowError(/not a CFDI/);
  });
});

describe('other document types and header problems', () => {
  const real = cfdiText('cfdiutils_cfdi40_real_pase.xml');

  it.each([
    ['T', 'cfdi_transfer_skipped'],
    ['N', 'cfdi_payroll_skipped'],
  ])('type %s is noted, not imported', (type, code) => {
    const r = parseText(real.replace('TipoDeComprobante="I"', `TipoDeComprobante="${type}"`));
    expect(r.items).toEqual([]);
    expect(levelsAndCodes(r)).toEqual([['info', code]]);
  });

  it('an unstamped invoice is kept with a warning, id null, referenced by Serie-Folio', () => {
    const text = real.replace(/<tfd:TimbreFiscalDigital[^>]*\/>/, '');
    const r = parseText(text, { companyTaxId: 'ISD950921HE5' });
    expect(levelsAndCodes(r)).toEqual([['warning', 'cfdi_unstamped']]);
    expect(onlyItem(r)).toMatchObject({ id: null, paymentReference: 'O-52375239', cfdi: { uuid: '' } });
  });

  it('a version that contradicts the namespace is warned and the namespace wins', () => {
    const r = parseText(real.replace('Version="4.0"', 'Version="3.3"'));
    expect(levelsAndCodes(r)[0]).toEqual(['warning', 'cfdi_version_mismatch']);
    expect(onlyItem(r).cfdi?.version).toBe('4.0');
  });

  it('a malformed RFC and an unknown MetodoPago are warned', () => {
    const r = parseText(real.replace('Rfc="ISD950921HE5"', 'Rfc="ISD95092"').replace('MetodoPago="PUE"', 'MetodoPago="XYZ"'), { companyTaxId: 'ISD95092' });
    expect(levelsAndCodes(r)).toEqual([['warning', 'cfdi_bad_rfc'], ['warning', 'cfdi_unknown_payment_method']]);
    expect(onlyItem(r).amount.minor).toBe(100000);
  });

  it('a Total with more decimals than the currency is rounded with a warning', () => {
    const r = parseText(real.replace('Total="1000.00"', 'Total="1000.004"'));
    expect(onlyItem(r).amount.minor).toBe(100000);
    expect(levelsAndCodes(r)).toContainEqual(['warning', 'cfdi_amount_precision']);
  });
});
