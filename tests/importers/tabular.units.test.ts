/** Unit checks of the tabular building blocks: amounts, dates, the CSV reader, headers, signs, sniffing. */
import { describe, expect, it } from 'vitest';
import { parseDelimited, sniffDelimiter } from '../../main/core/importers/tabular/csv.js';
import { dateShape, decideDateOrder, parseDateCell, serialToIso } from '../../main/core/importers/tabular/date-formats.js';
import { canonicalRoles, matchHeader, normalizeHeader, resolveRole } from '../../main/core/importers/tabular/headers.js';
import { decodeEntities, htmlToRows } from '../../main/core/importers/tabular/html.js';
import { normalizeBody, parseAmountCell, separatorEvidence, tokenizeAmount } from '../../main/core/importers/tabular/numbers.js';
import { numberToDecimal } from '../../main/core/importers/tabular/sheet-format.js';
import { chronological, debitCreditMovement, fitBalance, flagDirection } from '../../main/core/importers/tabular/signs.js';
import { sniffBomlessUtf16, sniffContainer, sniffHtmlCharset } from '../../main/core/importers/tabular/sniff.js';
import { checkTaxId, isValidRfc, rfcCheckDigit } from '../../main/core/importers/tax-ids.js';
import { utf8 } from './tabular-support.js';

describe('amounts', () => {
  it.each([
    ['1.450,00EUR', ',', '1450.00', 'EUR'],
    ['"4.626,81"'.slice(1, -1), ',', '4626.81', null],
    ['1,533.50', '.', '1533.50', null],
    ['$1,234.56', '.', '1234.56', null],
    ['1,234.56 USD', '.', '1234.56', 'USD'],
    ['-50,00', ',', '-50.00', null],
    ['(1.25)', '.', '-1.25', null],
    ['29,536.44-', '.', '-29536.44', null],
    ['-12,50 €', ',', '-12.50', 'EUR'],
    ['€ -3,00', ',', '-3.00', 'EUR'],
    ['MXN 1,000.00', '.', '1000.00', 'MXN'],
    ['1 234,56', ',', '1234.56', null],
    ["1'234.56", '.', '1234.56', null],
    ['−7,5', ',', '-7.5', null],
    ['12.00 DR', '.', '-12.00', null],
    ['12.00 CR', '.', '12.00', null],
    ['+75.6000', '.', '75.6000', null],
    [',5', ',', '0.5', null],
    ['-0,00', ',', '0.00', null],
  ] as const)('%s with "%s" → %s', (text, sep, decimal, currency) => {
    expect(parseAmountCell(text, 'text', sep)).toEqual({ decimal, currency });
  });

  it.each(['', 'abc', '1.2.3,4.5', '--5', '(5', '5 EUR USD', '1,23,456.00', '12-34', 'x'.repeat(100), 'EURO 5'])('"%s" is not an amount', (text) => {
    const token = tokenizeAmount(text);
    expect(token === null || normalizeBody(token.body, '.') === null || normalizeBody(token.body, ',') === null).toBe(true);
  });

  it('what one body says about the decimal separator', () => {
    expect(['1.234,56', '1,234.56', '12,5', '1.234.567', '1.234', '1,234', '0,125', '1234,567', '1234'].map(separatorEvidence)).toEqual([
      ',', '.', ',', ',', 'ambiguous', 'ambiguous', ',', ',', 'none',
    ]);
    expect(normalizeBody('1.234', ',')).toBe('1234');
    expect(normalizeBody('1.234', '.')).toBe('1.234');
    expect(normalizeBody('1,234,567', ',')).toBeNull();
  });

  it('spreadsheet numbers become plain decimals without binary noise or exponents', () => {
    expect([0.1 + 0.2, -780, 2306.74, 1e-7, 1.5e21, 123456789012.34].map(numberToDecimal)).toEqual([
      '0.3', '-780', '2306.74', '0.0000001', '1500000000000000000000', '123456789012.34',
    ]);
    expect(parseAmountCell('-780', 'number', ',')).toEqual({ decimal: '-780', currency: null });
  });
});

