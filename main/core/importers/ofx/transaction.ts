/**
 * One OFX `STMTTRN` → a statement line.
 *
 * - Sign comes from TRNAMT only; TRNTYPE (DEBIT, POS, `Credit`, empty…) is kept as bankCode.
 * - bookingDate = DTPOSTED; valueDate = DTUSER, else DTAVAIL, else the non-standard VALUEDATE.
 * - description = NAME (or PAYEE/NAME) and MEMO joined without repeating one inside the other
 *   (NAME is often MEMO cut at 32 characters); a NAME of only zeros is ignored.
 * - FITID is the bank id (made unique per statement later); CHECKNUM (not `0`) is the document
 *   number; REFNUM and SRVRTID go to other references.
 * - `<CURRENCY>`: TRNAMT is in CURSYM; the line is converted to the statement currency with
 *   CURRATE and keeps the original as originalAmount. `<ORIGCURRENCY>`: TRNAMT is already in
 *   the statement currency; the original amount is TRNAMT ÷ CURRATE.
 * A transaction without a usable amount or date is skipped with an error diagnostic.
 */
import { isParseError } from '../errors.js';
import { amountToMinor, asIban, collapseSpaces, joinDistinct } from '../line-helpers.js';
import type { Counterparty, Diagnostic, DiagnosticLevel, Money, References, StatementLine } from '../types.js';
import { ofxChild, ofxValue, type OfxNode } from './tree.js';
import { assertOfxAmount, convertMinor, parseOfxDate } from './values.js';

export interface TransactionEnv {
  currency: string;
  diagnostics: Diagnostic[];
}

function note(env: TransactionEnv, level: DiagnosticLevel, code: string, message: string, line: number): void {
  env.diagnostics.push({ level, code, message, line });
}

const meaningful = (v: string | undefined): string | undefined => (v === undefined || /^[0\s.-]*$/.test(v) ? undefined : collapseSpaces(v));

function readDates(trn: OfxNode, env: TransactionEnv): { booking: string; value: string | null } | undefined {
  const posted = parseOfxDate(ofxValue(trn, 'DTPOSTED'));
  let value: string | null = null;
  for (const tag of ['DTUSER', 'DTAVAIL', 'VALUEDATE']) {
    const raw = ofxValue(trn, tag);
    const d = parseOfxDate(raw);
    if (d === null) note(env, 'warning', 'ofx_date_invalid', `${tag} "${raw ?? ''}" is not a valid date; ignored.`, trn.line);
    if (d) {
      value = d;
      break;
    }
  }
  if (posted) return { booking: posted, value };
  const raw = ofxValue(trn, 'DTPOSTED') ?? '';
  if (value !== null) {
    note(env, 'warning', 'ofx_date_invalid', `DTPOSTED "${raw}" is missing or invalid; the value date ${value} is used.`, trn.line);
    return { booking: value, value };
  }
  note(env, 'error', 'ofx_transaction_skipped', `A transaction with ${raw === '' ? 'no posting date' : `an invalid posting date "${raw}"`} was skipped.`, trn.line);
  return undefined;
}

function readAmount(trn: OfxNode, env: TransactionEnv): { amount: Money; original?: Money } | undefined {
  const raw = ofxValue(trn, 'TRNAMT');
  if (raw === undefined) {
    note(env, 'error', 'ofx_transaction_skipped', 'A transaction without TRNAMT was skipped.', trn.line);
    return undefined;
  }
  const foreign = ofxChild(trn, 'CURRENCY');
  const orig = ofxChild(trn, 'ORIGCURRENCY');
  const cursym = ofxValue(foreign, 'CURSYM')?.toUpperCase();
  const inForeign = cursym !== undefined && /^[A-Z]{3}$/.test(cursym) && cursym !== env.currency;
  try {
    const text = assertOfxAmount(raw);
    if (inForeign) {
      const minor = amountToMinor(text, cursym, env.diagnostics, trn.line);
      const converted = convertMinor(minor, cursym, env.currency, ofxValue(foreign, 'CURRATE') ?? '', true);
      const original = { minor, currency: cursym };
      if (converted === undefined) {
        note(env, 'warning', 'ofx_currency_rate', `A transaction in ${cursym} has no usable CURRATE; it is kept in ${cursym}.`, trn.line);
        return { amount: original };
      }
      return { amount: { minor: converted, currency: env.currency }, original };
    }
    const amount = { minor: amountToMinor(text, env.currency, env.diagnostics, trn.line), currency: env.currency };
    const origSym = ofxValue(orig, 'CURSYM')?.toUpperCase();
    if (origSym !== undefined && /^[A-Z]{3}$/.test(origSym) && origSym !== env.currency) {
      const minor = convertMinor(amount.minor, env.currency, origSym, ofxValue(orig, 'CURRATE') ?? '', false);
      if (minor !== undefined) return { amount, original: { minor, currency: origSym } };
    }
    return { amount };
  } catch (err) {
    if (!isParseError(err)) throw err;
    note(env, 'error', 'ofx_transaction_skipped', `A transaction with amount "${raw}" was skipped: ${err.message}.`, trn.line);
    return undefined;
  }
}

/** Read one STMTTRN; undefined (with an error diagnostic) when it cannot be imported. */
export function readTransaction(trn: OfxNode, env: TransactionEnv): StatementLine | undefined {
  const dates = readDates(trn, env);
  const amounts = readAmount(trn, env);
  if (!dates || !amounts) return undefined;
  const name = meaningful(ofxValue(trn, 'NAME')) ?? meaningful(ofxValue(trn, 'PAYEE', 'NAME'));
  const memo = ofxValue(trn, 'MEMO');
  const counterparty: Counterparty = {};
  if (name !== undefined) counterparty.name = name;
  const toAcct = ofxValue(trn, 'BANKACCTTO', 'ACCTID') ?? ofxValue(trn, 'CCACCTTO', 'ACCTID');
  const toIban = asIban(toAcct);
  if (toIban !== undefined) counterparty.iban = toIban;
  else if (toAcct !== undefined) counterparty.account = toAcct;

  const fitid = ofxValue(trn, 'FITID');
  const references: References = {};
  if (fitid !== undefined) references.bankReference = fitid;
  const check = meaningful(ofxValue(trn, 'CHECKNUM'));
  if (check !== undefined) references.documentNumber = check;
  const other = [ofxValue(trn, 'REFNUM'), ofxValue(trn, 'SRVRTID')].filter((v): v is string => v !== undefined && v !== fitid);
  if (other.length > 0) references.other = [...new Set(other)];

  const line: StatementLine = {
    bookingDate: dates.booking,
    valueDate: dates.value,
    amount: amounts.amount,
    description: joinDistinct([name, memo, ofxValue(trn, 'EXTDNAME')]),
    counterparty,
    references,
    bankId: fitid ?? null,
    reversal: false,
    provisional: false,
    sourceLine: trn.line,
  };
  const trnType = ofxValue(trn, 'TRNTYPE');
  if (trnType !== undefined) line.bankCode = trnType.toUpperCase();
  if (amounts.original) line.originalAmount = amounts.original;
  return line;
}
