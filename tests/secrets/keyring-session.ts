// A private Secret Service for tests: child processes run under dbus-run-session with a
// gnome-keyring of their own (XDG folders in a temp dir, unlocked with a known password), so the
// developer's or CI's keychain is never touched. Shared by keychain.test.ts and canary.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface KeyringSession {
  dir: string;
  /** Runs `command` with the session's minimal environment (no bus unless it starts one). */
  run(command: string, args: string[]): Promise<ChildResult>;
  /** Runs a TypeScript file with tsx inside a fresh bus with an unlocked gnome-keyring. */
  runInKeyring(script: string, args: string[]): Promise<ChildResult>;
  /** Live (non-zombie) processes of this session still running after `ms` milliseconds. */
  waitForNoProcesses(ms: number): Promise<Array<{ pid: number; command: string }>>;
  /** Ends what the session left running (by pid) and removes its folder. */
  close(): Promise<void>;
}

/** Checks the tools, then makes the private folders; throws a message saying what to install. */
export function openKeyringSession(): KeyringSession {
  const which = spawnSync('which', ['dbus-run-session', 'gnome-keyring-daemon'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error(
      'the keychain tests need dbus-run-session and gnome-keyring-daemon on PATH ' +
        `(found: ${which.stdout.trim() || 'neither'}): apt-get install -y dbus-x11 gnome-keyring libsecret-1-dev`,
    );
  }
  if (!existsSync(TSX)) throw new Error(`the keychain tests run their children with ${TSX}, which is missing: run npm ci`);
  const dir = mkdtempSync(join(tmpdir(), 'cuadra-keychain-'));
  const sub = (name: string, mode = 0o700) => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    chmodSync(path, mode);
    return path;
  };
  // A minimal, private environment: nothing of the parent's session bus or display leaks in.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    HOME: sub('home'),
    XDG_DATA_HOME: sub('data'),
    XDG_CONFIG_HOME: sub('config'),
    XDG_CACHE_HOME: sub('cache'),
    XDG_RUNTIME_DIR: sub('run', 0o700),
  };

  function processesOfOurSession(): Array<{ pid: number; command: string }> {
    const marker = `XDG_RUNTIME_DIR=${join(dir, 'run')}\0`;
    const found: Array<{ pid: number; command: string }> = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
        if (!readFileSync(`/proc/${name}/environ`, 'latin1').includes(marker)) continue;
        found.push({ pid: Number(name), command: readFileSync(`/proc/${name}/cmdline`, 'latin1').replace(/\0/g, ' ').trim() });
      } catch {
        // The process ended while we looked, or is not ours to read.
      }
    }
    return found;
  }

  async function waitForNoProcesses(ms: number): Promise<Array<{ pid: number; command: string }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const left = processesOfOurSession();
      if (left.length === 0 || Date.now() > deadline) return left;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  function run(command: string, args: string[]): Promise<ChildResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  return {
    dir,
    run,
    runInKeyring(script, args) {
      const shell = 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"';
      return run('dbus-run-session', ['--', 'sh', '-c', shell, TSX, script, ...args]);
    },
    waitForNoProcesses,
    async close() {
      // dbus-run-session ends its bus, and gnome-keyring-daemon leaves with it; kill by pid any that did not.
      for (const { pid } of await waitForNoProcesses(3000)) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The last JSON line a child printed (its result). */
export function lastJsonLine(result: ChildResult): Record<string, unknown> {
  const line = result.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`the child printed no result.\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}
