/**
 * What the bank and books halves of the import service share: the part of a preview that does
 * not depend on the side, and everything a commit knows before it writes.
 */
import type { ImportPreview, ImportResult } from '../contract/index.js';
import type { AuditActor } from '../audit/audit-log.js';
import type { AccountRow } from '../db/repos/accounts-repo.js';
import type { CompanyRow } from '../db/repos/companies-repo.js';
import type { Progress } from './progress.js';

/** The fields of a preview every side fills the same way. */
export type PreviewBase = Pick<ImportPreview, 'fileName' | 'sha256' | 'format' | 'encoding' | 'alreadyImported' | 'side' | 'layout'>;

/** A commit's facts, decided before its transaction writes anything. */
export interface CommitContext {
  company: CompanyRow;
  /** The account the caller chose, checked to be the company's. */
  chosen: AccountRow | null;
  actor: AuditActor;
  fileName: string;
  sha256: string;
  size: number;
  /** Create the accounts a statement names that the company has not got. */
  createAccount: boolean;
  /** The spreadsheet profile applied (its name, or 'mapping'), kept with the batch. */
  profileName: string | null;
  progress: Progress;
}

/** What one side's commit returns (the service adds the saved profile). */
export type SideResult = Omit<ImportResult, 'savedProfileId'>;

/** Who imported, as a batch records it. */
export function importedBy(actor: AuditActor): string {
  return actor.userId === null ? 'cli' : (actor.username ?? 'unknown');
}
