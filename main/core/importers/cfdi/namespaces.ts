/**
 * Namespace resolution for CFDI trees. The shared XML gate (xml-safety.ts) strips prefixes
 * and drops `xmlns` declarations, but a CFDI is only a CFDI by its namespace (any prefix, or
 * a default namespace). So the start tags of the same chunk are scanned once more, with the
 * in-scope declarations, and paired with the parsed elements in document order: for a
 * well-formed document (the gate has validated it) both sequences are the same elements.
 */
import { ParseError } from '../errors.js';
import { decodeXmlEntities, lineAt, type XmlChunk, type XmlElement } from '../xml-safety.js';

/** Namespace URI of every element of one parsed document (undefined: no namespace or an undeclared prefix). */
export type NamespaceMap = ReadonlyMap<XmlElement, string | undefined>;

interface StartTag {
  local: string;
  prefix: string;
  ns: string | undefined;
  offset: number;
}

/** Index of the '>' that closes the tag opened at `start`, skipping quoted values; -1 if none. */
function tagEnd(text: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  return -1;
}

const ATTR_RE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The qualified name and the namespace declarations of one start tag's text. */
function readTag(tag: string): { qname: string; decls: Map<string, string> } {
  const qname = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
  const decls = new Map<string, string>();
  for (const m of tag.slice(qname.length + 1).matchAll(ATTR_RE)) {
    const name = m[1] ?? '';
    const value = decodeXmlEntities(m[2] ?? m[3] ?? '').trim();
    if (name === 'xmlns') decls.set('', value);
    else if (name.startsWith('xmlns:')) decls.set(name.slice(6), value);
  }
  return { qname, decls };
}

/** Every start tag of a document in order, with the namespace its prefix resolves to. */
function scanStartTags(text: string): StartTag[] {
  const tags: StartTag[] = [];
  const scopes: Array<Map<string, string>> = [];
  const resolve = (prefix: string): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const hit = scopes[i]?.get(prefix);
      if (hit !== undefined) return hit === '' ? undefined : hit;
    }
    return undefined;
  };
  const skipTo = (marker: string, from: number): number => {
    const k = text.indexOf(marker, from);
    return k < 0 ? text.length : k + marker.length;
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) i = skipTo('-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) i = skipTo(']]>', lt + 9);
    else if (text.startsWith('<?', lt)) i = skipTo('?>', lt + 2);
    else if (text.startsWith('<!', lt)) i = skipTo('>', lt + 2);
    else if (text.startsWith('</', lt)) {
      scopes.pop();
      i = skipTo('>', lt + 2);
    } else {
      const end = tagEnd(text, lt);
      if (end < 0) break;
      const tag = text.slice(lt, end + 1);
      const { qname, decls } = readTag(tag);
      const colon = qname.indexOf(':');
      const prefix = colon < 0 ? '' : qname.slice(0, colon);
      scopes.push(decls);
      tags.push({ local: colon < 0 ? qname : qname.slice(colon + 1), prefix, ns: resolve(prefix), offset: lt });
      if (text.charAt(end - 1) === '/') scopes.pop();
      i = end + 1;
    }
  }
  return tags;
}

/** Namespaces of one parsed document, and how its root element is written ("cfdi:Comprobante"). */
export interface ResolvedNamespaces {
  map: NamespaceMap;
  rootName: string | undefined;
}

/**
 * Pair each parsed element with the namespace of its start tag. `chunk` is what the tree was
 * parsed from. A disagreement between the two passes means the text is not what the gate
 * validated, which is reported as malformed XML.
 */
export function resolveNamespaces(chunk: XmlChunk, roots: readonly XmlElement[]): ResolvedNamespaces {
  const tags = scanStartTags(chunk.text);
  const map = new Map<XmlElement, string | undefined>();
  let next = 0;
  const visit = (el: XmlElement): void => {
    const tag = tags[next++];
    if (!tag || (tag.local !== el.name && `_${tag.local}` !== el.name)) {
      const line = tag ? chunk.line + lineAt(chunk.text, tag.offset) - 1 : chunk.line;
      throw new ParseError('xml_malformed', 'The XML could not be read consistently (the namespace scan disagrees with the parser).', line);
    }
    map.set(el, tag.ns);
    for (const c of el.children) visit(c);
  };
  for (const r of roots) visit(r);
  const first = tags[0];
  return { map, rootName: first ? (first.prefix ? `${first.prefix}:${first.local}` : first.local) : undefined };
}
