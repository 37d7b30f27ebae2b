/**
 * The gate every XML-shaped statement (CAMT, OFX 2) passes before any parsing.
 *
 * Policy, because bank files arrive from outside and are opened on accountants' laptops:
 * - no DTD at all: any `<!DOCTYPE` or `<!ENTITY` (any case, anywhere — also inside an OFX 2
 *   file, a comment or CDATA) is refused, which rules out billion-laughs expansion and
 *   external entities (file or network reads) without relying on a parser's limits;
 * - bounded size and element depth;
 * - fast-xml-parser decodes nothing: `processEntities: false`, no HTML entities, no value
 *   parsing. We decode the five predefined entities and numeric character references
 *   ourselves, in one pass, so `&amp;lt;` becomes `&lt;` (unescaped exactly once);
 * - one file may hold several complete documents (several prologs or several roots): they are
 *   split and parsed one by one.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from './errors.js';

/** Largest XML text accepted (characters). Monthly CAMT files of busy accounts stay far below. */
export const MAX_XML_CHARS = 64 * 1024 * 1024;
/** Deepest element nesting accepted. CAMT needs about 15 levels, OFX about 10. */
export const MAX_XML_DEPTH = 64;

/** An XML element after parsing: local name (prefix removed), decoded attributes and text. */
export interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  /** Concatenated, entity-decoded text content of this element itself (CDATA kept verbatim). */
  text: string;
  children: XmlElement[];
  /** 1-based line of the start tag in the whole decoded file. */
  line: number;
}

/** One document cut out of a file that may hold several. */
export interface XmlChunk {
  text: string;
  /** Offset of `text` in the whole file. */
  offset: number;
  /** 1-based line where `text` starts in the whole file, to report lines in file terms. */
  line: number;
}

/** Line breaks (LF, CRLF, lone CR) in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  const end = Math.min(to, text.length);
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  return 1 + countBreaks(text, 0, offset);
}

const DTD_RE = /<!\s*(doctype|entity|element|attlist|notation)\b/i;

/** Refuse markup declarations (DTDs, entities) anywhere and texts above the size cap. */
export function assertSafeMarkup(text: string): void {
  if (text.length > MAX_XML_CHARS) {
    throw new ParseError('xml_too_large', `The file is larger than ${MAX_XML_CHARS / (1024 * 1024)} MB; split it before importing.`);
  }
  const m = DTD_RE.exec(text);
  if (m) {
    const what = (m[1] ?? '').toUpperCase();
    throw new ParseError(
      'xml_dtd_refused',
      `The file contains a <!${what}> declaration; documents with DTDs or entity declarations are refused for safety.`,
      lineAt(text, m.index),
    );
  }
}

/** Index of the '>' that ends the tag starting at `start`, skipping quoted attribute values; -1 if none. */
function tagEnd(text: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i;
    }
  }
  return -1;
}

/**
 * Split a file into its complete XML documents (a new `<?xml …?>` prolog or a second root
 * element at depth 0 starts the next one) and enforce the depth cap. Whitespace-only
 * remainders are dropped.
 */
export function splitXmlDocuments(text: string): XmlChunk[] {
  assertSafeMarkup(text);
  const chunks: XmlChunk[] = [];
  let docStart = 0;
  let hasRoot = false;
  let depth = 0;
  let i = 0;
  let counted = 0;
  let line = 1;
  /** Line of `offset`, counting forward from the last call (cuts only move forward). */
  const lineOf = (offset: number): number => {
    line += countBreaks(text, counted, offset);
    counted = offset;
    return line;
  };
  const cut = (at: number): void => {
    if (text.slice(docStart, at).trim() !== '') chunks.push({ text: text.slice(docStart, at), offset: docStart, line: lineOf(docStart) });
    docStart = at;
    hasRoot = false;
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const skipTo = (marker: string, from: number): number => {
      const k = text.indexOf(marker, from);
      return k < 0 ? text.length : k + marker.length;
    };
    if (text.startsWith('<!--', lt)) {
      i = skipTo('-->', lt + 4);
    } else if (text.startsWith('<![CDATA[', lt)) {
      i = skipTo(']]>', lt + 9);
    } else if (text.startsWith('<?', lt)) {
      if (depth === 0 && hasRoot && /^<\?xml[\s?]/i.test(text.slice(lt, lt + 6))) cut(lt);
      i = skipTo('?>', lt + 2);
    } else if (text.startsWith('<!', lt)) {
      i = skipTo('>', lt + 2);
    } else if (text.startsWith('</', lt)) {
      depth = Math.max(0, depth - 1);
      i = skipTo('>', lt + 2);
    } else if (/[A-Za-z_:]/.test(text.charAt(lt + 1))) {
      const end = tagEnd(text, lt);
      if (end < 0) break;
      if (depth === 0) {
        if (hasRoot) cut(lt);
        hasRoot = true;
      }
      if (text.charCodeAt(end - 1) !== 47) {
        depth++;
        if (depth > MAX_XML_DEPTH) {
          throw new ParseError('xml_too_deep', `Elements are nested deeper than ${MAX_XML_DEPTH} levels.`, lineAt(text, lt));
        }
      }
      i = end + 1;
    } else {
      i = lt + 1;
    }
  }
  cut(text.length);
  return chunks;
}

