import type { ColumnRole, TabularLayout, TabularProfile } from '../../../../main/core/contract/index.js';

/** The column roles offered on the mapping screen, in the order a person looks for them. */
export const bankRoles: readonly ColumnRole[] = [
  'date', 'valueDate', 'amount', 'debit', 'credit', 'dcFlag', 'description', 'counterparty', 'taxId',
  'reference', 'balance', 'currency', 'id', 'kind', 'fee', 'gross', 'net', 'ignore',
];
export const booksRoles: readonly ColumnRole[] = [
  'date', 'documentNumber', 'dueDate', 'amount', 'openAmount', 'debit', 'credit', 'dcFlag', 'description',
  'counterparty', 'taxId', 'reference', 'currency', 'id', 'kind', 'valueDate', 'balance', 'ignore',
];
export const signConventions = ['signed', 'inverted', 'debit_credit', 'dc_flag', 'gross_fee_net'] as const;
export const dateOrders = ['dmy', 'mdy', 'ymd'] as const;

/** How many columns a layout has: headers and sample rows may disagree on ragged files. */
export function columnCount(layout: TabularLayout): number {
  return Math.max(layout.headers.length, ...layout.sampleRows.map((row) => row.length), ...layout.columns.map((c) => c.index + 1), 0);
}

/** A profile name from a file name: "movimientos_marzo.xlsx" → "movimientos_marzo". */
export function profileNameOf(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').trim();
  return (base === '' ? fileName : base).slice(0, 100);
}

/**
 * The mapping the mapping screen starts from: the importer's own reading of the layout (or the
 * mapping already applied), one entry per column so the person sees every column.
 */
export function draftFromLayout(layout: TabularLayout, side: 'bank' | 'books', fileName: string, applied: TabularProfile | null): TabularProfile {
  if (applied) return applied;
  const count = columnCount(layout);
  const headerless = layout.headerRow === null;
  return {
    name: profileNameOf(fileName),
    side,
    columns: Array.from({ length: count }, (_, index) => ({
      header: headerless ? '' : (layout.headers[index] ?? ''),
      role: layout.columns.find((c) => c.index === index)?.role ?? 'ignore',
    })),
    dateOrder: layout.dateOrder,
    decimalSeparator: layout.decimalSeparator,
    signConvention: layout.signConvention,
    ledger: false,
  };
}

/** The role of column `index` in a draft ('ignore' past its end). */
export const roleAt = (draft: TabularProfile, index: number): ColumnRole => draft.columns[index]?.role ?? 'ignore';

/** A draft with one column's role changed; the sign convention follows the money columns chosen. */
export function withRole(draft: TabularProfile, index: number, role: ColumnRole, headers: readonly string[]): TabularProfile {
  const columns = [...draft.columns];
  while (columns.length <= index) columns.push({ header: headers[columns.length] ?? '', role: 'ignore' });
  columns[index] = { header: columns[index]?.header ?? '', role };
  const roles = new Set(columns.map((c) => c.role));
  let signConvention = draft.signConvention;
  if (roles.has('debit') && roles.has('credit')) signConvention = 'debit_credit';
  else if (roles.has('dcFlag') && roles.has('amount')) signConvention = 'dc_flag';
  else if (roles.has('gross') && roles.has('net')) signConvention = 'gross_fee_net';
  else if (signConvention === 'debit_credit' || signConvention === 'dc_flag' || signConvention === 'gross_fee_net') signConvention = 'signed';
  return { ...draft, columns, signConvention };
}

/** What is missing before a mapping can be read: a date column and a way to know the amount. */
export type MappingProblem = 'noDate' | 'noAmount' | 'duplicateRole';

/** Problems the person can see at once, before the core is asked. */
export function mappingProblems(draft: TabularProfile): MappingProblem[] {
  const roles = draft.columns.map((c) => c.role);
  const has = (role: ColumnRole): boolean => roles.includes(role);
  const problems: MappingProblem[] = [];
  if (!has('date')) problems.push('noDate');
  const money = has('amount') || has('openAmount') || (has('debit') && has('credit')) || has('debit') || has('credit') || has('net') || has('gross');
  if (!money) problems.push('noAmount');
  const single: ColumnRole[] = ['date', 'amount', 'balance', 'valueDate', 'dueDate', 'openAmount', 'documentNumber'];
  if (single.some((role) => roles.filter((r) => r === role).length > 1)) problems.push('duplicateRole');
  return problems;
}
