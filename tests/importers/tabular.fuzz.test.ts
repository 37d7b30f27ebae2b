/**
 * Property tests of the tabular importer: random grids (rendered as delimited text in several
 * encodings, or as workbooks), random bytes behind every container signature, and mutated real
 * files. parseBankTable / parseBooksTable must return a well-formed result (safe integers, real
 * ISO dates, 1-based lines, JSON-safe, a layout the contract accepts) or throw a CoreError /
 * ParseError — never anything else. Case counts are printed at the end of the run.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { tabularLayoutSchema } from '../../main/core/contract/books-schemas.js';
import { parseIsoDateTime } from '../../main/core/importers/dates.js';
import { isParseError } from '../../main/core/importers/errors.js';
import { parseBankTable, parseBooksTable, readGrid, toContractLayout } from '../../main/core/importers/tabular/index.js';
import { buildZip, tabular, workbook, zipEntries } from './tabular-support.js';

const RUNS = Number(process.env.TABULAR_FUZZ_RUNS ?? 400);
const counters = new Map<string, { cases: number; results: number; coreErrors: number; parseErrors: number }>();

const isDate = (v: unknown): boolean => typeof v === 'string' && parseIsoDateTime(v) === v;
const isLine = (v: unknown): boolean => v === undefined || (Number.isInteger(v) && (v as number) >= 1);

/** Parse with both entry points; check every result; count outcomes. Anything but CoreError/ParseError fails. */
function exercise(property: string, bytes: Uint8Array): void {
  const c = counters.get(property) ?? { cases: 0, results: 0, coreErrors: 0, parseErrors: 0 };
  counters.set(property, c);
  for (const side of ['bank', 'books'] as const) {
    c.cases++;
    try {
      const r = side === 'bank' ? parseBankTable(bytes, { currency: 'EUR' }) : parseBooksTable(bytes);
      c.results++;
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      expect(r.layout.confidence).toBeGreaterThanOrEqual(0);
      expect(r.layout.confidence).toBeLessThanOrEqual(1);
      for (const d of r.diagnostics) expect(isLine(d.line)).toBe(true);
      if ('statements' in r) {
        for (const s of r.statements) {
          for (const l of s.lines) {
            expect(Number.isSafeInteger(l.amount.minor)).toBe(true);
            expect(isDate(l.bookingDate)).toBe(true);
            expect(l.valueDate === null || isDate(l.valueDate)).toBe(true);
            expect(isLine(l.sourceLine)).toBe(true);
          }
          for (const b of [s.openingBalance, s.closingBalance]) expect(b === null || Number.isSafeInteger(b.amount.minor)).toBe(true);
        }
      } else {
        for (const i of r.items) {
          expect(Number.isSafeInteger(i.amount.minor) && Number.isSafeInteger(i.openAmount.minor)).toBe(true);
          expect(isDate(i.date) && (i.dueDate === null || isDate(i.dueDate))).toBe(true);
        }
      }
      const grid = readGrid(bytes).grid;
      tabularLayoutSchema.parse(toContractLayout(grid, r.layout));
    } catch (err) {
      if (err instanceof CoreError) c.coreErrors++;
      else if (isParseError(err)) c.parseErrors++;
      else throw err;
    }
  }
}

const WORDS = ['', 'Fecha', 'Importe', 'Saldo', 'Concepto', 'Date', 'Amount', 'Balance', 'Cargo', 'Abono', 'D/C', 'D', 'H', 'Bruto', 'Comisión', 'Neto', 'EUR', 'USD', 'B12345674', 'XAXX010101000', 'Total', 'id', 'tax_id'];

const dateCell = fc.tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1899, max: 2100 }), fc.integer({ min: 0, max: 5 })).map(([d, m, y, form]) => {
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  return [`${dd}/${mm}/${y}`, `${m}/${d}/${y}`, `${y}-${mm}-${dd}`, `${y}.${mm}.${dd}`, `${d}.${m}.${String(y).slice(2)}`, `${dd}-ENE-${y}`][form] ?? '';
});

