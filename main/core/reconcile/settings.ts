/** Per-company matching settings: threshold, tolerances and date window (absent: the engine's defaults). */
import type { Database } from 'better-sqlite3';
import type { MatchingSettings } from '../contract/index.js';
import { CoreError } from '../contract/index.js';
import { DEFAULT_PARAMETERS, type MatchParameterOverrides } from '../matching/index.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { writeTransaction } from '../db/repos/transaction.js';
import type { Clock } from '../clock.js';

interface SettingsRow {
  threshold: number;
  tolerance_percent: number;
  fee_tolerance_minor: number;
  date_window_before: number;
  date_window_after: number;
}

/** The engine's defaults as settings. */
export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  threshold: DEFAULT_PARAMETERS.threshold,
  tolerancePercent: DEFAULT_PARAMETERS.tolerancePercent,
  feeToleranceMinor: DEFAULT_PARAMETERS.feeToleranceMinor,
  dateWindowBefore: DEFAULT_PARAMETERS.dateWindowDays.before,
  dateWindowAfter: DEFAULT_PARAMETERS.dateWindowDays.after,
};

function read(db: Database, companyId: number): SettingsRow | undefined {
  return db.prepare('SELECT * FROM matching_settings WHERE company_id = ?').get(companyId) as SettingsRow | undefined;
}

/** A company's settings, and whether they are still the defaults. */
export function getMatchingSettings(db: Database, companyId: number): MatchingSettings & { isDefault: boolean } {
  if (!db.prepare('SELECT 1 FROM companies WHERE id = ?').get(companyId)) throw new CoreError('not_found', 'That company does not exist.');
  const row = read(db, companyId);
  if (!row) return { ...DEFAULT_MATCHING_SETTINGS, isDefault: true };
  return {
    threshold: row.threshold, tolerancePercent: row.tolerance_percent, feeToleranceMinor: row.fee_tolerance_minor,
    dateWindowBefore: row.date_window_before, dateWindowAfter: row.date_window_after, isDefault: false,
  };
}

/** Stores a company's settings (audited with the old and new values). */
export function setMatchingSettings(db: Database, clock: Clock, actor: AuditActor, companyId: number, s: MatchingSettings): MatchingSettings & { isDefault: boolean } {
  return writeTransaction(db, () => {
    const before = getMatchingSettings(db, companyId);
    db.prepare(`INSERT INTO matching_settings (company_id, threshold, tolerance_percent, fee_tolerance_minor, date_window_before, date_window_after, updated_by, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(company_id) DO UPDATE SET threshold = excluded.threshold, tolerance_percent = excluded.tolerance_percent,
        fee_tolerance_minor = excluded.fee_tolerance_minor, date_window_before = excluded.date_window_before,
        date_window_after = excluded.date_window_after, updated_by = excluded.updated_by, updated_at = excluded.updated_at`).run(
      companyId, s.threshold, s.tolerancePercent, s.feeToleranceMinor, s.dateWindowBefore, s.dateWindowAfter, actor.username ?? 'unknown', clock().toISOString(),
    );
    const { isDefault: _wasDefault, ...old } = before;
    appendAudit(db, clock, { actor, companyId, action: 'matching_settings.update', entity: 'company', entityId: companyId, details: { before: old, after: s } });
    return { ...s, isDefault: false };
  });
}

/** The engine overrides a company's settings stand for (empty when it has none). */
export function companySettingsOverrides(db: Database, companyId: number): MatchParameterOverrides {
  const row = read(db, companyId);
  if (!row) return {};
  return {
    threshold: row.threshold,
    tolerancePercent: row.tolerance_percent,
    feeToleranceMinor: row.fee_tolerance_minor,
    dateWindowDays: { before: row.date_window_before, after: row.date_window_after },
  };
}
