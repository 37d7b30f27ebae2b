// End-to-end part of `npm run bench -- matching`: the generated month imported into a real
// SQLite file through the core (canonical CSV files through `imports.commit`, as the Inbox and
// the CLI do) and reconciled with the persisted run (`startReconcile`, what `reconcile.start`
// calls: proposals, match lines, decisions, unmatched suggestions and audit entries stored).
//
// Two fresh child processes per size: the first generates the month and writes the CSV files
// and the ground truth into a temp folder; the second opens the core, imports and reconciles,
// so its peak RSS is that of the core's work (file bytes in, database out), as in the app's
// worker, without the generator's memory. The temp folder is removed afterwards.
//
// What the canonical CSV cannot carry is left out, and the printed notes say so: CFDI payment
// complements (XML only), learned aliases, the FX rate table (the real path has no FX rates),
// the card kind of ES-CARD, a second reference of a line or item.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../../main/core/core.js';
import { silentLogger } from '../../main/core/logger.js';
import { dispatch, type SessionInfo } from '../../main/core/rpc/dispatch.js';
import type { MethodInput, MethodName, MethodOutput } from '../../main/core/contract/index.js';
import { formatMinor } from '../../main/core/importers/money.js';
import { startReconcile, type RunCounts } from '../../main/core/reconcile/run-service.js';
import { generateMonth, type TruthMatch } from './generator/month.js';
import { ACCOUNTS } from './generator/world.js';
import { matchKey } from './matching-metrics.js';

const SELF = fileURLToPath(import.meta.url);
const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
const HEADER = 'id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date,balance';

/** One account of the generated company as created in the database (IBAN or a national number). */
interface BenchAccount {
  name: string;
  iban: string | null;
  number: string | null;
  currency: string;
}

