/**
 * The import service: bank-statement files into the database. `previewStatementFile` says what
 * an import would do and writes nothing; `commitStatementFile` writes the batch, its statements,
 * its new lines, its possible duplicates and the audit entry in ONE immediate transaction, so a
 * file lands whole or not at all (a crash or a kill leaves the database as it was).
 */
import { randomUUID } from 'node:crypto';
import { CoreError, type BankAccount, type ImportBatch, type ImportPreview, type ImportResult } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { findAccountById } from '../db/repos/accounts-repo.js';
import { createAccount } from '../domain/accounts.js';
import { formatIban } from '../domain/iban.js';
import type { ParseResult } from '../importers/types.js';
import { planLines, type LinePlan } from './line-plan.js';
import { resolveStatementAccounts, type AccountPlan } from './statement-accounts.js';
import {
  findBatchBySha, insertBatch, insertLine, insertPossibleDuplicate, insertStatement, listBatches, toImportBatch,
} from './imports-repo.js';
import {
  PROGRESS_EVERY, chosenAccount, cleanFileName, keptWarnings, listPossibleDuplicates, readStatementFile, requireCompanyRow,
  sha256Hex, statementCurrency, statementPeriod, summarize, toImportDiagnostics, type StatementFileInput,
} from './statement-file.js';

export type { StatementFileInput } from './statement-file.js';

/** What a commit takes beyond the file: whether to create accounts the file names, and who imports. */
export interface CommitStatementInput extends StatementFileInput {
  /** Create the accounts a file names that the company has not got (the CLI always does). */
  createAccount?: boolean;
  /** Who imports; the command line when absent. */
  actor?: AuditActor;
}

const CLI_ACTOR: AuditActor = { userId: null, username: 'cli' };
const PREVIEW_DUPLICATES_LIMIT = 200;

type Progress = (stage: string, done: number, total: number | null) => void;

function progressReporter(deps: CoreDeps): Progress {
  const taskId = `import-${randomUUID()}`;
  let last = -1;
  return (stage, done, total) => {
    // Every PROGRESS_EVERY lines, and at the start and end of each stage.
    if (done !== 0 && done !== total && done - last < PROGRESS_EVERY) return;
    last = done === total ? -1 : done;
    deps.emit('task.progress', { taskId, kind: 'import', stage, done, total });
  };
}

/** Reads a file and says what importing it would do: accounts, balances, duplicates, warnings. Writes nothing. */
export function previewStatementFile(deps: CoreDeps, input: StatementFileInput): ImportPreview {
  const company = requireCompanyRow(deps, input.companyId);
  const chosen = chosenAccount(deps, company, input.accountId);
  const sha256 = sha256Hex(input.bytes);
  const earlier = findBatchBySha(deps.db, company.id, 'bank', sha256);
  const parsed = readStatementFile(deps, input);
  const accounts = resolveStatementAccounts(deps.db, company.id, parsed.statements, chosen);
  const accountIds = accounts.resolutions.map((r) => (r.kind === 'existing' ? r.accountId : 0));
  const plan = planLines(deps.db, parsed.statements, accountIds);
  return {
    fileName: cleanFileName(input.fileName),
    sha256,
    format: parsed.format,
    encoding: parsed.encoding,
    alreadyImported: earlier ? { batchId: earlier.id, importedAt: earlier.imported_at } : null,
    statements: summarize(parsed.statements, accounts.accounts, accounts.resolutions, plan),
    lines: { total: plan.lines.length, new: plan.added, duplicates: plan.skipped, possibleDuplicates: plan.possibleCount },
    possibleDuplicates: listPossibleDuplicates(plan, PREVIEW_DUPLICATES_LIMIT),
    diagnostics: [...toImportDiagnostics(parsed.diagnostics), ...accounts.warnings, ...plan.warnings],
  };
}

/**
 * Imports a file. The same bytes a second time are a no-op that names the earlier batch. New
 * lines are added, proven duplicates skipped, possible duplicates kept and listed. Everything,
 * including created accounts and the audit entry, is written in one transaction.
 */
