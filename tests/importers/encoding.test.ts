import { describe, expect, it } from 'vitest';
import { decodeBytes, replacementDiagnostics, splitLines } from '../../main/core/importers/encoding.js';
import { ParseError } from '../../main/core/importers/errors.js';
import { sniffDeclaredEncoding } from '../../main/core/importers/declared-encoding.js';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

describe('decodeBytes', () => {
  it('UTF-8 with a BOM: BOM removed, utf-8 reported', () => {
    const d = decodeBytes(bytes(0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Ñandú\r\n')));
    expect(d).toEqual({ text: 'Ñandú\r\n', encoding: 'utf-8', diagnostics: [] });
  });

  it('UTF-16LE and UTF-16BE with a BOM', () => {
    const le = Buffer.from('\uFEFF:20:Ñ\r\nő', 'utf16le');
    expect(decodeBytes(le)).toEqual({ text: ':20:Ñ\r\nő', encoding: 'utf-16le', diagnostics: [] });
    const be = Buffer.from(le).swap16();
    expect(decodeBytes(be)).toEqual({ text: ':20:Ñ\r\nő', encoding: 'utf-16be', diagnostics: [] });
  });

  it('bytes that are not UTF-8 fall back to windows-1252 (0x80 €, 0x97 —, 0xD3 Ó) and say so', () => {
    const d = decodeBytes(bytes(...ascii('COMISI'), 0xd3, ...ascii('N '), 0x80, 0x20, 0x97));
    expect(d.text).toBe('COMISIÓN € —');
    expect(d.encoding).toBe('windows-1252');
    expect(d.diagnostics.map((x) => [x.level, x.code])).toEqual([['info', 'encoding_fallback']]);
  });

  it('a declared iso-8859-1 is read as windows-1252 (WHATWG), so 0x80 is still €', () => {
    const d = decodeBytes(bytes(0x80, 0xe9), { declared: 'ISO-8859-1' });
    expect(d).toEqual({ text: '€é', encoding: 'windows-1252', diagnostics: [] });
    expect(decodeBytes(bytes(0xe9), { declared: '8859-1' }).encoding).toBe('windows-1252');
    expect(decodeBytes(bytes(0xe9), { declared: 'USASCII' }).text).toBe('é');
  });

  it('strict UTF-8 wins over a declaration that lies; a false UTF-8 declaration is a warning', () => {
    expect(decodeBytes(new TextEncoder().encode('¦ é'), { declared: '1252' })).toEqual({ text: '¦ é', encoding: 'utf-8', diagnostics: [] });
    const lying = decodeBytes(bytes(0x43, 0x41, 0x46, 0xc9), { declared: 'UTF-8' });
    expect(lying.text).toBe('CAFÉ');
    expect(lying.diagnostics.map((x) => x.code)).toEqual(['encoding_mismatch']);
    expect(decodeBytes(bytes(0xc9), { declared: 'klingon-1' }).diagnostics.map((x) => x.code)).toEqual(['unknown_declared_encoding']);
  });

  it('a user-chosen code page overrides everything: cp850, cp852, iso-8859-15, windows-1250', () => {
    expect(decodeBytes(bytes(0xa5, 0xe0, 0x90, 0x0d, 0x0a), { encoding: 'cp850' })).toEqual({ text: 'ÑÓÉ\r\n', encoding: 'cp850', diagnostics: [] });
    expect(decodeBytes(bytes(0x8b, 0xfb), { encoding: 'CP852' }).text).toBe('őű');
    expect(decodeBytes(bytes(0xa4), { encoding: 'iso-8859-15' }).text).toBe('€');
    expect(decodeBytes(bytes(0x8a), { encoding: 'windows-1250' }).text).toBe('Š');
    // Even valid UTF-8 is read as the chosen code page.
    expect(decodeBytes(new TextEncoder().encode('é'), { encoding: 'latin1' }).text).toBe('Ã©');
  });

  it('an unknown chosen encoding is a ParseError, not a silent guess', () => {
    expect(() => decodeBytes(bytes(0x41), { encoding: 'ebcdic-klingon' })).toThrowError(ParseError);
  });

  it('U+FFFD in the input, or produced by decoding, is a warning with its 1-based line', () => {
    const present = decodeBytes(new TextEncoder().encode('a\r\nb\rc \uFFFD\nd\uFFFD\uFFFD'));
    expect(present.diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([
      ['replacement_char', 'warning', 3],
      ['replacement_char', 'warning', 4],
    ]);
    // An odd trailing byte in UTF-16 cannot be decoded: the decoder produces U+FFFD on line 2.
    const produced = decodeBytes(new Uint8Array([...Buffer.from('\uFEFFx\ny', 'utf16le'), 0x41]));
    expect(produced.text.endsWith('\uFFFD')).toBe(true);
    expect(produced.diagnostics.map((d) => d.line)).toEqual([2]);
  });

  it('caps per-line replacement warnings at 20 plus one summary', () => {
    const d = replacementDiagnostics(Array.from({ length: 30 }, () => 'x\uFFFD').join('\n'));
    expect(d).toHaveLength(21);
    expect(d[19]?.line).toBe(20);
    expect(d[20]?.message).toBe('10 more lines contain the replacement character U+FFFD.');
  });
});

describe('splitLines', () => {
  it('splits on CRLF, CR and LF with 1-based numbers; a final terminator adds no line', () => {
    expect(splitLines('a\r\nb\rc\n\nd\n')).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: 'c', line: 3 },
      { text: '', line: 4 },
      { text: 'd', line: 5 },
    ]);
    expect(splitLines('no newline')).toEqual([{ text: 'no newline', line: 1 }]);
  });
});

describe('sniffDeclaredEncoding', () => {
  const enc = (s: string): Uint8Array => new Uint8Array(ascii(s));
  it('reads the XML prolog and the OFX 1.x header', () => {
    expect(sniffDeclaredEncoding(enc('<?xml version="1.0" encoding="ISO-8859-1"?><Document/>'))).toBe('ISO-8859-1');
    expect(sniffDeclaredEncoding(enc('OFXHEADER:100\r\nDATA:OFXSGML\r\nENCODING:USASCII\r\nCHARSET:1252\r\n'))).toBe('1252');
    expect(sniffDeclaredEncoding(enc('OFXHEADER:100\r\nENCODING:UTF-8\r\nCHARSET:NONE\r\n'))).toBe('utf-8');
    expect(sniffDeclaredEncoding(enc(':20:STATEMENT'))).toBeUndefined();
  });
});