describe('dates', () => {
  it('shapes and parsing', () => {
    expect(parseDateCell('2025.12.05', 'dmy')).toBe('2025-12-05');
    expect(parseDateCell('05.12.2025', 'dmy')).toBe('2025-12-05');
    expect(parseDateCell('2/1/2020', 'dmy')).toBe('2020-01-02');
    expect(parseDateCell('2/1/2020', 'mdy')).toBe('2020-02-01');
    expect(parseDateCell('12/31/99', 'mdy')).toBe('1999-12-31');
    expect(parseDateCell('20250131', 'dmy')).toBe('2025-01-31');
    expect(parseDateCell('2025-01-31T23:59:59+01:00', 'dmy')).toBe('2025-01-31');
    expect(parseDateCell('13/11/2025 10:22', 'dmy')).toBe('2025-11-13');
    expect(parseDateCell('05/ENE/2025', 'mdy')).toBe('2025-01-05');
    expect(parseDateCell('31/02/2025', 'dmy')).toBeNull();
    expect(parseDateCell('45688', 'dmy', 'number')).toBe('2025-01-31');
    expect(parseDateCell('45688', 'dmy', 'text')).toBeNull();
    expect(dateShape('1.234,56')).toBeNull();
  });

  it('Excel serials, with the 1900 leap-year bug and the 1904 system', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(60)).toBeNull();
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(45688.75)).toBe('2025-01-31');
    expect(serialToIso(0, true)).toBe('1904-01-01');
    expect(serialToIso(-1)).toBeNull();
  });

  it('the order is decided by all rows, never by one', () => {
    const cells = (...t: string[]): Array<{ text: string; kind: 'text' }> => t.map((text) => ({ text, kind: 'text' }));
    const fallback = { order: 'dmy' as const, why: 'test', evidence: false };
    expect(decideDateOrder([cells('02/01/2020')], fallback)).toMatchObject({ order: 'dmy', ambiguous: true });
    expect(decideDateOrder([cells('02/01/2020', '02/13/2020')], fallback)).toMatchObject({ order: 'mdy', ambiguous: false });
    expect(decideDateOrder([cells('02/01/2020', '13/02/2020')], fallback)).toMatchObject({ order: 'dmy', ambiguous: false });
    expect(decideDateOrder([cells('13/02/2020', '02/13/2020', '14/02/2020')], fallback)).toMatchObject({ order: 'dmy', ambiguous: true });
    // Only month/day keeps these rows in date order.
    expect(decideDateOrder([cells('01/05/2020', '01/10/2020', '02/03/2020', '02/08/2020')], fallback)).toMatchObject({ order: 'mdy', ambiguous: false });
    expect(decideDateOrder([cells('2020-01-05')], fallback)).toMatchObject({ order: 'ymd', ambiguous: false });
  });
});

describe('delimited text', () => {
  it('RFC 4180: quotes, doubled quotes, line breaks inside quotes, CRLF, a missing final newline', () => {
    const { rows } = parseDelimited('a,"b ""q"", c","multi\r\nline"\r\n1,2,3', ',');
    expect(rows).toEqual([{ row: 1, cells: ['a', 'b "q", c', 'multi\r\nline'] }, { row: 3, cells: ['1', '2', '3'] }]);
  });

  it('lenient where exports are not: a quote inside a field, text after a closing quote, an unclosed quote', () => {
    expect(parseDelimited('5" pipe;x', ';').rows[0]?.cells).toEqual(['5" pipe', 'x']);
    expect(parseDelimited('"a"b;c', ';').rows[0]?.cells).toEqual(['ab', 'c']);
    const open = parseDelimited('x;"never closed\ny;z', ';');
    expect(open.rows[0]?.cells).toEqual(['x', 'never closed\ny;z']);
    expect(open.diagnostics[0]).toMatchObject({ code: 'csv_unterminated_quote', line: 1 });
  });

  it('the delimiter is the one that splits most records consistently', () => {
    expect(sniffDelimiter('Concepto;Fecha;Importe\nA;01/02/2025;-50,00\nB;02/02/2025;1.450,00\n').delimiter).toBe(';');
    expect(sniffDelimiter('a,b,c\n"1,5",2,3\n4,5,6\n').delimiter).toBe(',');
    expect(sniffDelimiter('a\tb\tc, d\n1\t2\t3\n').delimiter).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n').delimiter).toBe('|');
    expect(sniffDelimiter('Title line\nMeta: x\nA;B;C;D\n1;2;3;4\n5;6;7;8\n9;1;2;3\n').delimiter).toBe(';');
  });
});

describe('headers', () => {
  it('normalises and matches Spanish and English header words', () => {
    expect(normalizeHeader('F.Valor')).toBe('f valor');
    expect(normalizeHeader('Nº Factura')).toBe('no factura');
    expect(['Fecha operación', 'F.Valor', 'Descripción', 'Importe (EUR)', 'Cargo', 'Abono', 'Disponible', 'D/C', 'Comisión', 'NIF/CIF', 'Vencimiento', 'Clave de rastreo'].map((h) => matchHeader(h)?.role)).toEqual([
      'date', 'valueDate', 'description', 'amount', 'debit', 'credit', 'balance', 'dcFlag', 'fee', 'taxId', 'dueDate', 'reference',
    ]);
    expect(matchHeader('Fecha de generación del informe: 13/11/2025')).toBeNull();
    expect(resolveRole('outflow', 'bank')).toBe('debit');
    expect(resolveRole('outflow', 'books')).toBe('credit');
  });

  it('recognises the canonical header exactly, in either language, and nothing looser', () => {
    expect(canonicalRoles('id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date,balance'.split(','))).toEqual([
      'id', 'date', 'valueDate', 'amount', 'currency', 'description', 'counterparty', 'taxId', 'reference', 'dueDate', 'balance',
    ]);
    expect(canonicalRoles('id,fecha,fecha_valor,importe,moneda,descripcion,contraparte,nif,referencia,vencimiento,saldo'.split(','))?.[2]).toBe('valueDate');
    expect(canonicalRoles('id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date'.split(','))).toBeNull();
    expect(canonicalRoles('id,date,date,amount,currency,description,counterparty,tax_id,reference,due_date,balance'.split(','))).toBeNull();
  });
});

