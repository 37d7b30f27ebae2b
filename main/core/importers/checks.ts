/**
 * Statement checks shared by every bank format: opening + Σ lines = closing, and the file's own
 * control totals (debit/credit counts and sums) against its lines. Mismatches are warnings with
 * the figures, never errors: real files are often inconsistent. Sets `statement.balanceChecked`.
 */
import type { Diagnostic, Statement, StatementLine } from './types.js';
import { formatMinor } from './money.js';

/** A name for the statement in messages: its account and position in the file. */
function label(statement: Statement, index: number, total: number): string {
  const account = statement.account.iban ?? statement.account.number;
  const position = total > 1 ? `Statement ${index + 1}` : 'The statement';
  return account ? `${position} (account ${account})` : position;
}

/** Check every statement in place; returns the diagnostics to add to the result. */
export function checkStatements(statements: Statement[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  statements.forEach((s, i) => {
    diagnostics.push(...checkStatement(s, label(s, i, statements.length)));
  });
  return diagnostics;
}

/** Check one statement in place (sets balanceChecked) and return its diagnostics. */
export function checkStatement(statement: Statement, name: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = statement.sourceLine !== undefined ? { line: statement.sourceLine } : {};
  let checked = 0;
  let failed = 0;

  const { openingBalance: opening, closingBalance: closing } = statement;
  // A derived opening (OFX: ledger balance − Σ lines) makes the equation true by construction: nothing to check.
  if (opening && closing && !statement.openingBalanceDerived) {
    const currency = opening.amount.currency;
    const foreign = statement.lines.filter((l) => l.amount.currency !== currency);
    if (closing.amount.currency !== currency || foreign.length > 0) {
      diagnostics.push({
        level: 'info',
        code: 'balance_not_checked',
        message: `${name}: the balances and lines are in different currencies, so the balance was not checked.`,
        ...at,
      });
    } else {
      checked++;
      // Lines the bank has not booked (CAMT PDNG/INFO) are not in the booked balances.
      const movements = sumLines(statement.lines.filter((l) => l.booked !== false));
      const expected = opening.amount.minor + movements;
      if (expected !== closing.amount.minor) {
        failed++;
        const f = (n: number): string => formatMinor(n, currency);
        diagnostics.push({
          level: 'warning',
          code: 'balance_mismatch',
          message:
            `${name}: opening balance ${f(opening.amount.minor)} + movements ${f(movements)} = ${f(expected)} ${currency}, ` +
            `but the closing balance is ${f(closing.amount.minor)} (difference ${f(closing.amount.minor - expected)}).`,
          ...at,
        });
      }
    }
  }

  const totals = statement.controlTotals;
  if (totals) {
    checked++;
    const currency = statement.account.currency ?? statement.lines[0]?.amount.currency ?? '';
    const actual = tally(statement.lines);
    // A zero-amount line may be declared on either side (OCA/l10n-spain#1155): it can fill either count.
    const countsOk =
      totals.debitCount + totals.creditCount === actual.debitCount + actual.creditCount + actual.zeroCount &&
      totals.debitCount >= actual.debitCount &&
      totals.creditCount >= actual.creditCount;
    if (!countsOk || totals.debitSum !== actual.debitSum || totals.creditSum !== actual.creditSum) {
      failed++;
      const f = (n: number): string => formatMinor(n, currency);
      const zero = actual.zeroCount > 0 ? ` and ${actual.zeroCount} of amount zero` : '';
      diagnostics.push({
        level: 'warning',
        code: 'control_totals_mismatch',
        message:
          `${name}: the file declares ${totals.debitCount} debits totalling ${f(totals.debitSum)} and ` +
          `${totals.creditCount} credits totalling ${f(totals.creditSum)}, but its lines have ` +
          `${actual.debitCount} debits totalling ${f(actual.debitSum)} and ${actual.creditCount} credits totalling ${f(actual.creditSum)}${zero}.`,
        ...at,
      });
    }
  }
  statement.balanceChecked = checked === 0 ? null : failed === 0;
  return diagnostics;
}

/** Σ of signed line amounts (minor units). */
export function sumLines(lines: StatementLine[]): number {
  return lines.reduce((sum, l) => sum + l.amount.minor, 0);
}

/** Signed amounts of the file's entries: lines split from one entry (same `splitFrom`, a CAMT batch) count once. */
function entryAmounts(lines: StatementLine[]): number[] {
  const amounts: number[] = [];
  const groups = new Map<string, number>();
  for (const l of lines) {
    const at = l.splitFrom === undefined ? undefined : groups.get(l.splitFrom);
    if (at !== undefined) {
      amounts[at] = (amounts[at] ?? 0) + l.amount.minor;
      continue;
    }
    if (l.splitFrom !== undefined) groups.set(l.splitFrom, amounts.length);
    amounts.push(l.amount.minor);
  }
  return amounts;
}

/** Debit/credit counts and positive sums of the file's entries; zero-amount entries counted apart. */
export function tally(lines: StatementLine[]): { debitCount: number; debitSum: number; creditCount: number; creditSum: number; zeroCount: number } {
  const t = { debitCount: 0, debitSum: 0, creditCount: 0, creditSum: 0, zeroCount: 0 };
  for (const minor of entryAmounts(lines)) {
    if (minor < 0) {
      t.debitCount++;
      t.debitSum -= minor;
    } else if (minor > 0) {
      t.creditCount++;
      t.creditSum += minor;
    } else {
      t.zeroCount++;
    }
  }
  return t;
}
