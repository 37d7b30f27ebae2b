/**
 * Payment complements: Pagos 2.0 paying two invoices partially (one in USD through
 * EquivalenciaDR), Pagos 1.0 with an inverted TipoCambioDR, and the allocation checks
 * (Σ ImpPagado / EquivalenciaDR ≈ Monto, ImpSaldoAnt − ImpPagado = ImpSaldoInsoluto).
 */
import { describe, expect, it } from 'vitest';
import { COMPANY, cfdiText, levelsAndCodes, parseFixture, parseText, paymentAt } from './cfdi-support.js';

const P20 = 'own_40_pagos20_two_invoices.xml';
const P10 = 'own_33_pagos10_usd_inverse_rate.xml';
const COMPLEMENT = '6F2E8D41-A9C3-4B7E-8D02-F5A1B3C7E9D0';
const MXN_INVOICE = 'E7C1A0D4-3B9F-4C2E-A6D8-51F0B2C9E3A4';
const USD_INVOICE = 'B41D7E9F-2C6A-4A83-9F15-7E0D3C8B2A61';

describe('Pagos 2.0: one SPEI payment for part of two invoices, then the USD rest', () => {
  const r = parseFixture(P20, { companyTaxId: COMPANY });

  it('two payments, no items, no diagnostics (both payments add up)', () => {
    expect(r.items).toEqual([]);
    expect(r.payments).toHaveLength(2);
    expect(r.diagnostics).toEqual([]);
  });

  it('payment 1: the bank movement and its allocations exactly as the complement says', () => {
    expect(paymentAt(r, 0)).toEqual({
      id: `${COMPLEMENT}#1`,
      complementUuid: COMPLEMENT,
      date: '2025-03-10',
      amount: { minor: 2000000, currency: 'MXN' },
      exchangeRate: '1',
      paymentForm: '03',
      operationNumber: 'MBAN01002503100012345678',
      payerRfc: 'BBA830831LJ2',
      payerAccount: '012180001234567897',
      payeeRfc: 'BNM840515VB1',
      payeeAccount: '002180701234567899',
      complementVersion: '2.0',
      issuerRfc: COMPANY,
      issuerName: 'ESCUELA KEMPER URGATE',
      receiverRfc: 'URE180429TM6',
      receiverName: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
      direction: 'issued',
      sourceLine: 25,
      allocations: [
        {
          invoiceUuid: MXN_INVOICE,
          amountPaid: { minor: 300000, currency: 'MXN' },
          previousBalance: { minor: 580000, currency: 'MXN' },
          remainingBalance: { minor: 280000, currency: 'MXN' },
          installment: 1,
          equivalence: '1',
          series: 'F',
          folio: '2201',
        },
        {
          // written in lower case in the complement
          invoiceUuid: USD_INVOICE,
          amountPaid: { minor: 100000, currency: 'USD' },
          previousBalance: { minor: 174000, currency: 'USD' },
          remainingBalance: { minor: 74000, currency: 'USD' },
          installment: 1,
          equivalence: '0.0588235294',
          series: 'FX',
          folio: '77',
        },
      ],
    });
  });

  it('payment 2: 740.00 USD settles the USD invoice', () => {
    const p = paymentAt(r, 1);
    expect(p).toMatchObject({ id: `${COMPLEMENT}#2`, date: '2025-03-11', amount: { minor: 74000, currency: 'USD' }, exchangeRate: '17.10' });
    expect(p.operationNumber).toBeUndefined();
    expect(p.allocations).toEqual([
      {
        invoiceUuid: USD_INVOICE, amountPaid: { minor: 74000, currency: 'USD' }, previousBalance: { minor: 74000, currency: 'USD' },
        remainingBalance: { minor: 0, currency: 'USD' }, installment: 2, equivalence: '1', series: 'FX', folio: '77',
      },
    ]);
  });

  it('the allocations match the invoices of the same batch by UUID, whatever the case', async () => {
    const { parseCfdiBatch } = await import('../../main/core/importers/cfdi/index.js');
    const { cfdiBytes } = await import('./cfdi-support.js');
    const names = [P20, 'own_40_ppd_mxn_invoice.xml', 'own_40_usd_ppd_invoice.xml'];
    const batch = parseCfdiBatch(names.map((name) => ({ name, bytes: cfdiBytes(name) })), { companyTaxId: COMPANY });
    const ids = new Set(batch.items.map((i) => i.cfdi?.uuid));
    expect(batch.payments.flatMap((p) => p.allocations.map((a) => ids.has(a.invoiceUuid)))).toEqual([true, true, true]);
    // Partly paid invoices keep their full open amount: the complement is evidence for the matcher.
    expect(batch.items.map((i) => i.openAmount.minor)).toEqual([580000, 174000]);
  });

  it('received by the company (it is the payer): every amount is money out', () => {
    const p = paymentAt(parseFixture(P20, { companyTaxId: 'URE180429TM6' }), 0);
    expect(p.amount.minor).toBe(-2000000);
    expect(p.allocations.map((a) => [a.amountPaid.minor, a.previousBalance?.minor, a.remainingBalance?.minor])).toEqual([
      [-300000, -580000, -280000],
      [-100000, -174000, -74000],
    ]);
    // a zero balance stays 0, never −0
    expect(Object.is(paymentAt(parseFixture(P20, { companyTaxId: 'URE180429TM6' }), 1).allocations[0]?.remainingBalance?.minor, 0)).toBe(true);
  });

  it('a Monto larger than the allocations is a warning with both figures', () => {
    const text = cfdiText(P20).replace('Monto="20000.00"', 'Monto="20100.00"');
    const bad = parseText(text, { companyTaxId: COMPANY });
    expect(levelsAndCodes(bad)).toEqual([['warning', 'cfdi_payment_unallocated']]);
    expect(bad.diagnostics[0]?.message).toContain('is 20100.00 MXN, but its documents received 20000.00 MXN (Σ ImpPagado / EquivalenciaDR)');
    expect(paymentAt(bad, 0).amount.minor).toBe(2010000);
  });

  it('allocations beyond Monto are a warning', () => {
    const text = cfdiText(P20).replace('EquivalenciaDR="0.0588235294"', 'EquivalenciaDR="0.0580000000"');
    const bad = parseText(text, { companyTaxId: COMPANY });
    expect(levelsAndCodes(bad)).toEqual([['warning', 'cfdi_payment_overallocated']]);
    expect(bad.diagnostics[0]?.message).toContain('received 20241.38 MXN');
  });

  it('a rounding-sized difference in a converted payment is within tolerance', () => {
    const text = cfdiText(P20).replace('Monto="20000.00"', 'Monto="20000.01"');
    expect(parseText(text, { companyTaxId: COMPANY }).diagnostics).toEqual([]);
  });

  it('ImpSaldoAnt − ImpPagado ≠ ImpSaldoInsoluto is a warning with the figures', () => {
    const text = cfdiText(P20).replace('ImpSaldoInsoluto="2800.00"', 'ImpSaldoInsoluto="2700.00"');
    const bad = parseText(text, { companyTaxId: COMPANY });
    expect(levelsAndCodes(bad)).toEqual([['warning', 'cfdi_balance_mismatch']]);
    expect(bad.diagnostics[0]?.message).toBe(`For invoice ${MXN_INVOICE}: ImpSaldoAnt 5800.00 − ImpPagado 3000.00 = 2800.00 MXN, but ImpSaldoInsoluto is 2700.00.`);
  });

  it('a cross-currency document without EquivalenciaDR is warned and the check skipped', () => {
    const text = cfdiText(P20).replace(' EquivalenciaDR="0.0588235294"', '');
    expect(levelsAndCodes(parseText(text, { companyTaxId: COMPANY }))).toEqual([['warning', 'cfdi_equivalence_missing']]);
  });

  it('attribute names are case-sensitive: a lower-case "monto" does not count, and the message says why', () => {
    const text = cfdiText(P20).replace('Monto="740.00"', 'monto="740.00"');
    const r2 = parseText(text, { companyTaxId: COMPANY });
    expect(r2.payments).toHaveLength(1);
    expect(levelsAndCodes(r2)).toEqual([['error', 'cfdi_payment_unreadable']]);
    expect(r2.diagnostics[0]?.message).toContain('it has "monto"');
  });

  it('a Pagos 1.0 attribute in a 2.0 complement is named', () => {
    const text = cfdiText(P20).replace('EquivalenciaDR="0.0588235294"', 'TipoCambioDR="0.0588235294"');
    expect(levelsAndCodes(parseText(text, { companyTaxId: COMPANY }))).toEqual([
      ['warning', 'cfdi_pagos_attribute_version'],
      ['warning', 'cfdi_equivalence_missing'],
    ]);
  });

  it('a Pagos element in an unknown namespace yields no payment and a warning', () => {
    const text = cfdiText(P20).replace('xmlns:pago20="http://www.sat.gob.mx/Pagos20"', 'xmlns:pago20="http://www.sat.gob.mx/Pagos30"');
    const bad = parseText(text, { companyTaxId: COMPANY });
    expect(bad.payments).toEqual([]);
    expect(levelsAndCodes(bad)).toEqual([['warning', 'cfdi_payment_without_complement']]);
  });
});

