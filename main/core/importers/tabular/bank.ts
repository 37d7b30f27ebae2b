/**
 * Bank exports as tables (CSV, XLSX, legacy XLS, HTML saved as .xls) → one Statement per
 * currency (PayPal exports mix currencies; a bank account export has one). Opening balance =
 * first running balance − first movement, closing = last running balance, checked by the
 * shared statement checks. PayPal fees become their own lines after the gross line.
 */
import { CoreError } from '../../contract/errors.js';
import { checkStatements } from '../checks.js';
import { asIban, makeBankIdsUnique } from '../line-helpers.js';
import { isValidCreditorReference } from '../references.js';
import type { Diagnostic, ParseResult, References, Statement, StatementLine } from '../types.js';
import { applyLayout } from './apply.js';
import { readGrid } from './grid.js';
import { detectLayout } from './layout.js';
import { layoutFromProfile, type TabularProfile } from './profile.js';
import { layoutDiagnostics } from './report.js';
import { taxIdReader } from './tax.js';
import type { TabularLayout, TabularRecord } from './types.js';

export interface TabularParseOptions {
  /** A saved or just-made mapping to apply instead of detecting the layout. */
  profile?: TabularProfile;
  /** Encoding of text files (CSV, HTML) chosen by the person. */
  encoding?: string;
  /** The account's currency, used when the file names none. */
  currency?: string;
}

/** The result of a bank table: a ParseResult plus the layout it was read with. */
export type BankTableResult = ParseResult & { layout: TabularLayout };

/** Parse a bank export table. Throws CoreError('import_unreadable' | 'invalid_input') only. */
export function parseBankTable(bytes: Uint8Array, options: TabularParseOptions = {}): BankTableResult {
  const read = readGrid(bytes, options.encoding !== undefined ? { encoding: options.encoding } : {});
  const layout = options.profile ? layoutFromProfile(read.grid, options.profile, 'bank') : detectLayout(read.grid, { side: 'bank' });
  const diagnostics: Diagnostic[] = [...read.diagnostics, ...layoutDiagnostics(layout)];
  const result = (statements: Statement[]): BankTableResult => ({ format: read.format, encoding: read.encoding, statements, diagnostics, layout });
  if (!layout.columns.some((c) => c.role === 'date') || layout.confidence === 0) {
    diagnostics.push({ level: 'error', code: 'columns_not_found', message: 'Cuadra could not find the date and amount columns of this table: map the columns by hand.' });
    return result([]);
  }
  const applied = applyLayout(read.grid, layout, options.currency !== undefined ? { currency: options.currency } : {});
  diagnostics.push(...applied.diagnostics);
  if (applied.records.length === 0) {
    throw new CoreError('import_unreadable', 'The table has no movement with a readable date and amount.');
  }
  if (applied.records.some((r) => r.currency === 'XXX')) {
    diagnostics.push({ level: 'info', code: 'currency_unknown', message: 'The file does not say its currency; choose the account so its currency is used.' });
  }
  const currencies = [...new Set(applied.records.map((r) => r.currency))];
  const statements = currencies.map((currency) => buildStatement(
    applied.records.filter((r) => r.currency === currency),
    applied.chain.filter((r) => r.currency === currency),
    layout,
    diagnostics,
  ));
  diagnostics.push(...checkStatements(statements));
  return result(statements);
}

function buildStatement(records: readonly TabularRecord[], chain: readonly TabularRecord[], layout: TabularLayout, diagnostics: Diagnostic[]): Statement {
  const currency = records[0]?.currency ?? 'XXX';
  const lines: StatementLine[] = [];
  const taxId = taxIdReader(diagnostics);
  for (const r of records) {
    const line = lineOf(r, taxId(r.taxId, r.row));
    lines.push(line);
    if (r.fee !== null && r.fee !== 0) {
      lines.push({
        ...line,
        amount: { minor: r.fee, currency: r.currency },
        description: `Comisión / fee: ${line.description}`.trim(),
        bankId: r.id !== null ? `${r.id}#fee` : null,
        bankCode: 'fee',
      });
    }
  }
  makeBankIdsUnique(lines, diagnostics, 'id');
  const first = chain[0];
  const last = chain[chain.length - 1];
  const account: Statement['account'] = { ...(layout.account ?? {}), ...(currency !== 'XXX' ? { currency } : {}) };
  const statement: Statement = {
    account,
    openingBalance: first && first.balance !== null
      ? { amount: { minor: first.balance - first.amount - (first.fee ?? 0), currency }, date: first.date }
      : null,
    closingBalance: last && last.balance !== null ? { amount: { minor: last.balance, currency }, date: last.date } : null,
    controlTotals: null,
    lines,
    balanceChecked: null,
  };
  const dates = records.map((r) => r.date).sort();
  if (dates.length > 0) {
    statement.periodFrom = dates[0] as string;
    statement.periodTo = dates[dates.length - 1] as string;
  }
  if (records[0]) statement.sourceLine = records.reduce((min, r) => Math.min(min, r.row), records[0].row);
  return statement;
}

function lineOf(r: TabularRecord, taxId: string | null): StatementLine {
  const references: References = {};
  const other: string[] = [];
  for (const ref of r.references) {
    const compact = ref.replace(/\s+/g, '').toUpperCase();
    if (references.creditorReference === undefined && isValidCreditorReference(compact)) references.creditorReference = compact;
    else other.push(ref);
  }
  if (other.length > 0) references.other = other;
  if (r.documentNumber !== null) references.documentNumber = r.documentNumber;
  const counterparty: StatementLine['counterparty'] = {};
  if (r.counterparty !== null) {
    const iban = asIban(r.counterparty);
    if (iban) counterparty.iban = iban;
    else counterparty.name = r.counterparty;
  }
  if (taxId !== null) counterparty.taxId = taxId;
  return {
    bookingDate: r.date,
    valueDate: r.valueDate,
    amount: { minor: r.amount, currency: r.currency },
    description: r.description || r.counterparty || r.kind || '',
    counterparty,
    references,
    bankId: r.id,
    reversal: false,
    provisional: false,
    ...(r.kind !== null ? { bankCode: r.kind } : {}),
    sourceLine: r.row,
  };
}
