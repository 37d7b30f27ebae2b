/**
 * Bytes → text for every importer. Order: a byte-order mark; strict UTF-8; the encoding the
 * file declares (OFX CHARSET, XML prolog); windows-1252. A user-chosen encoding overrides all.
 * Nothing is replaced silently: every U+FFFD in the result (already in the file, or produced by
 * decoding) becomes a `replacement_char` warning with its 1-based line.
 */
import iconv from 'iconv-lite';
import type { Diagnostic } from './types.js';
import { ParseError } from './errors.js';

export interface DecodeOptions {
  /** Encoding chosen by the user: overrides BOM sniffing and declarations. */
  encoding?: string;
  /** Encoding the file declares about itself (OFX CHARSET, XML `encoding=`), used when the bytes are not UTF-8. */
  declared?: string;
}

export interface Decoded {
  text: string;
  /** Canonical name of the encoding used, e.g. 'utf-8', 'utf-16le', 'windows-1252', 'cp850'. */
  encoding: string;
  diagnostics: Diagnostic[];
}

export interface SourceLine {
  /** The line without its terminator. */
  text: string;
  /** 1-based line number (CRLF, CR and LF each end one line). */
  line: number;
}

interface Codec {
  name: string;
  decode(bytes: Uint8Array): string;
}

/** Labels seen in bank files, mapped to a canonical name (WHATWG: latin-1 and ASCII are windows-1252). */
const ALIASES: Readonly<Record<string, string>> = {
  'utf8': 'utf-8', 'utf-8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'utf16': 'utf-16le', 'utf-16': 'utf-16le', 'utf16le': 'utf-16le', 'utf-16le': 'utf-16le',
  'utf16be': 'utf-16be', 'utf-16be': 'utf-16be',
  '1252': 'windows-1252', 'cp1252': 'windows-1252', 'windows1252': 'windows-1252', 'windows-1252': 'windows-1252',
  'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', 'iso_8859-1': 'windows-1252', '8859-1': 'windows-1252',
  '88591': 'windows-1252', 'latin1': 'windows-1252', 'latin-1': 'windows-1252', 'l1': 'windows-1252',
  'ascii': 'windows-1252', 'us-ascii': 'windows-1252', 'usascii': 'windows-1252',
  '850': 'cp850', 'cp850': 'cp850', 'ibm850': 'cp850', '852': 'cp852', 'cp852': 'cp852', 'ibm852': 'cp852',
  '437': 'cp437', 'cp437': 'cp437', 'ibm437': 'cp437', '866': 'cp866', 'cp866': 'cp866', 'ibm866': 'cp866',
  'iso-8859-15': 'iso-8859-15', 'iso8859-15': 'iso-8859-15', 'latin9': 'iso-8859-15', '8859-15': 'iso-8859-15',
  '1250': 'windows-1250', 'cp1250': 'windows-1250', 'windows1250': 'windows-1250',
  '1251': 'windows-1251', 'cp1251': 'windows-1251', 'windows1251': 'windows-1251',
};

/**
 * WHATWG windows-1252 for bytes 0x80–0x9F (the rest is identical to Latin-1). Node 20's
 * TextDecoder('windows-1252') wrongly decodes these as C1 controls, so we map them ourselves;
 * the five undefined bytes stay C1 controls as WHATWG specifies.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decode windows-1252 exactly as WHATWG does (never produces U+FFFD). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunk = 0x8000;
  const parts: string[] = [];
  const codes = new Uint16Array(Math.min(chunk, bytes.length));
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return parts.join('');
}

/** Resolve an encoding label to a decoder, or null when neither this module nor iconv-lite knows it. */
export function resolveEncoding(label: string): Codec | null {
  const key = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (key === '' || key === 'none') return null;
  const name = ALIASES[key] ?? key;
  if (name === 'windows-1252') return { name, decode: decodeWindows1252 };
  if (name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be') {
    return { name, decode: (bytes) => new TextDecoder(name).decode(bytes) };
  }
  // Single-byte and DOS code pages: iconv-lite (correct tables; undefined bytes become U+FFFD,
  // which decodeBytes then reports).
  if (iconv.encodingExists(name)) {
    return { name, decode: (bytes) => iconv.decode(bytes, name, { stripBOM: true }) };
  }
  return null;
}

