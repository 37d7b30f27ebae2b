/**
 * Text folding for search and for the description sort: the search tables store folded text
 * (search-index.ts) and search terms are folded the same way, by this one function, so
 * 'PÉREZ', 'Pérez' and 'perez' are one word. Folding decomposes (NFD), drops the combining
 * marks (accents, tilde, diaeresis, cedilla, …) and lower-cases; letters without a decomposition
 * (ß, ø, ł) stay as they are, lower-cased.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const ASCII_ONLY = /^[\x20-\x7e]*$/;
const ASCII_UPPER = /[A-Z]/;

/** Folds text the way the search tables store it ('Pérez Núñez' → 'perez nunez'). */
export function foldText(text: string): string {
  // Most bank text is printable ASCII: skip the Unicode work for it.
  if (ASCII_ONLY.test(text)) return ASCII_UPPER.test(text) ? text.toLowerCase() : text;
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** At most this many words of a search are used (each is one LIKE per row). */
export const MAX_SEARCH_TERMS = 8;

/**
 * The words of a search box, folded, without repeats and without words another one contains
 * ('garcia gar' needs only 'garcia'); a row matches when it contains every word.
 */
export function searchTerms(search: string): string[] {
  const words = [...new Set(foldText(search).split(/\s+/).filter((w) => w.length > 0))];
  const kept = words.filter((w, i) => !words.some((other, j) => j !== i && other.length > w.length && other.includes(w)));
  return kept.slice(0, MAX_SEARCH_TERMS);
}

/** A LIKE pattern (ESCAPE '\') that matches text containing `term` literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
