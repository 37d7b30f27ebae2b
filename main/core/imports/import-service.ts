/**
 * The import service: any supported file into the database. `previewImportFile` says what an
 * import would do and writes nothing; `commitImportFile` writes the batch and its content (bank
 * lines, or books items and payment evidence), created accounts, a profile saved on the way and
 * the audit entries in ONE immediate transaction, so a file lands whole or not at all (a crash
 * or a kill leaves the database as it was). The same bytes twice are a no-op naming the batch.
 */
import { CoreError, tabularProfileSchema, type ImportBatch, type ImportPreview, type ImportResult, type TabularProfile } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import type { AuditActor } from '../audit/audit-log.js';
import { commitBooksFile, previewBooksFile } from '../books/books-import.js';
import { normalizeHeader } from '../importers/tabular/headers.js';
import { profileFromLayout } from '../importers/tabular/index.js';
import { saveProfile } from '../profiles/profiles.js';
import { commitBankFile, previewBankFile } from './bank-import.js';
import type { CommitContext, PreviewBase, SideResult } from './import-context.js';
import { readImportFile, type FileRead, type ImportFileInput } from './import-file.js';
import { findBatchBySha, findBatchForFile, listBatches, toImportBatch, type BatchRow } from './imports-repo.js';
import { progressReporter } from './progress.js';
import { chosenAccount, cleanFileName, requireCompanyRow, sha256Hex } from './statement-file.js';

export type { ImportFileInput } from './import-file.js';
/** The earlier name of `ImportFileInput` (bank statements were the only files). */
export type StatementFileInput = ImportFileInput;

/** What a commit takes beyond the file. */
export interface CommitImportInput extends ImportFileInput {
  /** Create the accounts a file names that the company has not got (the CLI always does). */
  createAccount?: boolean;
  /** Save the spreadsheet mapping used under this name (firm-wide), for next time. */
  saveProfileAs?: string | null;
  /** Who imports; the command line when absent. */
  actor?: AuditActor;
}
/** The earlier name of `CommitImportInput`. */
export type CommitStatementInput = CommitImportInput;

const CLI_ACTOR: AuditActor = { userId: null, username: 'cli' };

/** Reads a file and says what importing it would do: side, layout, accounts, duplicates, books counts, warnings. Writes nothing. */
export function previewImportFile(deps: CoreDeps, input: ImportFileInput): ImportPreview {
  const company = requireCompanyRow(deps, input.companyId);
  const chosen = chosenAccount(deps, company, input.accountId);
  const sha256 = sha256Hex(input.bytes);
  const file = readImportFile(deps, input, company, chosen);
  const earlier = findBatchBySha(deps.db, company.id, file.side, sha256);
  const base: PreviewBase = {
    fileName: cleanFileName(input.fileName),
    sha256,
    format: file.format,
    encoding: file.encoding,
    alreadyImported: earlier ? { batchId: earlier.id, importedAt: earlier.imported_at } : null,
    side: file.side,
    layout: file.layout,
  };
  return file.side === 'bank' ? previewBankFile(deps, company.id, chosen, file, base) : previewBooksFile(deps, company, chosen, file, base);
}

/**
 * Imports a file. Bank files: new lines added, proven duplicates skipped, possible duplicates
 * kept and listed. Books files: new items added, known items' open amounts and due dates
 * updated. A spreadsheet whose layout is uncertain is refused until it is mapped.
 */
export function commitImportFile(deps: CoreDeps, input: CommitImportInput): ImportResult {
  const progress = progressReporter(deps, input.taskId ?? null);
  const fileName = cleanFileName(input.fileName);
  const company = requireCompanyRow(deps, input.companyId);
  const sha256 = sha256Hex(input.bytes);
  const before = findBatchForFile(deps.db, company.id, input.side ?? null, sha256);
  if (before) return alreadyImported(fileName, before);
  const chosen = chosenAccount(deps, company, input.accountId);
  progress('parse', 0, null);
  // Parsing is pure and may be slow: it runs before the write lock is taken.
  const file = readImportFile(deps, input, company, chosen);
  if (file.layout?.needsMapping && file.profile === null) {
    throw new CoreError('invalid_input', `Cuadra is not sure how the columns of ${fileName} are laid out: map the columns first (or choose a saved profile).`);
  }
  const toSave = input.saveProfileAs ? profileToSave(file, input.saveProfileAs) : null;
  const actor = input.actor ?? CLI_ACTOR;
  const run = deps.db.transaction((): ImportResult => {
    const earlier = findBatchBySha(deps.db, company.id, file.side, sha256);
    if (earlier) return alreadyImported(fileName, earlier);
    if (requireCompanyRow(deps, company.id).archived_at !== null) {
      throw new CoreError('conflict', `${company.name} is archived: restore it before importing files.`);
    }
    const saved = toSave ? saveProfile(deps, actor, null, toSave) : null;
    const ctx: CommitContext = {
      company, chosen, actor, fileName, sha256, size: input.bytes.length, createAccount: input.createAccount === true, progress,
      profileName: saved?.name ?? (file.profile ? file.profile.name : file.layout ? 'detected' : null),
    };
    const result: SideResult = file.side === 'bank' ? commitBankFile(deps, ctx, file) : commitBooksFile(deps, ctx, file);
    return { ...result, savedProfileId: saved?.id ?? null };
  });
  const result = run.immediate();
  if (!result.alreadyImported) {
    progress('done', 1, 1);
    deps.emit('data.changed', { entity: 'imports', companyId: company.id });
  }
  return result;
}

/** Alias of `previewImportFile` for callers written when only statements were imported. */
export const previewStatementFile = previewImportFile;
/** Alias of `commitImportFile` for callers written when only statements were imported. */
export const commitStatementFile = commitImportFile;

/**
 * The profile to save from an import: the mapping or profile applied, else the detected layout,
 * completed with the file's other headers as ignored columns so the file is recognised by them.
 */
function profileToSave(file: FileRead, name: string): TabularProfile {
  if (file.layout === null || file.internalLayout === null) {
    throw new CoreError('invalid_input', 'Only spreadsheets (CSV, XLSX, XLS) have a column mapping to save as a profile.');
  }
  const ledger = file.side === 'books' && file.ledger;
  const base = file.profile ?? profileFromLayout(file.internalLayout, name, { ledger });
  const mapped = new Set(base.columns.map((c) => normalizeHeader(c.header)));
  const extra = file.headers
    .filter((h) => normalizeHeader(h) !== '' && !mapped.has(normalizeHeader(h)))
    .map((header) => ({ header, role: 'ignore' as const }));
  return tabularProfileSchema.parse({ ...base, name, side: file.side, ledger, columns: [...base.columns, ...extra] });
}

function alreadyImported(fileName: string, earlier: BatchRow): ImportResult {
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
    side: batch.side,
    books: null,
    savedProfileId: null,
  };
}

/** The imported files of a company, newest first. */
export function listImportBatches(deps: CoreDeps, companyId: number): ImportBatch[] {
  requireCompanyRow(deps, companyId);
  return listBatches(deps.db, companyId).map(toImportBatch);
}
