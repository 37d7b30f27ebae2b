/** The logging surface the core needs; pino loggers satisfy it, and tests pass `silentLogger`. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything (tests, parse-only CLI paths). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
