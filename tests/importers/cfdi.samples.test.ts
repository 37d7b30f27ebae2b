/**
 * The two real samples from /work/shared/data/cfdi (eclipxe13/CfdiUtils, MIT): a stamped CFDI
 * 4.0 invoice (SubTotal 862.07 + IVA 137.93 = Total 1000.00) and a CFDI 3.3 payment receipt
 * with Pagos 1.0. Every field the importer produces is asserted.
 */
import { describe, expect, it } from 'vitest';
import { looksLikeCfdi } from '../../main/core/importers/cfdi/index.js';
import { cfdiText, levelsAndCodes, onlyItem, parseFixture } from './cfdi-support.js';

const REAL = 'cfdiutils_cfdi40_real_pase.xml';
const PAGOS10 = 'cfdiutils_cfdi33_pagos10_sample.xml';
const UUID = 'C2832671-DA6D-11EF-A83D-00155D012007';

describe('CFDI 4.0 real invoice (PASE, Serie O Folio 52375239)', () => {
  const cfdi = {
    uuid: UUID,
    version: '4.0',
    issuerRfc: 'ISD950921HE5',
    issuerName: 'PASE, SERVICIOS ELECTRONICOS',
    receiverRfc: 'COSC8001137NA',
    receiverName: 'CARLOS CORTES SOTO',
    type: 'I',
    paymentMethod: 'PUE',
    paymentForm: '04',
    exchangeRate: '1',
    series: 'O',
    folio: '52375239',
    currency: 'MXN',
    totals: {
      subtotal: 86207, discount: null, taxesTransferred: 13793, taxesWithheld: null,
      localTaxesTransferred: null, localTaxesWithheld: null, total: 100000,
    },
    concepts: [
      { description: 'COMISION RECARGA IDMX', productCode: '80141628', amount: '8.620690' },
      { description: 'RECARGA IDMX', productCode: '95111615', amount: '853.448276' },
    ],
  };

  it('received by the company (the receiver\'s RFC given): a payable of −1000.00 MXN, every field', () => {
    const r = parseFixture(REAL, { companyTaxId: 'cosc8001137na' });
    expect(r.format).toBe('cfdi');
    expect(r.encoding).toBe('utf-8');
    expect(r.payments).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(onlyItem(r)).toEqual({
      id: UUID,
      kind: 'invoice',
      documentNumber: 'O-52375239',
      date: '2025-01-24',
      dueDate: null,
      amount: { minor: -100000, currency: 'MXN' },
      openAmount: { minor: -100000, currency: 'MXN' },
      description: 'COMISION RECARGA IDMX; RECARGA IDMX',
      counterparty: { name: 'PASE, SERVICIOS ELECTRONICOS', taxId: 'ISD950921HE5' },
      paymentReference: UUID,
      cfdi: { ...cfdi, direction: 'received' },
      sourceLine: 2,
    });
  });

  it('issued by the company: a receivable of +1000.00 MXN with the receiver as counterparty', () => {
    const item = onlyItem(parseFixture(REAL, { companyTaxId: 'ISD950921HE5' }));
    expect(item.amount).toEqual({ minor: 100000, currency: 'MXN' });
    expect(item.counterparty).toEqual({ name: 'CARLOS CORTES SOTO', taxId: 'COSC8001137NA' });
    expect(item.cfdi?.direction).toBe('issued');
  });

  it('without a company RFC: unsigned amount and one info diagnostic', () => {
    const r = parseFixture(REAL);
    expect(onlyItem(r).amount.minor).toBe(100000);
    expect(onlyItem(r).cfdi?.direction).toBe('unknown');
    expect(levelsAndCodes(r)).toEqual([['info', 'cfdi_direction_unknown']]);
  });

  it('a company that is neither party: a warning naming both RFCs, amount unsigned', () => {
    const r = parseFixture(REAL, { companyTaxId: 'EKU9003173C9' });
    expect(onlyItem(r).amount.minor).toBe(100000);
    expect(levelsAndCodes(r)).toEqual([['warning', 'cfdi_company_not_party']]);
    expect(r.diagnostics[0]?.message).toContain('ISD950921HE5');
    expect(r.diagnostics[0]?.message).toContain('COSC8001137NA');
  });

  it('Total equals SubTotal + IVA (862.07 + 137.93) and the 6-decimal concepts round to SubTotal: no warning', () => {
    const totals = onlyItem(parseFixture(REAL, { companyTaxId: 'ISD950921HE5' })).cfdi?.totals;
    expect(totals && totals.subtotal + (totals.taxesTransferred ?? 0)).toBe(totals?.total);
  });

  it('is recognised by looksLikeCfdi', () => {
    expect(looksLikeCfdi(cfdiText(REAL))).toBe(true);
  });
});

describe('CFDI 3.3 payment receipt with Pagos 1.0 (CfdiUtils sample, not stamped)', () => {
  it('one payment of 1866.12 MXN fully allocated to invoice FC37A176…, every field', () => {
    const r = parseFixture(PAGOS10, { companyTaxId: 'AAA010101AAA' });
    expect(r.items).toEqual([]);
    expect(r.payments).toEqual([
      {
        id: 'AAA010101AAA:P-66#1',
        complementUuid: '',
        date: '2017-07-08',
        amount: { minor: 186612, currency: 'MXN' },
        paymentForm: '01',
        complementVersion: '1.0',
        issuerRfc: 'AAA010101AAA',
        issuerName: 'ACCEM SERVICIOS EMPRESARIALES SC',
        receiverRfc: 'FUD1206133IA',
        receiverName: 'FACTURA UNO DOS TRES SL DE RL DE CV',
        direction: 'issued',
        sourceLine: 16,
        allocations: [
          {
            invoiceUuid: 'FC37A176-BD91-4DE4-9A97-5E835E5134B8',
            amountPaid: { minor: 186612, currency: 'MXN' },
            previousBalance: { minor: 186612, currency: 'MXN' },
            remainingBalance: { minor: 0, currency: 'MXN' },
            installment: null,
            series: 'A',
            folio: '407',
          },
        ],
      },
    ]);
    // The sample carries no TimbreFiscalDigital: said once, as a warning; sums agree, so nothing else.
    expect(levelsAndCodes(r)).toEqual([['warning', 'cfdi_unstamped']]);
    expect(r.diagnostics[0]?.line).toBe(2);
  });

  it('received by the company (the payer): the movement is money out', () => {
    const p = parseFixture(PAGOS10, { companyTaxId: 'FUD1206133IA' }).payments[0];
    expect(p?.amount.minor).toBe(-186612);
    expect(p?.allocations[0]?.amountPaid.minor).toBe(-186612);
    expect(p?.direction).toBe('received');
  });

  it('the complement itself (Total 0, Moneda XXX) is not a BookItem', () => {
    expect(parseFixture(PAGOS10).items).toEqual([]);
    expect(looksLikeCfdi(cfdiText(PAGOS10))).toBe(true);
  });
});
