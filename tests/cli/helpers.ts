import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the CLI runs from here, as `npm run cuadra` does). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  env?: Record<string, string>;
  stdin?: string;
}

/**
 * Runs the real `cuadra` command (node + tsx, as `npm run cuadra` does) with HOME and
 * XDG_DATA_HOME inside `home`, so a test never touches the real data folder.
 */
export function runCli(home: string, args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !k.startsWith('CUADRA_') && !k.startsWith('VITEST') && k !== 'NODE_OPTIONS') env[k] = v;
    }
    Object.assign(env, { HOME: home, XDG_DATA_HOME: join(home, 'data'), NO_COLOR: '1' }, options.env ?? {});
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'main/cli/index.ts'), ...args], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** A fresh temporary folder; remove it with `rmSync(dir, {recursive: true, force: true})`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a temporary folder. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file below `dir`. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** The files below `dir` whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return listFiles(dir).filter((file) => readFileSync(file).includes(bytes));
}
