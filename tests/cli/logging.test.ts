import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../main/core/logger.js';
import { createLogger, redactSecrets, toLogLevel } from '../../main/core/logging/index.js';
import { listFiles, removeDir, repoRoot, tempDir } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = tempDir('cuadra-logging-');
});
afterEach(() => removeDir(dir));

const readLines = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('createLogger file destination', () => {
  it('creates nothing until the first line, then creates the folder', () => {
    const logFile = join(dir, 'deep', 'logs', 'cuadra.log');
    const log: Logger = createLogger({ level: 'info', file: { path: logFile, maxBytes: 10_000, maxFiles: 2 } });
    expect(readdirSync(dir)).toEqual([]);
    log.debug({}, 'below the level');
    expect(readdirSync(dir)).toEqual([]);
    log.info({ n: 1 }, 'first');
    const lines = readLines(logFile);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, n: 1, msg: 'first' });
    expect(lines[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('rotates cuadra.log to .1 and .2 at maxBytes and keeps at most maxFiles old files', () => {
    const logFile = join(dir, 'logs', 'cuadra.log');
    const log = createLogger({ level: 'info', file: { path: logFile, maxBytes: 400, maxFiles: 2 } });
    for (let i = 0; i < 60; i++) log.info({ i }, 'a line long enough to fill the small file quickly');
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['cuadra.log', 'cuadra.log.1', 'cuadra.log.2']);
    const current = readLines(logFile);
    const older = readLines(`${logFile}.1`);
    const oldest = readLines(`${logFile}.2`);
    for (const file of [logFile, `${logFile}.1`, `${logFile}.2`]) expect(readFileSync(file).length).toBeLessThanOrEqual(400);
    // Newest line in the live file; each rotated file holds the lines just before the next one.
    expect(current.at(-1)?.i).toBe(59);
    expect(older.at(-1)?.i).toBe(Number(current[0]?.i) - 1);
    expect(oldest.at(-1)?.i).toBe(Number(older[0]?.i) - 1);
  });

  it('with maxFiles 0 keeps only the live file', () => {
    const logFile = join(dir, 'cuadra.log');
    const log = createLogger({ level: 'info', file: { path: logFile, maxBytes: 200, maxFiles: 0 } });
    for (let i = 0; i < 20; i++) log.info({ i }, 'line');
    expect(readdirSync(dir)).toEqual(['cuadra.log']);
    expect(readLines(logFile).at(-1)?.i).toBe(19);
  });

  it('redacts secrets at any depth, in errors too, without changing the logged object', () => {
    const logFile = join(dir, 'cuadra.log');
    const log = createLogger({ level: 'debug', file: { path: logFile, maxBytes: 1_000_000, maxFiles: 1 } });
    const input = {
      password: 'top-pass-1',
      user: { name: 'ana', newPassword: 'top-pass-2', nested: { deeper: { password: 'top-pass-3' } } },
      sessionToken: 'tok-4',
      headers: { Authorization: 'Bearer tok-5', cookie: 'sid=tok-6', accept: 'json' },
      providers: [{ api_key: 'key-7' }, { apiKey: 'key-8' }],
      secret: 'sec-9',
    };
    const err = Object.assign(new Error('request failed'), { config: { headers: { authorization: 'Bearer tok-10' } } });
    log.info({ input }, 'call');
    log.error({ err }, 'failed');
    log.child({ token: 'tok-11', req: { headers: { authorization: 'Bearer tok-12' } } }).warn({}, 'child');
    const text = readFileSync(logFile, 'utf8');
    for (const secret of ['top-pass-1', 'top-pass-2', 'top-pass-3', 'tok-4', 'tok-5', 'tok-6', 'key-7', 'key-8', 'sec-9', 'tok-10', 'tok-11', 'tok-12']) {
      expect(text).not.toContain(secret);
    }
    const [call, failed, child] = readLines(logFile);
    expect(call).toMatchObject({
      input: {
        password: '[redacted]',
        user: { name: 'ana', newPassword: '[redacted]', nested: { deeper: { password: '[redacted]' } } },
        headers: { Authorization: '[redacted]', cookie: '[redacted]', accept: 'json' },
        providers: [{ api_key: '[redacted]' }, { apiKey: '[redacted]' }],
      },
    });
    expect(failed).toMatchObject({ msg: 'failed', err: { type: 'Error', message: 'request failed', config: { headers: { authorization: '[redacted]' } } } });
    expect((failed?.err as { stack?: string }).stack).toContain('request failed');
    expect(child).toMatchObject({ token: '[redacted]', msg: 'child' });
    expect(input.password).toBe('top-pass-1');
    expect(input.user.nested.deeper.password).toBe('top-pass-3');
  });

  it('drops error stacks when asked and survives circular objects', () => {
    const logFile = join(dir, 'cuadra.log');
    const log = createLogger({ level: 'info', stacks: false, file: { path: logFile, maxBytes: 100_000, maxFiles: 1 } });
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    log.error({ err: new Error('boom'), loop }, 'failed');
    const [line] = readLines(logFile);
    expect(line).toMatchObject({ err: { type: 'Error', message: 'boom' }, loop: { name: 'loop', self: '[circular]' } });
    expect(line?.err).not.toHaveProperty('stack');
  });
});

describe('createLogger stderr and import', () => {
  const script = (body: string): string => `const { createLogger } = await import(${JSON.stringify(join(repoRoot, 'main/core/logging/index.ts'))});\n${body}`;
  const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const runNode = (code: string, cwd: string) =>
    spawnSync(process.execPath, ['--import', tsxLoader, '--input-type=module', '-e', code], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, HOME: cwd, XDG_DATA_HOME: join(cwd, 'data') },
    });

  it('does no I/O at import time', () => {
    const r = runNode(script("if (typeof createLogger !== 'function') process.exit(3);"), dir);
    expect(r.status).toBe(0);
    expect(listFiles(dir)).toEqual([]);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('writes to stderr at its level only, and never to stdout', () => {
    const r = runNode(script("const log = createLogger({ level: 'warn', stderr: true });\nlog.info({}, 'quiet');\nlog.warn({ password: 'p4ss' }, 'loud');"), dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 40, msg: 'loud', password: '[redacted]' });
  });

  it('writes the same lines to a file and stderr when both are asked', () => {
    const logFile = join(dir, 'logs', 'cuadra.log');
    const r = runNode(
      script(`const log = createLogger({ level: 'info', stderr: true, file: { path: ${JSON.stringify(logFile)}, maxBytes: 100000, maxFiles: 1 } });\nlog.debug({}, 'hidden');\nlog.info({ n: 2 }, 'both');`),
      dir,
    );
    expect(r.status).toBe(0);
    expect(r.stderr.trim()).toBe(readFileSync(logFile, 'utf8').trim());
    expect(readLines(logFile)).toEqual([expect.objectContaining({ n: 2, msg: 'both' })]);
  });
});

describe('helpers', () => {
  it('toLogLevel accepts known levels and falls back otherwise', () => {
    expect(toLogLevel('DEBUG', 'warn')).toBe('debug');
    expect(toLogLevel('loud', 'warn')).toBe('warn');
    expect(toLogLevel(undefined, 'info')).toBe('info');
  });

  it('redactSecrets returns a copy', () => {
    const source = { a: { token: 'x' } };
    expect(redactSecrets(source)).toEqual({ a: { token: '[redacted]' } });
    expect(source.a.token).toBe('x');
  });
});
