/**
 * Writes a planned books import: the batch row, new items, the open amount and due date of
 * updated items (each change audited with its before and after), new payment evidence with its
 * allocations, and the import's audit entry. Runs inside the import's transaction.
 */
import type { ImportDiagnostic, StatementFormatName } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { appendAudit } from '../audit/audit-log.js';
import type { BookItem, PaymentEvidence } from '../importers/books-types.js';
import { importedBy, type CommitContext } from '../imports/import-context.js';
import { insertBatch } from '../imports/imports-repo.js';
import { CANCEL_CHECK_EVERY } from '../imports/statement-file.js';
import { insertAllocation, insertEvidence, insertItem, updateItemOpen, type NewItem } from './books-repo.js';
import type { BooksPlan } from './books-plan.js';
import { normalizeTaxId } from './identity.js';

/** What the books write needs beyond the commit context. */
export interface BooksWrite {
  plan: BooksPlan;
  format: StatementFormatName;
  encoding: string;
  /** The bank account of a ledger file, null for open items and CFDI. */
  accountId: number | null;
  warnings: ImportDiagnostic[];
}

/** Writes the batch and everything the plan adds or changes; returns the batch id. */
export function writeBooks(deps: CoreDeps, ctx: CommitContext, w: BooksWrite): number {
  const { db } = deps;
  const { plan } = w;
  const s = plan.summary;
  const now = deps.clock().toISOString();
  const batchId = insertBatch(db, {
    companyId: ctx.company.id,
    accountId: w.accountId,
    side: 'books',
    fileName: ctx.fileName,
    sha256: ctx.sha256,
    byteSize: ctx.size,
    format: w.format,
    encoding: w.encoding,
    profile: ctx.profileName,
    importedByUserId: ctx.actor.userId,
    importedBy: importedBy(ctx.actor),
    importedAt: now,
    lineCount: s.items,
    added: s.new,
    skipped: s.updated + s.unchanged,
    possibleDuplicates: 0,
    warnings: w.warnings,
  });
  const total = plan.items.length;
  for (let i = 0; i < total; i++) {
    const item = plan.items[i]!;
    const action = plan.actions[i];
    if (action === 'new') {
      insertItem(db, newItem(item, { companyId: ctx.company.id, accountId: plan.accountIds[i] ?? null, batchId, key: plan.keys[i]!, now }));
    } else if (action === 'updated') {
      const before = plan.stored[i]!;
      const dueDate = item.dueDate ?? before.due_date;
      updateItemOpen(db, { id: before.id, openAmountMinor: item.openAmount.minor, dueDate, batchId, now });
      appendAudit(db, deps.clock, {
        actor: ctx.actor,
        companyId: ctx.company.id,
        action: 'ledger_item.update',
        entity: 'ledger_item',
        entityId: before.id,
        details: {
          batchId,
          identity: plan.keys[i],
          openAmountMinor: { before: before.open_amount_minor, after: item.openAmount.minor },
          dueDate: { before: before.due_date, after: dueDate },
        },
      });
    }
    if ((i + 1) % CANCEL_CHECK_EVERY === 0) ctx.progress('write', i + 1, total);
  }
  let paymentsAdded = 0;
  plan.payments.forEach((payment, i) => {
    if (plan.knownPayments[i]) return;
    writePayment(deps, ctx.company.id, batchId, payment, now);
    paymentsAdded++;
  });
  appendAudit(db, deps.clock, {
    actor: ctx.actor,
    companyId: ctx.company.id,
    action: 'import.commit',
    entity: 'import_batch',
    entityId: batchId,
    details: {
      side: 'books', fileName: ctx.fileName, sha256: ctx.sha256, format: w.format, account: w.accountId,
      items: s.items, added: s.new, updated: s.updated, unchanged: s.unchanged, payments: s.payments, paymentsAdded,
      ...(ctx.profileName !== null ? { profile: ctx.profileName } : {}),
    },
  });
  return batchId;
}

function newItem(item: BookItem, at: { companyId: number; accountId: number | null; batchId: number; key: string; now: string }): NewItem {
  const uuid = item.cfdi?.uuid ? item.cfdi.uuid.toUpperCase() : null;
  return {
    companyId: at.companyId,
    accountId: at.accountId,
    batchId: at.batchId,
    externalId: item.id?.trim() || null,
    kind: item.kind,
    documentNumber: item.documentNumber,
    date: item.date,
    dueDate: item.dueDate,
    amountMinor: item.amount.minor,
    openAmountMinor: item.openAmount.minor,
    currency: item.amount.currency,
    description: item.description,
    counterpartyName: item.counterparty.name ?? null,
    taxId: normalizeTaxId(item.counterparty.taxId),
    paymentReference: item.paymentReference,
    cfdiUuid: uuid,
    cfdiJson: item.cfdi ? JSON.stringify(item.cfdi) : null,
    identityKey: at.key,
    sourceLine: item.sourceLine ?? null,
    now: at.now,
  };
}

function writePayment(deps: CoreDeps, companyId: number, batchId: number, p: PaymentEvidence, now: string): void {
  const evidenceId = insertEvidence(deps.db, [
    companyId, batchId, p.id, p.complementUuid === '' ? null : p.complementUuid.toUpperCase(), p.complementVersion ?? null,
    p.date, p.amount.minor, p.amount.currency, p.exchangeRate ?? null, p.paymentForm ?? null, p.operationNumber ?? null,
    p.payerRfc ?? null, p.payerAccount ?? null, p.payeeRfc ?? null, p.payeeAccount ?? null, p.payerBankName ?? null,
    p.issuerRfc ?? null, p.issuerName ?? null, p.receiverRfc ?? null, p.receiverName ?? null, p.direction ?? 'unknown',
    p.sourceLine ?? null, now,
  ]);
  p.allocations.forEach((a, position) => {
    insertAllocation(deps.db, [
      evidenceId, position, a.invoiceUuid.toUpperCase(), a.amountPaid.minor, a.amountPaid.currency,
      a.previousBalance?.minor ?? null, a.remainingBalance?.minor ?? null, a.installment, a.equivalence ?? null,
      a.exchangeRateDR ?? null, a.series ?? null, a.folio ?? null,
    ]);
  });
}
