import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseServeArgs, ServeArgsError } from '../../main/serve/args.js';
import { startServeServer } from '../../main/serve/server.js';
import { repoRoot } from '../host/helpers.js';
import type { CoreClient } from '../../main/core/host/core-client.js';

describe('serve arguments', () => {
  it('accepts loopback addresses only', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '[::1]', '0:0:0:0:0:0:0:1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '192.168.1.10', '10.0.0.1', '128.0.0.1', '::', '::ffff:127.0.0.1', 'localhost', 'example.com', '127.1', '', '[::2]']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('refuses a non-loopback --host with a clear message', () => {
    expect(() => parseServeArgs(['--host', '0.0.0.0'])).toThrow(ServeArgsError);
    expect(() => parseServeArgs(['--host=192.168.1.10'])).toThrow(/not a loopback address.*127\.0\.0\.1/);
  });

  it('reads port, host, data folder and log level', () => {
    expect(parseServeArgs([])).toEqual({ host: '127.0.0.1', port: 0, dataDir: null, logLevel: null, help: false });
    expect(parseServeArgs(['--port', '8123', '--host=[::1]', '--data-dir', '/tmp/x', '--log-level', 'debug', '--build'])).toEqual({
      host: '::1',
      port: 8123,
      dataDir: '/tmp/x',
      logLevel: 'debug',
      help: false,
    });
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--port', '-1'])).toThrow(ServeArgsError);
    expect(() => parseServeArgs(['--port'])).toThrow(/needs a value/);
    expect(() => parseServeArgs(['--log-level', 'loud'])).toThrow(/log level/);
    expect(() => parseServeArgs(['--listen-everywhere'])).toThrow(/Unknown option/);
  });

  it('startServeServer itself refuses a non-loopback host', async () => {
    const core = {} as CoreClient;
    await expect(startServeServer({ core, rendererDir: repoRoot, host: '0.0.0.0', port: 0 })).rejects.toThrow(/loopback/);
  });

  it('the serve command exits with code 2 and one line on a non-loopback host', () => {
    const tsxCli = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = spawnSync(process.execPath, [tsxCli, join(repoRoot, 'main', 'serve', 'index.ts'), '--host', '0.0.0.0'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toMatch(/^cuadra serve: --host "0\.0\.0\.0" is not a loopback address/);
  });
});
