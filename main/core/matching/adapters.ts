/**
 * Adapters from the importers' shapes to the engine's input, for the core (which reads the
 * same fields back from the database) and for tests that start from parsed files.
 */
import type { BookItem } from '../importers/books-types.js';
import type { References, StatementLine } from '../importers/types.js';
import type { MatchBankLine, MatchBookItem } from './types.js';

/** The structured references of a statement line as the flat list the engine reads. */
export function referencesToList(refs: References): string[] {
  const out = [refs.endToEndId, refs.creditorReference, refs.documentNumber, refs.bankReference, refs.mandateId, ...(refs.other ?? [])];
  return out.filter((r): r is string => typeof r === 'string' && r.trim() !== '' && r.toUpperCase() !== 'NOTPROVIDED');
}

/** A parsed statement line as an engine bank line. */
export function toMatchBankLine(line: StatementLine, id: string, accountId: string): MatchBankLine {
  const out: MatchBankLine = {
    id, accountId, bookingDate: line.bookingDate, valueDate: line.valueDate, amountMinor: line.amount.minor, currency: line.amount.currency,
    description: line.description, references: referencesToList(line.references),
  };
  if (line.counterparty.name) out.counterpartyName = line.counterparty.name;
  if (line.counterparty.iban) out.counterpartyIban = line.counterparty.iban;
  if (line.counterparty.taxId) out.counterpartyTaxId = line.counterparty.taxId;
  return out;
}

/** A parsed books item as an engine item (`id` when the file gives none). */
export function toMatchBookItem(item: BookItem, id: string): MatchBookItem {
  const out: MatchBookItem = {
    id: item.id ?? id, kind: item.kind, date: item.date, dueDate: item.dueDate, openAmountMinor: item.openAmount.minor, currency: item.openAmount.currency,
  };
  const name = item.counterparty.name ?? item.cfdi?.issuerName ?? item.cfdi?.receiverName;
  if (name) out.counterpartyName = name;
  if (item.counterparty.taxId) out.taxId = item.counterparty.taxId;
  if (item.documentNumber) out.documentNumber = item.documentNumber;
  if (item.paymentReference) out.paymentReference = item.paymentReference;
  if (item.cfdi?.uuid) out.cfdiUuid = item.cfdi.uuid;
  return out;
}
