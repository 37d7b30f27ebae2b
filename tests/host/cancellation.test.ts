// Cancelling an import: through a real CoreClient and worker (the cancel is answered by the host
// while the worker is busy inside the import's transaction), and in-process with a local
// cancellation at a known point of the write loop. Either way nothing of the file is left.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core.js';
import { localCancellation } from '../../main/core/host/cancellation.js';
import { startCoreClient, type CoreClient } from '../../main/core/host/core-client.js';
import { silentLogger } from '../../main/core/logger.js';
import { generateMt940 } from '../bench/statement-generator.js';
import { MIGRATIONS_DIR, TestClient, cliSession, steppingClock } from '../core/support.js';
import { TEST_IBAN, dailyMovements, mt940 } from '../imports/support/statement-files.js';
import { coreWorkerUrl, makeTempDir, setupInput, testWorkerData } from './helpers.js';

const CANCELLED = { ok: false, error: { code: 'cancelled', message: 'Import cancelled; nothing was imported.' } };
const WRITTEN_TABLES = ['import_batches', 'statements', 'bank_lines', 'bank_line_search', 'possible_duplicates'];

/** Rows of every table an import writes, and the import audit entries. */
function written(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    const counts = Object.fromEntries(WRITTEN_TABLES.map((table) => [table, count(`SELECT count(*) AS n FROM ${table}`)]));
    return { ...counts, importAudits: count("SELECT count(*) AS n FROM audit_log WHERE action = 'import.commit'") };
  } finally {
    db.close();
  }
}
const NOTHING = { import_batches: 0, statements: 0, bank_lines: 0, bank_line_search: 0, possible_duplicates: 0, importAudits: 0 };

interface Progress {
  taskId: string;
  kind: string;
  stage: string;
  done: number;
  total: number | null;
}