describe('signs', () => {
  it('flags by side: a debit is money out of the bank but money into the books', () => {
    expect(['D', 'Cargo', 'Debe', 'DR', '-', 'Retiro', 'C', 'Abono', 'Haber', 'CR', '+', 'Depósito', 'Memo', 'x'].map((f) => flagDirection(f, 'bank'))).toEqual([
      -1, -1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1, 0, null,
    ]);
    expect(flagDirection('Debe', 'books')).toBe(1);
    expect(flagDirection('Retiro', 'books')).toBe(-1);
    expect(debitCreditMovement(-85050, 0, 'bank')).toBe(-85050);
    expect(debitCreditMovement(85050, null, 'bank')).toBe(-85050);
    expect(debitCreditMovement(1000, null, 'books')).toBe(1000);
  });

  it('the running balance tells order and sign', () => {
    expect(fitBalance([10, 5, -3], [110, 115, 112])).toMatchObject({ order: 'oldest_first', inverted: false, matches: 2 });
    expect(fitBalance([-3, 5, 10], [112, 115, 110])).toMatchObject({ order: 'newest_first', inverted: false, matches: 2 });
    expect(fitBalance([-10, -5, 3], [110, 115, 112])).toMatchObject({ order: 'oldest_first', inverted: true, matches: 2 });
    expect(fitBalance([1], [1])).toBeNull();
    const rows = [{ date: '2025-01-02', n: 1 }, { date: '2025-01-01', n: 2 }, { date: '2025-01-01', n: 3 }];
    expect(chronological(rows, 'newest_first').map((r) => r.n)).toEqual([3, 2, 1]);
    expect(chronological(rows, 'oldest_first').map((r) => r.n)).toEqual([2, 3, 1]);
  });
});

describe('sniffing, HTML, tax ids', () => {
  it('containers by their bytes', () => {
    expect(sniffContainer(utf8('PK\u0003\u0004'))).toBe('xlsx');
    expect(sniffContainer(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toBe('xls');
    expect(sniffContainer(utf8('\uFEFF  \r\n<html><body><table>'))).toBe('html');
    expect(sniffContainer(utf8('<?xml version="1.0"?><html xmlns="x"><table>'))).toBe('html');
    expect(sniffContainer(utf8('<?xml version="1.0"?><Document/>'))).toBe('xml');
    expect(sniffContainer(utf8('Fecha;Importe'))).toBe('text');
    expect(sniffBomlessUtf16(new Uint8Array([0x46, 0, 0x65, 0, 0x63, 0, 0x68, 0]))).toBe('utf-16le');
    expect(sniffBomlessUtf16(new Uint8Array([0, 0x46, 0, 0x65, 0, 0x63, 0, 0x68]))).toBe('utf-16be');
    expect(sniffHtmlCharset(utf8('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'))).toBe('iso-8859-1');
  });

  it('HTML tables: colspan, th, comments, script, entities decoded once', () => {
    expect(decodeEntities('&amp;lt; &aacute;&#233;&#x00F1; &euro;&nbsp;&bogus;')).toBe('&lt; áéñ € &bogus;');
    const rows = htmlToRows('<table><tr><th colspan=2>T</th><td>x</td></tr>\n<!-- <tr><td>no</td></tr> -->\n<script>"<tr>"</script><tr><td>a<br/>b</td><td> c </td></tr></table>');
    expect(rows).toEqual([{ row: 1, cells: ['T', '', 'x'] }, { row: 3, cells: ['a b', 'c'] }]);
  });

  it('tax ids: Spanish NIF/NIE/CIF and Mexican RFC check characters', () => {
    expect(['12345678Z', 'X1234567L', 'B12345674', 'ESA82018474', 'GODE561231GR8', 'MAB9307148T4', 'XAXX010101000'].map((t) => checkTaxId(t).valid)).toEqual(Array(7).fill(true));
    expect(['12345678A', 'B12345675', 'VACE460910SX6'].map((t) => checkTaxId(t).valid)).toEqual([false, false, false]);
    expect(checkTaxId('GB 123 4567 89').valid).toBeNull();
    expect(rfcCheckDigit('COSC8001137N')).toBe('A');
    expect(isValidRfc('ISD950921HE5')).toBe(true);
  });
});
