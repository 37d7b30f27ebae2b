/**
 * Format detection from content only (never the file name). Looks at the first 64 KiB:
 * OFX 1.x SGML headers, OFX 2.x `<?OFX ?>` (and hybrids), QFX (`INTU.BID`), CAMT by namespace
 * or root element, MT940/MT942 tags with or without SWIFT blocks, Norma 43 record 11.
 */
import type { StatementFormat } from './types.js';

export interface Detection {
  format: StatementFormat;
  /** 0–1: 1 when the signature is unambiguous (namespace, header), lower for structural guesses. */
  confidence: number;
}

const HEAD_CHARS = 64 * 1024;

/** Text start without BOM, SOH/control bytes and leading blank lines. */
function head(text: string): string {
  return text.slice(0, HEAD_CHARS).replace(/^[\uFEFF\u0000-\u0020]+/, '');
}

const CAMT_NS_RE = /urn:iso:std:iso:20022:tech:xsd:camt\.05([234])\.\d{3}\.\d{2}/;
const CAMT_ROOTS: ReadonlyArray<[RegExp, StatementFormat]> = [
  // Bounded prefix: an unbounded [\w.-]+ is quadratic on a long run of word characters.
  [/<(?:[\w.-]{1,64}:)?BkToCstmrAcctRpt[\s>]/, 'camt052'],
  [/<(?:[\w.-]{1,64}:)?BkToCstmrStmt[\s>]/, 'camt053'],
  [/<(?:[\w.-]{1,64}:)?BkToCstmrDbtCdtNtfctn[\s>]/, 'camt054'],
];

/**
 * Skip the XML declaration, processing instructions other than OFX, comments, a DOCTYPE and
 * whitespace at the start (with indexOf, not a backtracking regex).
 */
function skipProlog(text: string): string {
  let rest = text.trimStart();
  for (let guard = 0; guard < 100; guard++) {
    let close = -1;
    if (rest.startsWith('<?') && !/^<\?OFX/i.test(rest)) close = rest.indexOf('?>') + 2;
    else if (rest.startsWith('<!--')) close = rest.indexOf('-->') + 3;
    else if (rest.startsWith('<!')) close = rest.indexOf('>') + 1;
    if (close <= 0) return rest;
    rest = rest.slice(close).trimStart();
  }
  return rest;
}

/** The first element's name and start tag after the prolog, found in linear time. */
function firstElement(text: string): { name: string; tag: string } | null {
  const rest = skipProlog(text.slice(0, 16 * 1024));
  const name = /^<([A-Za-z_][\w.:-]{0,200})/.exec(rest)?.[1];
  if (!name) return null;
  const end = rest.indexOf('>');
  return { name, tag: end > 0 ? rest.slice(0, end + 1) : rest.slice(0, 2048) };
}

/** Detect the statement format of decoded text, or null when it is none Cuadra knows. */
export function detectFormat(text: string): Detection | null {
  const h = head(text);
  return detectOfx(h) ?? detectCamt(h) ?? detectSwift(h) ?? detectNorma43(h);
}

function detectOfx(h: string): Detection | null {
  const top = h.slice(0, 4096);
  const sgmlHeader = /^OFXHEADER\s*:\s*\d+/m.test(top);
  const xmlHeader = /<\?OFX\s[^>]*OFXHEADER/i.test(top);
  const bareRoot = /^<OFX>/i.test(skipProlog(top));
  if (!sgmlHeader && !xmlHeader && !bareRoot) return null;
  const qfx = /<INTU\.BID>/i.test(h);
  return { format: qfx ? 'qfx' : 'ofx', confidence: sgmlHeader || xmlHeader ? 1 : 0.8 };
}

function detectCamt(h: string): Detection | null {
  if (!h.startsWith('<')) return null;
  const ns = CAMT_NS_RE.exec(h);
  if (ns) return { format: `camt05${ns[1] ?? '3'}` as StatementFormat, confidence: 1 };
  for (const [re, format] of CAMT_ROOTS) if (re.test(h)) return { format, confidence: 0.9 };
  return null;
}

/** A SWIFT tag at a line start, or right after a `{4:` block opener. */
function hasTag(h: string, tag: string): boolean {
  return new RegExp(`(?:^|[\\r\\n]|\\{4:)[ \\t]*:${tag}:`).test(h);
}

