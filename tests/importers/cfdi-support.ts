/** Helpers for the CFDI importer tests: fixture bytes and text, rewriting, refusal codes. */
import { readFileSync } from 'node:fs';
import { CoreError } from '../../main/core/contract/errors.js';
import type { BookItem, BooksParseResult, PaymentEvidence } from '../../main/core/importers/books-types.js';
import { parseCfdi, type CfdiOptions } from '../../main/core/importers/cfdi/index.js';

/** The company of the own fixtures (SAT test RFC). */
export const COMPANY = 'EKU9003173C9';

/** Bytes of tests/fixtures/cfdi/<name>. */
export function cfdiBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/cfdi/${name}`, import.meta.url)));
}

/** Text of tests/fixtures/cfdi/<name>. */
export function cfdiText(name: string): string {
  return new TextDecoder().decode(cfdiBytes(name));
}

/** UTF-8 bytes of a text. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Parse a fixture file. */
export function parseFixture(name: string, opts: CfdiOptions = {}): BooksParseResult {
  return parseCfdi(cfdiBytes(name), opts);
}

/** Parse a text. */
export function parseText(text: string, opts: CfdiOptions = {}): BooksParseResult {
  return parseCfdi(utf8(text), opts);
}

/** The only item of a result, failing clearly otherwise. */
export function onlyItem(r: BooksParseResult): BookItem {
  if (r.items.length !== 1 || !r.items[0]) throw new Error(`expected one item, got ${r.items.length}`);
  return r.items[0];
}

/** The payment at `index`, failing clearly when missing. */
export function paymentAt(r: BooksParseResult, index: number): PaymentEvidence {
  const p = r.payments[index];
  if (!p) throw new Error(`no payment ${index} (have ${r.payments.length})`);
  return p;
}

/** [level, code] pairs of the diagnostics. */
export function levelsAndCodes(r: BooksParseResult): Array<[string, string]> {
  return r.diagnostics.map((d) => [d.level, d.code]);
}

/** The CoreError `fn` throws: [code, reason, line]; fails when it throws nothing or something else. */
export function refusal(fn: () => unknown): [string, unknown, unknown, string] {
  try {
    fn();
  } catch (err) {
    if (err instanceof CoreError) return [err.code, err.details?.['reason'], err.details?.['line'], err.message];
    throw err;
  }
  throw new Error('expected a refusal, but the file was read');
}
