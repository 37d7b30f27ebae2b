/**
 * Small, total (never throwing) queries over XmlElement trees. Names are local names: the
 * namespace prefix was removed by the parser, so `ns2:Ntry` and `Ntry` read the same.
 */
import type { XmlElement } from '../xml-safety.js';

/** First child element called `name`. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** All child elements called `name`, in document order. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** First element along a path of child names (`at(ntry, 'BookgDt', 'Dt')`). */
export function at(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let cur = el;
  for (const name of path) {
    cur = child(cur, name);
    if (!cur) return undefined;
  }
  return cur;
}

/** Every element reachable along a path, fanning out over repeated elements. */
export function allAt(el: XmlElement | undefined, ...path: string[]): XmlElement[] {
  let level: XmlElement[] = el ? [el] : [];
  for (const name of path) level = level.flatMap((e) => childrenNamed(e, name));
  return level;
}

/** Trimmed text at a path, or undefined when the element is missing or blank. */
export function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  const t = at(el, ...path)?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}

/** Trimmed texts of every element along a path, blanks dropped. */
export function textsAt(el: XmlElement | undefined, ...path: string[]): string[] {
  return allAt(el, ...path)
    .map((e) => e.text.trim())
    .filter((t) => t !== '');
}

/** First element called `name` anywhere below `el` (depth-first), or undefined. */
export function findFirst(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) {
    if (c.name === name) return c;
    const deeper = findFirst(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}
