import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { detectFormat } from '../../main/core/importers/detect.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { decodeBytes } from '../../main/core/importers/encoding.js';
import type { StatementFormat } from '../../main/core/importers/types.js';
import { fixture } from './support.js';

const detectFile = (path: string): ReturnType<typeof detectFormat> => detectFormat(decodeBytes(fixture(path)).text);

describe('detectFormat on every sample and own fixture', () => {
  const cases: Array<[string, StatementFormat]> = [
    ['n43/sequra_example1_crlf_ragged_no88.n43', 'norma43'],
    ['n43/own_two_accounts_cp850.n43', 'norma43'],
    ['n43/own_truncated_no33_no88_latin1.n43', 'norma43'],
    ['n43/own_count_includes_88_zero_final_cp1252.n43', 'norma43'],
    ['n43/own_utf8_replacement_chars.n43', 'norma43'],
    ['n43/own_jpy_currency.n43', 'norma43'],
    ['n43/own_glued_records.n43', 'norma43'],
    ['mt940/wolph_jejik_abnamro.sta', 'mt940'],
    ['mt940/wolph_jejik_ing_utf8.sta', 'mt940'],
    ['mt940/wolph_jejik_rabobank.sta', 'mt940'],
    ['mt940/wolph_citi.txt', 'mt940'],
    ['mt940/wolph_asnb_spaces_entry_date.txt', 'mt940'],
    ['mt940/wolph_malformed_details.sta', 'mt940'],
    ['mt940/own_swift_blocks_two_pages.sta', 'mt940'],
    ['mt940/own_jpy_kwd_separators.sta', 'mt940'],
    ['mt940/own_cp852_hungarian.sta', 'mt940'],
    ['mt940/own_quirks_invalid_date_control_chars.sta', 'mt940'],
    ['mt942/wolph_selfprovided_mt942.sta', 'mt942'],
    ['mt942/own_mt942_blocks_totals.sta', 'mt942'],
    ['detect/genkgo_camt052.v6_amt_zero.xml', 'camt052'],
    ['detect/genkgo_camt053.v2.five.decimals.xml', 'camt053'],
    ['detect/genkgo_camt053.v2.wrong_no_stmt.xml', 'camt053'],
    ['detect/genkgo_camt053_balance_DtTm_nanoseconds_no_ntry.xml', 'camt053'],
    ['detect/genkgo_camt054.v2_sek.xml', 'camt054'],
    ['detect/ofxparse_checking_sgml102.ofx', 'qfx'],
    ['detect/ofxparse_bank_medium_cad_tz.ofx', 'qfx'],
    ['detect/ofxparse_multiple_accounts_tz.ofx', 'ofx'],
    ['detect/ofxparse_suncorp_ofx200_cdata.ofx', 'ofx'],
    ['detect/ofxparse_fail_decimal_error.ofx', 'ofx'],
    ['detect/ofxparse_v102_empty_tags_leading_blank_lines.ofx', 'ofx'],
    ['detect/ofxparse_anz_creditcard_xmlheader_sgmlbody.ofx', 'ofx'],
    ['detect/asgrim_creditmutuel_fr_eur.ofx', 'ofx'],
    ['detect/asgrim_itau_brl_tz_minus3.ofx', 'ofx'],
  ];
  it.each(cases)('%s → %s', (path, format) => {
    expect(detectFile(path)?.format).toBe(format);
  });

  it('is sure of header/namespace signatures and less sure of structural guesses', () => {
    expect(detectFile('detect/genkgo_camt053.v2.five.decimals.xml')?.confidence).toBe(1);
    expect(detectFile('detect/ofxparse_fail_decimal_error.ofx')?.confidence).toBeLessThan(1);
    expect(detectFile('mt940/own_swift_blocks_two_pages.sta')?.confidence).toBe(1);
  });

  it('recognises other CAMT versions and prefixed roots without a namespace', () => {
    expect(detectFormat('<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/></Document>')?.format).toBe('camt053');
    expect(detectFormat('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.08">')?.format).toBe('camt052');
    expect(detectFormat('<ns2:Document><ns2:BkToCstmrDbtCdtNtfctn>')).toEqual({ format: 'camt054', confidence: 0.9 });
    expect(detectFormat('\uFEFF\r\n<Document><BkToCstmrAcctRpt>')?.format).toBe('camt052');
  });

  it('recognises OFX 2 XML, hybrids and QFX by content only', () => {
    expect(detectFormat('<?xml version="1.0"?>\n<?OFX OFXHEADER="200" VERSION="211"?>\n<OFX><SIGNONMSGSRSV1>')?.format).toBe('ofx');
    expect(detectFormat('OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><SIGNONMSGSRSV1><SONRS><INTU.BID>3000</SONRS>')?.format).toBe('qfx');
  });

  it('recognises MT940/MT942 with a leading SOH, header lines, or only SWIFT block 2 telling the type', () => {
    expect(detectFormat('\u0001{1:F01X}{2:O940X}{4:\r\n:20:A\r\n:25:B\r\n:60F:C250101EUR1,00\r\n-}')?.format).toBe('mt940');
    expect(detectFormat('{1:F01X}{2:O942X}{4:\n:20:A\n:25:B\n:61:250101C1,00NTRF\n-}')?.format).toBe('mt942');
    expect(detectFormat('{1:F01X}{2:O940X}{4::20:A\n:25:B\n:62F:C250101EUR1,00\n-}')?.format).toBe('mt940');
  });

  it('returns null for what is not a statement', () => {
    expect(detectFile('detect/es_imaginbank_semicolon_eur_suffix.csv')).toBeNull();
    expect(detectFile('detect/cfdiutils_cfdi40_real_pase.xml')).toBeNull();
    expect(detectFormat('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/>')).toBeNull();
    expect(detectFormat('1100 hello world')).toBeNull();
    expect(detectFormat('')).toBeNull();
  });
});

