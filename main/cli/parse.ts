import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CoreError, statementFormats, type StatementFormatName } from '../core/contract/index.js';
import { parseCfdi } from '../core/importers/cfdi/index.js';
import { parseStatementFile } from '../core/importers/index.js';
import { parseBankTable, parseBooksTable } from '../core/importers/tabular/index.js';
import { fileKind, isStatementFormat } from '../core/imports/import-file.js';
import { probeTable } from '../core/imports/tabular-read.js';
import type { Diagnostic } from '../core/importers/types.js';
import { CliError, UsageError, type CommandContext, type CommandSpec } from './command.js';
import { booksResultJson, parseResultJson, type ParseJson } from './parse-json.js';

export { bestReference, booksResultJson, parseResultJson } from './parse-json.js';
export type { ParseJson, ParsedInvoiceJson, ParsedPaymentJson, ParsedStatementJson, ParsedTransactionJson } from './parse-json.js';

const SHOWN_LINES = 20;

function parseText(file: string, doc: ParseJson): string {
  const books = doc.invoices.length > 0 || doc.payments.length > 0 || (doc.statements.length === 0 && doc.format === 'cfdi');
  const counts = books ? `${doc.invoices.length} item(s), ${doc.payments.length} payment(s)` : `${doc.statements.length} statement(s)`;
  const out = [`${basename(file)}: ${doc.format}, ${doc.encoding}, ${counts}`];
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
  if (doc.invoices.length > 0) out.push('');
  const width = Math.max(0, ...doc.invoices.slice(0, SHOWN_LINES).map((i) => i.amount.length));
  for (const i of doc.invoices.slice(0, SHOWN_LINES)) {
    const party = i.counterparty.name ?? i.counterparty.taxId ?? '';
    out.push(`  ${i.date}  ${i.amount.padStart(width)} ${i.currency}  ${i.kind}  ${i.documentNumber ?? i.id ?? ''}  ${party}`.trimEnd());
  }
  if (doc.invoices.length > SHOWN_LINES) out.push(`  … and ${doc.invoices.length - SHOWN_LINES} more (use --json for all)`);
  for (const p of doc.payments.slice(0, SHOWN_LINES)) {
    out.push(`  payment ${p.date}  ${p.amount} ${p.currency}  pays ${p.allocations.map((a) => `${a.invoiceUuid} (${a.amountPaid})`).join(', ')}`);
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

/** The `--side` option, or undefined; a usage error for anything but bank or books. */
export function sideOption(ctx: CommandContext): 'bank' | 'books' | undefined {
  const value = ctx.option('side')?.trim().toLowerCase();
  if (value === undefined) return undefined;
  if (value !== 'bank' && value !== 'books') throw new UsageError(`--side must be bank or books, not ${JSON.stringify(value)}`);
  return value;
}

/** Parses any file Cuadra reads, without a database: statements, spreadsheets (bank or books) and CFDI. */
function parseAny(bytes: Uint8Array, o: { format: StatementFormatName | undefined; encoding: string | undefined; side: 'bank' | 'books' | undefined }): ParseJson {
  const encoding = o.encoding ? { encoding: o.encoding } : {};
  const kind = fileKind(bytes, o.format);
  if (kind === 'cfdi') return booksResultJson(parseCfdi(bytes));
  if (kind === 'statement') {
    const format = o.format !== undefined && isStatementFormat(o.format) ? { format: o.format } : {};
    return parseResultJson(parseStatementFile(bytes, { ...format, ...encoding }));
  }
  const probe = o.side === undefined ? probeTable(bytes, o.encoding) : null;
  const side = o.side ?? probe?.side ?? 'bank';
  const decided: Diagnostic[] = probe ? [{ level: 'info', code: 'side_decided', message: probe.reason }] : [];
  if (side === 'bank') {
    const { layout: _layout, ...parsed } = parseBankTable(bytes, encoding);
    return parseResultJson({ ...parsed, diagnostics: [...decided, ...parsed.diagnostics] });
  }
  const { layout: _layout, ...parsed } = parseBooksTable(bytes, encoding);
  return booksResultJson({ ...parsed, diagnostics: [...decided, ...parsed.diagnostics] });
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
  summary: 'Read a bank statement, a bank or books spreadsheet or a CFDI and print what Cuadra finds in it (no database).',
  database: false,
  positionals: { valueName: '<file>', min: 1, max: 1 },
  options: {
    format: { type: 'string', valueName: 'FORMAT', description: `the file's format instead of detecting it (${statementFormats.join(', ')})` },
    encoding: { type: 'string', valueName: 'ENCODING', description: "the file's encoding instead of detecting it (utf-8, windows-1252, cp850, …)" },
    side: { type: 'string', valueName: 'bank|books', description: 'spreadsheets: a bank export or a books file (decided from the columns when absent)' },
  },
  async run(ctx) {
    const file = ctx.positionals[0]!;
    const bytes = readInputFile(file);
    const format = formatOption(ctx);
    const encoding = ctx.option('encoding');
    let doc: ParseJson;
    try {
      doc = parseAny(bytes, { format, encoding, side: sideOption(ctx) });
    } catch (error) {
      if (error instanceof CoreError) throw new CliError(`${basename(file)}: ${error.message}`, 1, error.code);
      ctx.log.error({ err: error, file }, 'importer failed');
      throw new CliError(`${basename(file)}: Cuadra could not read this file`, 1, 'import_unreadable');
    }
    return { json: doc, text: parseText(file, doc) };
  },
};

/** The `parse` command. */
export const parseCommands: readonly CommandSpec[] = [parseCommand];
