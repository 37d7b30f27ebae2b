// A firm with one company and bank account on a real SQLite file, and helpers that import
// canonical CSV text (bank or books) through the contract, as the Inbox and the CLI do.
import { TestClient, makeTempDir, openTestCore, setUpFirm, steppingClock } from '../core/support.js';

export const IBAN = 'ES9121000418450200051332';
export const HEADER = 'id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date,balance';

export interface Firm {
  tmp: ReturnType<typeof makeTempDir>;
  core: ReturnType<typeof openTestCore>;
  admin: TestClient;
  clock: ReturnType<typeof steppingClock>;
  companyId: number;
  accountId: number;
  close(): void;
}

/** Opens a core on a temp file with an administrator, a company and a EUR account. */
export async function openFirm(): Promise<Firm> {
  const tmp = makeTempDir();
  const clock = steppingClock();
  const core = openTestCore(tmp.path('cuadra.db'), clock.clock);
  const admin = await setUpFirm(core);
  const company = await admin.ok('companies.create', { name: 'Acme SL', taxId: null });
  const account = await admin.ok('accounts.create', { companyId: company.id, name: 'Main', iban: IBAN, number: null, currency: 'EUR' });
  return {
    tmp, core, admin, clock, companyId: company.id, accountId: account.id,
    close: () => {
      core.close();
      tmp.cleanup();
    },
  };
}

/** One canonical CSV row; `balance` only for bank files. */
export interface Row {
  id: string;
  date: string;
  amount: string;
  description: string;
  counterparty?: string;
  taxId?: string;
  reference?: string;
  dueDate?: string;
  balance?: string;
}

const csvCell = (v: string | undefined): string => (v === undefined ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Canonical CSV text of some rows. */
export function canonicalCsv(rows: readonly Row[]): string {
  return [HEADER, ...rows.map((r) => [r.id, r.date, '', r.amount, 'EUR', r.description, r.counterparty, r.taxId, r.reference, r.dueDate, r.balance].map(csvCell).join(','))].join('\n');
}

let fileCounter = 0;

/** Imports bank rows into the firm's account (running balances are added from 10,000.00). */
export async function importBank(firm: Firm, rows: readonly Row[], opening = 1_000_000): Promise<void> {
  let balance = opening;
  const withBalances = rows.map((r) => {
    balance += Math.round(Number(r.amount) * 100);
    return { ...r, balance: (balance / 100).toFixed(2) };
  });
  await firm.admin.ok('imports.commit', {
    companyId: firm.companyId, accountId: firm.accountId, fileName: `bank-${++fileCounter}.csv`,
    contentBase64: Buffer.from(canonicalCsv(withBalances)).toString('base64'), side: 'bank',
  });
}

/** Imports books rows (open items, or ledger entries of the account with `ledger`). */
export async function importBooks(firm: Firm, rows: readonly Row[], ledger = false): Promise<void> {
  await firm.admin.ok('imports.commit', {
    companyId: firm.companyId, accountId: ledger ? firm.accountId : null, fileName: `books-${++fileCounter}.csv`,
    contentBase64: Buffer.from(canonicalCsv(rows)).toString('base64'), side: 'books',
  });
}

/** Every match of the company with a filter, as (bank ids → item ids) keys. */
export async function matchKeys(firm: Firm, filter: 'review' | 'auto_approved' | 'approved' | 'rejected' | 'decided' | 'all' = 'all'): Promise<string[]> {
  const page = await firm.admin.ok('matches.list', { companyId: firm.companyId, filter, limit: 1000 });
  return page.rows.map((m) => `${m.status}:${m.bank.map((b) => b.bankId).join('+')}>${m.books.map((i) => i.externalId).join('+')}`).sort();
}
