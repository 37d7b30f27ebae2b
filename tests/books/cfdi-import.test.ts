// Mexican CFDI through imports.commit on a real SQLite file: the company's RFC decides whether
// an invoice is a receivable or a payable; payment complements are stored as evidence with the
// invoices each payment pays; a UUID is imported once.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commit, openImportTest, preview } from '../imports/support/harness.js';
import { storedItems } from './support.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/cfdi/${name}`, import.meta.url));
/** Issuer of the own fixtures (SAT test RFC) and their receiver. */
const ISSUER = 'EKU9003173C9';
const RECEIVER = 'URE180429TM6';
const INVOICE_UUID = 'E7C1A0D4-3B9F-4C2E-A6D8-51F0B2C9E3A4';

let t: ReturnType<typeof openImportTest>;
beforeEach(() => {
  t = openImportTest();
});
afterEach(() => t.close());

async function company(taxId: string | null): Promise<number> {
  return (await t.cli.ok('companies.create', { name: `Empresa ${taxId ?? 'sin RFC'}`, taxId })).id;
}

describe('CFDI invoices', () => {
  it('are receivables of the company that issued them and payables of the one that received them', async () => {
    const issuer = await company(ISSUER);
    const receiver = await company(RECEIVER);
    const file = fixture('own_40_ppd_mxn_invoice.xml');
    const issued = await commit(t.cli, issuer, 'factura.xml', file);
    const received = await commit(t.cli, receiver, 'factura.xml', file);
    for (const r of [issued, received]) expect(r).toMatchObject({ side: 'books', format: 'cfdi', added: 1, books: { invoices: 1, currencies: ['MXN'] } });
    const [sale] = storedItems(t.core.deps.db, issuer);
    const [purchase] = storedItems(t.core.deps.db, receiver);
    expect(sale).toMatchObject({ kind: 'invoice', amount: 580000, open: 580000, currency: 'MXN', cfdiUuid: INVOICE_UUID, taxId: RECEIVER, accountId: null });
    expect(purchase).toMatchObject({ kind: 'invoice', amount: -580000, open: -580000, cfdiUuid: INVOICE_UUID, taxId: ISSUER });
    const json = t.core.deps.db.prepare('SELECT cfdi FROM ledger_items WHERE id = ?').get(sale!.id) as { cfdi: string };
    expect(JSON.parse(json.cfdi)).toMatchObject({ issuerRfc: ISSUER, receiverRfc: RECEIVER, direction: 'issued', paymentMethod: 'PPD' });
  });

  it('is detected from the bytes without a side, and imported once per UUID', async () => {
    const issuer = await company(ISSUER);
    const file = fixture('own_40_ppd_mxn_invoice.xml');
    expect(await preview(t.cli, issuer, 'f.xml', file)).toMatchObject({ side: 'books', format: 'cfdi', layout: null, books: { new: 1 } });
    await commit(t.cli, issuer, 'f.xml', file);
    // The same invoice saved again by another program (other bytes, same UUID) changes nothing.
    const copy = Buffer.concat([file, Buffer.from('\n<!-- copia -->\n')]);
    const again = await commit(t.cli, issuer, 'f-copia.xml', copy);
    expect(again).toMatchObject({ alreadyImported: false, added: 0, books: { unchanged: 1 } });
    expect(storedItems(t.core.deps.db, issuer)).toHaveLength(1);
  });

  it('need the company RFC, and leave out documents the company is no party to', async () => {
    const noRfc = await company(null);
    const shown = await preview(t.cli, noRfc, 'f.xml', fixture('own_40_ppd_mxn_invoice.xml'));
    expect(shown.diagnostics).toContainEqual(expect.objectContaining({ code: 'books_not_importable', message: expect.stringMatching(/has no RFC/) }));
    const refused = await t.cli.raw('imports.commit', { companyId: noRfc, fileName: 'f.xml', contentBase64: fixture('own_40_ppd_mxn_invoice.xml').toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const other = await company('XAXX010101000');
    const result = await commit(t.cli, other, 'f.xml', fixture('own_40_ppd_mxn_invoice.xml'));
    expect(result).toMatchObject({ added: 0, books: { items: 0 } });
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'cfdi_not_a_party' }));
    expect(storedItems(t.core.deps.db, other)).toHaveLength(0);
  });

  it('refuses a CFDI given as a bank file', async () => {
    const issuer = await company(ISSUER);
    const envelope = await t.cli.raw('imports.preview', { companyId: issuer, fileName: 'f.xml', contentBase64: fixture('own_40_ppd_mxn_invoice.xml').toString('base64'), side: 'bank' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/CFDI.*books side/) } });
  });
});

describe('CFDI payment complements', () => {
  it('are stored as evidence with the invoices each payment pays, once', async () => {
    const issuer = await company(ISSUER);
    const file = fixture('own_40_pagos20_two_invoices.xml');
    const result = await commit(t.cli, issuer, 'pago.xml', file);
    expect(result).toMatchObject({ side: 'books', added: 0, books: { items: 0, payments: 2 } });
    expect(result.message).toMatch(/2 payment\(s\) of CFDI complements added/);
    const db = t.core.deps.db;
    const payments = db
      .prepare('SELECT id, evidence_key AS key, complement_uuid AS uuid, date, amount_minor AS amount, currency, direction FROM payment_evidence WHERE company_id = ? ORDER BY id')
      .all(issuer) as Array<{ id: number; key: string; uuid: string; amount: number; currency: string; direction: string }>;
    expect(payments.map((p) => [p.uuid, p.amount, p.currency, p.direction])).toEqual([
      ['6F2E8D41-A9C3-4B7E-8D02-F5A1B3C7E9D0', 2000000, 'MXN', 'issued'],
      ['6F2E8D41-A9C3-4B7E-8D02-F5A1B3C7E9D0', 74000, expect.any(String), 'issued'],
    ]);
    const allocations = db
      .prepare('SELECT evidence_id AS evidence, position, invoice_uuid AS invoice, amount_paid_minor AS paid, currency FROM payment_allocations ORDER BY evidence_id, position')
      .all() as Array<{ evidence: number; position: number; invoice: string; paid: number; currency: string }>;
    expect(allocations.map((a) => [a.evidence, a.position, a.invoice])).toEqual([
      [payments[0]!.id, 0, INVOICE_UUID],
      [payments[0]!.id, 1, 'B41D7E9F-2C6A-4A83-9F15-7E0D3C8B2A61'],
      [payments[1]!.id, 0, 'B41D7E9F-2C6A-4A83-9F15-7E0D3C8B2A61'],
    ]);
    expect(allocations.map((a) => [a.paid, a.currency])).toEqual([[300000, 'MXN'], [100000, 'USD'], [74000, 'USD']]);

    const again = await commit(t.cli, issuer, 'pago-2.xml', Buffer.concat([file, Buffer.from('\n')]));
    expect(again.message).toMatch(/0 payment\(s\) of CFDI complements added \(2 already known\)/);
    expect((db.prepare('SELECT count(*) AS n FROM payment_evidence').get() as { n: number }).n).toBe(2);
  });
});
