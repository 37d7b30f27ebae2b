import { isIPv4, isIPv6 } from 'node:net';
import { toLogLevel, type LogLevel } from '../core/logging/index.js';

/** A command-line mistake: printed as one line, exit code 2. */
export class ServeArgsError extends Error {
  override name = 'ServeArgsError';
}

export interface ServeArgs {
  /** A loopback address: 127.0.0.0/8 or ::1. */
  host: string;
  /** 0 = any free port. */
  port: number;
  dataDir: string | null;
  /** null: not given (CUADRA_LOG_LEVEL or 'info' then). */
  logLevel: LogLevel | null;
  help: boolean;
}

export const serveUsage = `Usage: npm run serve -- [--build] [--port N] [--host 127.0.0.1] [--data-dir DIR] [--log-level info]

Runs Cuadra in your browser, on this computer only (the address works only from here).
  --build           rebuild the screens first (done automatically when they are missing)
  --port N          port to listen on (default: a free one)
  --host ADDR       loopback address to listen on: 127.0.0.1 (default), another 127.x.x.x, or ::1
  --data-dir DIR    folder of the database and the logs (default: the app's data folder)
  --log-level L     fatal, error, warn, info (default; or CUADRA_LOG_LEVEL), debug, trace or silent`;

/** True for the loopback addresses browser mode may listen on: 127.0.0.0/8 and ::1. */
export function isLoopbackHost(host: string): boolean {
  if (isIPv4(host)) return host.split('.')[0] === '127';
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!isIPv6(bare)) return false;
  // The URL parser writes an IPv6 address in its shortest form, so 0:0:0:0:0:0:0:1 becomes ::1.
  return new URL(`http://[${bare}]/`).hostname === '[::1]';
}

function takeValue(argv: readonly string[], index: number, flag: string): string {
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new ServeArgsError(`${flag} needs a value.`);
  return value;
}

/** Parses `npm run serve` arguments (`--flag value` or `--flag=value`); refuses non-loopback hosts. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const args: ServeArgs = { host: '127.0.0.1', port: 0, dataDir: null, logLevel: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (eq > 0) return raw.slice(eq + 1);
      const next = takeValue(argv, i, flag);
      i++;
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--build':
        break; // handled by scripts/serve.mjs before this process starts
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new ServeArgsError(`--port must be a number from 0 to 65535, not ${JSON.stringify(text)}.`);
        args.port = port;
        break;
      }
      case '--host': {
        const host = value().trim();
        if (!isLoopbackHost(host)) {
          throw new ServeArgsError(
            `--host ${JSON.stringify(host)} is not a loopback address. Browser mode listens only on this computer: use 127.0.0.1 (or another 127.x.x.x) or ::1.`,
          );
        }
        args.host = host.startsWith('[') ? host.slice(1, -1) : host;
        break;
      }
      case '--data-dir': {
        const dir = value().trim();
        if (!dir) throw new ServeArgsError('--data-dir needs a folder.');
        args.dataDir = dir;
        break;
      }
      case '--log-level': {
        const text = value();
        const level = toLogLevel(text, 'info');
        if (level !== text.trim().toLowerCase()) throw new ServeArgsError(`--log-level ${JSON.stringify(text)} is not a log level.`);
        args.logLevel = level;
        break;
      }
      default:
        throw new ServeArgsError(`Unknown option ${JSON.stringify(raw)}. Run npm run serve -- --help for the options.`);
    }
  }
  return args;
}
