/**
 * Errors raised by the pure parsers. A ParseError means "the structure is broken beyond
 * what a diagnostic can describe"; `parseStatementFile` turns it into
 * `CoreError('import_unreadable')` with the line in the message.
 */

/** A fatal structure problem found by a parser, with a stable code and the 1-based line if known. */
export class ParseError extends Error {
  readonly code: string;
  readonly line: number | undefined;
  constructor(code: string, message: string, line?: number) {
    super(message);
    this.name = 'ParseError';
    this.code = code;
    this.line = line;
  }
}

/** True when `err` is a ParseError (also across realms / duplicated module instances). */
export function isParseError(err: unknown): err is ParseError {
  return err instanceof ParseError || (err instanceof Error && err.name === 'ParseError' && 'code' in err);
}