/** Which BOM starts the bytes, if any. */
function sniffBom(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Decode a file's bytes to text, reporting the encoding chosen and any replacement characters. */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const diagnostics: Diagnostic[] = [];
  let text: string;
  let encoding: string;

  if (options.encoding !== undefined && options.encoding.trim() !== '') {
    const codec = resolveEncoding(options.encoding);
    if (!codec) throw new ParseError('unknown_encoding', `Unknown encoding "${options.encoding}"`);
    text = stripLeadingBom(codec.decode(bytes));
    encoding = codec.name;
  } else {
    const bom = sniffBom(bytes);
    const strict = bom === null ? tryStrictUtf8(bytes) : null;
    if (bom !== null) {
      text = new TextDecoder(bom).decode(bytes); // strips the BOM
      encoding = bom;
    } else if (strict !== null) {
      text = strict;
      encoding = 'utf-8';
    } else {
      const label = options.declared?.trim() ?? '';
      const declared = label !== '' ? resolveEncoding(label) : null;
      const unknownDeclared = label !== '' && !/^none$/i.test(label) && declared === null;
      if (unknownDeclared) {
        diagnostics.push({
          level: 'info',
          code: 'unknown_declared_encoding',
          message: `The file declares the encoding "${options.declared}", which Cuadra does not know; it was read as windows-1252.`,
        });
      }
      if (declared !== null && declared.name !== 'utf-8') {
        text = stripLeadingBom(declared.decode(bytes));
        encoding = declared.name;
      } else {
        if (declared?.name === 'utf-8') {
          diagnostics.push({
            level: 'warning',
            code: 'encoding_mismatch',
            message: 'The file declares UTF-8 but its bytes are not valid UTF-8; it was read as windows-1252.',
          });
        }
        text = decodeWindows1252(bytes);
        encoding = 'windows-1252';
        if (declared === null && !unknownDeclared) {
          diagnostics.push({
            level: 'info',
            code: 'encoding_fallback',
            message: 'The file is not UTF-8; it was read as windows-1252. Choose another encoding if accented letters look wrong.',
          });
        }
      }
    }
  }
  diagnostics.push(...replacementDiagnostics(text));
  return { text, encoding, diagnostics };
}

function tryStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function stripLeadingBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** At most this many per-line warnings; the rest is summarised in one more diagnostic. */
const MAX_REPLACEMENT_DIAGNOSTICS = 20;

/** One `replacement_char` warning per line holding U+FFFD (capped), with 1-based line numbers. */
export function replacementDiagnostics(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let index = text.indexOf('\uFFFD');
  if (index < 0) return out;
  let line = 1;
  let scanned = 0;
  let lastLine = 0;
  let extraLines = 0;
  while (index >= 0) {
    line += countBreaks(text, scanned, index);
    scanned = index;
    if (line !== lastLine) {
      lastLine = line;
      if (out.length < MAX_REPLACEMENT_DIAGNOSTICS) {
        out.push({
          level: 'warning',
          code: 'replacement_char',
          message: `Line ${line} contains the replacement character U+FFFD: some characters were lost (the file was converted with a wrong encoding or has bytes this encoding cannot show).`,
          line,
        });
      } else {
        extraLines++;
      }
    }
    index = text.indexOf('\uFFFD', index + 1);
  }
  if (extraLines > 0) {
    out.push({
      level: 'warning',
      code: 'replacement_char',
      message: `${extraLines} more lines contain the replacement character U+FFFD.`,
    });
  }
  return out;
}

/** Count line breaks (CRLF, CR, LF each once) in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/**
 * Split text into lines on CRLF, CR or LF, with 1-based numbers. A final line terminator
 * does not create an extra empty line.
 */
export function splitLines(text: string): SourceLine[] {
  const parts = text.split(/\r\n|\r|\n/);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ text: t, line: i + 1 }));
}
