/**
 * Mexican CFDI importer (books side): invoices (I), credit notes (E) and payment complements
 * (P, Pagos 1.0 and 2.0) of CFDI 3.3 and 4.0 → BookItem and PaymentEvidence. Pure: bytes in,
 * result out. One file with `parseCfdi`, a folder with `parseCfdiBatch` (a bad file becomes an
 * error diagnostic naming it; the same UUID in several files is imported once).
 *
 * Signs (DESIGN.md): with the company's RFC, invoices it issued are receivables (+), invoices it
 * received payables (−), credit notes the opposite, and complements it issued are money in (+).
 * Without it, amounts are unsigned (+) and one info diagnostic says the direction is unknown.
 * Open amounts equal the full amount: complements are evidence for the matcher, they do not
 * reduce open amounts here.
 */
import { CoreError } from '../../contract/errors.js';
import type { BookItem, BooksParseResult, PaymentEvidence } from '../books-types.js';
import { isParseError } from '../errors.js';
import type { Diagnostic } from '../types.js';
import { readCfdiFile, type CfdiDocument } from './document.js';

export { MAX_CFDI_BYTES } from './document.js';

export interface CfdiOptions {
  /** The company's RFC: decides whether each document was issued or received (the sign). */
  companyTaxId?: string;
}

/** One file of a batch. */
export interface CfdiFile {
  name: string;
  bytes: Uint8Array;
}

const HEAD_CHARS = 64 * 1024;

/** True when decoded text looks like a CFDI 3.3/4.0: a Comprobante element and a cfd/3 or cfd/4 namespace near the top. */
export function looksLikeCfdi(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS);
  return /<(?:[A-Za-z_][\w.-]{0,63}:)?Comprobante[\s>/]/.test(head) && /["']\s*http:\/\/www\.sat\.gob\.mx\/cfd\/[34]\s*["']/.test(head);
}

const normalizeRfc = (rfc: string | undefined): string | undefined => {
  const t = rfc?.trim().toUpperCase();
  return t === undefined || t === '' ? undefined : t;
};

const DIRECTION_UNKNOWN: Diagnostic = {
  level: 'info',
  code: 'cfdi_direction_unknown',
  message: "No company RFC was given, so Cuadra cannot tell issued from received documents: amounts are shown unsigned (positive).",
};

/** Keep the first document of each UUID; one warning per duplicated UUID naming where it appeared. */
function dedupe(docs: Array<{ doc: CfdiDocument; file: string | undefined }>): { kept: CfdiDocument[]; diagnostics: Diagnostic[] } {
  const byUuid = new Map<string, Array<{ doc: CfdiDocument; file: string | undefined }>>();
  const kept: CfdiDocument[] = [];
  for (const entry of docs) {
    if (entry.doc.uuid === '') {
      kept.push(entry.doc);
      continue;
    }
    const seen = byUuid.get(entry.doc.uuid);
    if (seen) seen.push(entry);
    else {
      byUuid.set(entry.doc.uuid, [entry]);
      kept.push(entry.doc);
    }
  }
  const diagnostics: Diagnostic[] = [];
  for (const [uuid, copies] of byUuid) {
    if (copies.length < 2) continue;
    const fingerprint = (d: CfdiDocument): string => JSON.stringify([d.items.map((i) => [i.amount, i.date]), d.payments.map((p) => [p.amount, p.date])]);
    const differ = copies.some((c) => fingerprint(c.doc) !== fingerprint(copies[0]?.doc ?? c.doc));
    const files = copies.map((c) => c.file).filter((f): f is string => f !== undefined);
    const where = files.length > 0 ? ` in ${files.length} files (${files.join(', ')})` : ` ${copies.length} times`;
    diagnostics.push({
      level: 'warning',
      code: 'cfdi_duplicate_uuid',
      message: `The CFDI ${uuid} appears${where}; only the first was imported.${differ ? ' The copies differ: check which one is right.' : ''}`,
    });
  }
  return { kept, diagnostics };
}

/** Items and payments of the kept documents, in file order. */
function flatten(docs: CfdiDocument[]): { items: BookItem[]; payments: PaymentEvidence[] } {
  return { items: docs.flatMap((d) => d.items), payments: docs.flatMap((d) => d.payments) };
}

/**
 * Cross-checks between the documents of one batch: an allocation in another currency than the
 * invoice it pays, and a complement paying a PUE invoice (PUE means paid at issue, no complement).
 */
