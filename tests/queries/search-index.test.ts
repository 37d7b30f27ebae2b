// Folding for search, and the search tables the core keeps (migrations/0040, search-index.ts):
// filled on the first query that needs them, kept right when lines change or go.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containsPattern, foldText, searchTerms } from '../../main/core/queries/fold.js';
import { refreshSearchIndex, referenceTexts, searchIndexBehind } from '../../main/core/queries/search-index.js';
import { norma43 } from '../imports/support/statement-files.js';
import { commit } from '../imports/support/harness.js';
import { openImportTest, seedBank, seedBooks, MOVEMENTS } from './support.js';

describe('folding', () => {
  it('drops accents and case, keeps letters without a decomposition', () => {
    expect(foldText('PÉREZ Núñez, Çà va? Ýñigo')).toBe('perez nunez, ca va? ynigo');
    expect(foldText('Jose\u0301 Garci\u0301a')).toBe('jose garcia');
    expect(foldText('Straße Øre Łódź 東京 €')).toBe('straße øre łodz 東京 €');
    expect(foldText('ADEUDO SEPA 12/03')).toBe('adeudo sepa 12/03');
  });

  it('splits a search into folded words, dropping repeats and words inside others', () => {
    expect(searchTerms('  Café   PÉREZ café ')).toEqual(['cafe', 'perez']);
    expect(searchTerms('garcia gar')).toEqual(['garcia']);
    expect(searchTerms('Jose\u0301')).toEqual(['jose']);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(containsPattern('10%_off\\x')).toBe('%10\\%\\_off\\\\x%');
  });

  it('reads the searchable values of stored references', () => {
    expect(referenceTexts('{"endToEndId":"E2E-1","bankReference":"B9","other":["X","E2E-1"]}')).toEqual(['E2E-1', 'B9', 'X']);
    expect(referenceTexts('{}')).toEqual([]);
    expect(referenceTexts('not json')).toEqual([]);
  });
});

describe('the search tables', () => {
  let t: ReturnType<typeof openImportTest>;
  beforeEach(() => {
    t = openImportTest();
  });
  afterEach(() => t.close());

  const db = () => t.core.deps.db;
  const searchRows = (table: string) => (db().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('are filled by the first query that needs them, not by the import', async () => {
    const { accountId } = await seedBank(t.cli);
    expect(searchRows('bank_line_search')).toBe(0);
    expect(searchIndexBehind(db(), 'bank')).toBe(true);
    // A plain date-sorted page does not need them.
    await t.cli.ok('bankLines.list', { accountId });
    expect(searchRows('bank_line_search')).toBe(0);
    expect((await t.cli.ok('bankLines.list', { accountId, search: 'núñez' })).total).toBe(1);
    expect(searchRows('bank_line_search')).toBe(MOVEMENTS.length);
    expect(searchIndexBehind(db(), 'bank')).toBe(false);
    expect(refreshSearchIndex(db(), 'bank')).toBe(0);
    const stored = db().prepare("SELECT sort_text, text FROM bank_line_search WHERE sort_text LIKE 'cafe del%' ORDER BY line_id").all();
    expect(stored).toEqual([{ sort_text: 'cafe del puerto sl', text: 'fra-2025-0001' }, { sort_text: 'cafe del puerto sl', text: '' }]);
  });

  it('follow a line whose text changed, and forget a deleted line even when its id is reused', async () => {
    const { companyId, accountId } = await seedBank(t.cli);
    await t.cli.ok('bankLines.list', { accountId, search: 'x' });
    db().prepare("UPDATE bank_lines SET description = 'PASTELERÍA GÓMEZ' WHERE description = 'RECIBO IBERDROLA'").run();
    expect((await t.cli.ok('bankLines.list', { accountId, search: 'iberdrola' })).total).toBe(0);
    expect((await t.cli.ok('bankLines.list', { accountId, search: 'pasteleria gomez' })).total).toBe(1);

    const newest = db().prepare('SELECT max(id) AS id FROM bank_lines').get() as { id: number };
    db().prepare('DELETE FROM possible_duplicates WHERE line_id = ? OR other_line_id = ?').run(newest.id, newest.id);
    db().prepare('DELETE FROM bank_lines WHERE id = ?').run(newest.id);
    expect(searchRows('bank_line_search')).toBe(MOVEMENTS.length - 1);
    // The next line imported takes the deleted line's id: it must still be found.
    await commit(t.cli, companyId, 'abril.n43', norma43({ movements: [{ date: '2025-04-01', amountMinor: 777, text: 'HERRERÍA ÑANDÚ' }], from: '2025-04-01', to: '2025-04-30', openingMinor: 0 }));
    const found = await t.cli.ok('bankLines.list', { accountId, search: 'herreria nandu' });
    expect(found.rows.map((r) => r.id)).toEqual([newest.id]);
  });

  it('index books items, and are not made stale by a re-import that changes only open amounts', async () => {
    const { companyId } = await seedBooks(t.cli);
    expect((await t.cli.ok('bookItems.list', { companyId, sort: 'description' })).total).toBe(6);
    expect(searchRows('ledger_item_search')).toBe(6);
    db().prepare("UPDATE ledger_items SET open_amount_minor = 0 WHERE external_id = 'F-1'").run();
    expect(searchIndexBehind(db(), 'books')).toBe(false);
    db().prepare("UPDATE ledger_items SET counterparty_name = 'Nuevo Cliente' WHERE external_id = 'F-1'").run();
    expect(searchIndexBehind(db(), 'books')).toBe(true);
    expect((await t.cli.ok('bookItems.list', { companyId, search: 'nuevo cliente' })).rows.map((r) => r.externalId)).toEqual(['F-1']);
  });
});
