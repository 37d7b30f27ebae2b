/** Reading reconciliation runs back for the contract. */
import type { Database } from 'better-sqlite3';
import type { ReconcileRun } from '../contract/index.js';
import type { MatchDiagnostic, MatchParameters } from '../matching/index.js';
import type { RunCounts } from './run-service.js';

/** A `reconcile_runs` row. */
export interface RunRow {
  id: number;
  company_id: number;
  status: ReconcileRun['status'];
  parameters: string;
  account_ids: string | null;
  engine_version: string;
  stage: string;
  state: string | null;
  resumed_count: number;
  stats: string | null;
  diagnostics: string;
  error: string | null;
  started_by: string;
  started_at: string;
  finished_at: string | null;
}

/** A run as the contract shows it. */
export function toReconcileRun(row: RunRow): ReconcileRun {
  const params = JSON.parse(row.parameters) as MatchParameters;
  const stats = row.stats ? (JSON.parse(row.stats) as { counts: RunCounts }) : null;
  const diagnostics = JSON.parse(row.diagnostics) as MatchDiagnostic[];
  return {
    id: row.id,
    companyId: row.company_id,
    status: row.status,
    stage: row.stage,
    engineVersion: row.engine_version,
    parameters: { threshold: params.threshold, tolerancePercent: params.tolerancePercent, dateWindowDays: { ...params.dateWindowDays } },
    resumedCount: row.resumed_count,
    startedBy: row.started_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: stats?.counts ?? null,
    diagnostics: diagnostics.map((d) => ({ level: d.level, code: d.code, message: d.message })),
    error: row.error,
  };
}

/** A company's runs, newest first. */
export function listRuns(db: Database, companyId: number, limit: number): ReconcileRun[] {
  const rows = db.prepare('SELECT * FROM reconcile_runs WHERE company_id = ? ORDER BY id DESC LIMIT ?').all(companyId, limit) as RunRow[];
  return rows.map(toReconcileRun);
}
