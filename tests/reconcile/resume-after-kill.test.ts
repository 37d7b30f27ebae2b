// Runs that survive interruptions: a child process reconciling a generated month is killed with
// SIGKILL at random checkpoints; every time, the database holds no proposal of the unfinished run
// and a checkpoint to resume from. The run finally finishes by resuming, with exactly the
// proposals of an uninterrupted run over a copy of the same database: none lost, none twice.
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonth } from '../bench/generator/month.js';
import { formatMinor } from '../../main/core/importers/money.js';
import { MIGRATIONS_DIR, makeTempDir, openTestCore, setUpFirm, steppingClock } from '../core/support.js';
import { HEADER } from './support.js';

const CHILD = fileURLToPath(new URL('./support/resume-child.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

const cell = (v: string | null | undefined): string => (v === undefined || v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

let tmp: ReturnType<typeof makeTempDir>;
let companyId = 0;

/** One account's EUR lines and the EUR open items of a generated month, imported through the contract. */
async function seed(dbPath: string): Promise<void> {
  const month = generateMonth({ seed: 11, bankLines: 1500 });
  const lines = month.input.bankLines.filter((l) => l.accountId === 'ES-1' && l.currency === 'EUR');
  const items = month.input.bookItems.filter((i) => i.currency === 'EUR' && i.kind !== 'ledger_entry');
  const core = openTestCore(dbPath, steppingClock().clock);
  try {
    const admin = await setUpFirm(core);
    const company = await admin.ok('companies.create', { name: 'Generada SL', taxId: null });
    companyId = company.id;
    const account = await admin.ok('accounts.create', { companyId, name: 'ES-1', iban: 'ES9121000418450200051332', number: null, currency: 'EUR' });
    let balance = 100_000_000;
    const bankCsv = [HEADER, ...lines.map((l) => {
      balance += l.amountMinor;
      return [l.id, l.bookingDate, l.valueDate ?? '', formatMinor(l.amountMinor, 'EUR'), 'EUR', l.description, l.counterpartyName, l.counterpartyTaxId, l.references[0], '', formatMinor(balance, 'EUR')].map(cell).join(',');
    })].join('\n');
    const booksCsv = [HEADER, ...items.map((i) =>
      [i.id, i.date, '', formatMinor(i.openAmountMinor, 'EUR'), 'EUR', `Factura ${i.documentNumber ?? ''}`, i.counterpartyName, i.taxId, i.paymentReference ?? i.documentNumber, i.dueDate ?? '', ''].map(cell).join(','))].join('\n');
    await admin.ok('imports.commit', { companyId, accountId: account.id, fileName: 'bank.csv', contentBase64: Buffer.from(bankCsv).toString('base64'), side: 'bank' });
    await admin.ok('imports.commit', { companyId, accountId: null, fileName: 'books.csv', contentBase64: Buffer.from(booksCsv).toString('base64'), side: 'books' });
  } finally {
    core.close();
  }
}

/** Runs the child until it has printed `killAfter` checkpoints (then SIGKILL) or finished. */
function runChild(dbPath: string, killAfter: number | null): Promise<{ killed: boolean; output: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CHILD, dbPath, MIGRATIONS_DIR, String(companyId)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const output: string[] = [];
    let seen = 0;
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        output.push(line);
        if (!line.startsWith('checkpoint')) continue;
        if (killAfter !== null && ++seen >= killAfter) child.kill('SIGKILL');
        else child.stdin.write('g');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, output });
      else if (code === 0) resolve({ killed: false, output });
      else reject(new Error(`resume child exited with ${code}: ${stderr}`));
    });
  });
}

/** The stored proposals as comparable keys. */
function proposals(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare(`SELECT m.status, m.kind, round(m.confidence, 6) AS c, m.difference_minor AS d,
        (SELECT group_concat(l.bank_id) FROM match_lines ml JOIN bank_lines l ON l.id = ml.bank_line_id WHERE ml.match_id = m.id) AS bank,
        (SELECT group_concat(i.external_id || '=' || ml.amount_minor) FROM match_lines ml JOIN ledger_items i ON i.id = ml.ledger_item_id WHERE ml.match_id = m.id) AS books
      FROM matches m`).all() as Array<Record<string, unknown>>;
    return rows.map((r) => JSON.stringify(r)).sort();
  } finally {
    db.close();
  }
}