const amountCell = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 7 }), fc.boolean()).map(([n, form, euro]) => {
  const abs = Math.abs(n);
  const whole = String(Math.floor(abs / 100));
  const cents = String(abs % 100).padStart(2, '0');
  const dots = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const commas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = [`${dots},${cents}`, `${commas}.${cents}`, `${whole}.${cents}`, `${whole},${cents}`, whole, `${dots}`, `${commas}`, `${whole}.${cents}0`][form] ?? whole;
  const signed = n < 0 ? [`-${body}`, `(${body})`, `${body}-`][abs % 3] ?? body : body;
  return euro ? `${signed}EUR` : signed;
});

const cell = fc.oneof(fc.constantFrom(...WORDS), dateCell, amountCell, fc.string({ maxLength: 16 }), fc.string({ maxLength: 6, unit: fc.constantFrom('"', ',', ';', '\n', '\r', '\t', 'a', ' ', '<', '&') }));
const grid = fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 25 });

function render(rows: string[][], delimiter: string, quoteAll: boolean, newline: string): string {
  const quote = (v: string): string => (quoteAll || /[",;\t|\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(quote).join(delimiter)).join(newline) + newline;
}

function encode(text: string, encoding: 'utf-8' | 'utf-16le' | 'windows-1252' | 'utf-16be'): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-16le') return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  return new Uint8Array(iconv.encode(text, encoding === 'utf-16be' ? 'utf-16be' : 'win1252'));
}

type Mutation = { kind: 'flip'; at: number; value: number } | { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; bytes: Uint8Array } | { kind: 'dupRange' | 'dropRange'; at: number; length: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constantFrom('dupRange' as const, 'dropRange' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(base: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = base;
  for (const m of mutations) {
    const at = m.at % (bytes.length + 1);
    if (m.kind === 'flip') {
      if (bytes.length === 0) continue;
      bytes = bytes.slice();
      bytes[m.at % bytes.length] = m.value;
    } else if (m.kind === 'truncate') {
      bytes = bytes.slice(0, at);
    } else if (m.kind === 'insert') {
      bytes = new Uint8Array(Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]));
    } else {
      const piece = bytes.subarray(at, at + m.length);
      bytes = m.kind === 'dupRange'
        ? new Uint8Array(Buffer.concat([bytes.subarray(0, at), piece, piece, bytes.subarray(at + m.length)]))
        : new Uint8Array(Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]));
    }
  }
  return bytes;
}

const REAL_FILES = [
  'actual_windows-1252.csv', 'es_imaginbank_semicolon_eur_suffix.csv', 'mx_bbva_cargo_abono_synthetic.csv', 'mx_santander_english_synthetic.csv',
  'es_bbva_movimientos.xlsx', 'es_kutxabank_cuenta_biff.xls', 'own_openbank_html_as.xls', 'own_paypal_es_fees.csv',
  'own_quoted_newlines_negatives.csv', 'own_utf16le_bom_tab.txt', 'own_cp1252_euro_metadata_footer.csv', 'own_books_erp_open_items_es.csv',
];

