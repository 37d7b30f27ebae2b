import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreWorkerData } from '../../main/core/host/protocol.js';

/** The checkout's root folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The real worker entry, run from TypeScript source. */
export const coreWorkerUrl = new URL('../../main/core/host/worker.ts', import.meta.url);
export const migrationsDir = join(repoRoot, 'migrations');

/** A temp folder removed by the returned cleanup function. */
export function makeTempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `cuadra-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Worker settings for a fresh database in `dir`; bcrypt cost lowered to keep logins fast. */
export function testWorkerData(dir: string, overrides: Partial<CoreWorkerData> = {}): CoreWorkerData {
  return {
    dbPath: join(dir, 'cuadra.db'),
    migrationsDir,
    version: '0.0.0-test',
    logFile: join(dir, 'logs', 'cuadra.log'),
    logLevel: 'warn',
    bcryptCost: 4,
    ...overrides,
  };
}

/** A valid first-run setup input. */
export const setupInput = {
  firmName: 'Despacho Prueba',
  username: 'ana',
  displayName: 'Ana Admin',
  password: 'a long and unusual passphrase 42',
} as const;
