/**
 * One CAMT entry (`Ntry`) → one or more statement lines.
 *
 * Rules (documented choices):
 * - Sign: CAMT amounts are unsigned; CRDT is money in (+), DBIT money out (−). A reversal
 *   (`RvslInd` true) keeps the sign of its own CdtDbtInd — ISO 20022 states that a reversed
 *   debit is booked as CRDT — so balances still add up; `reversal` flags the line.
 * - Status: BOOK is final; PDNG, INFO and FUTR lines are provisional, and every line of a
 *   CAMT.052 intraday report is provisional.
 * - Batches: an entry with two or more `TxDtls` is split into one line per detail when every
 *   detail has an amount in the entry currency (`TxDtls/Amt`, else `AmtDtls/TxAmt`, else
 *   `AmtDtls/CntrValAmt`) and the signed details add up to the entry; otherwise the entry is
 *   kept as one line (warning when the amounts disagree, info when details carry none).
 * - Counterparty: the other side of the account holder — the debtor of a credit, the creditor
 *   of a debit (sides swapped for reversals, which carry the original parties). When that
 *   side is empty or is the holder, the opposite side is used unless it is the holder.
 * - Bank id: the entry's AcctSvcrRef, else a NtryRef that is not a bare sequence number, else
 *   the detail's AcctSvcrRef or UETR (sometimes the only reference). Split lines use their
 *   detail's AcctSvcrRef or UETR, else the entry id with `/n`.
 */
import { joinDistinct } from '../line-helpers.js';
import { formatMinor } from '../money.js';
import type { Counterparty, Diagnostic, Money, References, StatementLine } from '../types.js';
import type { XmlElement } from '../xml-safety.js';
import { bankCodeOf, detailAmountElements, readDetail, type DetailInfo, type Party } from './details.js';
import { allAt, at, child, textAt } from './xml-query.js';
import { isTrue, note, readAmount, readDateChoice, signOf } from './values.js';

export interface EntryEnv {
  format: 'camt052' | 'camt053' | 'camt054';
  accountCurrency: string | undefined;
  accountIban: string | undefined;
  ownerName: string | undefined;
  /** Date used when an entry has neither booking nor value date (statement date). */
  fallbackDate: string | undefined;
  diagnostics: Diagnostic[];
}

export interface EntryResult {
  lines: StatementLine[];
  /** Signed entry amount in minor units, for control totals and balance checks. */
  signedMinor: number;
  /** Direction from CdtDbtInd, also for zero amounts. */
  sign: 1 | -1;
  currency: string;
  booked: boolean;
}

interface EntryHead {
  el: XmlElement;
  amount: Money;
  sign: 1 | -1;
  bookingDate: string;
  valueDate: string | null;
  reversal: boolean;
  provisional: boolean;
  booked: boolean;
  bankCode?: string;
  acctSvcrRef?: string;
  ntryRef?: string;
  additionalInfo?: string;
}

const norm = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

function isHolder(p: Party, env: EntryEnv): boolean {
  return (p.iban !== undefined && p.iban === env.accountIban) || (p.name !== undefined && norm(p.name) === norm(env.ownerName));
}

const hasParty = (p: Party): boolean => p.name !== undefined || p.iban !== undefined || p.account !== undefined;

/** The counterparty side of a detail for a line of the given direction (see module doc). */
function counterpartyOf(d: DetailInfo, incoming: boolean, env: EntryEnv): Party {
  const primary = incoming ? d.debtor : d.creditor;
  const secondary = incoming ? d.creditor : d.debtor;
  if (hasParty(primary) && !isHolder(primary, env)) return primary;
  if (hasParty(secondary) && !isHolder(secondary, env)) return secondary;
  return {};
}

function toCounterparty(p: Party): Counterparty {
  const out: Counterparty = {};
  if (p.name !== undefined) out.name = p.name;
  else if (p.ultimate !== undefined) out.name = p.ultimate;
  if (p.iban !== undefined) out.iban = p.iban;
  if (p.account !== undefined) out.account = p.account;
  if (p.bic !== undefined) out.bic = p.bic;
  if (p.taxId !== undefined) out.taxId = p.taxId;
  return out;
}

