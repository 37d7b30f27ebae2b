// bankLines.list on a real database seeded through the import service: search (case and accents
// ignored), filters, sorts both ways with ties broken by id, paging totals, status, not_found.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods, type BankLineRow } from '../../main/core/contract/index.js';
import { pageOfIds, type ListTable } from '../../main/core/queries/page-sql.js';
import { refreshSearchIndex } from '../../main/core/queries/search-index.js';
import { mt940, dailyMovements } from '../imports/support/statement-files.js';
import { commit, companyWithAccount } from '../imports/support/harness.js';
import { allPages, descriptionKey, expectedOrder, MOVEMENTS, openImportTest, seedBank, type BankQuery } from './support.js';

let t: ReturnType<typeof openImportTest>;
let accountId: number;
beforeEach(async () => {
  t = openImportTest();
  ({ accountId } = await seedBank(t.cli));
});
afterEach(() => t.close());

const list = (query: Omit<BankQuery, 'accountId'> = {}) => t.cli.ok('bankLines.list', { accountId, limit: 1000, ...query });
const texts = (rows: BankLineRow[]): string[] => rows.map((r) => r.description).sort();

describe('bankLines.list search', () => {
  it('ignores case and accents, in the text and in the search', async () => {
    const cafe = ['CAFÉ DEL PUERTO SL', 'DEVOLUCION CAFÉ', 'cafe del puerto sl'];
    expect(texts((await list({ search: 'cafe' })).rows)).toEqual(cafe);
    expect(texts((await list({ search: 'CAFÉ' })).rows)).toEqual(cafe);
    expect(texts((await list({ search: 'Núñez' })).rows)).toEqual(['TRANSFERENCIA DE PANADERÍA NÚÑEZ PAGO FRA 2025/17']);
    expect(texts((await list({ search: 'panaderia nunez' })).rows)).toHaveLength(1);
    expect(texts((await list({ search: 'abaco' })).rows)).toEqual(['Ábaco Papelería']);
  });

  it('needs every word, in any order and any field', async () => {
    expect(texts((await list({ search: 'puerto café' })).rows)).toEqual(['CAFÉ DEL PUERTO SL', 'cafe del puerto sl']);
    expect((await list({ search: 'puerto iberdrola' })).total).toBe(0);
    // The statement's reference is searched too.
    expect(texts((await list({ search: 'fra-2025-0001' })).rows)).toEqual(['CAFÉ DEL PUERTO SL']);
    expect(texts((await list({ search: '2025/17' })).rows)).toHaveLength(1);
  });

  it('treats % and _ as themselves', async () => {
    expect(texts((await list({ search: '10%_' })).rows)).toEqual(['COMISIÓN 10%_X']);
    expect(texts((await list({ search: '10 x' })).rows)).toEqual(['COMISION 10 X', 'COMISIÓN 10%_X']);
  });

  it('finds nothing with a total of 0', async () => {
    expect(await list({ search: 'zzz' })).toEqual({ total: 0, offset: 0, rows: [] });
  });
});

describe('bankLines.list filters', () => {
  it('keeps the dates from and to, both included', async () => {
    const page = await list({ from: '2025-03-05', to: '2025-03-06' });
    expect(texts(page.rows)).toEqual(['DEVOLUCION CAFÉ', 'RECIBO IBERDROLA', 'Ábaco Papelería']);
    expect(page.total).toBe(3);
  });

  it('compares amounts on their absolute value', async () => {
    const exact = await list({ minAmountMinor: 4550, maxAmountMinor: 4550 });
    expect(exact.rows.map((r) => r.amountMinor).sort((a, b) => a - b)).toEqual([-4550, -4550, 4550]);
    expect((await list({ minAmountMinor: 100_000 })).rows.map((r) => r.amountMinor)).toEqual([150_000]);
    expect((await list({ maxAmountMinor: 100 })).rows.map((r) => r.amountMinor).sort((a, b) => a - b)).toEqual([-100, 100]);
    expect((await list({ minAmountMinor: 5000, maxAmountMinor: 4000 })).total).toBe(0);
    expect((await list({ minAmountMinor: -10 })).total).toBe(MOVEMENTS.length);
  });

  it('combines search, dates and amounts', async () => {
    expect(texts((await list({ search: 'cafe', from: '2025-03-04' })).rows)).toEqual(['DEVOLUCION CAFÉ']);
    expect(texts((await list({ search: 'cafe', minAmountMinor: 2000 })).rows)).toEqual(['CAFÉ DEL PUERTO SL', 'DEVOLUCION CAFÉ']);
  });

  it('gives every line the status unmatched until matches exist: matched and pending find nothing', async () => {
    const all = await list({ status: 'all' });
    expect(all.rows.every((r) => r.status === 'unmatched')).toBe(true);
    expect((await list({ status: 'unmatched' })).total).toBe(MOVEMENTS.length);
    expect(await list({ status: 'matched' })).toEqual({ total: 0, offset: 0, rows: [] });
    expect(await list({ status: 'pending', search: 'cafe' })).toEqual({ total: 0, offset: 0, rows: [] });
  });
});

