/**
 * What importing books items would do, decided against the items already stored: each item of
 * the file is new, an update of a stored item (its open amount or due date changed: an updated
 * export of the same open items), or unchanged. Payment evidence is new or already known.
 * Used by the preview (outside a transaction) and by the commit (inside its transaction).
 */
import type { Database } from 'better-sqlite3';
import type { BooksSummary, ImportDiagnostic } from '../contract/index.js';
import type { BookItem, PaymentEvidence } from '../importers/books-types.js';
import { hasEvidence, itemByIdentity, type StoredItem } from './books-repo.js';
import { identityKeys } from './identity.js';

export type ItemAction = 'new' | 'updated' | 'unchanged';

/** The plan of every item and payment of a file, in file order. */
export interface BooksPlan {
  items: readonly BookItem[];
  /** Identity key of each item. */
  keys: string[];
  /** The bank account of each ledger entry, null for open items. */
  accountIds: (number | null)[];
  actions: ItemAction[];
  /** The stored item each updated or unchanged item is. */
  stored: (StoredItem | undefined)[];
  payments: readonly PaymentEvidence[];
  /** 1 = the payment is already stored (skipped). */
  knownPayments: Uint8Array;
  summary: BooksSummary;
  warnings: ImportDiagnostic[];
}

/**
 * Plans the items and payments of a books file for a company. Ledger entries belong to
 * `ledgerAccountId` (the caller refuses a ledger without an account before planning).
 */
export function planBooks(
  db: Database,
  companyId: number,
  items: readonly BookItem[],
  payments: readonly PaymentEvidence[],
  ledgerAccountId: number | null,
  onProgress: (done: number, total: number) => void = () => {},
): BooksPlan {
  const accountIds = items.map((item) => (item.kind === 'ledger_entry' ? ledgerAccountId : null));
  const keys = identityKeys(items, (i) => accountIds[i] ?? null);
  const actions: ItemAction[] = [];
  const stored: (StoredItem | undefined)[] = [];
  let amountChanged = 0;
  let currencyChanged = 0;
  items.forEach((item, i) => {
    const before = itemByIdentity(db, companyId, keys[i]!);
    stored.push(before);
    if (!before) {
      actions.push('new');
    } else if (before.currency !== item.amount.currency) {
      // Not the same document after all (or a broken export): nothing is changed on a guess.
      currencyChanged++;
      actions.push('unchanged');
    } else {
      if (before.amount_minor !== item.amount.minor) amountChanged++;
      const dueChanged = item.dueDate !== null && item.dueDate !== before.due_date;
      actions.push(before.open_amount_minor !== item.openAmount.minor || dueChanged ? 'updated' : 'unchanged');
    }
    if ((i + 1) % 10_000 === 0) onProgress(i + 1, items.length);
  });
  onProgress(items.length, items.length);
  const knownPayments = Uint8Array.from(payments.map((p) => (hasEvidence(db, companyId, p.id) ? 1 : 0)));
  const warnings: ImportDiagnostic[] = [];
  if (amountChanged > 0) {
    warnings.push({
      level: 'warning',
      code: 'books_amount_changed',
      message: `${amountChanged} item(s) already imported now show another document amount; the stored amount is kept and only the open amount and due date are updated.`,
    });
  }
  if (currencyChanged > 0) {
    warnings.push({
      level: 'warning',
      code: 'books_currency_changed',
      message: `${currencyChanged} item(s) match items already imported but in another currency; they were left as they are.`,
    });
  }
  return { items, keys, accountIds, actions, stored, payments, knownPayments, summary: summarizeBooks(items, payments, actions), warnings };
}

/** The preview's and the result's summary of a books file. */
export function summarizeBooks(items: readonly BookItem[], payments: readonly PaymentEvidence[], actions: readonly ItemAction[]): BooksSummary {
  const count = (a: ItemAction): number => actions.filter((x) => x === a).length;
  const kinds = (k: BookItem['kind']): number => items.filter((i) => i.kind === k).length;
  let from: string | null = null;
  let to: string | null = null;
  for (const { date } of [...items, ...payments]) {
    if (from === null || date < from) from = date;
    if (to === null || date > to) to = date;
  }
  const currencies = new Set([...items.map((i) => i.amount.currency), ...payments.map((p) => p.amount.currency)]);
  return {
    items: items.length,
    new: count('new'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    invoices: kinds('invoice'),
    creditNotes: kinds('credit_note'),
    ledgerEntries: kinds('ledger_entry'),
    payments: payments.length,
    currencies: [...currencies].filter((c) => /^[A-Z]{3}$/.test(c)).sort(),
    periodFrom: from,
    periodTo: to,
  };
}
