/**
 * Builds one Statement per Norma 43 account (record 11 … record 33): turns records into
 * normalized lines, re-joins the 23 concept records and checks the 33 record belongs to the account.
 */
import type { Diagnostic, Statement, StatementLine } from '../types.js';
import { spanishAccountFromParts } from '../iban.js';
import { findSpanishTaxId } from '../tax-ids.js';
import type { AccountEnd, AccountHeader, ConceptRecord, Equivalence, Movement } from './records.js';
import { COMMON_CONCEPTS, REVERSAL_CONCEPTS, n43Amount, n43Count, n43Currency, n43Date } from './amounts.js';

interface PendingMovement {
  line: StatementLine;
  concepts: ConceptRecord[];
}

/** Accumulates the records of one account; `finish()` returns the Statement. */
export class AccountBuilder {
  readonly statement: Statement;
  readonly header: AccountHeader;
  readonly currency: string;
  ended = false;
  private pending: PendingMovement | null = null;

  constructor(
    header: AccountHeader,
    lineNo: number,
    private readonly diagnostics: Diagnostic[],
    private readonly bookingDateChoice: 'operation' | 'value' = 'operation',
  ) {
    this.header = header;
    const currency = n43Currency(header.currencyNumeric, lineNo, diagnostics) ?? 'XXX';
    this.currency = currency;
    const built = spanishAccountFromParts(header.bank, header.branch, header.account);
    const periodFrom = n43Date(header.startDate, lineNo, 'start date', diagnostics);
    const periodTo = n43Date(header.endDate, lineNo, 'end date', diagnostics);
    const opening = n43Amount(header.balanceDigits, header.balanceSign, currency, lineNo, 'opening balance', diagnostics);
    this.statement = {
      account: {
        ...(built ? { iban: built.iban, number: built.ccc } : { number: `${header.bank}${header.branch}${header.account}` }),
        currency,
        ...(header.name ? { ownerName: header.name } : {}),
      },
      openingBalance: opening && periodFrom ? { amount: opening, date: periodFrom } : null,
      closingBalance: null,
      controlTotals: null,
      ...(periodFrom ? { periodFrom } : {}),
      ...(periodTo ? { periodTo } : {}),
      lines: [],
      balanceChecked: null,
      sourceLine: lineNo,
    };
  }

  /** Record 22: start a new movement (the previous one is complete). */
  addMovement(m: Movement, lineNo: number): void {
    this.flush();
    if (this.ended) {
      this.diagnostics.push({
        level: 'warning',
        code: 'record_after_account_end',
        message: `Line ${lineNo}: a movement follows the account totals (record 33) without a new account header; it was kept in the same account.`,
        line: lineNo,
      });
    }
    const amount = n43Amount(m.amountDigits, m.sign, this.currency, lineNo, 'movement amount', this.diagnostics);
    if (amount === null) return;
    const valueDate = n43Date(m.valueDate, lineNo, 'value date', this.diagnostics);
    const operationDate = n43Date(m.operationDate, lineNo, 'operation date', this.diagnostics);
    const preferred = this.bookingDateChoice === 'value' ? valueDate ?? operationDate : operationDate ?? valueDate;
    const bookingDate = preferred ?? this.statement.periodFrom ?? null;
    if (bookingDate === null) {
      this.diagnostics.push({ level: 'error', code: 'invalid_line', message: `Line ${lineNo}: the movement has no readable date and was skipped.`, line: lineNo });
      return;
    }
    const other = [m.reference1, m.reference2].filter((r) => r !== '' && !/^0+$/.test(r));
    const line: StatementLine = {
      bookingDate,
      valueDate,
      amount,
      description: '',
      counterparty: {},
      references: {
        ...(m.documentNumber !== '' && !/^0+$/.test(m.documentNumber) ? { documentNumber: m.documentNumber } : {}),
        ...(other.length > 0 ? { other } : {}),
      },
      bankId: null,
      reversal: REVERSAL_CONCEPTS.has(m.commonConcept),
      provisional: false,
      bankCode: m.commonConcept,
      ...(m.ownConcept !== '' ? { bankSubCode: m.ownConcept } : {}),
      sourceLine: lineNo,
    };
    this.pending = { line, concepts: [] };
  }

  /** Record 23: one more concept record for the current movement. */
  addConcept(c: ConceptRecord, lineNo: number): void {
    if (!this.pending) {
      this.diagnostics.push({ level: 'warning', code: 'orphan_record', message: `Line ${lineNo}: a concept record (23) without a movement (22) was ignored.`, line: lineNo });
      return;
    }
    if (!/^0[1-5]$/.test(c.code)) {
      this.diagnostics.push({
        level: 'warning',
        code: 'unknown_concept_code',
        message: `Line ${lineNo}: concept record code "${c.code}" is outside 01–05; its text was kept.`,
        line: lineNo,
      });
    }
    this.pending.concepts.push(c);
  }