/** A Mexican CLABE: 17 digits and the check digit (weights 3, 7, 1, mod 10). */
function clabe(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ((Number(body[i]) * [3, 7, 1][i % 3]!) % 10);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** The generator's accounts: its two Spanish IBANs (valid mod-97), numbers for the card and the Mexican accounts. */
const BENCH_ACCOUNTS: Record<string, BenchAccount> = {
  [ACCOUNTS.es1.accountId]: { name: ACCOUNTS.es1.accountId, iban: ACCOUNTS.es1.iban, number: null, currency: 'EUR' },
  [ACCOUNTS.es2.accountId]: { name: ACCOUNTS.es2.accountId, iban: ACCOUNTS.es2.iban, number: null, currency: 'EUR' },
  [ACCOUNTS.card.accountId]: { name: ACCOUNTS.card.accountId, iban: null, number: '4000001234567899', currency: 'EUR' },
  [ACCOUNTS.mx1.accountId]: { name: ACCOUNTS.mx1.accountId, iban: null, number: clabe('01218000123456789'), currency: 'MXN' },
  [ACCOUNTS.mx2.accountId]: { name: ACCOUNTS.mx2.accountId, iban: null, number: clabe('07218000987654321'), currency: 'MXN' },
};

/** Which own account's ledger a ledger entry of a currency belongs to (the generator books them on ES-1 and MX-1). */
const LEDGER_ACCOUNT: Record<string, string> = { EUR: ACCOUNTS.es1.accountId, MXN: ACCOUNTS.mx1.accountId };

/** One CSV file the prepare step wrote. */
interface FileSpec {
  file: string;
  side: 'bank' | 'books';
  /** Bank account (generator id) the file belongs to: its statement, or its ledger; null for open items. */
  account: string | null;
  rows: number;
}

/** What the prepare step leaves for the run step. */
interface Manifest {
  lines: number;
  items: number;
  generateMs: number;
  files: FileSpec[];
  left: { payments: number; aliases: number; fxRates: number; bankIbans: number; secondRefs: number; itemsWithTwoRefs: number; cfdiUuids: number };
}

/** One file's import. */
export interface E2eFile {
  name: string;
  rows: number;
  bytes: number;
  ms: number;
  cpuMs: number;
  added: number;
  skipped: number;
  possible: number;
  warnings: number;
}

/** Quality of the stored matches against the generator's truth. */
export interface E2eQuality {
  truth: number;
  proposals: number;
  autoApproved: number;
  autoCorrect: number;
  precision: number;
  autoShare: number;
  topRecall: number;
  byPattern: Record<string, { truth: number; auto: number; top: number }>;
}

/** Everything the run step measures. */
export interface E2eReport {
  lines: number;
  items: number;
  generateMs: number;
  left: Manifest['left'];
  setupMs: number;
  files: E2eFile[];
  importMs: number;
  reconcileMs: number;
  totalMs: number;
  /** CPU time (user + system, all threads) of the same, for a loaded machine. */
  importCpuMs: number;
  reconcileCpuMs: number;
  rssStartMb: number;
  peakAfterImportMb: number;
  /** Peak RSS so far at the end of each reconcile phase, and the RSS split at the end. */
  peakAfterMb: { load: number; engine: number; semantic: number; persist: number };
  rssEnd: { anonMb: number; fileMb: number };
  peakRssMb: number;
  /** Where the reconcile time went (from progress events and checkpoint hooks): wall and CPU ms. */
  phases: { load: Phase; engine: Phase; checkpoints: Phase & { count: number }; semantic: Phase | null; persist: Phase; rest: Phase };
  engineStageMs: Record<string, number>;
  counts: RunCounts | null;
  stored: { matches: number; matchLines: number; decisions: number; unmatched: number; auditEntries: number; dbMb: number };
  quality: E2eQuality;
}

const cell = (v: string | null | undefined): string => (v === undefined || v === null ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const row = (cells: ReadonlyArray<string | null | undefined>): string => cells.map(cell).join(',');
const mb = (kb: number): number => Math.round(kb / 1024);

/** Wall and CPU milliseconds of a phase. */
export interface Phase {
  ms: number;
  cpuMs: number;
}

/** A point in time: wall and CPU (user + system of the process) milliseconds, and the peak RSS so far (MB). */
interface Instant {
  t: number;
  cpu: number;
  peakMb: number;
}

function instant(): Instant {
  const u = process.cpuUsage();
  return { t: performance.now(), cpu: (u.user + u.system) / 1000, peakMb: mb(process.resourceUsage().maxRSS) };
}

/** Current anonymous and file-backed RSS (MB) from /proc (Linux; zeros elsewhere): the database is memory-mapped. */
function rssSplit(): { anonMb: number; fileMb: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { anonMb: mb(kb('RssAnon')), fileMb: mb(kb('RssFile') + kb('RssShmem')) };
  } catch {
    return { anonMb: 0, fileMb: 0 };
  }
}

const between = (a: Instant, b: Instant): Phase => ({ ms: b.t - a.t, cpuMs: b.cpu - a.cpu });

/** Child 1: generate the month, write the canonical CSVs and the truth into `dir`. */
function prepare(dir: string, lines: number, seed: number): Manifest {
  const t = performance.now();
  const month = generateMonth({ seed, bankLines: lines });
  const generateMs = performance.now() - t;
  const files: FileSpec[] = [];
  const write = (file: string, side: FileSpec['side'], account: string | null, rows: string[]): void => {
    writeFileSync(join(dir, file), `${[HEADER, ...rows].join('\n')}\n`);
    files.push({ file, side, account, rows: rows.length });
  };
  let bankIbans = 0;
  let secondRefs = 0;
  for (const id of Object.keys(BENCH_ACCOUNTS)) {
    const currency = BENCH_ACCOUNTS[id]!.currency;
    let balance = currency === 'MXN' ? 1_000_000_000 : 100_000_000;
    const rows: string[] = [];
    for (const l of month.input.bankLines) {
      if (l.accountId !== id) continue;
      if (l.currency !== currency) throw new Error(`generated line ${l.id} is in ${l.currency}, its account ${id} in ${currency}`);
      balance += l.amountMinor;
      // The canonical counterparty cell takes a name, or an IBAN (read as the counterparty's IBAN).
      const counterparty = l.counterpartyName ?? l.counterpartyIban;
      if (l.counterpartyName && l.counterpartyIban) bankIbans++;
      if (l.references.length > 1) secondRefs++;
      rows.push(row([l.id, l.bookingDate, l.valueDate ?? '', formatMinor(l.amountMinor, currency), currency, l.description, counterparty, l.counterpartyTaxId, l.references[0], '', formatMinor(balance, currency)]));
    }
    write(`bank-${id}.csv`, 'bank', id, rows);
  }
  // Open items per currency; the document number goes to the reference (the canonical CSV has no
  // document column; the engine reads both the same way) and into the description, whose words
  // ("Factura", "Abono") give the kind.
  let itemsWithTwoRefs = 0;
  const open = new Map<string, string[]>();
  const ledger = new Map<string, string[]>();
  for (const i of month.input.bookItems) {
    if (i.paymentReference && i.documentNumber && i.paymentReference !== i.documentNumber) itemsWithTwoRefs++;
    const amount = formatMinor(i.openAmountMinor, i.currency);
    if (i.kind === 'ledger_entry') {
      const account = LEDGER_ACCOUNT[i.currency];
      if (!account) throw new Error(`generated ledger entry ${i.id} in ${i.currency}: no ledger account for it`);
      const text = `Recibo ${i.counterpartyName ?? ''} ${i.documentNumber ?? ''}`.trim();
      ledger.set(account, [...(ledger.get(account) ?? []), row([i.id, i.date, '', amount, i.currency, text, i.counterpartyName, i.taxId, i.paymentReference ?? i.documentNumber, i.dueDate ?? '', ''])]);
      continue;
    }
    const word = i.kind === 'credit_note' ? 'Abono' : i.kind === 'payment_on_account' ? 'Anticipo' : 'Factura';
    const rows = open.get(i.currency) ?? [];
    rows.push(row([i.id, i.date, '', amount, i.currency, `${word} ${i.documentNumber ?? ''}`.trim(), i.counterpartyName, i.taxId, i.paymentReference ?? i.documentNumber, i.dueDate ?? '', '']));
    open.set(i.currency, rows);
  }
  for (const [currency, rows] of [...open].sort()) write(`books-open-${currency}.csv`, 'books', null, rows);
  for (const [account, rows] of [...ledger].sort()) write(`books-ledger-${account}.csv`, 'books', account, rows);
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(month.truth));
  return {
    lines: month.input.bankLines.length, items: month.input.bookItems.length, generateMs, files,
    left: {
      payments: month.input.payments.length, aliases: month.input.aliases?.length ?? 0, fxRates: month.fxRates.length, bankIbans, secondRefs, itemsWithTwoRefs,
      cfdiUuids: month.input.bookItems.filter((i) => i.cfdiUuid).length,
    },
  };
}

