/**
 * Text folding for search: the same mapping the search tables' triggers apply in SQL
 * (migrations/0040_query_indexes.sql), so a folded search term is found in folded stored text.
 * The Latin letters with accent, tilde, diaeresis or cedilla become their base letter, the
 * combining forms of those marks are dropped, ASCII is lower-cased; nothing else changes
 * (SQLite's lower() knows ASCII only, and the two sides must agree character for character).
 */

/** Base letter of each folded character; kept equal to the replace() chain of 0040 by tests/queries/fold.test.ts. */
export const FOLDED_LETTERS: ReadonlyArray<readonly [string, string]> = [
  ['a', 'áàâäãåÁÀÂÄÃÅ'],
  ['e', 'éèêëÉÈÊË'],
  ['i', 'íìîïÍÌÎÏ'],
  ['o', 'óòôöõÓÒÔÖÕ'],
  ['u', 'úùûüÚÙÛÜ'],
  ['n', 'ñÑ'],
  ['c', 'çÇ'],
  ['y', 'ýÿÝ'],
];

/** Combining grave, acute, circumflex, tilde, diaeresis and cedilla: dropped. */
export const DROPPED_MARKS: readonly number[] = [0x300, 0x301, 0x302, 0x303, 0x308, 0x327];

const replacements = new Map<string, string>();
for (const [base, letters] of FOLDED_LETTERS) for (const letter of letters) replacements.set(letter, base);
for (const mark of DROPPED_MARKS) replacements.set(String.fromCharCode(mark), '');

/** Folds text the way the search tables store it ('Pérez Núñez' → 'perez nunez'). */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
    else out += replacements.get(ch) ?? ch;
  }
  return out;
}

/** At most this many words of a search are used (each is one LIKE per row). */
export const MAX_SEARCH_TERMS = 8;

/**
 * The words of a search box, folded, without repeats and without words another one contains
 * ('garcia gar' needs only 'garcia'); a row matches when it contains every word. The input is
 * NFC-normalised first so an accent typed as a combining mark folds like a precomposed one.
 */
export function searchTerms(search: string): string[] {
  const words = [...new Set(foldText(search.normalize('NFC')).split(/\s+/).filter((w) => w.length > 0))];
  const kept = words.filter((w, i) => !words.some((other, j) => j !== i && other.length > w.length && other.includes(w)));
  return kept.slice(0, MAX_SEARCH_TERMS);
}

/** A LIKE pattern (ESCAPE '\') that matches text containing `term` literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
