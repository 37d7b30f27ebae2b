// Books-side test helpers: canonical CSV files (DESIGN.md) in English or Spanish headers, and
// readers of what an import stored.
import type { Database } from 'better-sqlite3';

/** One row of the canonical CSV; amounts as decimal strings, as an accounting system exports them. */
export interface CanonicalRow {
  id?: string;
  date: string;
  valueDate?: string;
  amount: string;
  currency?: string;
  description: string;
  counterparty?: string;
  taxId?: string;
  reference?: string;
  dueDate?: string;
  balance?: string;
}

const EN = ['id', 'date', 'value_date', 'amount', 'currency', 'description', 'counterparty', 'tax_id', 'reference', 'due_date', 'balance'];
const ES = ['id', 'fecha', 'fecha_valor', 'importe', 'moneda', 'concepto', 'contraparte', 'nif', 'referencia', 'vencimiento', 'saldo'];

const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A canonical CSV file (UTF-8, comma, one header row) in English or Spanish headers. */
export function canonicalCsv(rows: readonly CanonicalRow[], headers: 'en' | 'es' = 'en'): Buffer {
  const lines = [(headers === 'en' ? EN : ES).join(',')];
  for (const r of rows) {
    lines.push(
      [r.id ?? '', r.date, r.valueDate ?? '', r.amount, r.currency ?? 'EUR', r.description, r.counterparty ?? '', r.taxId ?? '', r.reference ?? '', r.dueDate ?? '', r.balance ?? '']
        .map(quote)
        .join(','),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** The open items of the check fixture books.csv: three customer invoices, a supplier invoice, one more. */
export const OPEN_ITEMS: readonly CanonicalRow[] = [
  { id: 'I1', date: '2025-02-10', amount: '1210.00', description: 'Factura FV-2025-0101', counterparty: 'Distribuciones López S.L.', taxId: 'B12345674', reference: 'FV-2025-0101', dueDate: '2025-03-12' },
  { id: 'I2', date: '2025-02-28', amount: '-363.00', description: 'Factura proveedor Telefónica', counterparty: 'Telefónica de España S.A.U.', taxId: 'A82018474', reference: 'T-99812', dueDate: '2025-03-05' },
  { id: 'I3', date: '2025-02-15', amount: '1000.00', description: 'Factura FV-2025-0102', counterparty: 'Grupo Ariza S.A.', taxId: 'A28000032', reference: 'FV-2025-0102', dueDate: '2025-03-15' },
  { id: 'I4', date: '2025-02-16', amount: '1420.00', description: 'Factura FV-2025-0103', counterparty: 'Grupo Ariza S.A.', taxId: 'A28000032', reference: 'FV-2025-0103', dueDate: '2025-03-16' },
  { id: 'I5', date: '2025-03-01', amount: '500.00', description: 'Factura FV-2025-0104', counterparty: 'Hermanos Ruiz S.L.', taxId: 'B87654323', reference: 'FV-2025-0104', dueDate: '2025-04-01' },
];

/** A stored books item, as the tests look at it. */
export interface StoredItem {
  id: number;
  externalId: string | null;
  accountId: number | null;
  kind: string;
  documentNumber: string | null;
  date: string;
  dueDate: string | null;
  amount: number;
  open: number;
  currency: string;
  counterparty: string | null;
  taxId: string | null;
  reference: string | null;
  cfdiUuid: string | null;
  identity: string;
  batchId: number;
  updatedBatchId: number | null;
}

/** The company's stored items in id order. */
export function storedItems(db: Database, companyId: number): StoredItem[] {
  return db
    .prepare(
      `SELECT id, external_id AS externalId, account_id AS accountId, kind, document_number AS documentNumber, date, due_date AS dueDate,
              amount_minor AS amount, open_amount_minor AS open, currency, counterparty_name AS counterparty, tax_id AS taxId,
              payment_reference AS reference, cfdi_uuid AS cfdiUuid, identity_key AS identity, batch_id AS batchId,
              updated_batch_id AS updatedBatchId
         FROM ledger_items WHERE company_id = ? ORDER BY id`,
    )
    .all(companyId) as StoredItem[];
}

/** Row counts of every table a books import writes. */
export function booksCounts(db: Database): Record<string, number> {
  const tables = ['import_batches', 'ledger_items', 'payment_evidence', 'payment_allocations', 'tabular_profiles', 'audit_log', 'bank_accounts'];
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

/** Audit actions in order, oldest first. */
export function auditActions(db: Database): string[] {
  return (db.prepare('SELECT action FROM audit_log ORDER BY id').all() as Array<{ action: string }>).map((r) => r.action);
}
