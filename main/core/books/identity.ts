/**
 * Document identity of books items: what makes a row of a re-imported export "the same item"
 * as one already stored, so the import updates it instead of adding it twice.
 *   1. the id the file gives the item (canonical CSV `id`, an ERP key, a CFDI's UUID);
 *   2. else the CFDI UUID;
 *   3. else kind + document number + counterparty (tax id, else name) + date — and, for an item
 *      without a document number (a bank-ledger line), its amount, currency and text too.
 * Ledger entries are keyed inside their bank account ('acct:<id>/…'): two ledgers may use the
 * same ids. A key that repeats inside one file (instalments of one invoice, two identical ledger
 * lines of a day) gets '#1', '#2', … in file order, so the same export maps one to one again.
 */
import type { BookItem } from '../importers/books-types.js';
import { normalizeText } from '../imports/fingerprint.js';

/** A tax id as compared: upper case, letters and digits only ("b-12345674" → "B12345674"). */
export function normalizeTaxId(taxId: string | null | undefined): string | null {
  const t = (taxId ?? '').toUpperCase().replace(/[^0-9A-ZÑ&]/g, '');
  return t === '' ? null : t;
}

/** The identity of one item before repeats inside its file are numbered. */
export function baseIdentity(item: BookItem, accountId: number | null): string {
  const scope = accountId === null ? '' : `acct:${accountId}/`;
  const id = item.id?.trim();
  if (id) return `${scope}id:${id}`;
  const uuid = item.cfdi?.uuid.trim().toUpperCase();
  if (uuid) return `${scope}cfdi:${uuid}`;
  const party = normalizeTaxId(item.counterparty.taxId) ?? normalizeText(item.counterparty.name ?? '');
  const doc = normalizeText(item.documentNumber ?? '');
  const key = `${scope}doc:${item.kind}|${doc}|${party}|${item.date}`;
  if (doc !== '') return key;
  return `${key}|${item.amount.minor}|${item.amount.currency}|${normalizeText(item.description)}`;
}

/** The identity keys of a file's items, in file order, repeats numbered; `accountOf(i)` is item i's ledger account or null. */
export function identityKeys(items: readonly BookItem[], accountOf: (index: number) => number | null): string[] {
  const seen = new Map<string, number>();
  return items.map((item, i) => {
    const base = baseIdentity(item, accountOf(i));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  });
}