function detectSwift(h: string): Detection | null {
  const blockType = /\{2:[IO](94[02])/.exec(h.slice(0, 4096))?.[1];
  const has20 = hasTag(h, '20');
  const has25 = hasTag(h, '25');
  const balances = hasTag(h, '60[FM]?') || hasTag(h, '62[FM]?');
  const interim = hasTag(h, '34F') || hasTag(h, '13D') || hasTag(h, '90[DC]');
  const lines = hasTag(h, '61');
  if (!(has20 || has25)) return null;
  if (blockType === '942' || (interim && !balances)) return { format: 'mt942', confidence: has20 && has25 ? 1 : 0.7 };
  if (blockType === '940' || balances || lines) {
    return { format: 'mt940', confidence: has20 && has25 && balances ? 1 : 0.7 };
  }
  return null;
}

const N43_HEADER_RE = /^11\d{8}.{10}\d{12}[12]\d{14}\d{3}/;

function detectNorma43(h: string): Detection | null {
  const firstLine = /^[^\r\n]*/.exec(h)?.[0] ?? '';
  if (!N43_HEADER_RE.test(firstLine) && !/^11\d{8}/.test(firstLine)) return null;
  const recordLines = h.split(/\r\n|\r|\n/, 50).filter((l) => /^(11|22|23|24|33|88)/.test(l)).length;
  const exact = N43_HEADER_RE.test(firstLine);
  if (!exact && recordLines < 2) return null;
  return { format: 'norma43', confidence: exact && (/[\r\n](22|33)/.test(h) || recordLines > 1) ? 1 : 0.7 };
}

/**
 * A sentence naming what the content looks like, for a file no parser recognises:
 * "This file looks like XML but not a CAMT statement (root element Document/pain.001.001.03)".
 */
export function describeUnrecognised(text: string): string {
  const h = head(text);
  if (h.startsWith('<')) {
    const root = firstElement(h);
    const rootName = root?.name ?? 'unknown';
    const ns = /xmlns(?::\w+)?="([^"]+)"/.exec(root?.tag ?? '')?.[1];
    // Name the message type when the namespace carries one (urn:…:xsd:pain.001.001.03).
    const nsTail = ns ? /:xsd:([\w.]+)$/.exec(ns)?.[1] : undefined;
    const child = nsTail ? `${rootName}/${nsTail}` : rootName;
    if (ns?.includes('sat.gob.mx') || /(^|:)Comprobante$/.test(rootName)) {
      return `This file is a Mexican CFDI invoice (root element ${rootName}), not a bank statement: import it on the books side.`;
    }
    if (/^html$/i.test(rootName) || /^<!DOCTYPE html/i.test(h)) {
      return 'This file is a web page (HTML), not a bank statement. If your bank exported it as .xls, save it as CSV or download the statement as Norma 43, CAMT, MT940 or OFX.';
    }
    return `This file looks like XML but not a CAMT statement (root element ${child}). Cuadra reads bank statements in Norma 43, CAMT.052/053/054, MT940/MT942 and OFX/QFX.`;
  }
  if (/^(?:\{1:|:20:)/.test(h)) {
    return 'This file looks like a SWIFT message but has no MT940/MT942 statement tags (:25:, :60F:, :61:, :62F:).';
  }
  if (/^\d{2}/.test(h) && /^[^\r\n]{60,80}$/m.test(h)) {
    return 'This file has fixed-width records but no Norma 43 account header (record 11) at the start.';
  }
  return 'Not a bank statement Cuadra knows: Norma 43, CAMT.052/053/054, MT940/MT942, OFX/QFX.';
}

/** A sentence for binary containers recognised by their first bytes, or null. */
export function describeBinary(bytes: Uint8Array): string | null {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 0x03 || b(2) === 0x05)) {
    return 'This file is a ZIP archive or an Excel workbook (.xlsx), not a bank statement Cuadra reads directly: unpack the archive and import the statements inside.';
  }
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) {
    return 'This file is a legacy Excel workbook (.xls), not a bank statement format Cuadra reads here.';
  }
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) {
    return 'This file is a PDF: Cuadra needs the bank statement as Norma 43, CAMT, MT940 or OFX.';
  }
  if (b(0) === 0x1f && b(1) === 0x8b) return 'This file is gzip-compressed: unpack it first.';
  return null;
}