function crossCheck(items: readonly BookItem[], payments: readonly PaymentEvidence[]): Diagnostic[] {
  const byUuid = new Map(items.filter((i) => i.cfdi?.uuid).map((i) => [i.cfdi?.uuid ?? '', i]));
  const out: Diagnostic[] = [];
  for (const p of payments) {
    for (const a of p.allocations) {
      const invoice = byUuid.get(a.invoiceUuid);
      if (!invoice) continue;
      const where = `Payment ${p.id}${p.sourceFile ? ` (${p.sourceFile})` : ''}`;
      if (invoice.amount.currency !== a.amountPaid.currency) {
        out.push({ level: 'warning', code: 'cfdi_allocation_currency_mismatch',
          message: `${where} pays invoice ${a.invoiceUuid} in ${a.amountPaid.currency}, but the invoice is in ${invoice.amount.currency}.` });
      }
      if (invoice.cfdi?.paymentMethod === 'PUE') {
        out.push({ level: 'info', code: 'cfdi_pue_with_complement',
          message: `${where} pays invoice ${a.invoiceUuid}, which says PUE (paid at issue); PUE invoices normally have no payment receipt.` });
      }
    }
  }
  return out;
}

/** Turn a ParseError into the CoreError the import layer shows; anything else is a bug and propagates. */
function toCoreError(err: unknown): unknown {
  if (!isParseError(err)) return err;
  const where = err.line !== undefined ? ` (line ${err.line})` : '';
  return new CoreError('import_unreadable', `${err.message}${where}`, { reason: err.code, ...(err.line !== undefined ? { line: err.line } : {}) });
}

/** Parse one CFDI XML file. Throws CoreError('import_unreadable') for a file that is not a readable CFDI. */
export function parseCfdi(bytes: Uint8Array, opts: CfdiOptions = {}): BooksParseResult {
  let outcome;
  try {
    outcome = readCfdiFile(bytes, normalizeRfc(opts.companyTaxId));
  } catch (err) {
    throw toCoreError(err);
  }
  const { kept, diagnostics } = dedupe(outcome.documents.map((doc) => ({ doc, file: undefined })));
  return {
    format: 'cfdi',
    encoding: outcome.encoding,
    ...flatten(kept),
    diagnostics: [...outcome.diagnostics, ...diagnostics, ...(outcome.directionUnknown ? [DIRECTION_UNKNOWN] : [])],
  };
}

/** Parse many CFDI files (a folder): never throws for a bad file, which becomes an error diagnostic naming it. */
export function parseCfdiBatch(files: ReadonlyArray<CfdiFile>, opts: CfdiOptions = {}): BooksParseResult {
  const company = normalizeRfc(opts.companyTaxId);
  const diagnostics: Diagnostic[] = [];
  const docs: Array<{ doc: CfdiDocument; file: string }> = [];
  const encodings = new Set<string>();
  let directionUnknown = false;
  for (const file of files) {
    const prefix = (d: Diagnostic): Diagnostic => ({ ...d, message: `${file.name}: ${d.message}` });
    try {
      const outcome = readCfdiFile(file.bytes, company);
      encodings.add(outcome.encoding);
      directionUnknown ||= outcome.directionUnknown;
      diagnostics.push(...outcome.diagnostics.map(prefix));
      for (const doc of outcome.documents) {
        for (const item of doc.items) item.sourceFile = file.name;
        for (const payment of doc.payments) payment.sourceFile = file.name;
        docs.push({ doc, file: file.name });
      }
    } catch (err) {
      const core = toCoreError(err);
      if (!(core instanceof CoreError)) throw err;
      const reason = typeof core.details?.['reason'] === 'string' ? core.details['reason'] : core.code;
      const pdf = reason === 'cfdi_not_xml' && file.bytes[0] === 0x25 && file.bytes[1] === 0x50;
      // A folder of CFDI usually holds each invoice's PDF next to its XML: skipping those is expected.
      diagnostics.push(prefix({
        level: pdf ? 'info' : 'error',
        code: pdf ? 'cfdi_skipped_pdf' : reason,
        message: pdf ? 'a PDF, skipped (the CFDI is the XML file).' : `not imported: ${core.message}`,
        ...(typeof core.details?.['line'] === 'number' ? { line: core.details['line'] } : {}),
      }));
    }
  }
  if (files.length === 0) diagnostics.push({ level: 'warning', code: 'cfdi_empty_batch', message: 'No files were given.' });
  const { kept, diagnostics: dupes } = dedupe(docs);
  const { items, payments } = flatten(kept);
  return {
    format: 'cfdi',
    encoding: encodings.size === 1 ? [...encodings][0] ?? 'utf-8' : encodings.size === 0 ? 'utf-8' : 'mixed',
    items,
    payments,
    diagnostics: [...diagnostics, ...dupes, ...crossCheck(items, payments), ...(directionUnknown ? [DIRECTION_UNKNOWN] : [])],
  };
}
