/**
 * `npm run serve`: Cuadra in the browser. Starts the core worker and a loopback-only
 * HTTP/WebSocket server, prints the address with its per-launch token, and shuts both down
 * on SIGINT/SIGTERM. Runs from source under tsx (scripts/serve.mjs builds the screens first).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCoreClient, type CoreClient } from '../core/host/core-client.js';
import { CoreError } from '../core/contract/index.js';
import { createLogger, toLogLevel } from '../core/logging/index.js';
import { dataPaths, defaultDataDir, findMigrationsDir } from '../core/paths.js';
import { parseServeArgs, serveUsage, ServeArgsError } from './args.js';
import { startServeServer, type ServeServer } from './server.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

function fail(message: string, exitCode: number): never {
  process.stderr.write(`cuadra serve: ${message}\n`);
  process.exit(exitCode);
}

async function main(argv: readonly string[]): Promise<void> {
  let args;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    if (error instanceof ServeArgsError) fail(error.message, 2);
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${serveUsage}\n`);
    return;
  }
  const logLevel = args.logLevel ?? toLogLevel(process.env.CUADRA_LOG_LEVEL, 'info');
  const log = createLogger({ level: logLevel, stderr: true });
  const migrationsDir = findMigrationsDir(projectRoot);
  if (!migrationsDir) fail(`the migrations folder was not found above ${projectRoot}.`, 1);
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = args.dataDir ?? defaultDataDir(process.platform, process.env, homedir());
  const paths = dataPaths(dataDir);
  mkdirSync(paths.logsDir, { recursive: true });

  let core: CoreClient | null = null;
  let server: ServeServer | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (exitCode: number): Promise<void> =>
    (stopping ??= (async () => {
      await server?.close().catch((error: unknown) => log.error({ err: error }, 'closing the server failed'));
      await core?.close().catch((error: unknown) => log.error({ err: error }, 'closing the core failed'));
      process.exitCode = exitCode;
    })());
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    core = await startCoreClient({
      workerUrl: new URL('../core/host/worker.ts', import.meta.url),
      workerData: { dbPath: paths.db, migrationsDir, version, logFile: paths.logFile, logLevel },
      logger: log,
      onWorkerExit: () => {
        process.stderr.write('cuadra serve: the core stopped unexpectedly; see the log. Shutting down.\n');
        void stop(1);
      },
    });
    server = await startServeServer({ core, rendererDir: join(projectRoot, 'out', 'renderer'), host: args.host, port: args.port, logger: log });
  } catch (error) {
    await stop(1);
    fail(error instanceof CoreError || error instanceof Error ? error.message : String(error), 1);
  }
  if (stopping) {
    // A signal arrived while starting: close what has started since.
    await stopping;
    await server.close();
    await core.close();
    return;
  }
  process.stdout.write(`Cuadra is running at ${server.url}\n`);
  process.stdout.write(`Data folder: ${dataDir}\nPress Ctrl+C to stop.\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
