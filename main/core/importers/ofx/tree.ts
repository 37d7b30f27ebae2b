/**
 * A tolerant OFX tokenizer and tree builder for both syntaxes and their hybrids.
 *
 * OFX 1.x is SGML: aggregates have end tags, leaf elements usually do not (`<TRNAMT>-6.60`),
 * several tags may share a line. OFX 2.x is XML. Real files mix both (an XML header over an
 * SGML body, `<CODE>0</CODE>` next to `<CURDEF>CAD`), use `<TAG/>` and `<TAG></TAG>` for empty
 * values, wrap values in CDATA, or contain a raw `&` or `<` in a memo. Rules:
 * - an element followed by text (or CDATA) is a leaf: its value runs to the next tag, and a
 *   directly following end tag of the same name is consumed;
 * - an element followed by a tag stays open as a possible aggregate; an end tag closes the
 *   nearest open element of that name, and any element it closes implicitly was in fact an
 *   empty SGML leaf: its would-be children are handed back to its parent — unless it is a
 *   known OFX aggregate whose end tag the bank forgot (`<STMTTRN>` without `</STMTTRN>`);
 * - no OFX aggregate contains itself, so opening one while another of that name is open
 *   closes the open one first;
 * - end tags with no open element are ignored; text outside elements is ignored;
 * - values are trimmed; the five XML entities and numeric references are decoded exactly
 *   once (so `&amp;lt;` reads `&lt;`); CDATA is kept verbatim; a `<` that starts no tag is text.
 * The caller has already refused DOCTYPE/ENTITY declarations (xml-safety).
 */
import { ParseError } from '../errors.js';
import { MAX_XML_DEPTH, decodeXmlEntities } from '../xml-safety.js';

/** An OFX element: `value` is the leaf text, or null for an aggregate. */
export interface OfxNode {
  name: string;
  value: string | null;
  children: OfxNode[];
  /** 1-based line of the start tag. */
  line: number;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

/** OFX aggregates (elements that hold elements), as far as the statement parser reads them. */
const AGGREGATES = new Set([
  'OFX', 'SIGNONMSGSRSV1', 'SONRS', 'STATUS', 'FI', 'BANKMSGSRSV1', 'STMTTRNRS', 'STMTRS', 'BANKACCTFROM', 'BANKACCTTO',
  'CREDITCARDMSGSRSV1', 'CCSTMTTRNRS', 'CCSTMTRS', 'CCACCTFROM', 'CCACCTTO', 'BANKTRANLIST', 'STMTTRN', 'PAYEE',
  'CURRENCY', 'ORIGCURRENCY', 'LEDGERBAL', 'AVAILBAL', 'BALLIST', 'BAL', 'INVSTMTMSGSRSV1', 'INVSTMTTRNRS', 'INVSTMTRS',
  'INVACCTFROM', 'INVTRANLIST', 'INVBANKTRAN', 'INVPOSLIST', 'INVBAL',
]);

/** Line counter that only moves forward (the scanner never goes back). */
function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset: number): number => {
    for (; pos < offset && pos < text.length; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) !== 10)) line++;
    }
    return line;
  };
}

/** Build the element tree of an OFX text; the returned root (`#root`) holds the top-level elements. */
export function buildOfxTree(text: string): { root: OfxNode; unclosed: string[] } {
  const root: OfxNode = { name: '#root', value: null, children: [], line: 1 };
  const stack: OfxNode[] = [root];
  const lineOf = lineCounter(text);
  /** The element opened last, while we still wait to learn whether it is a leaf. */
  let pending: OfxNode | null = null;
  let pendingText = '';
  let hasValue = false;

  /** Resolve the pending element before a tag: a leaf if text came after it. */
  const settle = (): OfxNode | null => {
    const node = pending;
    pending = null;
    if (node && hasValue) {
      node.value = pendingText.trim();
      stack.pop();
      pendingText = '';
      hasValue = false;
      return node;
    }
    pendingText = '';
    hasValue = false;
    return null;
  };

  const close = (name: string): void => {
    let k = stack.length - 1;
    while (k > 0 && stack[k]?.name !== name) k--;
    if (k === 0) return;
    while (stack.length - 1 > k) {
      const implicit = stack.pop();
      const parent = stack[stack.length - 1];
      if (!implicit || !parent) break;
      if (implicit.value === null && !(AGGREGATES.has(implicit.name) && implicit.children.length > 0)) {
        const at = parent.children.indexOf(implicit);
        parent.children.splice(at + 1, 0, ...implicit.children);
        implicit.children = [];
        implicit.value = '';
      }
    }
    const node = stack.pop();
    if (node && node.value === null && node.children.length === 0) node.value = '';
  };

  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? text.length : lt;
    if (textEnd > i && pending) {
      const chunk = decodeXmlEntities(text.slice(i, textEnd));
      pendingText += chunk;
      if (chunk.trim() !== '') hasValue = true;
    }
    if (lt < 0) break;
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      const stop = end < 0 ? text.length : end;
      if (pending) {
        pendingText += text.slice(lt + 9, stop);
        hasValue = true;
      }
      i = end < 0 ? text.length : end + 3;
      continue;
    }
    if (text.startsWith('<!--', lt) || text.startsWith('<?', lt) || text.startsWith('<!', lt)) {
      const marker = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<?', lt) ? '?>' : '>';
      const end = text.indexOf(marker, lt + 2);
      i = end < 0 ? text.length : end + marker.length;
      continue;
    }
    const isEnd = text.charCodeAt(lt + 1) === 47;
    const m = NAME_RE.exec(text.slice(lt + (isEnd ? 2 : 1), lt + (isEnd ? 2 : 1) + 200));
    const gt = m ? text.indexOf('>', lt) : -1;
    if (!m || gt < 0) {
      // A '<' that starts no tag is literal text (a raw '<' inside a memo).
      if (pending) {
        pendingText += '<';
        hasValue = true;
      }
      i = lt + 1;
      continue;
    }
    const name = m[0].toUpperCase();
    const leaf = settle();
    if (isEnd) {
      if (!(leaf && leaf.name === name)) close(name);
      i = gt + 1;
      continue;
    }
    if (AGGREGATES.has(name) && stack.some((n) => n.name === name)) close(name);
    const node: OfxNode = { name, value: null, children: [], line: lineOf(lt) };
    stack[stack.length - 1]?.children.push(node);
    if (text.charCodeAt(gt - 1) === 47) {
      node.value = '';
    } else {
      stack.push(node);
      if (stack.length > MAX_XML_DEPTH) {
        throw new ParseError('ofx_too_deep', `OFX elements are nested deeper than ${MAX_XML_DEPTH} levels.`, node.line);
      }
      pending = node;
    }
    i = gt + 1;
  }
  settle();
  return { root, unclosed: stack.slice(1).filter((n) => n.value === null).map((n) => n.name) };
}

/** First direct child called `name` (upper case). */
export function ofxChild(node: OfxNode | undefined, name: string): OfxNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Leaf value along a path of child names, undefined when missing or blank. */
export function ofxValue(node: OfxNode | undefined, ...path: string[]): string | undefined {
  let cur = node;
  for (const name of path) cur = ofxChild(cur, name);
  const v = cur?.value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** Every descendant called `name`, in document order (not descending into matches). */
export function ofxFindAll(node: OfxNode, name: string): OfxNode[] {
  const out: OfxNode[] = [];
  const walk = (n: OfxNode): void => {
    for (const c of n.children) {
      if (c.name === name) out.push(c);
      else walk(c);
    }
  };
  walk(node);
  return out;
}
