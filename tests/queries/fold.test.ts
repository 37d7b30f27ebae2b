// The search tables fold text in SQL (triggers of migrations/0040); search terms are folded in
// TypeScript (main/core/queries/fold.ts). A term is found only if both fold alike: checked here
// character by character and on random text, through the real triggers of a real database.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DROPPED_MARKS, FOLDED_LETTERS, containsPattern, foldText, searchTerms } from '../../main/core/queries/fold.js';
import { makeTempDir, openTestCore, steppingClock } from '../core/support.js';

let tmp: ReturnType<typeof makeTempDir>;
let core: ReturnType<typeof openTestCore>;
let nextId = 1;
beforeAll(() => {
  tmp = makeTempDir();
  core = openTestCore(tmp.path('fold.db'), steppingClock().clock);
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

/** What the bank and books search tables store for a text written as a description and as other text. */
function sqlFold(text: string): { bank: [string, string]; books: [string, string] } {
  const { db } = core.deps;
  const id = nextId++;
  db.prepare('INSERT INTO bank_line_search (account_id, line_id, sort_text, text) VALUES (1, ?, lower(?), lower(?))').run(id, text, text);
  db.prepare('INSERT INTO ledger_item_search (company_id, item_id, sort_text, text) VALUES (1, ?, lower(?), lower(?))').run(id, text, text);
  const bank = db.prepare('SELECT sort_text, text FROM bank_line_search WHERE account_id = 1 AND line_id = ?').raw().get(id) as [string, string];
  const books = db.prepare('SELECT sort_text, text FROM ledger_item_search WHERE company_id = 1 AND item_id = ?').raw().get(id) as [string, string];
  return { bank, books };
}

const every = FOLDED_LETTERS.flatMap(([, letters]) => [...letters]).join('') + DROPPED_MARKS.map((c) => String.fromCharCode(c)).join('');

describe('folding for search', () => {
  it('turns accented and capital letters into their plain small letter', () => {
    expect(foldText('PÉREZ Núñez, Çà va? Ýñigo')).toBe('perez nunez, ca va? ynigo');
    expect(foldText('Jose\u0301 Garci\u0301a')).toBe('jose garcia');
    // Letters outside the Spanish/Portuguese/French/Catalan set are left alone (SQLite's lower() is ASCII-only).
    expect(foldText('Straße Øre Łódź 東京 €')).toBe('straße Øre Łodź 東京 €');
  });

  it('is the same in SQL (search-table triggers) as in TypeScript, for every mapped character', () => {
    const sample = `${every} Ábaco SL; ÑOÑO, s.a. ${every.toUpperCase()} ß Ø Ł 東京 🙂 A-Z a-z 0-9`;
    const expected = foldText(sample);
    expect(sqlFold(sample)).toEqual({ bank: [expected, expected], books: [expected, expected] });
    for (const ch of every) expect(sqlFold(`x${ch}Y`).bank[0]).toBe(foldText(`x${ch}Y`));
  });

  it('is the same in SQL as in TypeScript on random text', () => {
    const alphabet = fc.constantFrom(...[...every], ...[...'AaZz09 .-_%\\ßØŁ東🙂'], ...[...'ÉÑÜ'].map((c) => c.normalize('NFD')));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')), (text) => {
        const expected = foldText(text);
        const got = sqlFold(text);
        return got.bank[0] === expected && got.bank[1] === expected && got.books[0] === expected;
      }),
      { numRuns: 300 },
    );
  });

  it('splits a search into folded words, dropping repeats and words inside others', () => {
    expect(searchTerms('  Café   PÉREZ café ')).toEqual(['cafe', 'perez']);
    expect(searchTerms('garcia gar')).toEqual(['garcia']);
    expect(searchTerms('Jose\u0301')).toEqual(['jose']);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('a b c d e f g h i j').length).toBe(8);
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(containsPattern('10%_off\\x')).toBe('%10\\%\\_off\\\\x%');
  });
});
