/**
 * One CFDI file → its documents: size and content checks, decoding, the shared XML gate
 * (no DTDs, caps), namespace-aware recognition of cfd/3 (3.3) and cfd/4 (4.0) in any prefix,
 * and dispatch by TipoDeComprobante. Throws ParseError for a file nothing can be read from.
 */
import type { BookItem, PaymentEvidence } from '../books-types.js';
import { sniffDeclaredEncoding } from '../declared-encoding.js';
import { decodeBytes } from '../encoding.js';
import { ParseError } from '../errors.js';
import type { Diagnostic } from '../types.js';
import { parseXmlChunk, splitXmlDocuments, type XmlElement } from '../xml-safety.js';
import { readHeader } from './header.js';
import { buildInvoice } from './invoice.js';
import { resolveNamespaces } from './namespaces.js';
import { buildPayments } from './payments.js';
import { NS, attr, note, type DocContext } from './values.js';

/** Largest CFDI file accepted (bytes). Invoices with thousands of concepts stay far below. */
export const MAX_CFDI_BYTES = 32 * 1024 * 1024;

/** What one Comprobante gave. */
export interface CfdiDocument {
  /** Stamp UUID (upper case) or '' when unstamped. */
  uuid: string;
  items: BookItem[];
  payments: PaymentEvidence[];
}

/** What one file gave. */
export interface CfdiFileOutcome {
  encoding: string;
  documents: CfdiDocument[];
  diagnostics: Diagnostic[];
  /** True when some document's direction is unknown because no company RFC was given. */
  directionUnknown: boolean;
}

/** A sentence for a file that is not XML at all, recognised by its first bytes. */
function describeNonXml(bytes: Uint8Array): string {
  const starts = (...b: number[]): boolean => b.every((v, i) => bytes[i] === v);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'This file is a PDF: a CFDI is the XML file (the PDF is only its printed representation).';
  if (starts(0x50, 0x4b)) return 'This file is a ZIP archive (or an Excel workbook): unpack it and import the XML files inside.';
  return 'This file is not XML, so it is not a CFDI.';
}

/** A clear refusal for an XML document that is not a CFDI 3.3/4.0. */
function notCfdi(root: XmlElement | undefined, ns: string | undefined, rootName: string | undefined, line: number): ParseError {
  const shown = rootName ?? root?.name ?? '(none)';
  const where = ns ? ` in namespace ${ns}` : ' without a namespace';
  let why = `Its root element is <${shown}>${where}; a CFDI's is Comprobante in ${NS.cfd33} (3.3) or ${NS.cfd40} (4.0).`;
  if (ns?.includes('retencionpago')) why = 'It is a CFDI de retenciones e información de pagos, which Cuadra does not import.';
  else if (root?.name === 'Comprobante' && ns?.startsWith('http://www.sat.gob.mx/cfd/')) {
    why = `It is a Comprobante in ${ns}, an older version (CFD 2.x) that Cuadra does not read; only CFDI 3.3 and 4.0.`;
  }
  return new ParseError('cfdi_not_cfdi', `This XML is not a CFDI invoice or payment receipt. ${why}`, root?.line ?? line);
}

/** Version of the comprobante from its namespace, checked against its Version attribute. */
function versionOf(ctx: DocContext, root: XmlElement): '3.3' | '4.0' {
  const byNs = ctx.cfdNs === NS.cfd40 ? '4.0' : '3.3';
  const declared = attr(root, 'Version');
  if (declared === undefined && attr(root, 'version') !== undefined) {
    throw new ParseError('cfdi_version_unsupported',
      `This is a CFDI ${attr(root, 'version') ?? ''} (lower-case attributes, before July 2017); Cuadra reads CFDI 3.3 and 4.0.`, root.line);
  }
  if (declared !== byNs) {
    note(ctx, 'warning', 'cfdi_version_mismatch', `The Comprobante is in the CFDI ${byNs} namespace but says Version "${declared ?? ''}"; it was read as ${byNs}.`, root.line);
  }
  return byNs;
}

/** Read one comprobante into items or payments. */
function readComprobante(ctx: DocContext, root: XmlElement, company: string | undefined): { doc: CfdiDocument; noCompany: boolean } {
  const header = readHeader(ctx, root, versionOf(ctx, root), company);
  const doc: CfdiDocument = { uuid: header.uuid, items: [], payments: [] };
  switch (header.type) {
    case 'I':
    case 'E':
      doc.items.push(buildInvoice(ctx, root, header));
      break;
    case 'P':
      doc.payments.push(...buildPayments(ctx, root, header));
      break;
    case 'T':
      note(ctx, 'info', 'cfdi_transfer_skipped', `The ${header.label} is a traslado (type T: goods in transit, no payment); it is not an open item and was not imported.`, header.line);
      break;
    case 'N':
      note(ctx, 'info', 'cfdi_payroll_skipped', `The ${header.label} is a payroll receipt (type N, nómina); payroll is not imported as open items.`, header.line);
      break;
  }
  return { doc, noCompany: header.noCompany && header.type !== 'T' && header.type !== 'N' };
}

/** Read one CFDI file. `company` is the company's RFC in upper case, or undefined. */
export function readCfdiFile(bytes: Uint8Array, company: string | undefined): CfdiFileOutcome {
  if (bytes.length > MAX_CFDI_BYTES) {
    throw new ParseError('cfdi_too_large', `The file is ${(bytes.length / (1024 * 1024)).toFixed(0)} MiB; a CFDI is at most ${MAX_CFDI_BYTES / (1024 * 1024)} MiB.`);
  }
  const declared = sniffDeclaredEncoding(bytes);
  const decoded = decodeBytes(bytes, declared !== undefined ? { declared } : {});
  const text = decoded.text;
  if (text.trim() === '') throw new ParseError('cfdi_empty', 'The file is empty.');
  if (!text.trimStart().startsWith('<')) throw new ParseError('cfdi_not_xml', describeNonXml(bytes), 1);
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const documents: CfdiDocument[] = [];
  let directionUnknown = false;
  const chunks = splitXmlDocuments(text);
  if (chunks.length === 0) throw new ParseError('cfdi_not_cfdi', 'The file holds no XML element.', 1);
  for (const chunk of chunks) {
    const parsed = parseXmlChunk(chunk);
    const { map, rootName } = resolveNamespaces(chunk, parsed.roots);
    const root = parsed.roots[0];
    const ns = root ? map.get(root) : undefined;
    if (!root || root.name !== 'Comprobante' || (ns !== NS.cfd33 && ns !== NS.cfd40)) throw notCfdi(root, ns, rootName, chunk.line);
    const ctx: DocContext = { diagnostics, ns: map, cfdNs: ns };
    if (parsed.strayAmpersands > 0) {
      note(ctx, 'warning', 'xml_stray_ampersand', `The XML contains ${parsed.strayAmpersands} unescaped "&"; read as a literal "&".`, parsed.line);
    }
    const { doc, noCompany } = readComprobante(ctx, root, company);
    documents.push(doc);
    directionUnknown ||= noCompany;
  }
  if (chunks.length > 1) note({ diagnostics }, 'info', 'cfdi_several_documents', `The file holds ${chunks.length} CFDI documents; all were read.`);
  return { encoding: decoded.encoding, documents, diagnostics, directionUnknown };
}
