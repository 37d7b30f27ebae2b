import type { Logger } from '../core/logger.js';
import type { MethodInput, MethodName, MethodOutput } from '../core/contract/index.js';

/** Exit status: the operation failed (the core said no, a file is missing, …). */
export const EXIT_FAILURE = 1;
/** Exit status: the command line itself was wrong (unknown command or option, missing value). */
export const EXIT_USAGE = 2;

/** A failure the CLI reports as one line `cuadra: <message>` with its exit status. */
export class CliError extends Error {
  readonly exitCode: number;
  /** The core's error code when the core refused the call. */
  readonly code: string | undefined;
  constructor(message: string, exitCode: number = EXIT_FAILURE, code?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.code = code;
  }
}

/** A wrong command line: exit status 2 and a pointer to the help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}

/** One option of a command, as node:util parseArgs takes it plus what the help shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Placeholder in the help (`--name NAME`). */
  valueName?: string;
  required?: boolean;
  short?: string;
}

/** The core as a command sees it: calls run as the local administrator ('cli'). */
export interface CliCore {
  /** Calls a contract method; a refusal becomes a CliError carrying the core's message. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/** What the process gives a command: output streams, environment, stdin. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths on the command line are relative to. */
  cwd: string;
  /** Reads stdin to its end. */
  readStdin(): Promise<string>;
  stdinIsTty: boolean;
}

/** What a command's `run` receives. */
export interface CommandContext {
  /** A string option, or undefined when absent. */
  option(name: string): string | undefined;
  /** A string option the spec marks required (already checked by the runner). */
  required(name: string): string;
  /** A boolean option. */
  flag(name: string): boolean;
  /** A path from the command line, made absolute against the user's folder. */
  resolvePath(path: string): string;
  positionals: readonly string[];
  /** Opens the database on first use (commands without a database never call it). */
  core(): Promise<CliCore>;
  io: CliIo;
  log: Logger;
}

/** What a command prints: `json` with --json (exactly one document), `text` otherwise. */
export interface CommandResult {
  json: unknown;
  text: string;
}

/** One `cuadra` command; adding a command is adding one of these to the table. */
export interface CommandSpec {
  /** The words after `cuadra`: 'companies list', 'parse'. */
  name: string;
  summary: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** Takes `--db PATH` and may open the database. */
  database: boolean;
  /** Placeholder for positional arguments in the help (`<file>...`); none when absent. */
  positionals?: { valueName: string; min: number; max?: number };
  run(ctx: CommandContext): Promise<CommandResult>;
}
