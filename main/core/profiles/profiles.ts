/**
 * Saved spreadsheet profiles: a person's mapping of a bank's or an accounting system's export,
 * saved under a name, firm-wide or for one company, and recognised next time by the file's
 * headers. Saving replaces a profile of the same name in the same scope; both saving and
 * deleting are audited.
 */
import type { Database } from 'better-sqlite3';
import { CoreError, type SavedProfile, type TabularProfile } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { requireCompany } from '../domain/companies.js';
import { normalizeHeader } from '../importers/tabular/headers.js';
import {
  deleteProfileRow, findProfileRow, findProfileRowByName, insertProfileRow, listProfileRows, profileRowsBySignature,
  toSavedProfile, updateProfileRow,
} from './profiles-repo.js';

/**
 * The header signature of a layout: its normalised non-empty headers, without repeats, sorted
 * and joined by '|'. Column order and spelling variants ("F. Valor" / "f valor") do not matter.
 */
export function headerSignature(headers: readonly string[]): string {
  return [...new Set(headers.map(normalizeHeader).filter((h) => h !== ''))].sort().join('|');
}

/** A profile's own header signature (the headers of its columns). */
export function profileSignature(profile: TabularProfile): string {
  return headerSignature(profile.columns.map((c) => c.header));
}

/** The saved profiles a company can use (its own and the firm-wide ones); firm-wide only for null. */
export function listProfiles(deps: CoreDeps, companyId: number | null): SavedProfile[] {
  if (companyId !== null) requireCompany(deps, companyId);
  return listProfileRows(deps.db, companyId).map(toSavedProfile);
}

/** A profile the company may use (its own or firm-wide), or `not_found`. */
export function requireUsableProfile(deps: CoreDeps, companyId: number, id: number): SavedProfile {
  const row = findProfileRow(deps.db, id);
  if (!row || (row.company_id !== null && row.company_id !== companyId)) {
    throw new CoreError('not_found', `There is no saved profile with id ${id} for this company.`);
  }
  return toSavedProfile(row);
}

/**
 * The saved profile whose headers are exactly those of one of the candidate header rows (the
 * first rows of a file, top first: title rows may sit above the header), preferring the
 * company's own profiles and the given side.
 */
export function recogniseProfile(
  db: Database,
  companyId: number,
  candidateRows: ReadonlyArray<readonly string[]>,
  side: 'bank' | 'books' | null,
): SavedProfile | null {
  const seen = new Set<string>();
  for (const cells of candidateRows) {
    const signature = headerSignature(cells);
    if (signature === '' || seen.has(signature)) continue;
    seen.add(signature);
    const rows = profileRowsBySignature(db, companyId, signature);
    const row = side === null ? rows[0] : rows.find((r) => r.side === side);
    if (row) return toSavedProfile(row);
  }
  return null;
}

/**
 * Saves a profile under its name in a scope (a company, or firm-wide for null), replacing one of
 * the same name there. Call inside or outside a transaction: it joins the caller's.
 */
export function saveProfile(deps: CoreDeps, actor: AuditActor, companyId: number | null, profile: TabularProfile): SavedProfile {
  if (companyId !== null) requireCompany(deps, companyId);
  if (profile.columns.every((c) => c.role === 'ignore')) throw new CoreError('invalid_input', 'The profile maps no column: give at least the date and the amount.');
  const signature = profileSignature(profile);
  if (signature === '') throw new CoreError('invalid_input', 'The profile names no column header, so no file could be recognised by it.');
  return writeTransaction(deps.db, () => {
    const now = deps.clock().toISOString();
    const values = { companyId, name: profile.name, side: profile.side, json: JSON.stringify(profile), signature, now };
    const existing = findProfileRowByName(deps.db, companyId, profile.name);
    let id: number;
    if (existing) {
      id = existing.id;
      updateProfileRow(deps.db, id, values);
    } else {
      id = insertProfileRow(deps.db, values);
    }
    appendAudit(deps.db, deps.clock, {
      actor,
      companyId,
      action: existing ? 'profile.replace' : 'profile.create',
      entity: 'tabular_profile',
      entityId: id,
      details: { name: profile.name, side: profile.side, columns: profile.columns.length, ledger: profile.ledger },
    });
    return toSavedProfile(findProfileRow(deps.db, id)!);
  });
}

/** Deletes a saved profile (files it was used for stay imported). */
export function deleteProfile(deps: CoreDeps, actor: AuditActor, id: number): void {
  writeTransaction(deps.db, () => {
    const row = findProfileRow(deps.db, id);
    if (!row) throw new CoreError('not_found', `There is no saved profile with id ${id}.`);
    deleteProfileRow(deps.db, id);
    appendAudit(deps.db, deps.clock, {
      actor,
      companyId: row.company_id,
      action: 'profile.delete',
      entity: 'tabular_profile',
      entityId: id,
      details: { name: row.name, side: row.side },
    });
  });
}
