import type { ImportPreview } from '../../../../main/core/contract/index.js';
import type { InboxFile } from '../types.js';

/** What a file in the Inbox is waiting for, or that it is ready to import. */
export type Readiness =
  | 'reading' | 'checking' | 'importing' | 'imported' | 'failed' | 'cancelled'
  | 'skipped' | 'error' | 'alreadyImported' | 'needsMapping' | 'needsAccount' | 'empty' | 'ready';

/** True when a bank file needs the person to choose or confirm an account. */
export function needsAccount(preview: ImportPreview, createAccount: boolean): boolean {
  if (preview.side !== 'bank') return false;
  return preview.statements.some((s) => s.resolution.kind === 'choose' || (s.resolution.kind === 'create' && !createAccount));
}

/** Nothing to import: no lines (bank) or no items (books). */
export function isEmptyPreview(preview: ImportPreview): boolean {
  return preview.side === 'bank' ? preview.lines.total === 0 : (preview.books?.items ?? 0) === 0;
}

/** Where a file stands; "Import all" takes the files that are 'ready' or were cancelled before. */
export function fileReadiness(file: InboxFile): Readiness {
  switch (file.phase) {
    case 'reading':
    case 'checking':
    case 'importing':
    case 'imported':
    case 'failed':
      return file.phase;
    case 'cancelled':
    case 'checked':
      break;
  }
  if (file.skipped) return 'skipped';
  const preview = file.preview;
  if (!preview || file.error) return 'error';
  if (preview.alreadyImported) return 'alreadyImported';
  if (preview.layout?.needsMapping && !file.mapping) return 'needsMapping';
  if (needsAccount(preview, file.createAccount)) return 'needsAccount';
  if (isEmptyPreview(preview)) return 'empty';
  return file.phase === 'cancelled' ? 'cancelled' : 'ready';
}

/** True for files "Import all" imports. */
export const isImportable = (file: InboxFile): boolean => {
  const readiness = fileReadiness(file);
  return readiness === 'ready' || readiness === 'cancelled';
};