export function commitStatementFile(deps: CoreDeps, input: CommitStatementInput): ImportResult {
  const progress = progressReporter(deps);
  const fileName = cleanFileName(input.fileName);
  const company = requireCompanyRow(deps, input.companyId);
  const sha256 = sha256Hex(input.bytes);
  const before = findBatchBySha(deps.db, company.id, 'bank', sha256);
  progress('parse', 0, null);
  // Parsing is pure and may be slow: it runs before the write lock is taken.
  const parsed = before ? null : readStatementFile(deps, input);
  const actor = input.actor ?? CLI_ACTOR;
  const run = deps.db.transaction((): ImportResult => {
    const earlier = findBatchBySha(deps.db, company.id, 'bank', sha256);
    if (earlier || !parsed) return alreadyImported(fileName, earlier ?? before!);
    if (requireCompanyRow(deps, company.id).archived_at !== null) {
      throw new CoreError('conflict', `${company.name} is archived: restore it before importing files.`);
    }
    progress('check', 0, parsed.statements.reduce((n, s) => n + s.lines.length, 0));
    const chosen = chosenAccount(deps, company, input.accountId);
    const accounts = resolveStatementAccounts(deps.db, company.id, parsed.statements, chosen);
    const created = createMissingAccounts(deps, actor, company.id, company.name, accounts, input.createAccount === true);
    const accountIds = accounts.resolutions.map((r, i) => (r.kind === 'existing' ? r.accountId : created.byStatement[i]!));
    const plan = planLines(deps.db, parsed.statements, accountIds, (done, total) => progress('check', done, total));
    const warnings = keptWarnings([...toImportDiagnostics(parsed.diagnostics), ...accounts.warnings, ...plan.warnings]);
    const batchId = writeBatch(deps, { actor, companyId: company.id, fileName, sha256, size: input.bytes.length, parsed, plan, accountIds, warnings }, progress);
    return {
      batchId,
      alreadyImported: false,
      message: `Imported ${fileName}: ${plan.added} lines added, ${plan.skipped} duplicates skipped, ${plan.possibleCount} possible duplicates to review.`,
      format: parsed.format,
      encoding: parsed.encoding,
      added: plan.added,
      skippedDuplicates: plan.skipped,
      possibleDuplicates: plan.possibleCount,
      warnings,
      createdAccounts: created.accounts,
    };
  });
  const result = run.immediate();
  if (!result.alreadyImported) {
    progress('done', 1, 1);
    deps.emit('data.changed', { entity: 'imports', companyId: company.id });
  }
  return result;
}

function alreadyImported(fileName: string, earlier: NonNullable<ReturnType<typeof findBatchBySha>>): ImportResult {
  const batch = toImportBatch(earlier);
  return {
    batchId: batch.id,
    alreadyImported: true,
    message: `${fileName} was already imported on ${batch.importedAt.slice(0, 10)} as batch ${batch.id}; nothing was changed.`,
    format: batch.format as ImportResult['format'],
    encoding: batch.encoding,
    added: 0,
    skippedDuplicates: 0,
    possibleDuplicates: 0,
    warnings: [],
    createdAccounts: [],
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

interface BatchWrite {
  actor: AuditActor;
  companyId: number;
  fileName: string;
  sha256: string;
  size: number;
  parsed: ParseResult;
  plan: LinePlan;
  accountIds: number[];
  warnings: ReturnType<typeof keptWarnings>;
}

function writeBatch(deps: CoreDeps, w: BatchWrite, progress: Progress): number {
  const { db } = deps;
  const { parsed, plan } = w;
  const distinct = [...new Set(w.accountIds)];
  const batchId = insertBatch(db, {
    companyId: w.companyId,
    accountId: distinct.length === 1 ? distinct[0]! : null,
    side: 'bank',
    fileName: w.fileName,
    sha256: w.sha256,
    byteSize: w.size,
    format: parsed.format,
    encoding: parsed.encoding,
    importedByUserId: w.actor.userId,
    importedBy: w.actor.userId === null ? 'cli' : (w.actor.username ?? 'unknown'),
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
    if ((i + 1) % PROGRESS_EVERY === 0) progress('write', i + 1, total);
  }
  appendAudit(db, deps.clock, {
    actor: w.actor,
    companyId: w.companyId,
    action: 'import.commit',
    entity: 'import_batch',
    entityId: batchId,
    details: {
      fileName: w.fileName, sha256: w.sha256, format: parsed.format, accounts: distinct,
      lines: total, added: plan.added, skippedDuplicates: plan.skipped, possibleDuplicates: plan.possibleCount,
    },
  });
  return batchId;
}

/** The imported files of a company, newest first. */
export function listImportBatches(deps: CoreDeps, companyId: number): ImportBatch[] {
  requireCompanyRow(deps, companyId);
  return listBatches(deps.db, companyId).map(toImportBatch);
}
