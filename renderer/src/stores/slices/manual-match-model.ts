import type { MethodInput } from '../../../../main/core/contract/index.js';
import type { ManualBankLine, ManualDraft, ManualItem, ManualRuleDraft } from '../review-types.js';

/** The sums of a manual match: bank side, what the items get, and the difference left (bank − items). */
export interface ManualTotals {
  currency: string | null;
  bankMinor: number;
  allocatedMinor: number;
  differenceMinor: number;
}

export function manualTotals(draft: Pick<ManualDraft, 'bankLines' | 'allocations'>): ManualTotals {
  const bankMinor = draft.bankLines.reduce((sum, line) => sum + line.amountMinor, 0);
  const allocatedMinor = draft.allocations.reduce((sum, a) => sum + a.amountMinor, 0);
  const currency = draft.bankLines[0]?.currency ?? draft.allocations[0]?.item.currency ?? null;
  return { currency, bankMinor, allocatedMinor, differenceMinor: bankMinor - allocatedMinor };
}

/**
 * What a newly added item gets: its open amount, or what the bank side still leaves when that is
 * less and of the same sign (a partial payment: the rest of the item stays open).
 */
export function defaultAllocation(item: ManualItem, differenceMinor: number): number {
  const open = item.openAmountMinor;
  if (differenceMinor !== 0 && Math.sign(differenceMinor) === Math.sign(open) && Math.abs(differenceMinor) < Math.abs(open)) return differenceMinor;
  return open;
}

/** What keeps a manual match from being sent, in the order a person fixes them. */
export type ManualProblem =
  | 'noBank' | 'currency' | 'zeroAllocation' | 'overAllocated' | 'unexplained' | 'writeOffAccount' | 'ruleText';

export function manualProblems(draft: ManualDraft): ManualProblem[] {
  const problems: ManualProblem[] = [];
  const { currency, differenceMinor } = manualTotals(draft);
  if (draft.bankLines.length === 0) problems.push('noBank');
  const currencies = [...draft.bankLines.map((l) => l.currency), ...draft.allocations.map((a) => a.item.currency)];
  if (currency !== null && currencies.some((c) => c !== currency) && draft.treatment !== 'fx') problems.push('currency');
  if (draft.allocations.some((a) => a.amountMinor === 0)) problems.push('zeroAllocation');
  const over = (a: ManualDraft['allocations'][number]): boolean =>
    Math.sign(a.amountMinor) !== Math.sign(a.item.openAmountMinor) || Math.abs(a.amountMinor) > Math.abs(a.item.openAmountMinor);
  if (draft.allocations.some((a) => a.amountMinor !== 0 && over(a))) problems.push('overAllocated');
  if (differenceMinor !== 0 && draft.treatment === 'none') problems.push('unexplained');
  if (differenceMinor !== 0 && draft.treatment === 'write_off' && draft.writeOffAccount.trim() === '') problems.push('writeOffAccount');
  if (draft.rule.enabled && draft.rule.bankText.trim().length < 3) problems.push('ruleText');
  return problems;
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The core's input for a draft (the difference treatment only when there is a difference). */
export function manualInput(draft: ManualDraft): MethodInput<'matches.createManual'> {
  const { differenceMinor } = manualTotals(draft);
  const treatment = differenceMinor === 0 ? 'none' : draft.treatment;
  return {
    companyId: draft.companyId,
    bankLineIds: draft.bankLines.map((line) => line.id),
    allocations: draft.allocations.map((a) => ({ bookItemId: a.item.id, amountMinor: a.amountMinor })),
    differenceTreatment: treatment,
    writeOffAccount: treatment === 'write_off' ? orNull(draft.writeOffAccount) : null,
    note: orNull(draft.note),
    rule: draft.rule.enabled
      ? { bankText: draft.rule.bankText.trim(), counterpartyName: orNull(draft.rule.counterpartyName), taxId: orNull(draft.rule.taxId) }
      : null,
  };
}

/** "When the bank text contains … use counterparty …", filled from the lines and items chosen. */
export function ruleDefaults(draft: Pick<ManualDraft, 'bankLines' | 'allocations'>, current: ManualRuleDraft): ManualRuleDraft {
  const line = draft.bankLines[0];
  const item = draft.allocations[0]?.item;
  const text = (line?.counterpartyName || line?.description || '').trim().slice(0, 60);
  return {
    ...current,
    bankText: current.bankText || text,
    counterpartyName: current.counterpartyName || (item?.counterpartyName ?? ''),
    taxId: current.taxId || (item?.taxId ?? ''),
  };
}

/** A books item of a list or of a match (both carry these fields), as the builder keeps it. */
export function toManualItem(item: ManualItem): ManualItem {
  return {
    id: item.id, externalId: item.externalId, kind: item.kind, accountId: item.accountId, documentNumber: item.documentNumber,
    date: item.date, dueDate: item.dueDate, amountMinor: item.amountMinor, openAmountMinor: item.openAmountMinor,
    currency: item.currency, description: item.description, counterpartyName: item.counterpartyName, taxId: item.taxId,
    paymentReference: item.paymentReference ?? null,
  };
}

/**
 * How the builder names an item (its checkbox, allocation and remove button): its number, else
 * the reference the books give it (what the Document column shows), so two invoices of one
 * customer never share a name.
 */
export function manualItemName(item: ManualItem): string {
  return item.documentNumber ?? item.paymentReference ?? item.counterpartyName ?? item.description;
}

/** A bank line of a list or of a match, as the builder keeps it. */
export function toManualBankLine(line: ManualBankLine): ManualBankLine {
  return {
    id: line.id, bankId: line.bankId, accountId: line.accountId, bookingDate: line.bookingDate, amountMinor: line.amountMinor,
    currency: line.currency, description: line.description, counterpartyName: line.counterpartyName,
  };
}