/** Calls a contract method through `dispatch` as the host does; throws on failure. */
async function call<M extends MethodName>(core: Core, session: SessionInfo | null, method: M, input: MethodInput<M>, onToken?: (t: string | null) => void): Promise<MethodOutput<M>> {
  const envelope = await dispatch(core.handlers, method, input, { session, setSessionToken: (t) => onToken?.(t) }, silentLogger);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as MethodOutput<M>;
}

const count = (core: Core, sql: string): number => (core.deps.db.prepare(sql).get() as { n: number }).n;

/** Compares the stored matches of the company with the truth (CSV ids = bank_lines.bank_id, ledger_items.external_id). */
function storedQuality(core: Core, companyId: number, truth: readonly TruthMatch[]): E2eQuality {
  const truthKeys = new Map<string, string>();
  for (const t of truth) truthKeys.set(matchKey(t.bankIds, t.bookIds), t.pattern);
  const rows = core.deps.db.prepare(`SELECT m.status,
      (SELECT group_concat(l.bank_id, ',') FROM match_lines ml JOIN bank_lines l ON l.id = ml.bank_line_id WHERE ml.match_id = m.id) AS bank,
      (SELECT group_concat(i.external_id, ',') FROM match_lines ml JOIN ledger_items i ON i.id = ml.ledger_item_id WHERE ml.match_id = m.id) AS books
    FROM matches m WHERE m.company_id = ?`).all(companyId) as Array<{ status: string; bank: string | null; books: string | null }>;
  const byPattern: E2eQuality['byPattern'] = {};
  for (const p of truthKeys.values()) (byPattern[p] ??= { truth: 0, auto: 0, top: 0 }).truth++;
  let auto = 0;
  let autoCorrect = 0;
  let top = 0;
  for (const r of rows) {
    const key = matchKey(r.bank ? r.bank.split(',') : [], r.books ? r.books.split(',') : []);
    const pattern = truthKeys.get(key);
    if (pattern !== undefined) {
      top++;
      byPattern[pattern]!.top++;
    }
    if (r.status !== 'auto_approved') continue;
    auto++;
    if (pattern !== undefined) {
      autoCorrect++;
      byPattern[pattern]!.auto++;
    }
  }
  const n = truthKeys.size;
  return {
    truth: n, proposals: rows.length, autoApproved: auto, autoCorrect, precision: auto > 0 ? autoCorrect / auto : 1,
    autoShare: n > 0 ? autoCorrect / n : 0, topRecall: n > 0 ? top / n : 0, byPattern,
  };
}