function readHead(el: XmlElement, env: EntryEnv): EntryHead | undefined {
  const d = env.diagnostics;
  const amount = readAmount(at(el, 'Amt'), env.accountCurrency, d);
  if (!amount) {
    note(d, 'error', 'camt_entry_skipped', 'An entry without a readable amount was skipped.', el.line);
    return undefined;
  }
  let sign = signOf(textAt(el, 'CdtDbtInd'));
  if (sign === undefined) {
    if (amount.minor !== 0) {
      note(d, 'error', 'camt_entry_skipped', 'An entry without CdtDbtInd (CRDT/DBIT) was skipped.', el.line);
      return undefined;
    }
    sign = 1;
  }
  const sts = child(el, 'Sts');
  const status = (textAt(sts, 'Cd') ?? textAt(sts, 'Prtry') ?? sts?.text.trim() ?? '').toUpperCase();
  const booked = status === '' || status === 'BOOK';
  const booking = readDateChoice(child(el, 'BookgDt'));
  const value = readDateChoice(child(el, 'ValDt'));
  if (booking === null || value === null) note(d, 'warning', 'camt_date_invalid', 'An entry has an impossible booking or value date.', el.line);
  const bookingDate = booking ?? value ?? env.fallbackDate;
  if (bookingDate === undefined) {
    note(d, 'error', 'camt_entry_skipped', 'An entry without any usable date was skipped.', el.line);
    return undefined;
  }
  if (!booking) note(d, 'info', 'camt_booking_date_missing', `An entry has no booking date; ${bookingDate} is used.`, el.line);
  const head: EntryHead = {
    el,
    amount: { minor: sign * amount.minor || 0, currency: amount.currency },
    sign,
    bookingDate,
    valueDate: value ?? null,
    reversal: isTrue(textAt(el, 'RvslInd')),
    provisional: env.format === 'camt052' || !booked,
    booked,
  };
  const optional: Array<[keyof EntryHead, string | undefined]> = [
    ['bankCode', bankCodeOf(el)],
    ['acctSvcrRef', textAt(el, 'AcctSvcrRef')],
    ['ntryRef', textAt(el, 'NtryRef')],
    ['additionalInfo', textAt(el, 'AddtlNtryInf')],
  ];
  for (const [k, v] of optional) if (v !== undefined) Object.assign(head, { [k]: v });
  if (env.accountCurrency !== undefined && amount.currency !== env.accountCurrency) {
    note(d, 'warning', 'camt_entry_other_currency', `An entry is in ${amount.currency}, not in the account currency ${env.accountCurrency}.`, el.line);
  }
  return head;
}

/** A NtryRef usable as bank id: not a bare per-statement sequence number. */
const usableNtryRef = (ref: string | undefined): string | undefined => (ref !== undefined && !/^\d{1,6}$/.test(ref) ? ref : undefined);

/** Original (instructed) amount when it is in another currency than the line. */
function originalAmount(d: DetailInfo, line: Money, sign: number, env: EntryEnv): Money | undefined {
  for (const el of [at(d.el, 'AmtDtls', 'InstdAmt', 'Amt'), at(d.el, 'AmtDtls', 'TxAmt', 'Amt')]) {
    const ccy = el?.attrs['Ccy']?.trim().toUpperCase();
    if (!el || ccy === undefined || ccy === line.currency) continue;
    const amt = readAmount(el, undefined, env.diagnostics);
    if (amt && amt.minor !== 0) return { minor: sign * amt.minor, currency: amt.currency };
  }
  return undefined;
}

