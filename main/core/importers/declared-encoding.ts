/**
 * What a file says about its own encoding, read from its first bytes (all these headers are
 * ASCII): the XML prolog `encoding="…"`, or the OFX 1.x SGML header `ENCODING:` / `CHARSET:`.
 * decodeBytes uses it only when the bytes are not valid UTF-8 (headers lie; see FORMATS.md).
 */

/** The declared encoding label, or undefined when the file declares none. */
export function sniffDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const top = String.fromCharCode(...bytes.subarray(0, 2048));
  const xml = /^\s*(?:\u00EF\u00BB\u00BF)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(top);
  if (xml) return xml[1];
  if (!/OFXHEADER\s*:/i.test(top)) return undefined;
  const encoding = /^\s*ENCODING\s*:\s*(\S+)/im.exec(top)?.[1];
  const charset = /^\s*CHARSET\s*:\s*(\S+)/im.exec(top)?.[1];
  if (encoding && /^utf-?8$/i.test(encoding)) return 'utf-8';
  if (charset && !/^none$/i.test(charset)) return charset;
  return encoding;
}