/** Child 2: open a core on a new database in `dir`, import the files, reconcile, measure. */
async function importAndReconcile(dir: string): Promise<E2eReport> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const rssStartMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const marks: Array<Instant & { what: 'progress' | 'checkpoint'; stage: string }> = [];
  let recording = false;
  const dbPath = join(dir, 'cuadra.db');
  const tStart = performance.now();
  const core = createCore({
    dbPath, migrations: MIGRATIONS, version: '0.0.0-bench', logger: silentLogger, bcryptCost: 4,
    emit: (event, payload) => {
      if (recording && event === 'task.progress') marks.push({ ...instant(), what: 'progress', stage: (payload as { stage: string }).stage });
    },
  });
  try {
    let token: string | null = null;
    await call(core, null, 'auth.setup', { firmName: 'Asesoría Bench', username: 'ana', displayName: 'Ana Pérez', password: 'correct horse battery staple' }, (t) => void (token = t));
    const resolved = core.resolveSession(token);
    if (resolved === null || resolved === 'expired') throw new Error('auth.setup left no session');
    const session = resolved;
    const company = await call(core, session, 'companies.create', { name: 'Generada SL', taxId: null });
    const accountIds = new Map<string, number>();
    for (const [id, a] of Object.entries(BENCH_ACCOUNTS)) {
      const created = await call(core, session, 'accounts.create', { companyId: company.id, name: a.name, iban: a.iban, number: a.number, currency: a.currency });
      accountIds.set(id, created.id);
    }
    const setupMs = performance.now() - tStart;

    // Import: every file as the renderer sends it (base64 of its bytes), bank statements first.
    const files: E2eFile[] = [];
    const tImport = instant();
    for (const f of manifest.files) {
      const bytes = readFileSync(join(dir, f.file));
      const t = instant();
      const result = await call(core, session, 'imports.commit', {
        companyId: company.id, accountId: f.account === null ? null : (accountIds.get(f.account) ?? null), fileName: f.file,
        contentBase64: bytes.toString('base64'), side: f.side,
      });
      const added = result.side === 'books' ? (result.books?.new ?? result.added) : result.added;
      files.push({
        name: f.file, rows: f.rows, bytes: bytes.length, ...between(t, instant()), added, skipped: result.skippedDuplicates, possible: result.possibleDuplicates,
        warnings: result.warnings.length,
      });
    }
    const importTime = between(tImport, instant());
    const peakAfterImportMb = mb(process.resourceUsage().maxRSS);

    // Reconcile: the persisted run with the product's chunk and checkpoint interval; the hooks only observe.
    recording = true;
    const tRun = instant();
    let tStarted = tRun;
    const run = await startReconcile(
      core.deps,
      { companyId: company.id, accountIds: null, threshold: null, tolerancePercent: null, dateWindowDays: null, taskId: null, actor: { userId: session.userId, username: session.username } },
      {
        onStart: () => void (tStarted = instant()),
        onCheckpoint: (_runId, stage) => void marks.push({ ...instant(), what: 'checkpoint', stage }),
      },
    );
    const tEnd = instant();
    recording = false;
    const reconcileTime = between(tRun, tEnd);
    const peakRssMb = mb(process.resourceUsage().maxRSS);
    const rssEnd = rssSplit();

    // Phases: each advance step ends with a progress event, a checkpoint follows some of them; the
    // first 'done' event ends the engine; the semantic pass (when the run has one) is framed by
    // 'semantic' events; the last 'done' event comes after the result is stored.
    const progress = marks.filter((m) => m.what === 'progress');
    const dones = progress.filter((m) => m.stage === 'done');
    const firstDone = dones[0] ?? tEnd;
    const lastDone = dones.at(-1) ?? tEnd;
    const semanticMarks = progress.filter((m) => m.stage === 'semantic');
    const semanticEnd = semanticMarks.at(-1) ?? firstDone;
    const checkpoints = { ms: 0, cpuMs: 0, count: 0 };
    for (let i = 1; i < marks.length; i++) {
      if (marks[i]!.what !== 'checkpoint') continue;
      const d = between(marks[i - 1]!, marks[i]!);
      checkpoints.ms += d.ms;
      checkpoints.cpuMs += d.cpuMs;
      checkpoints.count++;
    }
    const engineStart = progress[0] ?? tStarted;
    const engineAll = between(engineStart, firstDone);
    const rest = [between(tStarted, engineStart), between(lastDone, tEnd)];
    const phases: E2eReport['phases'] = {
      load: between(tRun, tStarted), engine: { ms: engineAll.ms - checkpoints.ms, cpuMs: engineAll.cpuMs - checkpoints.cpuMs }, checkpoints,
      semantic: semanticMarks.length > 0 ? between(firstDone, semanticEnd) : null, persist: between(semanticEnd, lastDone), rest: { ms: rest[0]!.ms + rest[1]!.ms, cpuMs: rest[0]!.cpuMs + rest[1]!.cpuMs },
    };
    const statsRow = core.deps.db.prepare('SELECT stats FROM reconcile_runs WHERE id = ?').get(run.id) as { stats: string | null };
    const stats = statsRow.stats ? (JSON.parse(statsRow.stats) as { engine?: { stageMs?: Record<string, number> } }) : {};
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as TruthMatch[];
    const quality = storedQuality(core, company.id, truth);
    const stored = {
      matches: count(core, 'SELECT count(*) AS n FROM matches'), matchLines: count(core, 'SELECT count(*) AS n FROM match_lines'),
      decisions: count(core, 'SELECT count(*) AS n FROM match_decisions'), unmatched: count(core, 'SELECT count(*) AS n FROM unmatched_suggestions'),
      auditEntries: count(core, 'SELECT count(*) AS n FROM audit_log'), dbMb: 0,
    };
    core.deps.db.pragma('wal_checkpoint(TRUNCATE)');
    stored.dbMb = Math.round(statSync(dbPath).size / 1024 / 1024);
    return {
      lines: manifest.lines, items: manifest.items, generateMs: manifest.generateMs, left: manifest.left, setupMs, files, importMs: importTime.ms, reconcileMs: reconcileTime.ms,
      totalMs: importTime.ms + reconcileTime.ms, importCpuMs: importTime.cpuMs, reconcileCpuMs: reconcileTime.cpuMs, rssStartMb, peakAfterImportMb, peakRssMb, phases,
      peakAfterMb: { load: tStarted.peakMb, engine: firstDone.peakMb, semantic: semanticEnd.peakMb, persist: lastDone.peakMb }, rssEnd, engineStageMs: stats.engine?.stageMs ?? {}, counts: run.counts,
      stored, quality,
    };
  } finally {
    core.close();
  }
}

