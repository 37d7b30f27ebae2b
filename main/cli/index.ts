#!/usr/bin/env node
/**
 * The `cuadra` command: `npm run --silent cuadra -- <command>`. The core runs in this
 * process (no worker); see run.ts for the rules on output, logs and exit status.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { dataPaths, defaultDataDir, findMigrationsDir } from '../core/paths.js';
import { runCli } from './run.js';

const dataDir = defaultDataDir(process.platform, process.env, homedir());

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `npm run cuadra` runs in the package root; npm keeps the user's folder in INIT_CWD.
 * Relative paths (--db, files) are the user's, so they resolve against that folder.
 */
function userCwd(): string {
  const initCwd = process.env.INIT_CWD;
  return process.env.npm_lifecycle_event === 'cuadra' && initCwd ? initCwd : process.cwd();
}

// `cuadra … | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`cuadra: cannot write the output: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 1);
});

process.exitCode = await runCli(process.argv.slice(2), {
  io: {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: userCwd(),
    readStdin,
    stdinIsTty: process.stdin.isTTY === true,
  },
  version: packageJson.version,
  defaultDbPath: dataPaths(dataDir).db,
  prepareDefaultDb: () => mkdirSync(dataDir, { recursive: true }),
  findMigrationsDir: () => findMigrationsDir(dirname(fileURLToPath(import.meta.url))),
});
