// `npm run bench -- import [--lines N]`: imports a generated MT940 statement of N lines (one
// million by default) through the real import service into a temp database, then times
// `sqlite3 .import --csv` of the same lines as a baseline.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../main/core/core.js';
import { silentLogger } from '../../main/core/logger.js';
import { commitStatementFile } from '../../main/core/imports/import-service.js';
import { TEST_IBAN } from '../imports/support/statement-files.js';
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

/** Writes the account's lines as CSV (header, RFC 4180 quoting) and returns how many. */
async function exportCsv(db: ReturnType<typeof createCore>['deps']['db'], path: string): Promise<number> {
  const out = createWriteStream(path);
  const cols = ['account_id', 'batch_id', 'statement_id', 'booking_date', 'value_date', 'amount_minor', 'currency', 'description', 'counterparty_name', 'counterparty_iban', 'counterparty_tax_id', 'refs', 'bank_id', 'fingerprint', 'occurrence', 'reversal', 'provisional', 'bank_code', 'source_line'];
  const quote = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  out.write(`${cols.join(',')}\n`);
  let n = 0;
  let chunk: string[] = [];
  for (const row of db.prepare(`SELECT ${cols.join(', ')} FROM bank_lines ORDER BY id`).raw().iterate() as Iterable<unknown[]>) {
    chunk.push(row.map(quote).join(','));
    n++;
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return n;
}

const BASELINE_TABLE = `CREATE TABLE bank_lines (account_id INTEGER, batch_id INTEGER, statement_id INTEGER, booking_date TEXT,
  value_date TEXT, amount_minor INTEGER, currency TEXT, description TEXT, counterparty_name TEXT, counterparty_iban TEXT,
  counterparty_tax_id TEXT, refs TEXT, bank_id TEXT, fingerprint TEXT, occurrence INTEGER, reversal INTEGER, provisional INTEGER,
  bank_code TEXT, source_line INTEGER);
CREATE UNIQUE INDEX bank_lines_bank_id ON bank_lines(account_id, bank_id) WHERE bank_id <> '';
CREATE UNIQUE INDEX bank_lines_fingerprint ON bank_lines(account_id, fingerprint, occurrence);
CREATE INDEX bank_lines_date ON bank_lines(account_id, booking_date, amount_minor);
CREATE INDEX bank_lines_batch ON bank_lines(batch_id);`;

function timeSqlite3(db: string, commands: string): number {
  const started = process.hrtime.bigint();
  const r = spawnSync('sqlite3', [db], { input: commands, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 || r.stderr.trim() !== '') throw new Error(`sqlite3 failed: ${r.stderr.trim().slice(0, 500)}`);
  return seconds;
}

/** The import benchmark (see the file comment). */
export async function importBenchmark(args: readonly string[]): Promise<void> {
  const lines = option(args, 'lines', 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'cuadra-bench-'));
  try {
    let t = performance.now();
    const file = generateMt940(lines);
    const statementPath = join(dir, 'statement.sta');
    writeFileSync(statementPath, file.bytes);
    console.log(`import benchmark: ${fmt(file.lines)} lines of MT940 in ${fmt(file.statements)} daily statements, ${file.from} to ${file.to}, ${mib(file.bytes.length)} (generated in ${fmt((performance.now() - t) / 1000, 1)} s)`);

    const dbPath = join(dir, 'cuadra.db');
    const stages = new Map<string, number>();
    const core = createCore({
      dbPath,
      migrations: MIGRATIONS,
      version: 'bench',
      logger: silentLogger,
      emit: (event, payload) => {
        if (event === 'task.progress') {
          const p = payload as { stage: string };
          if (!stages.has(p.stage)) stages.set(p.stage, performance.now());
        }
      },
    });
    const now = new Date().toISOString();
    const companyId = Number(core.deps.db.prepare("INSERT INTO companies (name, created_at, updated_at) VALUES ('Bench SL', ?, ?)").run(now, now).lastInsertRowid);
    core.deps.db.prepare("INSERT INTO bank_accounts (company_id, name, iban, currency, created_at, updated_at) VALUES (?, 'Main', ?, 'EUR', ?, ?)").run(companyId, TEST_IBAN, now, now);

    const bytes = file.bytes;
    t = performance.now();
    const result = commitStatementFile(core.deps, { companyId, fileName: 'statement.sta', bytes });
    const seconds = (performance.now() - t) / 1000;
    const rss = process.resourceUsage().maxRSS * 1024;
    const at = (stage: string): number => ((stages.get(stage) ?? t) - t) / 1000;
    console.log(`Cuadra import (parse, duplicate check, write; one transaction): ${fmt(seconds, 2)} s = ${fmt(lines / seconds)} lines/s`);
    console.log(`  parse ${fmt(at('check'), 2)} s, duplicate check ${fmt(at('write') - at('check'), 2)} s, write ${fmt(seconds - at('write'), 2)} s`);
    console.log(`  added ${fmt(result.added)}, skipped ${fmt(result.skippedDuplicates)}, possible duplicates ${fmt(result.possibleDuplicates)}, warnings ${result.warnings.length}`);
    console.log(`  peak memory (maxRSS of this process): ${mib(rss)}; database ${mib(statSync(dbPath).size)}`);

    t = performance.now();
    const again = commitStatementFile(core.deps, { companyId, fileName: 'copy.sta', bytes: Buffer.concat([bytes, Buffer.from('\r\n')]) });
    const againSeconds = (performance.now() - t) / 1000;
    console.log(`  re-import of the same lines (other bytes): ${fmt(againSeconds, 2)} s, ${fmt(again.skippedDuplicates)} skipped, ${fmt(again.added)} added`);

    const csvPath = join(dir, 'lines.csv');
    const exported = await exportCsv(core.deps.db, csvPath);
    core.close();
    const bare = timeSqlite3(join(dir, 'baseline.db'), `.import --csv ${csvPath} bank_lines\n`);
    // The same columns and the same four indexes as bank_lines; no CHECKs or STRICT typing, since
    // .import writes empty fields as '' where Cuadra writes NULL.
    const indexed = timeSqlite3(join(dir, 'baseline-indexed.db'), `${BASELINE_TABLE}\n.import --csv --skip 1 ${csvPath} bank_lines\n`);
    console.log(`baseline sqlite3 ".import --csv" of the same ${fmt(exported)} lines (${mib(statSync(csvPath).size)} CSV):`);
    console.log(`  into a new table: ${fmt(bare, 2)} s = ${fmt(exported / bare)} lines/s`);
    console.log(`  into bank_lines with its indexes: ${fmt(indexed, 2)} s = ${fmt(exported / indexed)} lines/s`);
    console.log(`ratio: Cuadra import takes ${fmt(seconds / bare, 1)}x the time of sqlite3 .import into a new table, ${fmt(seconds / indexed, 1)}x into the indexed table`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
