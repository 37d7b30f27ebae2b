import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/index.js';
import { startCoreClient, type CoreClient, type WorkerExit } from '../../main/core/host/core-client.js';
import { coreWorkerUrl, makeTempDir, setupInput, testWorkerData } from './helpers.js';

describe('CoreClient with the real core worker', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let client: CoreClient;

  beforeEach(async () => {
    temp = makeTempDir('host');
    client = await startCoreClient({ workerUrl: coreWorkerUrl, workerData: testWorkerData(temp.dir) });
  });
  afterEach(async () => {
    await client.close();
    temp.cleanup();
  });

  it('answers app.info from a fresh database', async () => {
    const info = await client.invoke('w1', 'app.info', {});
    expect(info).toEqual({ ok: true, value: { version: '0.0.0-test', firmName: null, setupRequired: true } });
  });

  it('keeps the session of the client that set up, and only of that client', async () => {
    const setup = await client.invoke('w1', 'auth.setup', setupInput);
    expect(setup.ok).toBe(true);
    // The token stays in the host: the answer carries the user, never the session token.
    expect(JSON.stringify(setup)).not.toMatch(/token/i);

    expect(await client.invoke('w1', 'companies.list', {})).toEqual({ ok: true, value: [] });
    const other = await client.invoke('w2', 'companies.list', {});
    expect(other).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const session = await client.invoke('w2', 'auth.session', {});
    expect(session).toEqual({ ok: true, value: { user: null, expiresAt: null } });
  });

  it('forgetClient drops the session of a closed window', async () => {
    await client.invoke('w1', 'auth.setup', setupInput);
    client.forgetClient('w1');
    expect(await client.invoke('w1', 'companies.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('logout and login change the token the host holds', async () => {
    await client.invoke('w1', 'auth.setup', setupInput);
    expect((await client.invoke('w1', 'auth.logout', {})).ok).toBe(true);
    expect(await client.invoke('w1', 'companies.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const login = await client.invoke('w1', 'auth.login', { username: 'ana', password: setupInput.password });
    expect(login.ok).toBe(true);
    expect((await client.invoke('w1', 'companies.list', {})).ok).toBe(true);
  });

  it('reports session_expired once for an expired session, then treats the client as logged out', async () => {
    await client.invoke('w1', 'auth.setup', setupInput);
    const db = new Database(testWorkerData(temp.dir).dbPath);
    db.prepare("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000Z'").run();
    db.close();
    expect(await client.invoke('w1', 'companies.list', {})).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(await client.invoke('w1', 'companies.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('forwards core events to every listener until it unsubscribes', async () => {
    await client.invoke('w1', 'auth.setup', setupInput);
    const seen: Array<[string, unknown]> = [];
    const stop = client.onEvent((event, payload) => seen.push([event, payload]));
    const created = await client.invoke('w1', 'companies.create', { name: 'Tortillería López' });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { id: number }).id : -1;
    // Events are posted before the result, so they have arrived by now.
    expect(seen).toContainEqual(['data.changed', { entity: 'companies', companyId: id }]);
    stop();
    await client.invoke('w1', 'companies.create', { name: 'Otra' });
    expect(seen.filter(([, payload]) => (payload as { entity: string }).entity === 'companies')).toHaveLength(1);
  });

  it('passes validation and unknown-method errors through as envelopes', async () => {
    expect(await client.invoke('w1', 'no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await client.invoke('w1', 'auth.setup', { firmName: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unclonable = await client.invoke('w1', 'app.info', { f: () => 1 });
    expect(unclonable).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('lets calls in flight finish on close, then refuses new ones', async () => {
    const inFlight = client.invoke('w1', 'auth.setup', setupInput);
    const closing = client.close();
    expect((await inFlight).ok).toBe(true);
    await closing;
    expect(await client.invoke('w1', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('runs calls from several clients concurrently', async () => {
    await client.invoke('w1', 'auth.setup', setupInput);
    const calls = Array.from({ length: 20 }, (_, i) => client.invoke(i % 2 ? 'w1' : 'w2', 'companies.list', {}));
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok)).toHaveLength(10);
  });
});

describe('CoreClient start-up and crashes', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('host-crash');
  });
  afterEach(() => temp.cleanup());

  it('rejects with the core error when the database is not Cuadra’s', async () => {
    const data = testWorkerData(temp.dir);
    writeFileSync(data.dbPath, 'this is not a database at all, just some text '.repeat(200));
    const start = startCoreClient({ workerUrl: coreWorkerUrl, workerData: data });
    await expect(start).rejects.toBeInstanceOf(CoreError);
    await expect(start).rejects.toMatchObject({ code: 'db_not_cuadra' });
  });

  it('rejects when the worker entry cannot load', async () => {
    const start = startCoreClient({ workerUrl: join(temp.dir, 'missing-worker.js'), workerData: testWorkerData(temp.dir) });
    await expect(start).rejects.toMatchObject({ code: 'internal' });
  });

  for (const method of ['test.crash', 'test.exit']) {
    it(`fails pending calls cleanly and reports when the worker dies (${method})`, async () => {
      const exits: WorkerExit[] = [];
      const client = await startCoreClient({
        workerUrl: new URL('./fixtures/crash-worker.ts', import.meta.url),
        workerData: testWorkerData(temp.dir),
        onWorkerExit: (exit) => exits.push(exit),
      });
      expect(await client.invoke('w1', 'test.echo', {})).toEqual({ ok: true, value: 'test.echo' });
      const hanging = client.invoke('w1', 'test.hang', {});
      const dying = client.invoke('w2', method, {});
      const results = await Promise.all([hanging, dying]);
      for (const result of results) {
        expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/stopped unexpectedly/) } });
      }
      expect(exits).toHaveLength(1);
      expect(exits[0]!.exitCode).toBe(method === 'test.exit' ? 7 : 1);
      if (method === 'test.crash') expect(exits[0]!.error?.message).toMatch(/simulated crash/);
      // Nothing restarts silently: later calls fail at once, close() still resolves.
      expect(await client.invoke('w1', 'test.echo', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
      await client.close();
    });
  }
});