function buildLine(head: EntryHead, details: DetailInfo[], amount: Money, bankId: string | null, env: EntryEnv): StatementLine {
  const incoming = (amount.minor > 0 || (amount.minor === 0 && head.sign > 0)) !== head.reversal;
  const parties = details.map((d) => toCounterparty(counterpartyOf(d, incoming, env)));
  const first = parties[0] ?? {};
  const same = parties.every((p) => p.name === first.name && p.iban === first.iban && p.account === first.account);
  const counterparty = same ? first : {};
  const ultimate = details.map((d) => counterpartyOf(d, incoming, env).ultimate).filter((u) => u !== undefined && u !== counterparty.name);
  // A kept batch with different counterparties names them all in the text instead.
  const names = same ? [] : parties.map((p) => p.name);
  const description = joinDistinct([
    ...details.flatMap((d) => [d.unstructured, ...d.additionalRemittance, d.additionalTxInfo, d.returnReason]),
    ...ultimate.map((u) => `Ultimate: ${u}`),
    ...names,
    head.additionalInfo,
  ]) || (counterparty.name ?? '');
  const refs: References = {};
  const e2e = [...new Set(details.map((d) => d.endToEndId).filter((v) => v !== undefined))];
  if (e2e.length >= 1) refs.endToEndId = e2e[0];
  const creditorRefs = [...new Set(details.flatMap((d) => d.creditorRefs))];
  if (creditorRefs.length > 0) refs.creditorReference = creditorRefs[0];
  const mandate = details.find((d) => d.mandateId !== undefined)?.mandateId;
  if (mandate !== undefined) refs.mandateId = mandate;
  const cheque = details.find((d) => d.chequeNumber !== undefined)?.chequeNumber;
  if (cheque !== undefined) refs.documentNumber = cheque;
  const bankRef = (details.length === 1 ? details[0]?.acctSvcrRef : undefined) ?? head.acctSvcrRef;
  if (bankRef !== undefined) refs.bankReference = bankRef;
  const other = [...e2e.slice(1), ...creditorRefs.slice(1), ...details.flatMap((d) => [...d.otherRefs, d.uetr]), usableNtryRef(head.ntryRef)];
  const otherSet = [...new Set(other.filter((v): v is string => v !== undefined && v !== bankRef))];
  if (otherSet.length > 0) refs.other = otherSet;
  const line: StatementLine = {
    bookingDate: head.bookingDate,
    valueDate: head.valueDate,
    amount,
    description,
    counterparty,
    references: refs,
    bankId,
    reversal: head.reversal,
    provisional: head.provisional,
    sourceLine: head.el.line,
  };
  if (!head.booked) line.booked = false;
  const code = (details.length === 1 ? details[0]?.bankCode : undefined) ?? head.bankCode;
  if (code !== undefined) line.bankCode = code;
  const detail = details.length === 1 ? details[0] : undefined;
  const original = detail ? originalAmount(detail, amount, amount.minor < 0 ? -1 : 1, env) : undefined;
  if (original) line.originalAmount = original;
  return line;
}

/** Signed amount of one batch detail in the entry currency, or undefined when it has none. */
function detailAmount(d: DetailInfo, head: EntryHead, env: EntryEnv): number | undefined {
  const el = detailAmountElements(d.el).find((e) => (e.attrs['Ccy']?.trim().toUpperCase() ?? head.amount.currency) === head.amount.currency);
  const amt = el ? readAmount(el, head.amount.currency, env.diagnostics) : undefined;
  if (!amt) return undefined;
  const sign = signOf(textAt(d.el, 'CdtDbtInd')) ?? head.sign;
  return sign * amt.minor || 0;
}

/** Turn one `Ntry` into statement lines (see module doc for the rules). */
export function entryLines(el: XmlElement, env: EntryEnv): EntryResult | undefined {
  const head = readHead(el, env);
  if (!head) return undefined;
  const details = allAt(el, 'NtryDtls', 'TxDtls').map(readDetail);
  const result = { signedMinor: head.amount.minor, sign: head.sign, currency: head.amount.currency, booked: head.booked };
  const entryId = head.acctSvcrRef ?? usableNtryRef(head.ntryRef);
  if (details.length < 2) {
    const bankId = entryId ?? details[0]?.acctSvcrRef ?? details[0]?.uetr ?? null;
    return { ...result, lines: [buildLine(head, details, head.amount, bankId, env)] };
  }
  const amounts = details.map((d) => detailAmount(d, head, env));
  const complete = amounts.every((a) => a !== undefined);
  const sum = amounts.reduce<number>((s, a) => s + (a ?? 0), 0);
  if (complete && sum === head.amount.minor) {
    const lines = details.map((d, i) => {
      const id = d.acctSvcrRef ?? d.uetr ?? (entryId !== undefined ? `${entryId}/${i + 1}` : null);
      const line = buildLine(head, [d], { minor: amounts[i] ?? 0, currency: head.amount.currency }, id, env);
      line.sourceLine = d.el.line;
      line.splitFrom = `ntry:${el.line}`;
      return line;
    });
    return { ...result, lines };
  }
  const ccy = head.amount.currency;
  if (complete) {
    note(env.diagnostics, 'warning', 'camt_batch_sum_mismatch',
      `A batch entry's ${details.length} transaction details add up to ${formatMinor(sum, ccy)} ${ccy}, not to the entry's ${formatMinor(head.amount.minor, ccy)} ${ccy}; the entry is kept as one line.`, el.line);
  } else {
    note(env.diagnostics, 'info', 'camt_batch_not_split',
      `A batch entry lists ${details.length} transaction details without individual amounts; it is kept as one line.`, el.line);
  }
  return { ...result, lines: [buildLine(head, details, head.amount, entryId ?? null, env)] };
}
