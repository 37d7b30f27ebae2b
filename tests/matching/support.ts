// Small builders for matching tests: bank lines and books items with sensible defaults.
import type { MatchBankLine, MatchBookItem, MatchProposal, MatchResult } from '../../main/core/matching/index.js';

/** A bank line on account A in EUR; `amount` in minor units (positive = money in). */
export function line(id: string, bookingDate: string, amountMinor: number, description: string, extra: Partial<MatchBankLine> = {}): MatchBankLine {
  return { id, accountId: 'A', bookingDate, valueDate: bookingDate, amountMinor, currency: 'EUR', description, references: [], ...extra };
}

/** An open invoice in EUR (positive = a customer owes us). */
export function invoice(id: string, date: string, openAmountMinor: number, counterpartyName: string, extra: Partial<MatchBookItem> = {}): MatchBookItem {
  return { id, kind: 'invoice', date, dueDate: date, openAmountMinor, currency: 'EUR', counterpartyName, ...extra };
}

/** The proposal that takes bank line `bankId`, if any. */
export function proposalFor(result: MatchResult, bankId: string): MatchProposal | undefined {
  return result.proposals.find((p) => p.bankIds.includes(bankId));
}

/** Sorted copy, for comparing id lists regardless of order. */
export function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}
