import type { AuditEntry } from '../../../../main/core/contract/index.js';
import { todayIso } from '../../stores/slices/iso-date.js';

/** The user choice for entries made from the command line (a colon never appears in a username). */
export const COMMAND_LINE = ':command-line';

/** Filters of the audit screen; empty strings filter nothing. */
export interface AuditFilter {
  /** Words to find in the action or the item ("match.approve", "company 3"). */
  text: string;
  /** A username, COMMAND_LINE, or '' for everyone. */
  user: string;
  /** Local calendar days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

export const noAuditFilter: AuditFilter = { text: '', user: '', from: '', to: '' };

/** True when any filter is set. */
export const isFiltering = (filter: AuditFilter): boolean =>
  filter.text.trim() !== '' || filter.user !== '' || filter.from !== '' || filter.to !== '';

/** Lower case without accents, so "aprobacion" finds "aprobación". */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/**
 * The loaded entries that pass the filters (the contract has no audit filters, so this works on
 * the pages loaded so far): every word of the text in the action or item, the user, and the
 * local day of the entry within the range.
 */
export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    if (filter.user === COMMAND_LINE ? entry.username !== null : filter.user !== '' && entry.username !== filter.user) return false;
    if (filter.from !== '' || filter.to !== '') {
      const day = todayIso(new Date(entry.at));
      if (filter.from !== '' && day < filter.from) return false;
      if (filter.to !== '' && day > filter.to) return false;
    }
    if (words.length === 0) return true;
    const haystack = fold(`${entry.action} ${entry.entity} ${entry.entityId ?? ''} ${entry.entity}#${entry.entityId ?? ''}`);
    return words.every((word) => haystack.includes(word));
  });
}

/** The users who appear in the loaded entries, for the user filter. */
export function auditUsers(entries: readonly AuditEntry[]): { names: string[]; commandLine: boolean } {
  const names = new Set<string>();
  let commandLine = false;
  for (const entry of entries) {
    if (entry.username === null) commandLine = true;
    else names.add(entry.username);
  }
  return { names: [...names].sort((a, b) => a.localeCompare(b)), commandLine };
}
