/**
 * What preview and commit share: the file's hash and name, the company and the chosen account,
 * and turning a line plan into what the preview shows.
 */
import { createHash } from 'node:crypto';
import {
  CoreError,
  type AccountResolution,
  type ImportDiagnostic,
  type PossibleDuplicate,
  type StatementFormatName,
  type StatementSummary,
} from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { findAccountById, type AccountRow } from '../db/repos/accounts-repo.js';
import { findCompanyById, type CompanyRow } from '../db/repos/companies-repo.js';
import type { Diagnostic, Statement } from '../importers/types.js';
import type { FileAccount } from './statement-accounts.js';
import type { LinePlan } from './line-plan.js';

/** A file as the import service takes it (import-file.ts adds side, profile and mapping). */
export interface StatementFileInput {
  companyId: number;
  /** The account for a file that does not name its own (or to confirm the one it names). */
  accountId?: number | null;
  fileName: string;
  bytes: Uint8Array;
  encoding?: string;
  format?: StatementFormatName;
}

/** At most this many warnings are kept with a batch (a broken 1M-line file could raise one per line). */
export const MAX_WARNINGS = 1000;
/** Progress events are sent every this many lines. */
export const PROGRESS_EVERY = 10_000;
/** Write loops report to the progress reporter every this many lines; it checks for cancellation each time. */
export const CANCEL_CHECK_EVERY = 1_000;

/** Hex sha256 of the file's bytes: the same file is imported once per company and side. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The base name of a file name as a person would recognise it (no folders, one line, at most 255 characters). */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 255) || 'file';
}

/** The company, or `not_found`. */
export function requireCompanyRow(deps: CoreDeps, companyId: number): CompanyRow {
  const company = findCompanyById(deps.db, companyId);
  if (!company) throw new CoreError('not_found', `There is no company with id ${companyId}.`);
  return company;
}

/** The chosen account, which must belong to the company; null when none was chosen. */
export function chosenAccount(deps: CoreDeps, company: CompanyRow, accountId: number | null | undefined): AccountRow | null {
  if (accountId === null || accountId === undefined) return null;
  const row = findAccountById(deps.db, accountId);
  if (!row || row.company_id !== company.id) {
    throw new CoreError('not_found', `${company.name} has no bank account with id ${accountId}.`);
  }
  return row;
}

/** Parser diagnostics in the contract's shape (info included). */
export function toImportDiagnostics(diagnostics: readonly Diagnostic[]): ImportDiagnostic[] {
  return diagnostics.map((d) => (d.line === undefined ? { level: d.level, code: d.code, message: d.message } : { ...d }));
}

/** Warnings and errors worth keeping with a batch, capped at MAX_WARNINGS. */
export function keptWarnings(diagnostics: readonly ImportDiagnostic[]): ImportDiagnostic[] {
  const worth = diagnostics.filter((d) => d.level !== 'info');
  if (worth.length <= MAX_WARNINGS) return worth;
  return [
    ...worth.slice(0, MAX_WARNINGS),
    { level: 'warning', code: 'warnings_truncated', message: `${worth.length - MAX_WARNINGS} more warnings are not listed.` },
  ];
}

/** First and last booking date of a statement's lines, or nulls when it has none. */
export function statementPeriod(s: Statement): { from: string | null; to: string | null } {
  let from = s.periodFrom ?? null;
  let to = s.periodTo ?? null;
  if (from !== null && to !== null) return { from, to };
  let min: string | null = null;
  let max: string | null = null;
  for (const l of s.lines) {
    if (min === null || l.bookingDate < min) min = l.bookingDate;
    if (max === null || l.bookingDate > max) max = l.bookingDate;
  }
  from ??= min;
  to ??= max;
  return { from, to };
}

/** The statement's currency: as declared, else its first line's, else its account's. */
export function statementCurrency(s: Statement, account: FileAccount, fallback: string | null): string | null {
  return s.account.currency ?? s.lines[0]?.amount.currency ?? account.currency ?? fallback;
}

/** The preview's summary of each statement. */
export function summarize(
  statements: readonly Statement[],
  accounts: readonly FileAccount[],
  resolutions: readonly AccountResolution[],
  plan: LinePlan,
): StatementSummary[] {
  const newLines = new Array<number>(statements.length).fill(0);
  const dupLines = new Array<number>(statements.length).fill(0);
  const possible = new Array<number>(statements.length).fill(0);
  for (let i = 0; i < plan.lines.length; i++) {
    const s = plan.statementOf[i]!;
    if (plan.duplicate[i]) dupLines[s]!++;
    else newLines[s]!++;
    possible[s]! += plan.possible.get(i)?.length ?? 0;
  }
  return statements.map((s, i) => {
    const account = accounts[i]!;
    const period = statementPeriod(s);
    const debits = s.lines.filter((l) => l.amount.minor < 0).length;
    return {
      account: { iban: account.iban, number: account.number, currency: account.currency },
      resolution: resolutions[i]!,
      currency: statementCurrency(s, account, null),
      periodFrom: period.from,
      periodTo: period.to,
      lineCount: s.lines.length,
      debitCount: debits,
      creditCount: s.lines.length - debits,
      openingBalance: s.openingBalance ? { amountMinor: s.openingBalance.amount.minor, date: s.openingBalance.date } : null,
      closingBalance: s.closingBalance ? { amountMinor: s.closingBalance.amount.minor, date: s.closingBalance.date } : null,
      controlTotals: s.controlTotals
        ? {
            debitCount: s.controlTotals.debitCount,
            debitSumMinor: s.controlTotals.debitSum,
            creditCount: s.controlTotals.creditCount,
            creditSumMinor: s.controlTotals.creditSum,
          }
        : null,
      balanceChecked: s.balanceChecked,
      newLines: newLines[i]!,
      duplicateLines: dupLines[i]!,
      possibleDuplicates: possible[i]!,
    };
  });
}

/** The first `limit` possible duplicates of a plan, as the preview lists them. */
export function listPossibleDuplicates(plan: LinePlan, limit: number): PossibleDuplicate[] {
  const out: PossibleDuplicate[] = [];
  for (const [i, pairs] of plan.possible) {
    const line = plan.lines[i]!;
    for (const pair of pairs) {
      if (out.length >= limit) return out;
      out.push({
        reason: pair.reason,
        line: {
          bookingDate: line.bookingDate,
          amountMinor: line.amount.minor,
          currency: line.amount.currency,
          description: line.description,
          sourceLine: line.sourceLine ?? null,
        },
        existing: {
          lineId: pair.other.id,
          batchId: pair.other.batch_id,
          bookingDate: pair.other.booking_date,
          amountMinor: pair.other.amount_minor,
          description: pair.other.description,
        },
      });
    }
  }
  return out;
}
