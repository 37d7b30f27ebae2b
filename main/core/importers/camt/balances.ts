/**
 * CAMT balances (`Bal`) → opening, closing and available balance.
 *
 * Choice, by ISO 20022 balance type code:
 * - opening: OPBD (opening booked); else PRCD (previous closing booked, the same figure by
 *   definition); else, on a continuation page, the earliest ITBD (interim booked) when a later
 *   closing balance exists.
 * - closing: CLBD (closing booked); else the latest ITBD not used as opening (a CAMT.052
 *   intraday report ends on an interim balance), reported as an info diagnostic.
 * - available: CLAV (closing available), else ITAV (interim available); FWAV (forward
 *   available) is listed apart. Available balances are never ledger balances; OPAV, INFO, XPCD
 *   and proprietary codes are ignored.
 * Only balances in the account currency compete; others are reported and skipped.
 */
import type { Balance, Diagnostic } from '../types.js';
import type { XmlElement } from '../xml-safety.js';
import { at, childrenNamed, textAt } from './xml-query.js';
import { note, readAmount, readDateChoice, signOf } from './values.js';

interface RawBalance {
  code: string;
  balance: Balance;
  line: number;
}

export interface ChosenBalances {
  opening: Balance | null;
  closing: Balance | null;
  available: Balance | null;
  forwardAvailable: Balance[];
}

/** Currency of the first balance that states one, for statements whose account has no `Ccy`. */
export function firstBalanceCurrency(stmt: XmlElement): string | undefined {
  for (const bal of childrenNamed(stmt, 'Bal')) {
    const ccy = at(bal, 'Amt')?.attrs['Ccy']?.trim().toUpperCase();
    if (ccy !== undefined && /^[A-Z]{3}$/.test(ccy)) return ccy;
  }
  return undefined;
}

function readBalances(stmt: XmlElement, currency: string | undefined, fallbackDate: string | undefined, diagnostics: Diagnostic[]): RawBalance[] {
  const out: RawBalance[] = [];
  for (const bal of childrenNamed(stmt, 'Bal')) {
    const code = (textAt(bal, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(bal, 'Tp', 'CdOrPrtry', 'Prtry') ?? '').toUpperCase();
    const amount = readAmount(at(bal, 'Amt'), currency, diagnostics);
    if (!amount) continue;
    if (currency !== undefined && amount.currency !== currency) {
      note(diagnostics, 'info', 'camt_balance_other_currency',
        `Balance ${code || '(no type)'} is in ${amount.currency}, not in the account currency ${currency}; it is not used.`, bal.line);
      continue;
    }
    const sign = signOf(textAt(bal, 'CdtDbtInd')) ?? 1;
    let date = readDateChoice(at(bal, 'Dt'));
    if (date === null) {
      note(diagnostics, 'warning', 'camt_balance_date', `Balance ${code} has an impossible date.`, bal.line);
      date = undefined;
    }
    date ??= fallbackDate;
    if (date === undefined) {
      note(diagnostics, 'warning', 'camt_balance_date', `Balance ${code} has no date; it is not used.`, bal.line);
      continue;
    }
    out.push({ code, line: bal.line, balance: { amount: { minor: sign * amount.minor || 0, currency: amount.currency }, date } });
  }
  return out;
}

const byDate = (a: RawBalance, b: RawBalance): number => (a.balance.date < b.balance.date ? -1 : a.balance.date > b.balance.date ? 1 : 0);

/** Pick opening / closing / available balances from a statement's `Bal` elements (see module doc). */
export function chooseBalances(
  stmt: XmlElement,
  currency: string | undefined,
  fallbackDate: string | undefined,
  diagnostics: Diagnostic[],
): ChosenBalances {
  const all = readBalances(stmt, currency, fallbackDate, diagnostics);
  const of = (code: string): RawBalance[] => all.filter((b) => b.code === code).sort(byDate);
  const opbd = of('OPBD');
  const prcd = of('PRCD');
  const clbd = of('CLBD');
  const itbd = of('ITBD');

  let opening = opbd[0] ?? prcd[0];
  const firstOpbd = opbd[0];
  const firstPrcd = prcd[0];
  if (firstOpbd && firstPrcd && firstOpbd.balance.amount.minor !== firstPrcd.balance.amount.minor) {
    note(diagnostics, 'warning', 'camt_opening_disagrees',
      'The opening balance (OPBD) differs from the previous closing balance (PRCD); OPBD is used.', firstOpbd.line);
  }
  if (!opening && itbd.length > 0 && (clbd.length > 0 || itbd.length > 1)) opening = itbd[0];
  let closing = clbd[clbd.length - 1];
  if (!closing) {
    const interim = itbd.filter((b) => b !== opening);
    closing = interim[interim.length - 1];
    if (closing) {
      note(diagnostics, 'info', 'camt_interim_balance',
        `No closing booked balance (CLBD); the interim booked balance (ITBD) of ${closing.balance.date} is used as the closing balance.`, closing.line);
    }
  }
  const available = of('CLAV').pop() ?? of('ITAV').pop();
  return {
    opening: opening?.balance ?? null,
    closing: closing?.balance ?? null,
    available: available?.balance ?? null,
    forwardAvailable: of('FWAV').map((b) => b.balance),
  };
}
