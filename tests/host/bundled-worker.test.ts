import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'electron-vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreClient } from '../../main/core/host/core-client.js';
import { makeTempDir, repoRoot, setupInput, testWorkerData } from './helpers.js';

/** The packages the desktop build keeps out of the bundle (as electron.vite.config.ts does). */
const nativeExternals = ['better-sqlite3', 'bcrypt', 'sqlite-vec', 'keytar'];

describe('the core worker bundled by electron-vite', () => {
  // Inside the checkout (tests/artifacts is ignored by git) so the bundle finds node_modules.
  const outDir = join(repoRoot, 'tests', 'artifacts', `worker-bundle-${process.pid}`);
  let temp: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    temp = makeTempDir('bundle');
    // electron-vite reads its settings only from a file: the worker entry as the shell's config builds it.
    const config = {
      main: {
        build: {
          outDir: join(outDir, 'out', 'main'),
          externalizeDeps: { include: nativeExternals },
          lib: { entry: { worker: join(repoRoot, 'main', 'core', 'host', 'worker.ts') }, formats: ['es'] },
          rolldownOptions: { external: nativeExternals },
        },
      },
    };
    mkdirSync(outDir, { recursive: true });
    const configFile = join(outDir, 'electron.vite.config.mjs');
    writeFileSync(configFile, `export default ${JSON.stringify(config)};\n`);
    await build({ configFile, root: repoRoot, logLevel: 'silent' });
  }, 120_000);
  afterAll(() => {
    temp?.cleanup();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('runs as out/main/worker.js with everything from workerData', async () => {
    const client = await startCoreClient({ workerUrl: join(outDir, 'out', 'main', 'worker.js'), workerData: testWorkerData(temp.dir) });
    try {
      expect(await client.invoke('w1', 'app.info', {})).toMatchObject({ ok: true, value: { setupRequired: true } });
      expect((await client.invoke('w1', 'auth.setup', setupInput)).ok).toBe(true);
      expect(await client.invoke('w1', 'companies.list', {})).toEqual({ ok: true, value: [] });
    } finally {
      await client.close();
    }
  });
});
