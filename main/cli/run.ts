import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CoreError } from '../core/contract/index.js';
import type { Logger } from '../core/logger.js';
import { createLogger, toLogLevel } from '../core/logging/index.js';
import type { OpenedCliCore } from './cli-core.js';
import { CliError, EXIT_USAGE, UsageError, type CliIo, type CommandContext, type CommandSpec } from './command.js';
import { commands, matchCommand, optionsOf } from './commands.js';
import { commandHelp, generalHelp, groupHelp } from './help.js';

/** What the runner needs from its host: the process streams, the version and where things live. */
export interface CliEnvironment {
  io: CliIo;
  version: string;
  /** The default database path (shown in help; computed, nothing is created). */
  defaultDbPath: string;
  /** Makes sure the default database's folder exists; called only when the default is used. */
  prepareDefaultDb(): void;
  /** The migrations folder, or null when it cannot be found. */
  findMigrationsDir(): string | null;
  /** The command table (tests may pass their own). */
  table?: readonly CommandSpec[];
}

type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A message on one line, however the error was written. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim() || 'failed';
}

function hasHelpFlag(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** node:util parseArgs messages, trimmed to their first sentence. */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message;
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function parseCommandArgs(spec: CommandSpec, rest: readonly string[], defaultDbPath: string): { values: OptionValues; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(optionsOf(spec, defaultDbPath)).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]),
  );
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: spec.positionals !== undefined, strict: true });
  } catch (error) {
    throw new UsageError(`${parseArgsMessage(error)}; see cuadra ${spec.name} --help`);
  }
  for (const [name, o] of Object.entries(spec.options)) {
    const value = parsed.values[name];
    if (o.required && (typeof value !== 'string' || value.trim() === '')) {
      throw new UsageError(`${spec.name} needs --${name}; see cuadra ${spec.name} --help`);
    }
  }
  const p = spec.positionals;
  if (p && (parsed.positionals.length < p.min || (p.max !== undefined && parsed.positionals.length > p.max))) {
    throw new UsageError(`${spec.name} expects ${p.valueName}; see cuadra ${spec.name} --help`);
  }
  return parsed;
}

function createCliLogger(values: OptionValues, env: CliIo['env']): { log: Logger; verbose: boolean } {
  const verbose = values.verbose === true;
  const level = toLogLevel(env.CUADRA_LOG_LEVEL, verbose ? 'info' : 'warn');
  const detailed = level === 'info' || level === 'debug' || level === 'trace';
  // Logs go to stderr and nowhere else; stacks only when the user asked for details.
  return { log: createLogger({ level, stderr: true, stacks: detailed }), verbose: detailed };
}

async function runCommand(spec: CommandSpec, rest: readonly string[], host: CliEnvironment): Promise<number> {
  const { io } = host;
  const { values, positionals } = parseCommandArgs(spec, rest, host.defaultDbPath);
  const { log, verbose } = createCliLogger(values, io.env);
  const state: { core: OpenedCliCore | null } = { core: null };
  const stringOption = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  const ctx: CommandContext = {
    option: stringOption,
    required(name) {
      const value = stringOption(name);
      if (value === undefined) throw new UsageError(`${spec.name} needs --${name}`);
      return value;
    },
    flag: (name) => values[name] === true,
    resolvePath: (path) => resolve(io.cwd, path),
    positionals,
    io,
    log,
    async core() {
      if (state.core) return state.core;
      const migrationsDir = host.findMigrationsDir();
      if (!migrationsDir) throw new CliError("cannot find Cuadra's migrations folder next to the program");
      const dbOption = stringOption('db');
      let dbPath: string;
      if (dbOption === undefined) {
        host.prepareDefaultDb();
        dbPath = host.defaultDbPath;
      } else dbPath = resolve(io.cwd, dbOption);
      log.info({ dbPath, command: spec.name }, 'opening database');
      // Loaded on demand: --help, --version and commands without a database never load SQLite.
      const { openCliCore } = await import('./cli-core.js');
      state.core = openCliCore({ dbPath, migrationsDir, version: host.version, logger: log, verbose, env: io.env });
      return state.core;
    },
  };
  try {
    const result = await spec.run(ctx);
    io.stdout(values.json === true ? `${JSON.stringify(result.json, null, 2)}\n` : result.text);
    return 0;
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof CoreError) throw new CliError(error.message, 1, error.code);
    log.error({ err: error, command: spec.name }, 'command failed');
    const where = verbose ? 'the details are in the log lines above' : 'rerun with --verbose for the details';
    throw new CliError(`unexpected error: ${error instanceof Error ? error.message : String(error)} (${where})`);
  } finally {
    state.core?.close();
  }
}

function route(argv: readonly string[], host: CliEnvironment, table: readonly CommandSpec[]): Promise<number> | number {
  const { io } = host;
  const first = argv[0];
  if (first === undefined) {
    io.stdout(generalHelp(table, host.version, host.defaultDbPath));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(argv.includes('--json') ? `${JSON.stringify({ version: host.version })}\n` : `${host.version}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (topic.length > 0) return route([...topic, '--help'], host, table);
    io.stdout(generalHelp(table, host.version, host.defaultDbPath));
    return 0;
  }
  const match = matchCommand(table, argv);
  switch (match.kind) {
    case 'command':
      if (hasHelpFlag(match.rest)) {
        io.stdout(commandHelp(match.spec, host.defaultDbPath));
        return 0;
      }
      return runCommand(match.spec, match.rest, host);
    case 'group':
      if (match.next === '--help' || match.next === '-h') {
        io.stdout(groupHelp(match.group, match.subcommands));
        return 0;
      }
      throw new UsageError(
        `"${match.group}" needs a subcommand (${match.subcommands.map((c) => c.name.slice(match.group.length + 1)).join(', ')}); see cuadra --help`,
      );
    case 'unknown':
      if (match.words.startsWith('-')) throw new UsageError(`unknown option "${match.words}" before the command; see cuadra --help`);
      throw new UsageError(`unknown command "${match.words}"; see cuadra --help`);
  }
}

/**
 * Runs one `cuadra` invocation and returns its exit status. Never throws: every
 * failure becomes one line `cuadra: <reason>` on stderr (no stack traces), exit 1
 * when the operation failed and 2 when the command line was wrong.
 */
export async function runCli(argv: readonly string[], host: CliEnvironment): Promise<number> {
  try {
    return await route(argv, host, host.table ?? commands);
  } catch (error) {
    const cliError = error instanceof CliError ? error : new CliError(`unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    host.io.stderr(`cuadra: ${oneLine(cliError.message)}\n`);
    return cliError instanceof UsageError ? EXIT_USAGE : cliError.exitCode;
  }
}
