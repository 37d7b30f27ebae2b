/**
 * Property tests for the CFDI importer: mutated samples and fixtures (character flips,
 * truncation, dropped/duplicated tags and lines, attribute values replaced or dropped or
 * re-cased, whole elements dropped), random bytes and strings, and batches of mutated files.
 * parseCfdi returns a well-formed result or throws CoreError('import_unreadable'); a
 * ParseError would also be accepted; anything else fails. parseCfdiBatch never throws.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { BooksParseResult } from '../../main/core/importers/books-types.js';
import { parseCfdi, parseCfdiBatch } from '../../main/core/importers/cfdi/index.js';
import { mutate, mutationArb, refusesCleanly } from './camt-ofx-mutations.js';
import { cfdiText, utf8 } from './cfdi-support.js';

const NAMES = readdirSync(new URL('../fixtures/cfdi/', import.meta.url)).filter((f) => f.endsWith('.xml') && !f.includes('refused') && !f.includes('not_cfdi'));
const TEXTS = NAMES.map(cfdiText);
const COMPANIES = [undefined, 'EKU9003173C9', 'URE180429TM6', 'ISD950921HE5', 'AAA010101AAA', 'eku9003173c9'];
const NASTY = ['', ' ', '0', '-1', '1e3', '1,000.00', '99999999999999999999.99', '0.0000000001', 'abc', '2025-02-30T00:00:00',
  '2025-01-01', 'XXX', 'usd', 'MXN', 'I', 'E', 'P', 'T', 'N', 'Z', 'PUE', 'PPD', '&amp;', '&#0;', 'c2832671-da6d-11ef-a83d-00155d012007',
  'http://www.sat.gob.mx/cfd/3', 'http://www.sat.gob.mx/cfd/4', 'http://www.sat.gob.mx/Pagos', 'http://www.sat.gob.mx/Pagos20', '3.2', '1.0', '2.0'];

type AttrMutation = { kind: 'value'; n: number; value: string } | { kind: 'dropAttr'; n: number } | { kind: 'caseAttr'; n: number } | { kind: 'dropElement'; n: number };

const attrMutationArb: fc.Arbitrary<AttrMutation> = fc.oneof(
  fc.record({ kind: fc.constant('value' as const), n: fc.nat(), value: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 }).map((s) => s.replace(/["<&]/g, ''))) }),
  fc.record({ kind: fc.constant('dropAttr' as const), n: fc.nat() }),
  fc.record({ kind: fc.constant('caseAttr' as const), n: fc.nat() }),
  fc.record({ kind: fc.constant('dropElement' as const), n: fc.nat() }),
);

/** Apply an attribute- or element-level mutation; positions are taken modulo the matches. */
function mutateStructure(text: string, m: AttrMutation): string {
  if (m.kind === 'dropElement') {
    const starts = [...text.matchAll(/<([\w.-]+:)?([\w.-]+)[\s/>]/g)];
    const hit = starts[m.n % Math.max(1, starts.length)];
    if (!hit) return text;
    const qname = `${hit[1] ?? ''}${hit[2] ?? ''}`;
    const selfClose = text.indexOf('/>', hit.index);
    const close = text.indexOf(`</${qname}>`, hit.index);
    const nextOpen = text.indexOf('<', hit.index + 1);
    const end = selfClose >= 0 && (nextOpen < 0 || selfClose < nextOpen) ? selfClose + 2 : close >= 0 ? close + qname.length + 3 : text.length;
    return text.slice(0, hit.index) + text.slice(end);
  }
  const attrs = [...text.matchAll(/\s([A-Za-z_][\w.:-]*)="([^"]*)"/g)];
  const hit = attrs[m.n % Math.max(1, attrs.length)];
  if (!hit) return text;
  const [whole, name = '', value = ''] = hit;
  const replacement = m.kind === 'dropAttr' ? '' : m.kind === 'caseAttr' ? ` ${name.toLowerCase()}="${value}"` : ` ${name}="${m.value}"`;
  return text.slice(0, hit.index) + replacement + text.slice(hit.index + whole.length);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Invariants of any result, whatever the input. */
function assertWellFormed(r: BooksParseResult): void {
  expect(r.format).toBe('cfdi');
  for (const item of r.items) {
    expect(Number.isSafeInteger(item.amount.minor)).toBe(true);
    expect(item.amount.currency).toMatch(/^[A-Z]{3}$/);
    expect(item.openAmount).toEqual(item.amount);
    expect(item.date).toMatch(DATE_RE);
    expect(['invoice', 'credit_note']).toContain(item.kind);
    expect(item.cfdi?.uuid).toBe(item.cfdi?.uuid.toUpperCase());
    const total = item.cfdi?.totals?.total;
    if (total !== undefined) expect(Math.abs(item.amount.minor)).toBe(total);
  }
  for (const p of r.payments) {
    expect(Number.isSafeInteger(p.amount.minor)).toBe(true);
    expect(p.amount.currency).toMatch(/^[A-Z]{3}$/);
    expect(p.date).toMatch(DATE_RE);
    for (const a of p.allocations) {
      expect(Number.isSafeInteger(a.amountPaid.minor)).toBe(true);
      expect(a.amountPaid.currency).toMatch(/^[A-Z]{3}$/);
      expect(a.invoiceUuid).toBe(a.invoiceUuid.toUpperCase());
    }
  }
  for (const d of r.diagnostics) {
    expect(['info', 'warning', 'error']).toContain(d.level);
    expect(d.message.length).toBeGreaterThan(0);
  }
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
}

const counts = { parsed: 0, refused: 0, batchFiles: 0 };
const tally = (outcome: 'parsed' | 'refused'): void => {
  counts[outcome]++;
};
const run = (bytes: Uint8Array, company: string | undefined): void =>
  tally(refusesCleanly(() => assertWellFormed(parseCfdi(bytes, company === undefined ? {} : { companyTaxId: company }))));

describe('CFDI importer never throws anything but CoreError / ParseError', () => {
  it('character-level mutations of every fixture (1200 cases)', () => {
    const arb = fc.tuple(fc.constantFrom(...TEXTS), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(...COMPANIES));
    fc.assert(fc.property(arb, ([text, ms, company]) => run(utf8(ms.reduce(mutate, text)), company)), { numRuns: 1200 });
  });

  it('attribute values replaced / dropped / re-cased and elements dropped (1200 cases)', () => {
    const arb = fc.tuple(fc.constantFrom(...TEXTS), fc.array(attrMutationArb, { minLength: 1, maxLength: 3 }), fc.constantFrom(...COMPANIES));
    fc.assert(fc.property(arb, ([text, ms, company]) => run(utf8(ms.reduce(mutateStructure, text)), company)), { numRuns: 1200 });
  });

  it('random bytes and strings (400 cases)', () => {
    const arb = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 300 }).map(utf8),
      fc.string({ maxLength: 200 }).map((s) => utf8(`<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" ${s}/>`)),
    );
    fc.assert(fc.property(arb, (bytes) => run(bytes, 'EKU9003173C9')), { numRuns: 400 });
  });

  it('batches of mutated files never throw (200 batches)', () => {
    const fileArb = fc.tuple(fc.constantFrom(...TEXTS), fc.array(fc.oneof(mutationArb.map((m) => ({ c: m })), attrMutationArb.map((m) => ({ s: m }))), { maxLength: 2 }));
    const arb = fc.array(fileArb, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(arb, (files) => {
        const batch = files.map(([text, ms], i) => ({
          name: `f${i}.xml`,
          bytes: utf8(ms.reduce((t, m) => ('c' in m ? mutate(t, m.c) : mutateStructure(t, m.s)), text)),
        }));
        counts.batchFiles += batch.length;
        const r = parseCfdiBatch(batch, { companyTaxId: 'EKU9003173C9' });
        assertWellFormed(r);
        const uuids = [...r.items.map((i) => i.cfdi?.uuid ?? ''), ...new Set(r.payments.map((p) => p.complementUuid))].filter((u) => u !== '');
        expect(new Set(uuids).size).toBe(uuids.length);
      }),
      { numRuns: 200 },
    );
  });

  afterAll(() => {
    console.info(`CFDI fuzz: ${counts.parsed} parsed, ${counts.refused} refused cleanly (of ${counts.parsed + counts.refused}); ${counts.batchFiles} files in 200 batches`);
  });

  it('exercised both outcomes', () => {
    expect(counts.parsed + counts.refused).toBe(2800);
    expect(counts.parsed).toBeGreaterThan(500);
    expect(counts.refused).toBeGreaterThan(500);
  });
});