const ENTITY_RE = /&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the five predefined entities and numeric references, exactly once; anything else stays as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (whole: string, body: string) => {
    const named = NAMED[body];
    if (named !== undefined) return named;
    const code = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    return allowed ? String.fromCodePoint(code) : whole;
  });
}

const STRAY_AMP_RE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/g;

/**
 * Escape `&` that starts no entity reference (banks do send `Smith & Co`), outside CDATA
 * sections and comments where `&` is literal anyway; returns the count fixed.
 */
export function escapeStrayAmpersands(text: string): { text: string; count: number } {
  if (!text.includes('&')) return { text, count: 0 };
  let count = 0;
  const escape = (part: string): string =>
    part.replace(STRAY_AMP_RE, () => {
      count++;
      return '&amp;';
    });
  const parts: string[] = [];
  let i = 0;
  const verbatim = /<!\[CDATA\[|<!--/g;
  for (let m = verbatim.exec(text); m; m = verbatim.exec(text)) {
    const end = text.indexOf(m[0] === '<!--' ? '-->' : ']]>', m.index);
    const stop = end < 0 ? text.length : end + 3;
    parts.push(escape(text.slice(i, m.index)), text.slice(m.index, stop));
    i = stop;
    verbatim.lastIndex = stop;
  }
  parts.push(escape(text.slice(i)));
  return { text: parts.join(''), count };
}

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const safeName = (name: string): string => (FORBIDDEN_NAMES.has(name) ? `_${name}` : name);

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: false,
  captureMetaData: true,
  maxNestedTags: MAX_XML_DEPTH,
  transformTagName: safeName,
  transformAttributeName: safeName,
});
const META: symbol = XMLParser.getMetaDataSymbol() as unknown as symbol;

function isRecord(v: unknown): v is Record<string | symbol, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Text of a `#text` ordered node list; `decode` false for CDATA content, which is verbatim. */
function collectText(nodes: unknown, decode: boolean): string {
  if (!Array.isArray(nodes)) return '';
  let out = '';
  for (const n of nodes) {
    if (!isRecord(n)) continue;
    const t = n['#text'];
    if (typeof t === 'string') out += decode ? decodeXmlEntities(t) : t;
    else if (typeof t === 'number') out += String(t);
  }
  return out;
}

/** Narrow fast-xml-parser's ordered output to XmlElement trees. */
function toElements(nodes: unknown, lineOf: (offset: number) => number): XmlElement[] {
  const out: XmlElement[] = [];
  if (!Array.isArray(nodes)) return out;
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
    if (name === undefined) continue;
    const body = node[name];
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    const rawAttrs = node[':@'];
    if (isRecord(rawAttrs)) {
      for (const [k, v] of Object.entries(rawAttrs)) if (typeof v === 'string') attrs[k] = decodeXmlEntities(v);
    }
    let text = '';
    if (Array.isArray(body)) {
      for (const part of body) {
        if (!isRecord(part)) continue;
        if ('#text' in part) text += collectText([part], true);
        else if ('#cdata' in part) text += collectText(part['#cdata'], false);
      }
    }
    const meta = node[META];
    const offset = isRecord(meta) && typeof meta['startIndex'] === 'number' ? meta['startIndex'] : 0;
    out.push({ name, attrs, text, children: toElements(body, lineOf), line: lineOf(offset) });
  }
  return out;
}

/** Build an offset → line function for one chunk of a file. */
function lineMapper(chunk: XmlChunk): (offset: number) => number {
  const baseLine = chunk.line;
  const starts: number[] = [0];
  for (let i = 0; i < chunk.text.length; i++) {
    const c = chunk.text.charCodeAt(i);
    if (c === 10 || (c === 13 && chunk.text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return baseLine + lo;
  };
}

export interface ParsedXmlDocument {
  /** Root elements of the document (normally one). */
  roots: XmlElement[];
  /** Stray `&` characters that had to be escaped before parsing. */
  strayAmpersands: number;
  /** 1-based line where the document starts in the file. */
  line: number;
}

/**
 * Parse one chunk (from splitXmlDocuments) with the locked-down parser. Not well-formed XML
 * throws ParseError('xml_malformed') with the line; nothing else escapes.
 */
export function parseXmlChunk(chunk: XmlChunk): ParsedXmlDocument {
  assertSafeMarkup(chunk.text);
  const { text, count } = escapeStrayAmpersands(chunk.text);
  const line = chunk.line;
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const where = line + valid.err.line - 1;
    throw new ParseError('xml_malformed', `The XML is not well-formed (line ${where}): ${valid.err.msg}`, where);
  }
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new ParseError('xml_malformed', `The XML could not be read: ${msg}`, line);
  }
  // Escaping adds characters but no line breaks, so lines computed on `text` match the file.
  return { roots: toElements(raw, lineMapper({ ...chunk, text })), strayAmpersands: count, line };
}
