// `npm run bench -- queries [--lines N] [--items N] [--runs N] [--db PATH]`: seeds a database
// through the real import service — an MT940 statement of N bank lines (one million by default)
// in one account, N open items (200,000) and a bank ledger of N/4 entries — then times the
// account view's typical list queries through dispatch (input and output validated as in the
// app) and prints p50/p95 (wall clock and CPU time of this thread: on a busy machine the
// second is the steadier figure). `--db PATH` keeps the seeded database there and reuses it.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MethodInput } from '../../main/core/contract/index.js';
import { createCore, type Core } from '../../main/core/core.js';
import { commitImportFile } from '../../main/core/imports/import-service.js';
import { refreshSearchIndex } from '../../main/core/queries/search-index.js';
import { silentLogger } from '../../main/core/logger.js';
import { dispatch } from '../../main/core/rpc/dispatch.js';
import { cliSession } from '../core/support.js';
import { TEST_IBAN } from '../imports/support/statement-files.js';
import { generateLedgerCsv, generateOpenItemsCsv } from './books-generator.js';
import { generateMt940 } from './statement-generator.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`;

function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

function textOption(args: readonly string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? null) : null;
}

interface Seeded {
  companyId: number;
  accountId: number;
}

function seed(core: Core, lines: number, items: number): Seeded {
  const { db } = core.deps;
  const now = new Date().toISOString();
  const companyId = Number(db.prepare("INSERT INTO companies (name, created_at, updated_at) VALUES ('Bench SL', ?, ?)").run(now, now).lastInsertRowid);
  const accountId = Number(
    db.prepare("INSERT INTO bank_accounts (company_id, name, iban, currency, created_at, updated_at) VALUES (?, 'Main', ?, 'EUR', ?, ?)").run(companyId, TEST_IBAN, now, now).lastInsertRowid,
  );
  let t = performance.now();
  const statement = generateMt940(lines);
  console.log(`seeding: ${fmt(statement.lines)} bank lines of MT940 (${mib(statement.bytes.length)}), generated in ${fmt((performance.now() - t) / 1000, 1)} s`);
  t = performance.now();
  const bank = commitImportFile(core.deps, { companyId, fileName: 'statement.sta', bytes: statement.bytes });
  console.log(`  bank import: ${fmt((performance.now() - t) / 1000, 1)} s, ${fmt(bank.added)} lines added`);
  t = performance.now();
  const open = commitImportFile(core.deps, { companyId, fileName: 'open-items.csv', bytes: generateOpenItemsCsv(items), side: 'books' });
  const ledger = commitImportFile(core.deps, { companyId, accountId, fileName: 'ledger.csv', bytes: generateLedgerCsv(Math.ceil(items / 4)), side: 'books' });
  console.log(`  books imports: ${fmt(open.added)} open items and ${fmt(ledger.added)} ledger entries in ${fmt((performance.now() - t) / 1000, 1)} s`);
  return { companyId, accountId };
}

type Query =
  | { name: string; method: 'bankLines.list'; input: MethodInput<'bankLines.list'> }
  | { name: string; method: 'bookItems.list'; input: MethodInput<'bookItems.list'> };

