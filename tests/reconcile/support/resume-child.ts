// Child process of the resume test: runs (or resumes) the reconciliation of a company through the
// real core and prints every checkpoint, then waits for a byte on stdin: the parent either
// sends it or kills the child right there with SIGKILL.
// Usage: resume-child <db> <migrations> <companyId>
import { readSync } from 'node:fs';
import { createCore } from '../../../main/core/core.js';
import { silentLogger } from '../../../main/core/logger.js';
import { startReconcile } from '../../../main/core/reconcile/run-service.js';

const [dbPath, migrations, companyId] = process.argv.slice(2);
if (!dbPath || !migrations || !companyId) {
  process.stderr.write('usage: resume-child <db> <migrations> <companyId>\n');
  process.exit(2);
}
const go = Buffer.alloc(1);
const pause = new Int32Array(new SharedArrayBuffer(4));
const say = (text: string): void => void process.stdout.write(`${text}\n`);
const core = createCore({ dbPath, migrations, version: 'resume-test', logger: silentLogger });
say('ready');
const run = await startReconcile(
  core.deps,
  { companyId: Number(companyId), accountIds: null, threshold: null, tolerancePercent: null, dateWindowDays: null, taskId: null, actor: { userId: null, username: 'cli' } },
  {
    chunk: 40,
    onStart: (runId, stage, resumed) => say(`start ${runId} ${stage} ${resumed ? 'resumed' : 'fresh'}`),
    checkpointEveryMs: 0,
    checkpointCostFactor: 0,
    onCheckpoint: (runId, stage) => {
      say(`checkpoint ${runId} ${stage}`);
      // Wait for the parent's go-ahead, so its kill lands exactly here.
      for (;;) {
        try {
          if (readSync(0, go, 0, 1, null) === 1) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        }
        Atomics.wait(pause, 0, 0, 2);
      }
    },
  },
);
core.close();
say(`done ${run.id} ${run.resumed ? 'resumed' : 'fresh'} ${run.resumedCount}`);
