import type { CommandSpec, OptionSpec } from './command.js';
import { commonOptions, dbOption, optionsOf } from './commands.js';
import { PASSWORD_ENV } from './users.js';

function optionLabel(name: string, spec: OptionSpec): string {
  const flag = spec.short ? `-${spec.short}, --${name}` : `--${name}`;
  return spec.type === 'string' ? `${flag} ${spec.valueName ?? 'VALUE'}` : flag;
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const entries = Object.entries(options);
  const labels = entries.map(([name, spec]) => optionLabel(name, spec));
  const width = Math.max(...labels.map((l) => l.length));
  return entries.map(([, spec], i) => `  ${(labels[i] ?? '').padEnd(width)}  ${spec.description}${spec.required ? ' (required)' : ''}`);
}

function usageLine(spec: CommandSpec): string {
  const parts = Object.entries(spec.options).map(([name, o]) => {
    const text = o.type === 'string' ? `--${name} ${o.valueName ?? 'VALUE'}` : `--${name}`;
    return o.required ? text : `[${text}]`;
  });
  if (spec.positionals) parts.unshift(spec.positionals.valueName);
  if (spec.database) parts.push('[--db PATH]');
  parts.push('[--json]');
  return `cuadra ${spec.name} ${parts.join(' ')}`;
}

/** The text of `cuadra --help`. */
export function generalHelp(table: readonly CommandSpec[], version: string, defaultDbPath: string): string {
  const width = Math.max(...table.map((c) => c.name.length));
  return [
    `cuadra ${version}: bank reconciliation from the command line`,
    '',
    'Usage: cuadra <command> [options]',
    '',
    'Commands:',
    ...table.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...optionLines({ db: dbOption(defaultDbPath), ...commonOptions, version: { type: 'boolean', description: 'print the version' } }),
    '',
    'Run `cuadra <command> --help` for the options of a command.',
    `The command line acts as the administrator of the database file (audited as "cli").`,
    `Passwords are read from ${PASSWORD_ENV} or stdin, never from arguments.`,
    'Exit status: 0 done, 1 the operation failed, 2 the command line is wrong.',
    '',
  ].join('\n');
}

/** The text of `cuadra <command> --help`. */
export function commandHelp(spec: CommandSpec, defaultDbPath: string): string {
  return [`Usage: ${usageLine(spec)}`, '', spec.summary, '', 'Options:', ...optionLines(optionsOf(spec, defaultDbPath)), ''].join('\n');
}

/** The text of `cuadra <group> --help` (`cuadra companies --help`). */
export function groupHelp(group: string, subcommands: readonly CommandSpec[]): string {
  const width = Math.max(...subcommands.map((c) => c.name.length));
  return [
    `Usage: cuadra ${group} <${subcommands.map((c) => c.name.slice(group.length + 1)).join('|')}> [options]`,
    '',
    ...subcommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run \`cuadra ${group} <subcommand> --help\` for its options.`,
    '',
  ].join('\n');
}