function stateOf(dbPath: string): { running: number; finished: number; proposalsOfRunning: number; checkpoint: boolean; integrity: string } {
  const db = new Database(dbPath);
  try {
    const running = db.prepare("SELECT id, state IS NOT NULL AS cp FROM reconcile_runs WHERE status = 'running'").all() as Array<{ id: number; cp: number }>;
    return {
      running: running.length,
      finished: (db.prepare("SELECT count(*) AS n FROM reconcile_runs WHERE status = 'done'").get() as { n: number }).n,
      proposalsOfRunning: (db.prepare("SELECT count(*) AS n FROM matches WHERE run_id IN (SELECT id FROM reconcile_runs WHERE status = 'running')").get() as { n: number }).n,
      checkpoint: running.every((r) => r.cp === 1),
      integrity: (db.pragma('integrity_check', { simple: true }) as string),
    };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  tmp = makeTempDir();
  await seed(tmp.path('work.db'));
  copyFileSync(tmp.path('work.db'), tmp.path('reference.db'));
}, 60_000);
afterAll(() => tmp.cleanup());

describe('a reconciliation killed mid-run', () => {
  it('resumes from its last checkpoint with no proposal lost or duplicated', async () => {
    const reference = await runChild(tmp.path('reference.db'), null);
    expect(reference.output.at(-1)).toMatch(/^done \d+ fresh 0$/);
    const expected = proposals(tmp.path('reference.db'));
    expect(expected.length).toBeGreaterThan(300);
    const stagesSeen = new Set<string>();
    // Six kills spread over the first 85% of the run's checkpoints, unevenly.
    const total = reference.output.filter((l) => l.startsWith('checkpoint')).length;
    expect(total).toBeGreaterThan(20);
    const weights = [1, 3, 2, 5, 1, 4];
    const kills = weights.map((w) => Math.max(1, Math.floor((total * 0.85 * w) / 16)));
    for (const after of kills) {
      const { killed, output } = await runChild(tmp.path('work.db'), after);
      expect(killed, `child to be killed after ${after} of ${total} checkpoints (kills ${kills.join(', ')}): ${output.join(' / ')}`).toBe(true);
      for (const line of output) if (line.startsWith('checkpoint')) stagesSeen.add(line.split(' ')[2]!);
      const state = stateOf(tmp.path('work.db'));
      expect(state).toEqual({ running: 1, finished: 0, proposalsOfRunning: 0, checkpoint: true, integrity: 'ok' });
    }
    const last = await runChild(tmp.path('work.db'), null);
    expect(last.output.at(-1)).toMatch(new RegExp(`^done \\d+ resumed ${kills.length}$`));
    expect(stagesSeen.size).toBeGreaterThan(1);
    expect(proposals(tmp.path('work.db'))).toEqual(expected);
    expect(stateOf(tmp.path('work.db'))).toMatchObject({ running: 0, finished: 1 });
  }, 240_000);

  it('starts afresh when the data changed since the interrupted run', async () => {
    copyFileSync(tmp.path('reference.db'), tmp.path('changed.db'));
    // Undo the reference run so the copy has work to do, then interrupt a run.
    const db = new Database(tmp.path('changed.db'));
    db.exec("DELETE FROM match_decisions; DELETE FROM match_lines; DELETE FROM unmatched_suggestions; DELETE FROM matches; DELETE FROM reconcile_runs;");
    db.close();
    expect((await runChild(tmp.path('changed.db'), 4)).killed).toBe(true);
    const edit = new Database(tmp.path('changed.db'));
    edit.prepare("UPDATE ledger_items SET open_amount_minor = open_amount_minor + 1 WHERE id = (SELECT min(id) FROM ledger_items)").run();
    edit.close();
    const finished = await runChild(tmp.path('changed.db'), null);
    expect(finished.output.at(-1)).toMatch(/^done \d+ fresh 0$/);
    const after = new Database(tmp.path('changed.db'), { readonly: true });
    const statuses = (after.prepare('SELECT status FROM reconcile_runs ORDER BY id').all() as Array<{ status: string }>).map((r) => r.status);
    after.close();
    expect(statuses).toEqual(['abandoned', 'done']);
  }, 120_000);
});
