import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCoreWorker } from '../../main/core/host/core-client.js';
import type { WorkerReply } from '../../main/core/host/protocol.js';
import { coreWorkerUrl, makeTempDir, testWorkerData } from './helpers.js';

/** Collects the worker's replies and waits for particular ones. */
function replies(worker: Worker) {
  const seen: WorkerReply[] = [];
  const waiters: Array<() => void> = [];
  worker.on('message', (message: WorkerReply) => {
    seen.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    seen,
    async waitFor(match: (reply: WorkerReply) => boolean): Promise<WorkerReply> {
      for (;;) {
        const found = seen.find(match);
        if (found) return found;
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
  };
}

describe('core worker protocol', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let worker: Worker;
  beforeEach(() => {
    temp = makeTempDir('worker');
    worker = startCoreWorker(coreWorkerUrl, testWorkerData(temp.dir));
  });
  afterEach(async () => {
    await worker.terminate();
    temp.cleanup();
  });

  it('survives malformed messages and answers those that carry an id', async () => {
    const box = replies(worker);
    await box.waitFor((r) => r.type === 'ready');
    worker.postMessage('not even an object');
    worker.postMessage(null);
    worker.postMessage({ type: 'invoke', id: 5, method: 42 });
    worker.postMessage({ type: 'explode' });
    expect(await box.waitFor((r) => r.type === 'result' && r.id === 5)).toMatchObject({ envelope: { ok: false, error: { code: 'internal' } } });

    worker.postMessage({ type: 'invoke', id: 6, clientToken: null, method: 'app.info', input: {} });
    expect(await box.waitFor((r) => r.type === 'result' && r.id === 6)).toMatchObject({ envelope: { ok: true } });
  });

  it('drops an unknown token and reports the change', async () => {
    const box = replies(worker);
    await box.waitFor((r) => r.type === 'ready');
    worker.postMessage({ type: 'invoke', id: 1, clientToken: 'no-such-token', method: 'auth.session', input: {} });
    expect(await box.waitFor((r) => r.type === 'result' && r.id === 1)).toEqual({
      type: 'result',
      id: 1,
      envelope: { ok: true, value: { user: null, expiresAt: null } },
      sessionToken: null,
    });
  });

  it('closes the database and exits when asked', async () => {
    const box = replies(worker);
    await box.waitFor((r) => r.type === 'ready');
    const exited = once(worker, 'exit');
    worker.postMessage({ type: 'close' });
    await box.waitFor((r) => r.type === 'closed');
    const [code] = (await exited) as [number];
    expect(code).toBe(0);
  });

  it('reports a start-up failure when started without settings', async () => {
    const bare = startCoreWorker(coreWorkerUrl, { dbPath: 42 });
    const box = replies(bare);
    expect(await box.waitFor((r) => r.type === 'startup_failed')).toMatchObject({ error: { code: 'internal' } });
    await bare.terminate();
  });
});