function queries({ companyId, accountId }: Seeded): Query[] {
  const bank = (name: string, input: Omit<MethodInput<'bankLines.list'>, 'accountId'>): Query => ({ name, method: 'bankLines.list', input: { accountId, ...input } });
  const books = (name: string, input: Omit<MethodInput<'bookItems.list'>, 'companyId'>): Query => ({ name, method: 'bookItems.list', input: { companyId, ...input } });
  return [
    bank('first page, newest first', {}),
    bank('page at offset 500,000 (date)', { offset: 500_000 }),
    bank('oldest first', { direction: 'asc' }),
    bank('by amount, largest first', { sort: 'amount', direction: 'desc' }),
    bank('by description A-Z', { sort: 'description', direction: 'asc' }),
    bank('one month', { from: '2024-06-01', to: '2024-06-30' }),
    bank('one month by description', { from: '2024-06-01', to: '2024-06-30', sort: 'description', direction: 'asc' }),
    bank('|amount| 100.00-200.00', { minAmountMinor: 10_000, maxAmountMinor: 20_000 }),
    bank("search 'mercadona' (common)", { search: 'mercadona' }),
    bank("search 'cafetería' (accent folded)", { search: 'cafetería' }),
    bank("search '2024-04217' (rare)", { search: '2024-04217' }),
    bank("search 'zzzz' (no hit)", { search: 'zzzz' }),
    bank("search 'transferencia sl' + month, by amount", { search: 'transferencia sl', from: '2024-06-01', to: '2024-06-30', sort: 'amount' }),
    bank("search 'nomina' page 10 by description", { search: 'nomina', sort: 'description', offset: 1_800 }),
    bank("status 'matched' (none yet)", { status: 'matched' }),
    books('books: first page, newest first', {}),
    books('books: by amount', { sort: 'amount', direction: 'desc' }),
    books("books: search 'nunez'", { search: 'nunez' }),
    books("books: search '2024-012345' (one)", { search: '2024-012345' }),
    books('books: ledger of the account', { accountId }),
    books("books: invoices, search 'óptica', by description", { kind: 'invoice', search: 'óptica', sort: 'description' }),
  ];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The query benchmark (see the file comment). */
export async function queriesBenchmark(args: readonly string[]): Promise<void> {
  const lines = option(args, 'lines', 1_000_000);
  const items = option(args, 'items', 200_000);
  const runs = option(args, 'runs', 20);
  const kept = textOption(args, 'db');
  const dir = kept ? null : mkdtempSync(join(tmpdir(), 'cuadra-bench-'));
  const dbPath = kept ?? join(dir!, 'cuadra.db');
  try {
    const reuse = kept !== null && existsSync(kept);
    const core = createCore({ dbPath, migrations: MIGRATIONS, version: 'bench', logger: silentLogger });
    const seeded = reuse
      ? (core.deps.db.prepare("SELECT company_id AS companyId, id AS accountId FROM bank_accounts WHERE name = 'Main' ORDER BY id LIMIT 1").get() as Seeded)
      : seed(core, lines, items);
    if (reuse) console.log(`reusing ${dbPath}`);
    const count = (table: string): number => (core.deps.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    for (const side of ['bank', 'books'] as const) {
      // What the first search after the imports pays once: indexing the new rows (search-index.ts).
      const t = performance.now();
      const indexed = refreshSearchIndex(core.deps.db, side);
      console.log(`search table (${side}): ${fmt(indexed)} rows indexed by the first query that needs it, in ${fmt((performance.now() - t) / 1000, 1)} s`);
    }
    console.log(`database ${mib(statSync(dbPath).size)}: ${fmt(count('bank_lines'))} bank lines, ${fmt(count('ledger_items'))} books items`);
    console.log(`\n${runs} runs each (after one warm-up), through dispatch with input and output validation, limit 200:`);
    const heads = ['p50 ms', 'p95 ms', 'cpu p50', 'cpu p95'].map((h) => h.padStart(8));
    console.log(`${'query'.padEnd(48)} ${heads.join(' ')} ${'total'.padStart(10)} ${'rows'.padStart(5)}`);
    const ctx = { session: cliSession, setSessionToken: () => {} };
    for (const q of queries(seeded)) {
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let total = 0;
      let rows = 0;
      for (let i = 0; i <= runs; i++) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        const envelope = await dispatch(core.handlers, q.method, q.input, ctx, silentLogger);
        const ms = performance.now() - t;
        const used = process.cpuUsage(cpu);
        if (i > 0) cpuTimes.push((used.user + used.system) / 1000);
        if (!envelope.ok) throw new Error(`${q.name}: ${envelope.error.code} ${envelope.error.message}`);
        const page = envelope.value as { total: number; rows: unknown[] };
        total = page.total;
        rows = page.rows.length;
        if (i > 0) times.push(ms);
      }
      times.sort((a, b) => a - b);
      cpuTimes.sort((a, b) => a - b);
      const cells = [percentile(times, 50), percentile(times, 95), percentile(cpuTimes, 50), percentile(cpuTimes, 95)].map((v) => fmt(v, 1).padStart(8));
      console.log(`${q.name.padEnd(48)} ${cells.join(' ')} ${fmt(total).padStart(10)} ${String(rows).padStart(5)}`);
    }
    core.close();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
