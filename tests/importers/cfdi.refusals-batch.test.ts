/**
 * What the CFDI importer refuses and how (DTD/entities, not a CFDI, old versions, PDFs, broken
 * XML), and folders: one bad file becomes an error diagnostic naming it, the rest is imported,
 * the same UUID in several files is imported once and reported once.
 */
import { describe, expect, it } from 'vitest';
import { looksLikeCfdi, parseCfdi, parseCfdiBatch } from '../../main/core/importers/cfdi/index.js';
import { COMPANY, cfdiBytes, cfdiText, levelsAndCodes, parseText, refusal, utf8 } from './cfdi-support.js';

const REAL = 'cfdiutils_cfdi40_real_pase.xml';

describe('refused files', () => {
  it.each([
    ['own_refused_doctype_entities.xml', 2],
    ['own_refused_external_entity.xml', 5],
  ])('%s: DTD and entities are refused before parsing (line %i)', (name, line) => {
    const [code, reason, at, message] = refusal(() => parseCfdi(cfdiBytes(name)));
    expect([code, reason, at]).toEqual(['import_unreadable', 'xml_dtd_refused', line]);
    expect(message).toContain('refused for safety');
  });

  it('a DOCTYPE in any case, even inside a comment, is refused', () => {
    const text = cfdiText(REAL).replace('<cfdi:Emisor', '<!-- <!doctype x> --><cfdi:Emisor');
    expect(refusal(() => parseText(text))[1]).toBe('xml_dtd_refused');
  });

  it('a non-CFDI XML is refused with its root element and namespace named', () => {
    const [code, reason, line, message] = refusal(() => parseCfdi(cfdiBytes('own_not_cfdi_pain001.xml')));
    expect([code, reason, line]).toEqual(['import_unreadable', 'cfdi_not_cfdi', 2]);
    expect(message).toContain('not a CFDI invoice or payment receipt');
    expect(message).toContain('<Document> in namespace urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
  });

  it('a CFDI de retenciones is named as such', () => {
    const text = '<retenciones:Retenciones xmlns:retenciones="http://www.sat.gob.mx/esquemas/retencionpago/2" Version="2.0"/>';
    expect(refusal(() => parseText(text))[3]).toContain('CFDI de retenciones');
  });

  it('CFDI 3.2 (lower-case attributes) is refused as unsupported', () => {
    const text = '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/3" version="3.2" total="10.00"/>';
    const [, reason, , message] = refusal(() => parseText(text));
    expect(reason).toBe('cfdi_version_unsupported');
    expect(message).toContain('CFDI 3.2');
  });

  it.each([
    ['PDF', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'cfdi_not_xml', 'PDF'],
    ['ZIP', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'cfdi_not_xml', 'ZIP'],
    ['empty', new Uint8Array(0), 'cfdi_empty', 'empty'],
    ['truncated', utf8(cfdiText(REAL).slice(0, 3000)), 'xml_malformed', 'not well-formed'],
  ])('%s file: refused with a reason', (_what, bytes, reason, words) => {
    const [code, why, , message] = refusal(() => parseCfdi(bytes));
    expect([code, why]).toEqual(['import_unreadable', reason]);
    expect(message).toContain(words);
  });

  it('a missing required attribute is named, with a hint when only its case is wrong', () => {
    const text = cfdiText(REAL).replace('Total="1000.00"', 'total="1000.00"');
    const [, reason, line, message] = refusal(() => parseText(text));
    expect([reason, line]).toEqual(['cfdi_missing_attribute', 2]);
    expect(message).toContain('has no Total (it has "total": attribute names are case-sensitive');
  });

  it('looksLikeCfdi: CFDI by namespace, not anything else', () => {
    for (const name of [REAL, 'own_40_default_namespace.xml', 'own_33_prefix_c_invoice.xml', 'own_40_pagos20_two_invoices.xml']) {
      expect(looksLikeCfdi(cfdiText(name))).toBe(true);
    }
    expect(looksLikeCfdi(cfdiText('own_not_cfdi_pain001.xml'))).toBe(false);
    expect(looksLikeCfdi('<Comprobante xmlns="urn:example"/>')).toBe(false);
    expect(looksLikeCfdi('')).toBe(false);
  });
});

describe('several documents in one file', () => {
  it('are all read, and the same UUID twice is imported once', () => {
    const text = cfdiText('own_40_ppd_mxn_invoice.xml') + cfdiText('own_40_usd_ppd_invoice.xml') + cfdiText('own_40_ppd_mxn_invoice.xml');
    const r = parseText(text, { companyTaxId: COMPANY });
    expect(r.items.map((i) => i.documentNumber)).toEqual(['F-2201', 'FX-77']);
    expect(levelsAndCodes(r)).toEqual([['info', 'cfdi_several_documents'], ['warning', 'cfdi_duplicate_uuid']]);
  });
});

describe('a folder of CFDI (parseCfdiBatch)', () => {
  const broken = utf8(cfdiText('own_40_implocal_hotel.xml').slice(0, 1800));
  const upperCopy = utf8(cfdiText(REAL).replace('C2832671-DA6D-11EF-A83D-00155D012007', 'c2832671-da6d-11ef-a83d-00155d012007'));
  const files = [
    { name: 'pase.xml', bytes: cfdiBytes(REAL) },
    { name: 'hotel-broken.xml', bytes: broken },
    { name: 'pase.pdf', bytes: utf8('%PDF-1.4\n') },
    { name: 'nota.xml', bytes: cfdiBytes('own_40_credit_note_lowercase_uuid.xml') },
    { name: 'pase-copia.xml', bytes: upperCopy },
    { name: 'pago.xml', bytes: cfdiBytes('own_40_pagos20_two_invoices.xml') },
    { name: 'nomina.xml', bytes: utf8(cfdiText(REAL).replace('TipoDeComprobante="I"', 'TipoDeComprobante="N"').replace('C2832671', 'D2832671')) },
    { name: 'banco.xml', bytes: cfdiBytes('own_not_cfdi_pain001.xml') },
    { name: 'dtd.xml', bytes: cfdiBytes('own_refused_doctype_entities.xml') },
  ];
  const r = parseCfdiBatch(files, { companyTaxId: COMPANY });

  it('imports what can be read, each item and payment tagged with its file', () => {
    expect(r.format).toBe('cfdi');
    expect(r.encoding).toBe('utf-8');
    expect(r.items.map((i) => [i.sourceFile, i.documentNumber])).toEqual([['pase.xml', 'O-52375239'], ['nota.xml', 'NC-12']]);
    expect(r.payments.map((p) => [p.sourceFile, p.id])).toEqual([
      ['pago.xml', '6F2E8D41-A9C3-4B7E-8D02-F5A1B3C7E9D0#1'],
      ['pago.xml', '6F2E8D41-A9C3-4B7E-8D02-F5A1B3C7E9D0#2'],
    ]);
  });

  it('each bad file is one error diagnostic naming it; the PDF is skipped quietly; duplicates reported once', () => {
    expect(r.diagnostics.map((d) => [d.level, d.code, d.message.split(':')[0]])).toEqual([
      ['warning', 'cfdi_company_not_party', 'pase.xml'],
      ['error', 'xml_malformed', 'hotel-broken.xml'],
      ['info', 'cfdi_skipped_pdf', 'pase.pdf'],
      ['warning', 'cfdi_company_not_party', 'pase-copia.xml'],
      ['info', 'cfdi_payroll_skipped', 'nomina.xml'],
      ['error', 'cfdi_not_cfdi', 'banco.xml'],
      ['error', 'xml_dtd_refused', 'dtd.xml'],
      ['warning', 'cfdi_duplicate_uuid', 'The CFDI C2832671-DA6D-11EF-A83D-00155D012007 appears in 2 files (pase.xml, pase-copia.xml); only the first was imported.'],
    ]);
    expect(r.diagnostics.find((d) => d.code === 'xml_dtd_refused')?.line).toBe(2);
  });

  it('copies that differ are flagged', () => {
    const changed = utf8(cfdiText(REAL).replace('Total="1000.00"', 'Total="1000.50"'));
    const dup = parseCfdiBatch([{ name: 'a.xml', bytes: cfdiBytes(REAL) }, { name: 'b.xml', bytes: changed }, { name: 'c.xml', bytes: cfdiBytes(REAL) }]);
    const notes = dup.diagnostics.filter((d) => d.code === 'cfdi_duplicate_uuid');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toContain('appears in 3 files (a.xml, b.xml, c.xml); only the first was imported. The copies differ');
    expect(dup.items).toHaveLength(1);
    expect(dup.diagnostics.at(-1)?.code).toBe('cfdi_direction_unknown');
  });

  it('cross-checks a complement against the invoices of the same folder', () => {
    const usdAsMxn = utf8(cfdiText('own_40_usd_ppd_invoice.xml').replace('Moneda="USD"', 'Moneda="MXN"').replace('MetodoPago="PPD"', 'MetodoPago="PUE"'));
    const checked = parseCfdiBatch([
      { name: 'pago.xml', bytes: cfdiBytes('own_40_pagos20_two_invoices.xml') },
      { name: 'fx.xml', bytes: usdAsMxn },
      { name: 'mxn.xml', bytes: cfdiBytes('own_40_ppd_mxn_invoice.xml') },
    ], { companyTaxId: COMPANY });
    expect(levelsAndCodes(checked)).toEqual([
      ['warning', 'cfdi_allocation_currency_mismatch'],
      ['info', 'cfdi_pue_with_complement'],
      ['warning', 'cfdi_allocation_currency_mismatch'],
      ['info', 'cfdi_pue_with_complement'],
    ]);
    expect(checked.diagnostics[0]?.message).toBe(
      'Payment 6F2E8D41-A9C3-4B7E-8D02-F5A1B3C7E9D0#1 (pago.xml) pays invoice B41D7E9F-2C6A-4A83-9F15-7E0D3C8B2A61 in USD, but the invoice is in MXN.');
  });

  it('an empty folder is a warning, not an exception', () => {
    expect(levelsAndCodes(parseCfdiBatch([]))).toEqual([['warning', 'cfdi_empty_batch']]);
  });
});