/** Options of the end-to-end measurement. */
export interface E2eOptions {
  /** Write a V8 CPU profile of the import-and-reconcile child into this folder. */
  cpuProfDir?: string;
}

function runChild(args: string[], extraNodeArgs: string[] = []): string {
  const child = spawnSync(process.execPath, [...process.execArgv, ...extraNodeArgs, SELF, ...args], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`end-to-end benchmark child ${args.join(' ')} failed (${child.status ?? child.signal})`);
  return child.stdout;
}

/** Measures import + reconcile of the seeded month of `lines` bank lines on a real database (see the file comment). */
export function runEndToEnd(lines: number, seed: number, options: E2eOptions = {}): E2eReport {
  const dir = mkdtempSync(join(tmpdir(), 'cuadra-bench-e2e-'));
  try {
    runChild(['--e2e-prepare', dir, '--lines', String(lines), '--seed', String(seed)]);
    const prof = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir, '--cpu-prof-name', `e2e-${lines}.cpuprofile`] : [];
    return JSON.parse(runChild(['--e2e-run', dir], prof)) as E2eReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const s = (ms: number, d = 1): string => (ms / 1000).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const ph = (p: Phase): string => `${s(p.ms, 2)} (${s(p.cpuMs, 2)})`;

/** The report as printable lines. */
export function formatEndToEnd(r: E2eReport): string[] {
  const q = r.quality;
  const p = r.phases;
  const out = [
    `  import + reconcile (real database): import ${s(r.importMs)} s, reconcile ${s(r.reconcileMs)} s, total ${s(r.totalMs)} s, peak RSS ${r.peakRssMb} MB; auto-approved precision ${pct(q.precision)} (${q.autoApproved - q.autoCorrect} wrong), share ${pct(q.autoShare)}   target ≤ 15 s, ≤ 1 GB at 100k`,
    `    files, wall (CPU): ${r.files.map((f) => `${f.name} ${f.rows.toLocaleString('en-US')} rows ${ph(f)} s${f.added !== f.rows ? ` (added ${f.added})` : ''}${f.skipped ? `, ${f.skipped} skipped` : ''}${f.possible ? `, ${f.possible} possible duplicates` : ''}`).join('; ')}`,
    `    CPU time: import ${s(r.importCpuMs)} s, reconcile ${s(r.reconcileCpuMs)} s, total ${s(r.importCpuMs + r.reconcileCpuMs)} s (user + system, all threads; wall time above depends on the machine's load)`,
    `    reconcile phases, wall (CPU) s: load input + start run ${ph(p.load)}, engine ${ph(p.engine)}, ${p.checkpoints.count} checkpoints ${ph(p.checkpoints)}, ${p.semantic ? `semantic pass ${ph(p.semantic)}, ` : ''}store result ${ph(p.persist)}, rest ${ph(p.rest)}`,
    `    engine stages in the run (ms): ${Object.entries(r.engineStageMs).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`,
    `    memory (this child only imports and reconciles; the month was generated in another): RSS at start ${r.rssStartMb} MB; peak so far after import ${r.peakAfterImportMb} MB, after load ${r.peakAfterMb.load} MB, after engine + checkpoints ${r.peakAfterMb.engine} MB, after semantic pass ${r.peakAfterMb.semantic} MB, after storing ${r.peakAfterMb.persist} MB; RSS at the end ${r.rssEnd.anonMb} MB heap/anonymous + ${r.rssEnd.fileMb} MB file-backed (memory-mapped database)`,
  ];
  if (r.counts) {
    const c = r.counts;
    out.push(`    run counts: ${c.bankLines.toLocaleString('en-US')} lines, ${c.bookItems.toLocaleString('en-US')} items, ${c.proposals.toLocaleString('en-US')} proposals (${c.autoApproved.toLocaleString('en-US')} auto-approved, ${c.pendingReview.toLocaleString('en-US')} to review), ${c.unmatchedBank.toLocaleString('en-US')} lines unmatched`);
  }
  const st = r.stored;
  out.push(`    stored: ${st.matches.toLocaleString('en-US')} matches, ${st.matchLines.toLocaleString('en-US')} match lines, ${st.decisions.toLocaleString('en-US')} decisions, ${st.unmatched.toLocaleString('en-US')} unmatched suggestions, ${st.auditEntries.toLocaleString('en-US')} audit entries; database ${st.dbMb} MB`);
  out.push(`    stored matches vs truth: ${q.truth.toLocaleString('en-US')} true matches, top proposal right for ${pct(q.topRecall)}; auto-approved share by pattern: ${Object.entries(q.byPattern).sort().map(([k, v]) => `${k} ${((v.auto / Math.max(1, v.truth)) * 100).toFixed(1)}%`).join(', ')}`);
  const l = r.left;
  out.push(`    not in the real path (no canonical-CSV form): ${l.payments.toLocaleString('en-US')} CFDI payment complements (XML only), ${l.aliases} learned aliases, the FX rate table (${l.fxRates} rates; the run has none), ${l.cfdiUuids.toLocaleString('en-US')} CFDI UUIDs of items, the card kind of ES-CARD, ${l.itemsWithTwoRefs} items' document number besides their payment reference, ${l.secondRefs} lines' second reference, ${l.bankIbans} lines' counterparty IBAN besides the name`);
  return out;
}

if (process.argv[1] && SELF === process.argv[1]) {
  const args = process.argv.slice(2);
  const value = (name: string): string => {
    const i = args.indexOf(`--${name}`);
    const v = i >= 0 ? args[i + 1] : undefined;
    if (v === undefined) throw new Error(`--${name} is required`);
    return v;
  };
  if (args.includes('--e2e-prepare')) {
    const dir = value('e2e-prepare');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(prepare(dir, Number(value('lines')), Number(value('seed')))));
  } else if (args.includes('--e2e-run')) {
    process.stdout.write(JSON.stringify(await importAndReconcile(value('e2e-run'))));
  }
}
