/**
 * One OFX statement (`STMTRS` bank, `CCSTMTRS` credit card) → a Statement.
 *
 * - Currency: CURDEF; when empty, the CURSYM of the transactions' CURRENCY; when nothing
 *   states one, `XXX` (ISO 4217 "no currency") with 2 decimals and a warning.
 * - Closing balance: LEDGERBAL (BALAMT at DTASOF; DTEND when DTASOF is missing). An empty or
 *   blank BALAMT is unknown, never 0. AVAILBAL is the available balance. Credit-card balances
 *   are kept with the file's sign (LEDGERBAL −123.45 = owed; AVAILBAL +123.45 = credit left).
 * - Opening balance: OFX has none, so it is derived as LEDGERBAL − Σ lines, dated DTSTART,
 *   flagged `openingBalanceDerived`, and the balance check is null (it would be true by
 *   construction).
 */
import { amountToMinor, asIban, makeBankIdsUnique } from '../line-helpers.js';
import { isParseError } from '../errors.js';
import type { Balance, Diagnostic, Statement, StatementAccount, StatementLine } from '../types.js';
import { ofxChild, ofxFindAll, ofxValue, type OfxNode } from './tree.js';
import { readTransaction } from './transaction.js';
import { assertOfxAmount, parseOfxDate } from './values.js';

const CCY_RE = /^[A-Z]{3}$/;

function statementCurrency(stmt: OfxNode, diagnostics: Diagnostic[]): string {
  const curdef = ofxValue(stmt, 'CURDEF')?.toUpperCase();
  if (curdef !== undefined && CCY_RE.test(curdef)) return curdef;
  const fromLines = ofxFindAll(stmt, 'STMTTRN')
    .map((t) => ofxValue(t, 'CURRENCY', 'CURSYM')?.toUpperCase())
    .find((c) => c !== undefined && CCY_RE.test(c));
  if (fromLines !== undefined) {
    diagnostics.push({ level: 'info', code: 'ofx_currency_inferred', message: `CURDEF is empty; the transactions' currency ${fromLines} is used.`, line: stmt.line });
    return fromLines;
  }
  diagnostics.push({
    level: 'warning',
    code: 'ofx_currency_missing',
    message: 'The statement states no currency (CURDEF); amounts are read with 2 decimals as XXX (no currency).',
    line: stmt.line,
  });
  return 'XXX';
}

function readBalance(agg: OfxNode | undefined, currency: string, fallbackDate: string | undefined, diagnostics: Diagnostic[]): Balance | null {
  if (!agg) return null;
  const raw = ofxValue(agg, 'BALAMT');
  if (raw === undefined) {
    diagnostics.push({ level: 'info', code: 'ofx_balance_empty', message: `${agg.name} has no amount; the balance is unknown.`, line: agg.line });
    return null;
  }
  let minor: number;
  try {
    minor = amountToMinor(assertOfxAmount(raw), currency, diagnostics, agg.line);
  } catch (err) {
    if (!isParseError(err)) throw err;
    diagnostics.push({ level: 'warning', code: 'ofx_balance_invalid', message: `${agg.name} amount "${raw}" is not an amount; the balance is unknown.`, line: agg.line });
    return null;
  }
  const date = parseOfxDate(ofxValue(agg, 'DTASOF')) ?? fallbackDate;
  if (date === undefined) {
    diagnostics.push({ level: 'warning', code: 'ofx_balance_date', message: `${agg.name} has no usable date; the balance is not used.`, line: agg.line });
    return null;
  }
  return { amount: { minor, currency }, date };
}

function readAccount(stmt: OfxNode, currency: string): StatementAccount {
  const from = ofxChild(stmt, 'BANKACCTFROM') ?? ofxChild(stmt, 'CCACCTFROM');
  const account: StatementAccount = {};
  const acctId = ofxValue(from, 'ACCTID');
  if (acctId !== undefined) account.number = acctId;
  const iban = asIban(acctId);
  if (iban !== undefined) account.iban = iban;
  if (currency !== 'XXX') account.currency = currency;
  return account;
}

/** Read one STMTRS / CCSTMTRS into a Statement (see module doc). */
export function readOfxStatement(stmt: OfxNode, diagnostics: Diagnostic[]): Statement {
  const currency = statementCurrency(stmt, diagnostics);
  const account = readAccount(stmt, currency);
  if (account.number === undefined) {
    diagnostics.push({ level: 'warning', code: 'ofx_account_missing', message: `${stmt.name} names no account (ACCTID).`, line: stmt.line });
  }
  const list = ofxChild(stmt, 'BANKTRANLIST');
  const periodFrom = parseOfxDate(ofxValue(list, 'DTSTART')) ?? undefined;
  const periodTo = parseOfxDate(ofxValue(list, 'DTEND')) ?? undefined;
  const env = { currency, diagnostics };
  const lines: StatementLine[] = [];
  for (const trn of ofxFindAll(list ?? stmt, 'STMTTRN')) {
    const line = readTransaction(trn, env);
    if (line) lines.push(line);
  }
  const missingIds = lines.filter((l) => l.bankId === null).length;
  if (missingIds > 0) {
    diagnostics.push({
      level: 'info',
      code: 'ofx_missing_fitid',
      message: `${missingIds} transaction(s) have no FITID; duplicates among them are recognised by content and occurrence.`,
      line: stmt.line,
    });
  }
  makeBankIdsUnique(lines, diagnostics, 'FITID');

  const lastLineDate = lines.reduce<string | undefined>((m, l) => (m === undefined || l.bookingDate > m ? l.bookingDate : m), undefined);
  const closing = readBalance(ofxChild(stmt, 'LEDGERBAL'), currency, periodTo ?? lastLineDate, diagnostics);
  const available = readBalance(ofxChild(stmt, 'AVAILBAL'), currency, periodTo ?? lastLineDate, diagnostics);
  const statement: Statement = {
    account,
    openingBalance: null,
    closingBalance: closing,
    controlTotals: null,
    lines,
    balanceChecked: null,
    sourceLine: stmt.line,
  };
  if (available) statement.availableBalance = available;
  if (periodFrom !== undefined) statement.periodFrom = periodFrom;
  if (periodTo !== undefined) statement.periodTo = periodTo;
  if (closing) {
    const sum = lines.filter((l) => l.amount.currency === currency).reduce((s, l) => s + l.amount.minor, 0);
    const firstLineDate = lines.reduce<string | undefined>((m, l) => (m === undefined || l.bookingDate < m ? l.bookingDate : m), undefined);
    statement.openingBalance = { amount: { minor: closing.amount.minor - sum, currency }, date: periodFrom ?? firstLineDate ?? closing.date };
    statement.openingBalanceDerived = true;
    diagnostics.push({
      level: 'info',
      code: 'ofx_opening_derived',
      message: 'OFX gives no opening balance; it is derived as the ledger balance minus the transactions, so it cannot confirm them.',
      line: stmt.line,
    });
  }
  return statement;
}