describe('Pagos 1.0: TipoCambioDR written inverted, optional attributes absent', () => {
  const r = parseFixture(P10, { companyTaxId: COMPANY });
  const p = paymentAt(r, 0);

  it('the company paid: the movement is −17600.00 MXN from a foreign bank', () => {
    expect(p).toMatchObject({
      id: '1E2D3C4B-5A69-4788-9A0B-C1D2E3F40516#1',
      complementUuid: '1E2D3C4B-5A69-4788-9A0B-C1D2E3F40516',
      date: '2021-09-01',
      amount: { minor: -1760000, currency: 'MXN' },
      paymentForm: '03',
      operationNumber: '0094512',
      payerBankName: 'BANK OF TEXAS',
      payerAccount: '4455667788',
      complementVersion: '1.0',
      direction: 'received',
    });
  });

  it('the USD allocation keeps TipoCambioDR as written and its inverse as the equivalence, with an info', () => {
    expect(p.allocations).toEqual([
      {
        invoiceUuid: 'D5E6F7A8-1B2C-4D3E-8F9A-0B1C2D3E4F5A',
        amountPaid: { minor: -100000, currency: 'USD' },
        previousBalance: { minor: -250000, currency: 'USD' },
        remainingBalance: { minor: -150000, currency: 'USD' },
        installment: 2,
        exchangeRateDR: '17.10',
        equivalence: '0.0584795322',
        series: 'EXP',
        folio: '15',
      },
      {
        invoiceUuid: 'F0E1D2C3-B4A5-4968-8776-655443322110',
        amountPaid: { minor: -50000, currency: 'MXN' },
        previousBalance: null,
        remainingBalance: null,
        installment: null,
      },
    ]);
    expect(levelsAndCodes(r)).toEqual([['info', 'cfdi_pagos10_inverse_rate']]);
  });

  it('written the schema\'s way (USD per MXN), it is used as it stands', () => {
    const text = cfdiText(P10).replace('TipoCambioDR="17.10"', 'TipoCambioDR="0.058480"');
    const ok = parseText(text, { companyTaxId: COMPANY });
    expect(ok.diagnostics).toEqual([]);
    expect(paymentAt(ok, 0).allocations[0]).toMatchObject({ exchangeRateDR: '0.058480', equivalence: '0.058480' });
  });

  it('neither reading adds up: a warning, the rate kept as written', () => {
    const text = cfdiText(P10).replace('TipoCambioDR="17.10"', 'TipoCambioDR="19.00"');
    const bad = parseText(text, { companyTaxId: COMPANY });
    expect(levelsAndCodes(bad)).toEqual([['warning', 'cfdi_payment_unallocated']]);
    // 1000.00 / 19.00 + 500.00, the schema's reading
    expect(bad.diagnostics[0]?.message).toContain('is 17600.00 MXN, but its documents received 552.63 MXN (Σ ImpPagado / TipoCambioDR)');
    expect(paymentAt(bad, 0).allocations[0]?.equivalence).toBe('19.00');
  });

  it('ImpPagado may be omitted for a single document: it receives the whole Monto', () => {
    const text = cfdiText('cfdiutils_cfdi33_pagos10_sample.xml').replace(' ImpPagado="1866.12"', '');
    const r1 = parseText(text, { companyTaxId: 'AAA010101AAA' });
    expect(paymentAt(r1, 0).allocations[0]?.amountPaid).toEqual({ minor: 186612, currency: 'MXN' });
    expect(levelsAndCodes(r1)).toEqual([['warning', 'cfdi_unstamped'], ['info', 'cfdi_imppagado_inferred']]);
  });

  it('IdDocumento in the pre-CFDI folio form is accepted without warning', () => {
    const text = cfdiText(P10).replace('IdDocumento="F0E1D2C3-B4A5-4968-8776-655443322110"', 'IdDocumento="123-45-123456789"');
    const ok = parseText(text, { companyTaxId: COMPANY });
    expect(paymentAt(ok, 0).allocations[1]?.invoiceUuid).toBe('123-45-123456789');
    expect(levelsAndCodes(ok)).toEqual([['info', 'cfdi_pagos10_inverse_rate']]);
  });
});
