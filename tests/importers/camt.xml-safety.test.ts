/**
 * The XML safety gate (main/core/importers/xml-safety.ts) as CAMT and OFX 2 files meet it:
 * DTD/entity refusal (billion laughs, external entities, any case, anywhere), size and depth
 * caps, splitting of concatenated documents, and entity decoding exactly once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../main/core/importers/camt/index.js';
import { parseOfx } from '../../main/core/importers/ofx/index.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { CoreError } from '../../main/core/contract/errors.js';
import { isParseError } from '../../main/core/importers/errors.js';
import {
  MAX_XML_CHARS,
  MAX_XML_DEPTH,
  assertSafeMarkup,
  decodeXmlEntities,
  escapeStrayAmpersands,
  parseXmlChunk,
  splitXmlDocuments,
} from '../../main/core/importers/xml-safety.js';

const path = (name: string): URL => new URL(`../fixtures/${name}`, import.meta.url);

/** The ParseError code thrown by `fn`, or 'none'. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return isParseError(err) ? err.code : `not a ParseError: ${String(err)}`;
  }
  return 'none';
}

describe('DTD and entity declarations are refused', () => {
  it.each([
    ['camt053/own_refused_billion_laughs.xml', 2],
    ['camt053/own_refused_external_entity.xml', 2],
    ['camt053/own_refused_entity_in_second_document.xml', 9],
  ])('%s is refused before parsing (line %i)', (name, line) => {
    const text = readFileSync(path(name), 'utf8');
    let caught: unknown;
    try {
      parseCamt(text, { encoding: 'utf-8' });
    } catch (err) {
      caught = err;
    }
    expect(isParseError(caught) && [caught.code, caught.line]).toEqual(['xml_dtd_refused', line]);
    expect(() => parseStatementFile(readFileSync(path(name)))).toThrowError(CoreError);
  });

  it.each(['own_refused_ofx2_doctype.ofx', 'own_refused_sgml_entity.ofx'])('OFX %s is refused', (name) => {
    expect(codeOf(() => parseOfx(readFileSync(path(`ofx/${name}`), 'utf8'), { encoding: 'utf-8' }))).toBe('xml_dtd_refused');
    try {
      parseStatementFile(readFileSync(path(`ofx/${name}`)));
    } catch (err) {
      expect(err instanceof CoreError && [err.code, err.details?.['reason']]).toEqual(['import_unreadable', 'xml_dtd_refused']);
    }
  });

  it.each(['<!DOCTYPE a>', '<!doctype a>', '<!DocType a>', '<! DOCTYPE a>', '<!ENTITY x "y">', '<!entity % p SYSTEM "x">', '<!-- <!ENTITY x "y"> -->', '<![CDATA[<!DOCTYPE x>]]>', '<!ELEMENT a ANY>', '<!ATTLIST a b CDATA #IMPLIED>'])(
    'refuses %s anywhere in the text',
    (decl) => {
      expect(codeOf(() => assertSafeMarkup(`<?xml version="1.0"?><a>${decl}</a>`))).toBe('xml_dtd_refused');
    },
  );

  it('does not mistake ordinary text for a declaration', () => {
    expect(codeOf(() => assertSafeMarkup('<a>ENTITY and DOCTYPE are words; &lt;!DOCTYPE is escaped</a>'))).toBe('none');
  });
});

describe('size and depth caps', () => {
  it(`refuses more than ${MAX_XML_DEPTH} nested elements`, () => {
    const deep = '<a>'.repeat(MAX_XML_DEPTH + 1) + '</a>'.repeat(MAX_XML_DEPTH + 1);
    expect(codeOf(() => splitXmlDocuments(deep))).toBe('xml_too_deep');
    const ok = '<a>'.repeat(MAX_XML_DEPTH) + '</a>'.repeat(MAX_XML_DEPTH);
    expect(splitXmlDocuments(ok)).toHaveLength(1);
    const ofxDeep = `<OFX>${'<X>'.repeat(MAX_XML_DEPTH + 1)}`;
    expect(codeOf(() => parseOfx(ofxDeep, { encoding: 'utf-8' }))).toBe('ofx_too_deep');
  });

  it('refuses texts above the size cap', () => {
    const big = ' '.repeat(MAX_XML_CHARS + 1);
    expect(codeOf(() => assertSafeMarkup(big))).toBe('xml_too_large');
  });
});

describe('splitting concatenated documents', () => {
  it('cuts at each new prolog and at each second root, and drops blank remainders', () => {
    const text = '<?xml version="1.0"?>\n<a><b/></a>\n<?xml version="1.0"?><c>x</c><d/>\n\n';
    const chunks = splitXmlDocuments(text);
    expect(chunks.map((c) => c.text.trim())).toEqual(['<?xml version="1.0"?>\n<a><b/></a>', '<?xml version="1.0"?><c>x</c>', '<d/>']);
    expect(chunks.map((c) => c.offset)).toEqual([0, 34, 63]);
    expect(chunks.map((c) => c.line)).toEqual([1, 3, 3]);
  });

  it('ignores tags inside comments, CDATA and attribute values when counting roots', () => {
    const text = '<a x="<b>"><!-- <c> --><![CDATA[<d>]]></a>';
    expect(splitXmlDocuments(text)).toHaveLength(1);
  });
});

describe('entities', () => {
  it('decodes the five predefined entities and numeric references exactly once', () => {
    expect(decodeXmlEntities('a &amp;lt; b &lt; c &#233; &#xE9; &quot;&apos;&gt;')).toBe('a &lt; b < c é é "\'>');
    expect(decodeXmlEntities('&nbsp; &#0; &#xD800; &unknown;')).toBe('&nbsp; &#0; &#xD800; &unknown;');
  });

  it('escapes stray ampersands so "Smith & Co" survives as text', () => {
    expect(escapeStrayAmpersands('Smith & Co &amp; Sons &#38;')).toEqual({ text: 'Smith &amp; Co &amp; Sons &#38;', count: 1 });
    const doc = parseXmlChunk({ text: '<a n="x &amp; y">Smith & Co</a>', offset: 0, line: 1 });
    expect(doc.strayAmpersands).toBe(1);
    expect(doc.roots[0]?.text).toBe('Smith & Co');
    expect(doc.roots[0]?.attrs['n']).toBe('x & y');
  });

  it('keeps CDATA verbatim and element names that would pollute prototypes harmless', () => {
    const text = '<a><__proto__>1</__proto__><constructor><![CDATA[&amp;<x>]]></constructor></a>';
    const doc = parseXmlChunk({ text, offset: 0, line: 1 });
    expect(doc.roots[0]?.children.map((c) => [c.name, c.text])).toEqual([
      ['___proto__', '1'],
      ['_constructor', '&amp;<x>'],
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports malformed XML with its line', () => {
    const text = '<a>\n<b>\n</a>';
    let caught: unknown;
    try {
      parseXmlChunk({ text, offset: 0, line: 1 });
    } catch (err) {
      caught = err;
    }
    expect(isParseError(caught) && caught.code).toBe('xml_malformed');
    expect(isParseError(caught) && caught.line).toBe(3);
  });
});

describe('stray ampersands inside CDATA and comments', () => {
  it('leaves them alone', () => {
    const text = '<a>x & y<![CDATA[ a & b ]]><!-- c & d --></a>';
    expect(escapeStrayAmpersands(text)).toEqual({ text: '<a>x &amp; y<![CDATA[ a & b ]]><!-- c & d --></a>', count: 1 });
    expect(parseXmlChunk({ text, offset: 0, line: 1 }).roots[0]?.text).toBe('x & y a & b ');
  });
});