  /** Record 24: the amount in the original currency for the current movement. */
  addEquivalence(e: Equivalence, lineNo: number): void {
    if (!this.pending) {
      this.diagnostics.push({ level: 'warning', code: 'orphan_record', message: `Line ${lineNo}: an equivalence record (24) without a movement (22) was ignored.`, line: lineNo });
      return;
    }
    const currency = n43Currency(e.currencyNumeric, lineNo, this.diagnostics);
    if (currency === null) return;
    const sign = this.pending.line.amount.minor < 0 ? '1' : '2';
    const amount = n43Amount(e.amountDigits, sign, currency, lineNo, 'original-currency amount', this.diagnostics);
    if (amount) this.pending.line.originalAmount = amount;
  }

  /** Record 33: account totals and closing balance. */
  end(e: AccountEnd, lineNo: number): void {
    this.flush();
    const h = this.header;
    if (e.bank !== h.bank || e.branch !== h.branch || e.account !== h.account) {
      this.diagnostics.push({
        level: 'warning',
        code: 'account_mismatch',
        message: `Line ${lineNo}: the account totals are for ${e.bank} ${e.branch} ${e.account} but the header was ${h.bank} ${h.branch} ${h.account}.`,
        line: lineNo,
      });
    }
    if (e.currencyNumeric !== h.currencyNumeric) {
      const named = n43CurrencyQuiet(e.currencyNumeric);
      this.diagnostics.push({
        level: 'warning',
        code: 'currency_mismatch',
        message: `Line ${lineNo}: the account totals give currency ${e.currencyNumeric}${named ? ` (${named})` : ''} but the header gave ${h.currencyNumeric} (${this.currency}); ${this.currency} was kept.`,
        line: lineNo,
      });
    }
    const closing = n43Amount(e.balanceDigits, e.balanceSign, this.currency, lineNo, 'closing balance', this.diagnostics);
    const closingDate = this.statement.periodTo ?? this.statement.periodFrom;
    if (closing && closingDate) this.statement.closingBalance = { amount: closing, date: closingDate };
    const debitCount = n43Count(e.debitCount, lineNo, 'number of debits', this.diagnostics);
    const creditCount = n43Count(e.creditCount, lineNo, 'number of credits', this.diagnostics);
    const debitSum = n43Amount(e.debitDigits, '2', this.currency, lineNo, 'sum of debits', this.diagnostics);
    const creditSum = n43Amount(e.creditDigits, '2', this.currency, lineNo, 'sum of credits', this.diagnostics);
    if (debitCount !== null && creditCount !== null && debitSum && creditSum) {
      this.statement.controlTotals = { debitCount, debitSum: debitSum.minor, creditCount, creditSum: creditSum.minor };
    }
    this.ended = true;
  }

  /** Close the account: returns the Statement with every movement. */
  finish(): Statement {
    this.flush();
    return this.statement;
  }

  /** Complete the pending movement: join its concept texts into the description. */
  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const ordered = [...p.concepts].sort((a, b) => a.code.localeCompare(b.code));
    const text = joinConceptTexts(ordered.flatMap((c) => [c.text1, c.text2]));
    p.line.description = text !== '' ? text : (COMMON_CONCEPTS[p.line.bankCode ?? ''] ?? '');
    const taxId = text !== '' ? findSpanishTaxId(text) : undefined;
    if (taxId) p.line.counterparty.taxId = taxId;
    this.statement.lines.push(p.line);
  }
}

function n43CurrencyQuiet(numeric: string): string | null {
  const sink: Diagnostic[] = [];
  return n43Currency(numeric, 0, sink);
}

/**
 * Join 38-character concept halves. A half that fills all 38 columns was cut by the record
 * width, so the next half continues the same word; otherwise halves are separate phrases.
 */
export function joinConceptTexts(halves: string[]): string {
  let out = '';
  let previousFull = false;
  for (const raw of halves) {
    const piece = raw.trimEnd();
    if (piece.trim() === '') {
      previousFull = false;
      continue;
    }
    if (out === '') out = piece.trimStart();
    else out += previousFull ? piece : ` ${piece.trimStart()}`;
    previousFull = piece.length >= 38;
  }
  return out.replace(/\s+/g, ' ').trim();
}