describe('tasks.cancel through CoreClient and the worker', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let client: CoreClient;
  let companyId: number;
  // 200,000 lines: seconds of parsing and writing inside the worker.
  const big = generateMt940(200_000).bytes.toString('base64');

  beforeEach(async () => {
    temp = makeTempDir('cancel');
    client = await startCoreClient({ workerUrl: coreWorkerUrl, workerData: testWorkerData(temp.dir) });
    expect((await client.invoke('w1', 'auth.setup', setupInput)).ok).toBe(true);
    expect((await client.invoke('w2', 'auth.login', { username: setupInput.username, password: setupInput.password })).ok).toBe(true);
    const company = await client.invoke('w1', 'companies.create', { name: 'Acme SL', taxId: null });
    if (!company.ok) throw new Error('company not created');
    companyId = (company.value as { id: number }).id;
    await client.invoke('w1', 'accounts.create', { companyId, name: 'Main', iban: TEST_IBAN, number: null, currency: 'EUR' });
  });
  afterEach(async () => {
    await client.close();
    temp.cleanup();
  });

  /** Starts the big import as w1 and cancels it when `when` first holds for a progress event. */
  async function importAndCancel(taskId: string, when: (p: Progress) => boolean) {
    const progress: Progress[] = [];
    const answers: Array<{ who: string; envelope: unknown }> = [];
    let cancelling: Promise<void> | null = null;
    const stop = client.onEvent((event, payload) => {
      if (event !== 'task.progress') return;
      const p = payload as Progress;
      progress.push(p);
      if (cancelling || !when(p)) return;
      cancelling = (async () => {
        // Another window may not cancel it (task ids are per client); its own window may.
        answers.push({ who: 'w2', envelope: await client.invoke('w2', 'tasks.cancel', { taskId }) });
        answers.push({ who: 'w1', envelope: await client.invoke('w1', 'tasks.cancel', { taskId }) });
      })();
    });
    const envelope = await client.invoke('w1', 'imports.commit', { companyId, fileName: 'big.sta', contentBase64: big, taskId });
    answers.push({ who: 'import', envelope });
    await cancelling;
    stop();
    return { envelope, progress, answers };
  }

  it('stops an import at its first progress event: the envelope says cancelled and nothing was written', async () => {
    const run = await importAndCancel('import-1', () => true);
    expect(run.envelope).toEqual(CANCELLED);
    // The host answered while the worker was still busy: both cancel answers came before the import's.
    expect(run.answers).toEqual([
      { who: 'w2', envelope: { ok: true, value: { cancelled: false } } },
      { who: 'w1', envelope: { ok: true, value: { cancelled: true } } },
      { who: 'import', envelope: CANCELLED },
    ]);
    expect(run.progress.length).toBeGreaterThan(0);
    expect(run.progress.every((p) => p.taskId === 'import-1' && p.kind === 'import')).toBe(true);
    expect(run.progress.some((p) => p.stage === 'done')).toBe(false);
    expect(written(testWorkerData(temp.dir).dbPath)).toEqual(NOTHING);
    // The slot is free again and the same id runs a new import to the end.
    const small = mt940({ movements: dailyMovements('2025-01-01', '2025-01-10'), openingMinor: 0, openingDate: '2025-01-01', closingDate: '2025-01-10' });
    const again = await client.invoke('w1', 'imports.commit', { companyId, fileName: 'small.sta', contentBase64: small.toString('base64'), taskId: 'import-1' });
    expect(again).toMatchObject({ ok: true, value: { added: 20 } });
    expect(await client.invoke('w1', 'tasks.cancel', { taskId: 'import-1' })).toEqual({ ok: true, value: { cancelled: false } });
  }, 180_000);

  it('rolls back lines already written when cancelled in the middle of the write', async () => {
    const run = await importAndCancel('import-2', (p) => p.stage === 'write' && p.done >= 10_000);
    expect(run.envelope).toEqual(CANCELLED);
    const writes = run.progress.filter((p) => p.stage === 'write');
    expect(writes[0]).toEqual({ taskId: 'import-2', kind: 'import', stage: 'write', done: 10_000, total: 200_000 });
    expect(writes.at(-1)!.done).toBeLessThan(200_000);
    expect(run.progress.map((p) => p.stage).filter((s, i, all) => all.indexOf(s) === i)).toEqual(['parse', 'check', 'write']);
    expect(written(testWorkerData(temp.dir).dbPath)).toEqual(NOTHING);
  }, 180_000);

  it('is checked like a contract method (logged in, valid input) and answers false when nothing runs', async () => {
    expect(await client.invoke('w3', 'tasks.cancel', { taskId: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await client.invoke('w1', 'tasks.cancel', { taskId: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await client.invoke('w1', 'tasks.cancel', { taskId: 'nothing-running' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});

describe('tasks.cancel in-process (local cancellation)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir('cancel-local');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('stops at the next check after the cancel, inside the transaction, so nothing is kept', async () => {
    const cancellation = localCancellation();
    const seen: Progress[] = [];
    core = createCore({
      dbPath: `${temp.dir}/cuadra.db`, migrations: MIGRATIONS_DIR, version: 'test', logger: silentLogger,
      clock: steppingClock().clock, bcryptCost: 4, cancellation,
      emit: (event, payload) => {
        if (event !== 'task.progress') return;
        const p = payload as Progress;
        seen.push(p);
        // The handler answers tasks.cancel from here (synchronously), as a host without a worker would.
        if (p.stage === 'write' && p.done === 10_000) void cli.ok('tasks.cancel', { taskId: 'local-1' });
      },
    });
    const cli = new TestClient(core, cliSession);
    const company = await cli.ok('companies.create', { name: 'Acme SL', taxId: null });
    await cli.ok('accounts.create', { companyId: company.id, name: 'Main', iban: TEST_IBAN, number: null, currency: 'EUR' });
    const many = dailyMovements('2000-01-01', '2034-03-01');
    const file = mt940({ movements: many, openingMinor: 0, openingDate: '2000-01-01', closingDate: '2034-03-01' });
    const error = await cli.err('imports.commit', { companyId: company.id, fileName: 'big.sta', contentBase64: file.toString('base64'), taskId: 'local-1' });
    expect(error).toEqual(CANCELLED.error);
    expect(seen.filter((p) => p.stage === 'write').map((p) => p.done)).toEqual([10_000]);
    core.close();
    expect(written(`${temp.dir}/cuadra.db`)).toEqual(NOTHING);
    core = createCore({ dbPath: `${temp.dir}/cuadra.db`, migrations: MIGRATIONS_DIR, version: 'test', logger: silentLogger });
  });
});