describe('parseStatementFile explains what it could not read', () => {
  const unreadable = (bytes: Uint8Array): string => {
    try {
      parseStatementFile(bytes);
    } catch (err) {
      expect(err).toBeInstanceOf(CoreError);
      expect((err as CoreError).code).toBe('import_unreadable');
      return (err as CoreError).message;
    }
    throw new Error('expected import_unreadable');
  };
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('names the XML root element and message type', () => {
    expect(unreadable(utf8('<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>'))).toBe(
      'This file looks like XML but not a CAMT statement (root element Document/pain.001.001.03). Cuadra reads bank statements in Norma 43, CAMT.052/053/054, MT940/MT942 and OFX/QFX.',
    );
    expect(unreadable(fixture('detect/cfdiutils_cfdi40_real_pase.xml'))).toMatch(/Mexican CFDI invoice \(root element cfdi:Comprobante\).*books side/);
  });

  it('lists the known formats for other text, and names binary containers', () => {
    expect(unreadable(fixture('detect/es_imaginbank_semicolon_eur_suffix.csv'))).toBe('Not a bank statement Cuadra knows: Norma 43, CAMT.052/053/054, MT940/MT942, OFX/QFX.');
    expect(unreadable(fixture('detect/es_bbva_movimientos.xlsx'))).toMatch(/^This file is a ZIP archive or an Excel workbook/);
    expect(unreadable(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]))).toMatch(/PDF/);
    expect(unreadable(utf8('   \r\n'))).toBe('The file is empty.');
    expect(unreadable(utf8('<html><body>Movimientos</body></html>'))).toMatch(/web page \(HTML\)/);
  });

  it('a CAMT message without statements is a clear error from the CAMT parser', () => {
    expect(unreadable(fixture('detect/genkgo_camt053.v2.wrong_no_stmt.xml'))).toMatch(/Stmt/);
  });
});
