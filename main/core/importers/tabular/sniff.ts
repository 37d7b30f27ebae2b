/**
 * Container sniffing from the bytes, never the file name: banks save HTML and tab-separated
 * text as `.xls`, so the extension says nothing. Also finds UTF-16 text without a byte-order
 * mark (Excel's "Unicode text") and the charset an HTML page declares.
 */

/** What the bytes are: a zip (xlsx), an OLE2 compound file (xls), markup, or delimited text. */
export type Container = 'xlsx' | 'xls' | 'html' | 'xml' | 'text';

const HEAD = 4096;

/** Sniff the container from the first bytes (after a BOM and whitespace for markup). */
export function sniffContainer(bytes: Uint8Array): Container {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b) return 'xlsx';
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) return 'xls';
  const head = asciiHead(bytes);
  if (head.startsWith('<')) {
    const lower = head.toLowerCase();
    if (/<(html|table|tr|td|body|head|meta)[\s>/]/.test(lower) || lower.startsWith('<!doctype html')) return 'html';
    // An XHTML page may start with an XML declaration.
    if (lower.includes('<html') || lower.includes('<table')) return 'html';
    return 'xml';
  }
  return 'text';
}

/**
 * The first bytes as ASCII-ish text with BOMs, NULs (UTF-16) and leading whitespace removed,
 * good enough to recognise markup in UTF-8, UTF-16 and single-byte encodings alike.
 */
function asciiHead(bytes: Uint8Array): string {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) start = 2;
  const chars: string[] = [];
  for (let i = start; i < bytes.length && chars.length < HEAD; i++) {
    const c = bytes[i] ?? 0;
    if (c === 0) continue;
    if (chars.length === 0 && (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d)) continue;
    chars.push(String.fromCharCode(c));
  }
  return chars.join('');
}

/**
 * UTF-16 without a byte-order mark: in text that is mostly ASCII, every other byte is NUL.
 * Returns the encoding label for `decodeBytes`, or null when the bytes do not look like it.
 */
export function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  const n = Math.min(bytes.length - (bytes.length % 2), HEAD);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'utf-16be';
  return null;
}

/** The charset an HTML page declares in a `<meta>` tag (first 4 KiB), or undefined. */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = asciiHead(bytes).slice(0, HEAD).toLowerCase();
  const m = /<meta[^>]{0,300}?charset\s*=\s*["']?([a-z0-9_:.-]{1,40})/.exec(head);
  return m?.[1];
}
