/**
 * One CAMT statement / report / notification (`Stmt`, `Rpt`, `Ntfctn`) → a Statement:
 * account, balances, entries, and the control totals of `TxsSummry`.
 */
import { asIban, makeBankIdsUnique } from '../line-helpers.js';
import type { ControlTotals, Diagnostic, Statement, StatementAccount, StatementLine } from '../types.js';
import type { XmlElement } from '../xml-safety.js';
import { chooseBalances, firstBalanceCurrency } from './balances.js';
import { entryLines, type EntryResult } from './entry.js';
import { at, child, childrenNamed, textAt } from './xml-query.js';
import { dateOfText, note, readAmount } from './values.js';

export interface StatementEnv {
  format: 'camt052' | 'camt053' | 'camt054';
  /** Date of the message (GrpHdr/CreDtTm), last resort for undated balances and entries. */
  messageDate: string | undefined;
  diagnostics: Diagnostic[];
}

function readAccount(stmt: XmlElement): StatementAccount {
  const acct = child(stmt, 'Acct');
  const account: StatementAccount = {};
  const iban = textAt(acct, 'Id', 'IBAN');
  const other = textAt(acct, 'Id', 'Othr', 'Id');
  const validIban = asIban(iban ?? other);
  if (validIban !== undefined) account.iban = validIban;
  else if (iban !== undefined) account.iban = iban.replace(/\s+/g, '').toUpperCase();
  if (other !== undefined) account.number = other;
  const ccy = textAt(acct, 'Ccy')?.toUpperCase();
  if (ccy !== undefined && /^[A-Z]{3}$/.test(ccy)) account.currency = ccy;
  const owner = textAt(acct, 'Ownr', 'Nm') ?? textAt(acct, 'Ownr', 'Pty', 'Nm');
  if (owner !== undefined) account.ownerName = owner;
  const bic = textAt(acct, 'Svcr', 'FinInstnId', 'BICFI') ?? textAt(acct, 'Svcr', 'FinInstnId', 'BIC');
  if (bic !== undefined) account.bic = bic;
  return account;
}

/**
 * Declared control totals (`TxsSummry`). The entry count is checked here; debit/credit counts and
 * sums are compared by the shared checks (checks.ts), which count a split batch once (`splitFrom`).
 */
function controlTotals(stmt: XmlElement, entries: EntryResult[], currency: string | undefined, diagnostics: Diagnostic[]): ControlTotals | null {
  const summary = child(stmt, 'TxsSummry');
  if (!summary) return null;
  const declaredCount = textAt(summary, 'TtlNtries', 'NbOfNtries');
  if (declaredCount !== undefined && Number(declaredCount) !== entries.length) {
    note(diagnostics, 'warning', 'control_count_mismatch',
      `The statement declares ${declaredCount} entries (TxsSummry) but contains ${entries.length}.`, summary.line);
  }
  const cdt = child(summary, 'TtlCdtNtries');
  const dbt = child(summary, 'TtlDbtNtries');
  if (!cdt && !dbt) return null;
  const sumOf = (el: XmlElement | undefined): number => {
    const sum = at(el, 'Sum');
    if (!sum) return 0;
    return readAmount(sum, currency, diagnostics)?.minor ?? 0;
  };
  return {
    creditCount: Number(textAt(cdt, 'NbOfNtries') ?? 0) || 0,
    creditSum: sumOf(cdt),
    debitCount: Number(textAt(dbt, 'NbOfNtries') ?? 0) || 0,
    debitSum: sumOf(dbt),
  };
}

/** True when the entries match the declared totals (a zero-amount entry counts on its CdtDbtInd side). */
function totalsAgree(totals: ControlTotals, entries: EntryResult[]): boolean {
  const credits = entries.filter((e) => e.sign > 0);
  const debits = entries.filter((e) => e.sign < 0);
  return (
    totals.creditCount === credits.length &&
    totals.debitCount === debits.length &&
    totals.creditSum === credits.reduce((t, e) => t + e.signedMinor, 0) &&
    totals.debitSum === -debits.reduce((t, e) => t + e.signedMinor, 0)
  );
}

/** Build one Statement from a `Stmt` / `Rpt` / `Ntfctn` element. */
export function buildStatement(stmt: XmlElement, env: StatementEnv): Statement {
  const d = env.diagnostics;
  const account = readAccount(stmt);
  const entriesEl = childrenNamed(stmt, 'Ntry');
  const firstEntryCcy = entriesEl.map((n) => at(n, 'Amt')?.attrs['Ccy']?.trim().toUpperCase()).find((c) => c !== undefined && /^[A-Z]{3}$/.test(c));
  const currency = account.currency ?? firstBalanceCurrency(stmt) ?? firstEntryCcy;
  if (account.currency === undefined && currency !== undefined) {
    account.currency = currency;
    note(d, 'info', 'camt_currency_inferred', `The account has no currency (Acct/Ccy); ${currency} is taken from its amounts.`, stmt.line);
  }
  const frToDt = child(stmt, 'FrToDt');
  const periodFrom = dateOfText(textAt(frToDt, 'FrDtTm') ?? textAt(frToDt, 'FrDt'));
  const periodTo = dateOfText(textAt(frToDt, 'ToDtTm') ?? textAt(frToDt, 'ToDt'));
  const fallbackDate = periodTo ?? dateOfText(textAt(stmt, 'CreDtTm')) ?? env.messageDate;
  const balances = chooseBalances(stmt, currency, fallbackDate, d);

  const entryEnv = {
    format: env.format,
    accountCurrency: currency,
    accountIban: account.iban,
    ownerName: account.ownerName,
    fallbackDate,
    diagnostics: d,
  };
  const entries: EntryResult[] = [];
  const lines: StatementLine[] = [];
  for (const n of entriesEl) {
    const r = entryLines(n, entryEnv);
    if (!r) continue;
    entries.push(r);
    lines.push(...r.lines);
  }
  if (entriesEl.length === 0) note(d, 'info', 'camt_no_entries', 'The statement has no entries (balances only).', stmt.line);
  makeBankIdsUnique(lines, d, 'AcctSvcrRef');

  const totals = controlTotals(stmt, entries, currency, d);
  const statement: Statement = {
    account,
    openingBalance: balances.opening,
    closingBalance: balances.closing,
    controlTotals: totals,
    lines,
    balanceChecked: null,
  };
  if (balances.available) statement.availableBalance = balances.available;
  if (balances.forwardAvailable.length > 0) statement.forwardAvailableBalances = balances.forwardAvailable;
  statement.sourceLine = stmt.line;
  const information = textAt(stmt, 'AddtlStmtInf') ?? textAt(stmt, 'AddtlRptInf') ?? textAt(stmt, 'AddtlNtfctnInf');
  if (information !== undefined) statement.information = information;
  const id = textAt(stmt, 'Id');
  if (id !== undefined) statement.statementId = id;
  if (periodFrom !== undefined) statement.periodFrom = periodFrom;
  if (periodTo !== undefined) statement.periodTo = periodTo;
  // The same rule as the shared checks (checks.ts), so direct callers see the same verdict.
  if (balances.opening && balances.closing) {
    const booked = entries.filter((e) => e.booked && e.currency === currency).reduce((s, e) => s + e.signedMinor, 0);
    statement.balanceChecked = balances.opening.amount.minor + booked === balances.closing.amount.minor;
  }
  if (totals) statement.balanceChecked = (statement.balanceChecked ?? true) && totalsAgree(totals, entries);
  return statement;
}