describe('tabular importer under random and mutated input', { timeout: 300_000 }, () => {
  it('random grids as delimited text (4 delimiters, 4 encodings, quoting, line endings)', () => {
    fc.assert(
      fc.property(grid, fc.constantFrom(',', ';', '\t', '|'), fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.constantFrom('utf-8', 'utf-16le', 'utf-16be', 'windows-1252') as fc.Arbitrary<'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'>, (rows, delimiter, quoteAll, newline, encoding) => {
        exercise('random grids as text', encode(render(rows, delimiter, quoteAll, newline), encoding));
      }),
      { numRuns: RUNS },
    );
  });

  it('random grids under a known header row', () => {
    const header = fc.shuffledSubarray(['Fecha', 'Fecha valor', 'Concepto', 'Importe', 'Saldo', 'Cargo', 'Abono', 'D/C', 'Divisa', 'NIF', 'Vencimiento', 'Bruto', 'Comisión', 'Neto', 'Pendiente'], { minLength: 2 });
    fc.assert(
      fc.property(header, grid, fc.constantFrom(',', ';'), (h, rows, delimiter) => {
        exercise('random grids with headers', encode(render([h, ...rows], delimiter, false, '\n'), 'utf-8'));
      }),
      { numRuns: RUNS },
    );
  });

  it('random grids as workbooks', () => {
    const sheetCell = fc.oneof(cell, fc.double({ noNaN: false }), fc.integer(), fc.date({ min: new Date('1900-03-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.array(sheetCell, { maxLength: 7 }), { minLength: 1, maxLength: 15 }), fc.constantFrom('xlsx', 'biff8') as fc.Arbitrary<'xlsx' | 'biff8'>, (rows, type) => {
        exercise('random workbooks', workbook(rows, type));
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('random bytes behind each container signature', () => {
    const prefix = fc.constantFrom(new Uint8Array(), new Uint8Array([0x50, 0x4b, 0x03, 0x04]), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), new TextEncoder().encode('<table><tr><td>'), new Uint8Array([0xff, 0xfe]));
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 3000 }), (p, body) => {
        exercise('random bytes', new Uint8Array(Buffer.concat([p, body])));
      }),
      { numRuns: RUNS },
    );
  });

  it('hostile edits inside the XML of an .xlsx (huge cell references, ranges, entities)', () => {
    const base = workbook([['Fecha', 'Concepto', 'Importe'], ...Array.from({ length: 20 }, (_, i) => [new Date(Date.UTC(2025, 0, 1 + i)), `Mov ${i}`, i - 5.25])]);
    const entries = zipEntries(base);
    const tokens = ['r="XFD1048576"', 'r="A999999999"', 'r="ZZZZZZZ1"', '<c r="B2" t="s"><v>99999999</v></c>', '<c r="C3"><v>1e308</v></c>', '<c r="D4" s="999999"><v>1</v></c>', '<row r="4294967296">', '<mergeCell ref="A1:XFD1048576"/>', '<dimension ref="A1:XFD1048576"/>', '&#xFFFFFFFF;', '<f t="shared" ref="A1:XFD1048576" si="0">A1</f>'];
    const edit = fc.record({ entry: fc.nat(), at: fc.nat(), op: fc.integer({ min: 0, max: 2 }), token: fc.constantFrom(...tokens), cut: fc.integer({ min: 1, max: 40 }), char: fc.integer({ min: 0, max: 127 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const texts = entries.map((e) => Buffer.from(e.content).toString('latin1'));
        for (const e of edits) {
          const k = e.entry % texts.length;
          const t = texts[k] ?? '';
          const at = e.at % (t.length + 1);
          texts[k] = e.op === 0 ? t.slice(0, at) + e.token + t.slice(at) : e.op === 1 ? t.slice(0, at) + t.slice(at + e.cut) : t.slice(0, at) + String.fromCharCode(e.char) + t.slice(at + 1);
        }
        exercise('edited xlsx XML', buildZip(entries.map((e, i) => ({ name: e.name, data: new Uint8Array(Buffer.from(texts[i] ?? '', 'latin1')) }))));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('mutations of a legacy .xls written here (BIFF8 records)', () => {
    const base = workbook([['Extracto'], [], ['Fecha', 'Concepto', 'Importe', 'Saldo'], ...Array.from({ length: 30 }, (_, i) => [new Date(Date.UTC(2025, 0, 1 + i)), `Mov ${i}`, i - 10.5, 1000 + i])], 'biff8');
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        exercise('mutated BIFF8 workbook', mutate(base, mutations));
      }),
      { numRuns: RUNS },
    );
  });

  it.each(REAL_FILES)('mutations of %s', (name) => {
    const base = tabular(name);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        exercise(`mutated ${name}`, mutate(base, mutations));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

afterAll(() => {
  const lines = [...counters].map(([name, c]) => `  ${name}: ${c.cases} cases, ${c.results} results, ${c.coreErrors} CoreError, ${c.parseErrors} ParseError`);
  const total = [...counters.values()].reduce((s, c) => s + c.cases, 0);
  console.log(`tabular fuzz (${total} parses):\n${lines.join('\n')}`);
});
