import { pino, destination, multistream, stdTimeFunctions, type Bindings, type ChildLoggerOptions, type DestinationStream, type Level, type LevelWithSilent, type Logger as PinoLogger, type StreamEntry } from 'pino';
import { createRotatingFile, type RotatingFileOptions } from './rotating-file.js';
import { redactSecrets } from './redact.js';

export { REDACTED, isSecretKey, redactSecrets } from './redact.js';
export { createRotatingFile, rotateFiles, type RotatingFile, type RotatingFileOptions } from './rotating-file.js';

/** A pino level name, or 'silent'. */
export type LogLevel = LevelWithSilent;

const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** True when `value` names a log level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (logLevels as readonly string[]).includes(value);
}

/** The level a host asked for (env var, worker data), or `fallback` when it is missing or unknown. */
export function toLogLevel(value: string | null | undefined, fallback: LogLevel): LogLevel {
  const lowered = value?.trim().toLowerCase();
  return isLogLevel(lowered) ? lowered : fallback;
}

/** Defaults for the app's log file: 5 MB, five old files kept. */
export const DEFAULT_LOG_FILE_LIMITS = { maxBytes: 5 * 1024 * 1024, maxFiles: 5 } as const;

export interface CreateLoggerOptions {
  level: LogLevel;
  /** Size-rotating log file; its folder is created on the first write. */
  file?: RotatingFileOptions;
  /** Also write to stderr (the CLI, `npm run serve`). */
  stderr?: boolean;
  /** Keep error stacks in the output (default true); the CLI drops them unless --verbose. */
  stacks?: boolean;
}

/** The logger hosts create: pino, which satisfies the core's `Logger` interface. */
export type CuadraLogger = PinoLogger;

const noopStream: DestinationStream = { write() {} };

/**
 * Creates a pino logger that redacts secrets (passwords, tokens, API keys, cookies,
 * authorization headers, at any depth, inside errors too), writes synchronously to a
 * size-rotating file and/or stderr, and does no I/O until something is logged.
 */
export function createLogger(options: CreateLoggerOptions): CuadraLogger {
  const redactOptions = { stacks: options.stacks ?? true };
  const streams: DestinationStream[] = [];
  if (options.file) streams.push(createRotatingFile(options.file));
  if (options.stderr) streams.push(destination({ dest: 2, sync: true }));

  let stream: DestinationStream;
  if (streams.length === 0 || options.level === 'silent') stream = noopStream;
  else if (streams.length === 1) stream = streams[0]!;
  else {
    const level: Level = options.level;
    stream = multistream(streams.map((s): StreamEntry => ({ level, stream: s })));
  }

  const logger = pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      // Errors are serialized (and redacted) by the formatter below, at any depth;
      // pino's own `err` serializer would serialize that result a second time.
      serializers: { err: (value: unknown) => value },
      formatters: {
        log: (obj) => redactSecrets(obj, redactOptions),
        bindings: (bindings) => redactSecrets(bindings, redactOptions),
      },
    },
    stream,
  );
  // pino formats a child's bindings once, without the formatters above; redact them on the
  // way in. Children inherit from their parent's prototype chain, so theirs are covered too.
  type ChildFn = (this: CuadraLogger, bindings: Bindings, childOptions?: ChildLoggerOptions<never>) => CuadraLogger;
  const pinoChild: ChildFn = logger.child;
  const redactingChild: ChildFn = function (bindings, childOptions) {
    return pinoChild.call(this, redactSecrets(bindings, redactOptions), childOptions);
  };
  return Object.assign(logger, { child: redactingChild });
}
