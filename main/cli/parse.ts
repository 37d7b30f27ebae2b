import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CoreError, statementFormats, type StatementFormatName } from '../core/contract/index.js';
import { parseStatementFile } from '../core/importers/index.js';
import { formatMinor } from '../core/importers/money.js';
import type { Diagnostic, ParseResult, References, Statement, StatementLine } from '../core/importers/types.js';
import { CliError, UsageError, type CommandContext, type CommandSpec } from './command.js';

/** A transaction of `parse --json` (DESIGN.md, command line contract). */
export interface ParsedTransactionJson {
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  counterparty: { name?: string; iban?: string; taxId?: string };
  reference: string | null;
  bankId: string | null;
}

/** A statement of `parse --json`. */
export interface ParsedStatementJson {
  account: { iban?: string; number?: string; currency?: string };
  openingBalance: { amount: string; date: string } | null;
  closingBalance: { amount: string; date: string } | null;
  controlTotals: { debitCount: number; debitSum: string; creditCount: number; creditSum: string } | null;
  transactions: ParsedTransactionJson[];
}

/** The document `parse --json` prints. */
export interface ParseJson {
  format: string;
  encoding: string;
  statements: ParsedStatementJson[];
  invoices: unknown[];
  payments: unknown[];
  diagnostics: Diagnostic[];
}

const PLACEHOLDERS = new Set(['NOTPROVIDED', 'NONREF', 'NONE', 'N/A']);

/** The most useful single reference of a line: end-to-end id, creditor reference, document number, bank reference. */
export function bestReference(r: References): string | null {
  for (const value of [r.endToEndId, r.creditorReference, r.documentNumber, r.bankReference]) {
    const text = value?.trim();
    if (text && !PLACEHOLDERS.has(text.toUpperCase())) return text;
  }
  return null;
}

function transactionJson(line: StatementLine): ParsedTransactionJson {
  const { name, iban, taxId } = line.counterparty;
  return {
    bookingDate: line.bookingDate,
    valueDate: line.valueDate,
    amount: formatMinor(line.amount.minor, line.amount.currency),
    currency: line.amount.currency,
    description: line.description,
    counterparty: { ...(name ? { name } : {}), ...(iban ? { iban } : {}), ...(taxId ? { taxId } : {}) },
    reference: bestReference(line.references),
    bankId: line.bankId,
  };
}

function statementJson(s: Statement): ParsedStatementJson {
  const currency = s.account.currency ?? s.lines[0]?.amount.currency ?? s.openingBalance?.amount.currency ?? '';
  const { iban, number } = s.account;
  const balance = (b: Statement['openingBalance']): { amount: string; date: string } | null =>
    b ? { amount: formatMinor(b.amount.minor, b.amount.currency || currency), date: b.date } : null;
  const t = s.controlTotals;
  return {
    account: { ...(iban ? { iban } : {}), ...(number ? { number } : {}), ...(s.account.currency ? { currency: s.account.currency } : {}) },
    openingBalance: balance(s.openingBalance),
    closingBalance: balance(s.closingBalance),
    controlTotals: t
      ? { debitCount: t.debitCount, debitSum: formatMinor(t.debitSum, currency), creditCount: t.creditCount, creditSum: formatMinor(t.creditSum, currency) }
      : null,
    transactions: s.lines.map(transactionJson),
  };
}

/** A parse result as `parse --json` prints it: amounts as decimal strings, dates YYYY-MM-DD. */
export function parseResultJson(result: ParseResult): ParseJson {
  return {
    format: result.format,
    encoding: result.encoding,
    statements: result.statements.map(statementJson),
    invoices: [],
    payments: [],
    diagnostics: result.diagnostics.map((d) => (d.line === undefined ? { level: d.level, code: d.code, message: d.message } : { ...d })),
  };
}

const SHOWN_LINES = 20;

function parseText(file: string, doc: ParseJson): string {
  const out = [`${basename(file)}: ${doc.format}, ${doc.encoding}, ${doc.statements.length} statement(s)`];
  for (const s of doc.statements) {
    const account = [s.account.iban, s.account.number].filter(Boolean).join(' / ') || 'account not named';
    out.push('', `Account ${account}${s.account.currency ? ` (${s.account.currency})` : ''}: ${s.transactions.length} transaction(s)`);
    if (s.openingBalance) out.push(`  opening balance ${s.openingBalance.amount} on ${s.openingBalance.date}`);
    if (s.closingBalance) out.push(`  closing balance ${s.closingBalance.amount} on ${s.closingBalance.date}`);
    const width = Math.max(0, ...s.transactions.slice(0, SHOWN_LINES).map((t) => t.amount.length));
    for (const t of s.transactions.slice(0, SHOWN_LINES)) {
      out.push(`  ${t.bookingDate}  ${t.amount.padStart(width)}  ${t.description.replace(/\s+/g, ' ').slice(0, 60)}`);
    }
    if (s.transactions.length > SHOWN_LINES) out.push(`  … and ${s.transactions.length - SHOWN_LINES} more (use --json for all)`);
  }
  for (const d of doc.diagnostics) out.push(`${d.level}: ${d.message}${d.line !== undefined && !/\bline \d/i.test(d.message) ? ` (line ${d.line})` : ''}`);
  return `${out.join('\n')}\n`;
}

/** The `--format` option as a format name, or a usage error listing the known ones. */
export function formatOption(ctx: CommandContext): StatementFormatName | undefined {
  const value = ctx.option('format')?.trim().toLowerCase();
  if (value === undefined) return undefined;
  const format = statementFormats.find((f) => f === value);
  if (!format) throw new UsageError(`--format must be one of ${statementFormats.join(', ')}, not ${JSON.stringify(value)}`);
  return format;
}

/** A file's bytes, or a one-line failure naming the file. */
export function readInputFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new CliError(`${file}: ${reason}`);
  }
}

const parseCommand: CommandSpec = {
  name: 'parse',
  summary: 'Read a bank-statement file and print what Cuadra finds in it (no database).',
  database: false,
  positionals: { valueName: '<file>', min: 1, max: 1 },
  options: {
    format: { type: 'string', valueName: 'FORMAT', description: `the file's format instead of detecting it (${statementFormats.join(', ')})` },
    encoding: { type: 'string', valueName: 'ENCODING', description: "the file's encoding instead of detecting it (utf-8, windows-1252, cp850, …)" },
  },
  async run(ctx) {
    const file = ctx.positionals[0]!;
    const bytes = readInputFile(file);
    const format = formatOption(ctx);
    const encoding = ctx.option('encoding');
    let result: ParseResult;
    try {
      result = parseStatementFile(bytes, { ...(format ? { format } : {}), ...(encoding ? { encoding } : {}) });
    } catch (error) {
      if (error instanceof CoreError) throw new CliError(`${basename(file)}: ${error.message}`, 1, error.code);
      ctx.log.error({ err: error, file }, 'importer failed');
      throw new CliError(`${basename(file)}: Cuadra could not read this file as a bank statement`, 1, 'import_unreadable');
    }
    const doc = parseResultJson(result);
    return { json: doc, text: parseText(file, doc) };
  },
};

/** The `parse` command. */
export const parseCommands: readonly CommandSpec[] = [parseCommand];
