/**
 * OFX headers: the OFX 1.x SGML block (`OFXHEADER:100`, `DATA:OFXSGML`, `VERSION:102`,
 * `ENCODING:USASCII`, `CHARSET:1252`, …) or the OFX 2.x processing instructions
 * (`<?xml … encoding="…"?>`, `<?OFX OFXHEADER="200" VERSION="211" …?>`). Leading blank lines
 * are allowed. Headers often lie about the encoding; decoding (encoding.ts) tries UTF-8 first
 * and only then uses what the header declares.
 */

export interface OfxHeader {
  syntax: 'sgml' | 'xml' | 'none';
  version?: string;
  /** OFX 1.x ENCODING (USASCII, UTF-8). */
  encoding?: string;
  /** OFX 1.x CHARSET (1252, 8859-1, ISO-8859-1, NONE). */
  charset?: string;
  /** Encoding of the XML declaration. */
  xmlEncoding?: string;
}

function piAttribute(pi: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(pi);
  return m?.[1]?.trim();
}

/** Read the header fields that precede the `<OFX>` element. */
export function readOfxHeader(text: string): OfxHeader {
  const start = text.search(/<OFX[\s>]/i);
  const head = start < 0 ? text.slice(0, 4096) : text.slice(0, start);
  const ofxPi = /<\?OFX\b[^?]*\?>/i.exec(head)?.[0];
  const xmlPi = /<\?xml\b[^?]*\?>/i.exec(head)?.[0];
  if (ofxPi !== undefined || xmlPi !== undefined) {
    const header: OfxHeader = { syntax: 'xml' };
    const version = ofxPi === undefined ? undefined : piAttribute(ofxPi, 'VERSION');
    if (version !== undefined) header.version = version;
    const enc = xmlPi === undefined ? undefined : piAttribute(xmlPi, 'encoding');
    if (enc !== undefined) header.xmlEncoding = enc;
    return header;
  }
  const fields = new Map<string, string>();
  for (const line of head.split(/\r\n|\r|\n/)) {
    const m = /^\s*([A-Z]+)\s*:\s*(.*?)\s*$/i.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) fields.set(m[1].toUpperCase(), m[2]);
  }
  if (!fields.has('OFXHEADER') && !fields.has('DATA')) return { syntax: 'none' };
  const header: OfxHeader = { syntax: 'sgml' };
  const version = fields.get('VERSION');
  if (version) header.version = version;
  const encoding = fields.get('ENCODING');
  if (encoding) header.encoding = encoding;
  const charset = fields.get('CHARSET');
  if (charset) header.charset = charset;
  return header;
}