describe('bankLines.list rows, sorts and pages', () => {
  it('returns the line as imported', async () => {
    const [line] = (await list({ search: 'fra-2025-0001' })).rows;
    expect(line).toMatchObject({
      accountId, bookingDate: '2025-03-03', amountMinor: -4550, currency: 'EUR', description: 'CAFÉ DEL PUERTO SL',
      reference: 'FRA-2025-0001', provisional: false, status: 'unmatched',
    });
  });

  it('sorts by date, amount and description both ways, ties by id, with and without a search or filter', async () => {
    const all = (await list()).rows;
    const keys = { date: (r: BankLineRow) => r.bookingDate, amount: (r: BankLineRow) => r.amountMinor, description: descriptionKey };
    for (const sort of ['date', 'amount', 'description'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const ids = (await list({ sort, direction })).rows.map((r) => r.id);
        expect(ids, `${sort} ${direction}`).toEqual(expectedOrder(all, keys[sort], direction));
        const searched = (await list({ sort, direction, search: 'c' })).rows;
        expect(searched.map((r) => r.id), `${sort} ${direction} search`).toEqual(expectedOrder(searched, keys[sort], direction));
        const filtered = (await list({ sort, direction, from: '2025-03-04' })).rows;
        expect(filtered.map((r) => r.id), `${sort} ${direction} filter`).toEqual(expectedOrder(filtered, keys[sort], direction));
      }
    }
    // Folded: 'Ábaco' sorts with the a's, not after the z's.
    expect((await list({ sort: 'description', direction: 'asc', limit: 1 })).rows[0]!.description).toBe('Ábaco Papelería');
  });

  it('pages with a stable total; past the end gives no rows and the total', async () => {
    const whole = (await list({ sort: 'amount', direction: 'asc' })).rows.map((r) => r.id);
    const paged = await allPages((offset) => list({ sort: 'amount', direction: 'asc', offset, limit: 3 }), 3);
    expect(paged.total).toBe(MOVEMENTS.length);
    expect(paged.rows.map((r) => r.id)).toEqual(whole);
    expect(await list({ offset: 100, limit: 3 })).toEqual({ total: MOVEMENTS.length, offset: 100, rows: [] });
    expect(await list({ search: 'cafe', offset: 10, limit: 3 })).toEqual({ total: 3, offset: 10, rows: [] });
  });

  it("pages through a long MT940 statement in every sort, seeing each line once, and only this account's lines", async () => {
    const other = await companyWithAccount(t.cli, 'Beta SL');
    const movements = dailyMovements('2024-01-01', '2024-03-31');
    await commit(t.cli, other.companyId, 'q1.sta', mt940({ movements, openingMinor: 0, openingDate: '2024-01-01', closingDate: '2024-03-31' }));
    for (const sort of ['date', 'amount', 'description'] as const) {
      const paged = await allPages((offset) => t.cli.ok('bankLines.list', { accountId: other.accountId, sort, offset, limit: 50 }), 50);
      expect(paged.total).toBe(movements.length);
      expect(new Set(paged.rows.map((r) => r.id)).size).toBe(movements.length);
      expect(paged.rows.every((r) => r.accountId === other.accountId)).toBe(true);
    }
    const luz = await t.cli.ok('bankLines.list', { accountId: other.accountId, search: 'recibo luz 2024-02', limit: 5 });
    expect(luz.total).toBe(29);
    expect(luz.rows).toHaveLength(5);
    expect((await list()).total).toBe(MOVEMENTS.length);
  });

  it('answers not_found for an account that does not exist', async () => {
    expect(await t.cli.err('bankLines.list', { accountId: 999_999 })).toMatchObject({ code: 'not_found' });
  });
});

describe('the two plans of a filtered search', () => {
  it('give the same pages whether the filtered rows are walked or the search rows are scanned', () => {
    const table: ListTable = { side: 'bank', table: 'bank_lines', alias: 'l', scope: 'account_id', dateColumn: 'booking_date', searchTable: 'bank_line_search', searchId: 'line_id' };
    refreshSearchIndex(t.core.deps.db, 'bank');
    const cases: Array<Omit<BankQuery, 'accountId'>> = [
      { search: 'c', from: '2025-03-04' },
      { search: 'cafe', minAmountMinor: 2000, sort: 'amount', direction: 'asc' },
      { search: 'e', to: '2025-03-05', sort: 'description', limit: 2, offset: 1 },
      { search: 'c', from: '2025-03-04', offset: 50 },
      { search: 'zzz', from: '2025-03-01' },
    ];
    for (const input of cases) {
      const { accountId: id, ...query } = methods['bankLines.list'].input.parse({ accountId, ...input });
      const walked = pageOfIds(t.core.deps.db, table, id, query, { where: [], params: {} });
      const scanned = pageOfIds(t.core.deps.db, table, id, query, { where: [], params: {} }, 0);
      expect(scanned, JSON.stringify(input)).toEqual(walked);
    }
  });
});
