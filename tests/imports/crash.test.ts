// Crash safety: a child process imports a 20,000-line statement and is killed with SIGKILL at
// random moments. After every kill the database must hold either nothing of the import or all
// of it, and pass SQLite's integrity check.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/core.js';
import { silentLogger } from '../../main/core/logger.js';
import { MIGRATIONS_DIR, makeTempDir } from '../core/support.js';
import { commitStatementFile } from '../../main/core/imports/import-service.js';
import { dailyMovements, norma43 } from './support/statement-files.js';

const LINES = 8_000;
const TRIALS = 60;
const repoRoot = process.cwd();

let tmp: ReturnType<typeof makeTempDir>;
let childScript: string;
let template: string;
let statementFile: string;
let companyId: number;

beforeAll(async () => {
  tmp = makeTempDir();
  // A small precompiled child: node starts it in a fraction of what tsx would take. It lives in
  // the checkout (tests/artifacts, ignored by git) so that node_modules resolve from it.
  const artifacts = join(repoRoot, 'tests', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  childScript = join(artifacts, `imports-crash-child-${process.pid}.mjs`);
  await build({
    entryPoints: [join(repoRoot, 'tests/imports/support/crash-child.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  const movements = dailyMovements('1998-01-01', '2025-12-31').slice(0, LINES);
  expect(movements).toHaveLength(LINES);
  statementFile = tmp.path('big.n43');
  writeFileSync(statementFile, norma43({ movements, from: movements[0]!.date, to: movements.at(-1)!.date, openingMinor: 0 }));
  template = tmp.path('template.db');
  const core = createCore({ dbPath: template, migrations: MIGRATIONS_DIR, version: 't', logger: silentLogger, bcryptCost: 4 });
  companyId = core.deps.db
    .prepare("INSERT INTO companies (name, created_at, updated_at) VALUES ('Crash SL', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')")
    .run().lastInsertRowid as number;
  core.deps.db
    .prepare("INSERT INTO bank_accounts (company_id, name, iban, currency, created_at, updated_at) VALUES (?, 'Main', 'ES9121000418450200051332', 'EUR', 'x', 'x')")
    .run(companyId);
  // An earlier import in the template: a kill must not touch what was there before either.
  const earlier = dailyMovements('1990-01-01', '1990-01-31');
  commitStatementFile(core.deps, { companyId, fileName: 'earlier.n43', bytes: norma43({ movements: earlier, from: '1990-01-01', to: '1990-01-31', openingMinor: 0 }) });
  core.close();
}, 60_000);

afterAll(() => {
  tmp?.cleanup();
  if (childScript) rmSync(childScript, { force: true });
});

interface Trial {
  status: 'killed' | 'exited';
  /** The last thing the child said before it died. */
  last: string;
  /** From 'ready' (and from the start of the write transaction) to the child's end. */
  elapsedMs: number;
  transactionMs: number;
}

/** When to kill: `delayMs` after the child says `after` ('ready': before parsing; 'check': the write transaction began). */
interface Kill {
  after: 'ready' | 'progress check 0';
  delayMs: number;
}

function runChild(db: string, kill: Kill | null): Promise<Trial> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, db, MIGRATIONS_DIR, statementFile, String(companyId)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let last = '';
    let readyAt = 0;
    let transactionAt = 0;
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        last = line;
        if (line === 'ready') readyAt = Date.now();
        if (kill && line === kill.after) setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
        if (line === 'progress check 0') transactionAt = Date.now();
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      const now = Date.now();
      resolve({
        status: signal === 'SIGKILL' ? 'killed' : 'exited',
        last,
        elapsedMs: readyAt ? now - readyAt : 0,
        transactionMs: transactionAt ? now - transactionAt : 0,
      });
    });
  });
}

interface DbState {
  batches: number;
  lines: number;
  statements: number;
  audit: number;
  integrity: string;
}

function inspect(db: string): DbState {
  const conn = new BetterSqlite3(db);
  try {
    const n = (sql: string): number => (conn.prepare(sql).get() as { n: number }).n;
    return {
      integrity: conn.pragma('integrity_check', { simple: true }) as string,
      batches: n('SELECT count(*) AS n FROM import_batches'),
      lines: n('SELECT count(*) AS n FROM bank_lines'),
      statements: n('SELECT count(*) AS n FROM statements'),
      audit: n('SELECT count(*) AS n FROM audit_log'),
    };
  } finally {
    conn.close();
  }
}

describe('an import killed with SIGKILL', () => {
  it(`leaves no batch or the whole batch, in ${TRIALS} random kills`, async () => {
    const base = inspect(template);
    expect(base).toMatchObject({ batches: 1, lines: 62, statements: 1, integrity: 'ok' });
    const whole = { batches: 2, lines: 62 + LINES, statements: 2, audit: base.audit + 1, integrity: 'ok' };
    const none = { ...base };

    // Calibrate: how long the child takes from 'ready' to its end when left alone.
    const calibration = tmp.path('calibration.db');
    copyFileSync(template, calibration);
    const full = await runChild(calibration, null);
    expect(full.last).toMatch(/^done /);
    expect(inspect(calibration)).toEqual(whole);

    // Half the kills anywhere from 'ready' to after the end, half inside the transaction (the
    // ranges are wider than one undisturbed run: two children at a time run slower).
    const kills: Kill[] = Array.from({ length: TRIALS }, (_, i) =>
      i % 2 === 0
        ? { after: 'ready', delayMs: Math.floor(Math.random() * full.elapsedMs * 1.6) }
        : { after: 'progress check 0', delayMs: Math.floor(Math.random() * full.transactionMs * 1.3) },
    );
    const seen = { nothing: 0, whole: 0, killedInsideTransaction: 0 };
    const runTrial = async (i: number): Promise<void> => {
      const db = tmp.path(`trial-${i}.db`);
      copyFileSync(template, db);
      const trial = await runChild(db, kills[i]!);
      const state = inspect(db);
      const what = `trial ${i}: killed ${kills[i]!.delayMs} ms after "${kills[i]!.after}", last said "${trial.last.slice(0, 40)}"`;
      if (state.batches === base.batches) {
        expect(state, what).toEqual(none);
        seen.nothing++;
        if (/^progress (check|write)/.test(trial.last)) seen.killedInsideTransaction++;
      } else {
        expect(state, what).toEqual(whole);
        seen.whole++;
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 2 }, async () => {
        while (next < TRIALS) await runTrial(next++);
      }),
    );
    console.info(
      `crash trials: ${TRIALS} kills, ${seen.nothing} left nothing (${seen.killedInsideTransaction} inside the write transaction), ` +
        `${seen.whole} left the whole batch; an undisturbed run took ${full.elapsedMs} ms (${full.transactionMs} ms in the transaction)`,
    );
    expect(seen.nothing + seen.whole).toBe(TRIALS);
    expect(seen.killedInsideTransaction).toBeGreaterThan(0);
  }, 240_000);
});
