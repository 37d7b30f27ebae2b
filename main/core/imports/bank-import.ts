/**
 * The bank half of the import service: statement files and bank spreadsheets alike go through
 * the account resolution, the line plan (proven duplicates skipped, possible duplicates kept
 * and paired) and one batch write. The commit runs inside the service's transaction.
 */
import { CoreError, type BankAccount, type ImportPreview } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { findAccountById } from '../db/repos/accounts-repo.js';
import { createAccount } from '../domain/accounts.js';
import { formatIban } from '../domain/iban.js';
import type { ParseResult } from '../importers/types.js';
import type { BankFileRead } from './import-file.js';
import { importedBy, type CommitContext, type PreviewBase, type SideResult } from './import-context.js';
import { planLines, type LinePlan } from './line-plan.js';
import type { Progress } from './progress.js';
import { resolveStatementAccounts, type AccountPlan } from './statement-accounts.js';
import { insertBatch, insertLine, insertPossibleDuplicate, insertStatement } from './imports-repo.js';
import {
  CANCEL_CHECK_EVERY, keptWarnings, listPossibleDuplicates, statementCurrency, statementPeriod, summarize, toImportDiagnostics,
} from './statement-file.js';
import type { AccountRow } from '../db/repos/accounts-repo.js';

const PREVIEW_DUPLICATES_LIMIT = 200;

/** What importing a bank file would do: accounts, balances, duplicates, warnings. Writes nothing. */
export function previewBankFile(deps: CoreDeps, companyId: number, chosen: AccountRow | null, file: BankFileRead, base: PreviewBase): ImportPreview {
  const { parsed } = file;
  const accounts = resolveStatementAccounts(deps.db, companyId, parsed.statements, chosen);
  const accountIds = accounts.resolutions.map((r) => (r.kind === 'existing' ? r.accountId : 0));
  const plan = planLines(deps.db, parsed.statements, accountIds);
  return {
    ...base,
    statements: summarize(parsed.statements, accounts.accounts, accounts.resolutions, plan),
    lines: { total: plan.lines.length, new: plan.added, duplicates: plan.skipped, possibleDuplicates: plan.possibleCount },
    possibleDuplicates: listPossibleDuplicates(plan, PREVIEW_DUPLICATES_LIMIT),
    diagnostics: [...file.notes, ...toImportDiagnostics(parsed.diagnostics), ...accounts.warnings, ...plan.warnings],
    books: null,
  };
}

/**
 * Imports a bank file inside the caller's transaction: accounts created when allowed, new lines
 * added, proven duplicates skipped, possible duplicates kept and listed, one audit entry.
 */
export function commitBankFile(deps: CoreDeps, ctx: CommitContext, file: BankFileRead): SideResult {
  const { parsed } = file;
  const { company, progress } = ctx;
  progress('check', 0, parsed.statements.reduce((n, s) => n + s.lines.length, 0));
  const accounts = resolveStatementAccounts(deps.db, company.id, parsed.statements, ctx.chosen);
  const created = createMissingAccounts(deps, ctx.actor, company.id, company.name, accounts, ctx.createAccount);
  const accountIds = accounts.resolutions.map((r, i) => (r.kind === 'existing' ? r.accountId : created.byStatement[i]!));
  const plan = planLines(deps.db, parsed.statements, accountIds, (done, total) => progress('check', done, total));
  const warnings = keptWarnings([...file.notes, ...toImportDiagnostics(parsed.diagnostics), ...accounts.warnings, ...plan.warnings]);
  const batchId = writeBatch(deps, ctx, { parsed, plan, accountIds, warnings }, progress);
  return {
    batchId,
    alreadyImported: false,
    message: `Imported ${ctx.fileName}: ${plan.added} lines added, ${plan.skipped} duplicates skipped, ${plan.possibleCount} possible duplicates to review.`,
    format: file.format,
    encoding: parsed.encoding,
    added: plan.added,
    skippedDuplicates: plan.skipped,
    possibleDuplicates: plan.possibleCount,
    warnings,
    createdAccounts: created.accounts,
    side: 'bank',
    books: null,
  };
}

