import type { CommandSpec, OptionSpec } from './command.js';
import { companiesCommands } from './companies.js';
import { accountsCommands } from './accounts.js';
import { usersCommands } from './users.js';
import { parseCommands } from './parse.js';
import { importCommands } from './import.js';
import { reconcileCommands } from './reconcile.js';

/**
 * Every `cuadra` command, in the order the help lists them. A new command group
 * (parse, import, reconcile, report) is a new file whose specs are added here.
 */
export const commands: readonly CommandSpec[] = [...companiesCommands, ...accountsCommands, ...usersCommands, ...parseCommands, ...importCommands, ...reconcileCommands];

/** Options every command takes; `--db` only commands with a database. */
export const commonOptions: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'print exactly one JSON document on stdout' },
  verbose: { type: 'boolean', description: 'log progress (level info) to stderr; CUADRA_LOG_LEVEL overrides' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** The `--db` option, whose default depends on the machine. */
export function dbOption(defaultDbPath: string): OptionSpec {
  return { type: 'string', valueName: 'PATH', description: `the database file (default: ${defaultDbPath})` };
}

/** The options a command accepts: its own, `--db` when it has a database, and the common ones. */
export function optionsOf(spec: CommandSpec, defaultDbPath: string): Record<string, OptionSpec> {
  return { ...spec.options, ...(spec.database ? { db: dbOption(defaultDbPath) } : {}), ...commonOptions };
}

export type CommandMatch =
  | { kind: 'command'; spec: CommandSpec; rest: readonly string[] }
  | { kind: 'group'; group: string; subcommands: readonly CommandSpec[]; next: string | undefined }
  | { kind: 'unknown'; words: string };

/** Finds the command named by the leading words of argv (the longest name wins). */
export function matchCommand(table: readonly CommandSpec[], argv: readonly string[]): CommandMatch {
  let best: CommandSpec | null = null;
  let bestLength = 0;
  for (const spec of table) {
    const words = spec.name.split(' ');
    if (words.length > bestLength && words.every((w, i) => argv[i] === w)) {
      best = spec;
      bestLength = words.length;
    }
  }
  if (best) return { kind: 'command', spec: best, rest: argv.slice(bestLength) };
  const first = argv[0] ?? '';
  const subcommands = table.filter((spec) => spec.name.startsWith(`${first} `));
  if (subcommands.length > 0) {
    const next = argv[1];
    if (next === undefined || next.startsWith('-')) return { kind: 'group', group: first, subcommands, next };
    return { kind: 'unknown', words: `${first} ${next}` };
  }
  return { kind: 'unknown', words: first };
}
