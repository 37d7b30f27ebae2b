// bookItems.list on a real database seeded through the import service (canonical CSV open items
// and a bank ledger): search, kind and account filters, sorts, paging, not_found.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookItemRow } from '../../main/core/contract/index.js';
import { allPages, descriptionKey, expectedOrder, openImportTest, seedBooks, type BooksQuery } from './support.js';

let t: ReturnType<typeof openImportTest>;
let companyId: number;
let accountId: number;
beforeEach(async () => {
  t = openImportTest();
  ({ companyId, accountId } = await seedBooks(t.cli));
});
afterEach(() => t.close());

const list = (query: Omit<BooksQuery, 'companyId'> = {}) => t.cli.ok('bookItems.list', { companyId, limit: 1000, ...query });
const external = (rows: BookItemRow[]): Array<string | null> => rows.map((r) => r.externalId).sort();

describe('bookItems.list', () => {
  it("lists the company's open items and ledger entries, as imported", async () => {
    const page = await list();
    expect(page.total).toBe(6);
    expect(page.rows.find((r) => r.externalId === 'F-1')).toMatchObject({
      accountId: null, kind: 'invoice', documentNumber: '2025/17', date: '2025-03-01', dueDate: '2025-03-31',
      amountMinor: 121_000, openAmountMinor: 121_000, currency: 'EUR', description: 'Factura café',
      counterpartyName: 'Panadería Núñez SL', paymentReference: 'RF18000000000000000000123', cfdiUuid: null, status: 'unmatched',
    });
    expect(page.rows.find((r) => r.externalId === 'L-1')).toMatchObject({ accountId, kind: 'ledger_entry', amountMinor: -4550 });
  });

  it('searches description, counterparty, document number and references, ignoring case and accents', async () => {
    expect(external((await list({ search: 'NUNEZ' })).rows)).toEqual(['F-1', 'L-2']);
    expect(external((await list({ search: 'café' })).rows)).toEqual(['F-1', 'F-2', 'L-1']);
    expect(external((await list({ search: 'papeleria abaco' })).rows)).toEqual(['F-4']);
    expect(external((await list({ search: '2025/1' })).rows)).toEqual(['F-1', 'F-4']);
    expect(external((await list({ search: 'rf1800' })).rows)).toEqual(['F-1']);
    expect(external((await list({ search: 'fra-2025-0001' })).rows)).toEqual(['L-1']);
    expect(external((await list({ search: 'a95758389' })).rows)).toEqual(['F-3']);
  });

  it("with an account, lists only that account's ledger entries; kind filters by kind", async () => {
    expect(external((await list({ accountId })).rows)).toEqual(['L-1', 'L-2']);
    expect(external((await list({ accountId, search: 'cafe' })).rows)).toEqual(['L-1']);
    expect(external((await list({ kind: 'invoice' })).rows)).toEqual(['F-1', 'F-3', 'F-4']);
    expect(external((await list({ kind: 'credit_note' })).rows)).toEqual(['F-2']);
    expect((await list({ kind: 'invoice', accountId })).total).toBe(0);
  });

  it('filters by date and absolute amount', async () => {
    expect(external((await list({ from: '2025-03-02', to: '2025-03-03' })).rows)).toEqual(['F-2', 'F-3', 'L-1']);
    expect(external((await list({ minAmountMinor: 4550, maxAmountMinor: 5000 })).rows)).toEqual(['F-2', 'F-4', 'L-1']);
    expect(external((await list({ status: 'matched' })).rows)).toEqual([]);
  });

  it('sorts both ways with ties broken by id, and pages with a stable total', async () => {
    const all = (await list()).rows;
    const keys = { date: (r: BookItemRow) => r.date, amount: (r: BookItemRow) => r.amountMinor, description: descriptionKey };
    for (const sort of ['date', 'amount', 'description'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const paged = await allPages((offset) => list({ sort, direction, offset, limit: 4 }), 4);
        expect(paged.total).toBe(6);
        expect(paged.rows.map((r) => r.id), `${sort} ${direction}`).toEqual(expectedOrder(all, keys[sort], direction));
        const searched = (await list({ sort, direction, search: 'a' })).rows;
        expect(searched.map((r) => r.id)).toEqual(expectedOrder(searched, keys[sort], direction));
        const ledger = (await list({ sort, direction, accountId })).rows;
        expect(ledger.map((r) => r.id)).toEqual(expectedOrder(ledger, keys[sort], direction));
      }
    }
  });

  it('answers not_found for an unknown company, or an account of another company', async () => {
    expect(await t.cli.err('bookItems.list', { companyId: 999_999 })).toMatchObject({ code: 'not_found' });
    const other = await seedBooks(t.cli, 'Beta SL');
    expect(await t.cli.err('bookItems.list', { companyId, accountId: other.accountId })).toMatchObject({ code: 'not_found' });
    expect(await t.cli.err('bookItems.list', { companyId, accountId: 999_999 })).toMatchObject({ code: 'not_found' });
    // Each company sees its own items only.
    expect((await t.cli.ok('bookItems.list', { companyId: other.companyId })).total).toBe(6);
    expect((await list()).total).toBe(6);
  });
});