function createMissingAccounts(
  deps: CoreDeps,
  actor: AuditActor,
  companyId: number,
  companyName: string,
  plan: AccountPlan,
  allowed: boolean,
): { accounts: BankAccount[]; byStatement: number[] } {
  const accounts: BankAccount[] = [];
  const byName = new Map<string, number>();
  const byStatement = plan.resolutions.map((r) => {
    if (r.kind === 'existing') return r.accountId;
    if (r.kind === 'choose') throw new CoreError('invalid_input', r.reason);
    const known = byName.get(r.name);
    if (known !== undefined) return known;
    if (!allowed) {
      const label = r.iban ? formatIban(r.iban) : r.number;
      throw new CoreError('invalid_input', `The file is for account ${label}, which ${companyName} has not got: create the account or choose one.`);
    }
    const account = createAccount(deps, actor, { companyId, name: r.name, iban: r.iban, number: r.number, currency: r.currency });
    accounts.push(account);
    byName.set(r.name, account.id);
    return account.id;
  });
  return { accounts, byStatement };
}

interface BatchContent {
  parsed: ParseResult;
  plan: LinePlan;
  accountIds: number[];
  warnings: ReturnType<typeof keptWarnings>;
}

function writeBatch(deps: CoreDeps, ctx: CommitContext, w: BatchContent, progress: Progress): number {
  const { db } = deps;
  const { parsed, plan } = w;
  const distinct = [...new Set(w.accountIds)];
  const batchId = insertBatch(db, {
    companyId: ctx.company.id,
    accountId: distinct.length === 1 ? distinct[0]! : null,
    side: 'bank',
    fileName: ctx.fileName,
    sha256: ctx.sha256,
    byteSize: ctx.size,
    format: parsed.format,
    encoding: parsed.encoding,
    profile: ctx.profileName,
    importedByUserId: ctx.actor.userId,
    importedBy: importedBy(ctx.actor),
    importedAt: deps.clock().toISOString(),
    lineCount: plan.lines.length,
    added: plan.added,
    skipped: plan.skipped,
    possibleDuplicates: plan.possibleCount,
    warnings: w.warnings,
  });
  const statementIds = parsed.statements.map((s, i) => {
    const period = statementPeriod(s);
    const currency = statementCurrency(s, { iban: null, number: null, currency: null }, findAccountById(db, w.accountIds[i]!)?.currency ?? null) ?? 'XXX';
    return insertStatement(db, {
      accountId: w.accountIds[i]!,
      batchId,
      statementRef: s.statementId ?? null,
      currency,
      periodFrom: period.from,
      periodTo: period.to,
      opening: s.openingBalance ? { minor: s.openingBalance.amount.minor, date: s.openingBalance.date } : null,
      closing: s.closingBalance ? { minor: s.closingBalance.amount.minor, date: s.closingBalance.date } : null,
      controls: s.controlTotals,
      balanceChecked: s.balanceChecked,
      lineCount: s.lines.length,
    });
  });
  const total = plan.lines.length;
  for (let i = 0; i < total; i++) {
    if (plan.duplicate[i]) continue;
    const line = plan.lines[i]!;
    const stmt = plan.statementOf[i]!;
    const accountId = w.accountIds[stmt]!;
    const lineId = insertLine(db, [
      accountId, batchId, statementIds[stmt]!, line.bookingDate, line.valueDate, line.amount.minor, line.amount.currency,
      line.description, line.counterparty.name ?? null, line.counterparty.iban ?? null, line.counterparty.taxId ?? null,
      JSON.stringify(line.references), plan.bankIds[i]!, plan.fingerprints[i]!, plan.occurrences[i]!,
      line.reversal ? 1 : 0, line.provisional ? 1 : 0, line.bankCode ?? null, line.sourceLine ?? null,
    ]);
    for (const pair of plan.possible.get(i) ?? []) {
      insertPossibleDuplicate(db, { accountId, batchId, lineId, otherLineId: pair.other.id, reason: pair.reason });
    }
    if ((i + 1) % CANCEL_CHECK_EVERY === 0) progress('write', i + 1, total);
  }
  appendAudit(db, deps.clock, {
    actor: ctx.actor,
    companyId: ctx.company.id,
    action: 'import.commit',
    entity: 'import_batch',
    entityId: batchId,
    details: {
      side: 'bank', fileName: ctx.fileName, sha256: ctx.sha256, format: parsed.format, accounts: distinct,
      lines: total, added: plan.added, skippedDuplicates: plan.skipped, possibleDuplicates: plan.possibleCount,
      ...(ctx.profileName !== null ? { profile: ctx.profileName } : {}),
    },
  });
  return batchId;
}
