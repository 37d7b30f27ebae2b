// Seeds for the list queries: real statement and books files imported through the real import
// service (imports.commit), into a core on a real SQLite file.
import type { BankLineRow, BookItemRow, MethodInput } from '../../main/core/contract/index.js';
import { foldText } from '../../main/core/queries/fold.js';
import type { TestClient } from '../core/support.js';
import { norma43, type Movement } from '../imports/support/statement-files.js';
import { commit, companyWithAccount } from '../imports/support/harness.js';

export { openImportTest } from '../imports/support/harness.js';

/** Bank movements with accents, capitals, references, equal absolute amounts and LIKE wildcards. */
export const MOVEMENTS: readonly Movement[] = [
  { date: '2025-03-03', amountMinor: -4550, text: 'CAFÉ DEL PUERTO SL', reference: 'FRA-2025-0001' },
  { date: '2025-03-03', amountMinor: -1200, text: 'cafe del puerto sl' },
  { date: '2025-03-04', amountMinor: 150_000, text: 'TRANSFERENCIA DE PANADERÍA NÚÑEZ', text2: 'PAGO FRA 2025/17' },
  { date: '2025-03-05', amountMinor: -89_900, text: 'RECIBO IBERDROLA', reference: 'REC-88' },
  { date: '2025-03-05', amountMinor: 4550, text: 'DEVOLUCION CAFÉ' },
  { date: '2025-03-06', amountMinor: -4550, text: 'Ábaco Papelería' },
  { date: '2025-03-07', amountMinor: 100, text: 'COMISIÓN 10%_X' },
  { date: '2025-03-07', amountMinor: -100, text: 'COMISION 10 X' },
];

/** A company with the test account and MOVEMENTS imported into it as a Norma 43 file. */
export async function seedBank(client: TestClient): Promise<{ companyId: number; accountId: number }> {
  const ids = await companyWithAccount(client);
  const file = norma43({ movements: MOVEMENTS, from: '2025-03-01', to: '2025-03-31', openingMinor: 1_000_000 });
  const result = await commit(client, ids.companyId, 'marzo.n43', file);
  if (result.added !== MOVEMENTS.length) throw new Error(`expected ${MOVEMENTS.length} lines, got ${result.added}`);
  return ids;
}

/** Open items (invoices, credit notes) of a company, canonical CSV with Spanish text. */
export const OPEN_ITEMS_CSV = [
  'id,date,amount,currency,description,counterparty,tax_id,reference,due_date,factura',
  'F-1,2025-03-01,1210.00,EUR,Factura café,Panadería Núñez SL,B12345674,RF18000000000000000000123,2025-03-31,2025/17',
  'F-2,2025-03-02,-50.00,EUR,Abono,Café del Puerto,,,,AB-3',
  'F-3,2025-03-02,-899.00,EUR,Suministro eléctrico,IBERDROLA CLIENTES SAU,A95758389,,2025-03-20,IB-99',
  'F-4,2025-03-04,45.50,EUR,ábaco y papelería,Papelería Sol,,,2025-04-04,2025/18',
].join('\n');

/** Entries of the test account in the company's bank ledger (libro de bancos). */
export const LEDGER_CSV = [
  'id,date,amount,currency,description,counterparty,reference',
  'L-1,2025-03-03,-45.50,EUR,Pago café,Café del Puerto,FRA-2025-0001',
  'L-2,2025-03-04,1500.00,EUR,Cobro Núñez,Panadería Núñez SL,',
].join('\n');

/** A company with the test account, its open items and its account's ledger entries imported. */
export async function seedBooks(client: TestClient, name = 'Acme SL'): Promise<{ companyId: number; accountId: number }> {
  const ids = await companyWithAccount(client, name);
  await commit(client, ids.companyId, 'pendientes.csv', Buffer.from(OPEN_ITEMS_CSV), { side: 'books' });
  await commit(client, ids.companyId, 'libro-bancos.csv', Buffer.from(LEDGER_CSV), { side: 'books', accountId: ids.accountId });
  return ids;
}

/** All pages of a list, `limit` rows at a time, checking that every page reports the same total. */
export async function allPages<R extends BankLineRow | BookItemRow>(
  fetch: (offset: number) => Promise<{ total: number; offset: number; rows: R[] }>,
  limit: number,
): Promise<{ total: number; rows: R[] }> {
  const first = await fetch(0);
  const rows = [...first.rows];
  for (let offset = limit; offset < first.total; offset += limit) {
    const page = await fetch(offset);
    if (page.total !== first.total || page.offset !== offset) throw new Error('the total or offset changed between pages');
    rows.push(...page.rows);
  }
  return { total: first.total, rows };
}

/** The order a sort must give, computed independently: key, then id, both in `direction`. */
export function expectedOrder<R extends { id: number; description: string; amountMinor: number }>(
  rows: readonly R[],
  key: (row: R) => string | number,
  direction: 'asc' | 'desc',
): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return (ka < kb ? -1 : ka > kb ? 1 : 0) * sign || (a.id - b.id) * sign;
    })
    .map((r) => r.id);
}

/** Folded description: the description sort's key. */
export const descriptionKey = (row: { description: string }): string => foldText(row.description);

export type BankQuery = MethodInput<'bankLines.list'>;
export type BooksQuery = MethodInput<'bookItems.list'>;
