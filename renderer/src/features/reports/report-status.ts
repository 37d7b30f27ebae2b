import type { ReconciliationReport } from '../../../../main/core/contract/index.js';

/** What the proof shows: everything explained, a remainder left unexplained, or no proof (a balance is missing). */
export type ProofStatus = 'reconciled' | 'unexplained' | 'incomplete';

/** The verdict of a report's proof: statement − books − Σ outstanding bank + Σ outstanding books. */
export function proofStatus(report: Pick<ReconciliationReport, 'unexplainedMinor'>): ProofStatus {
  if (report.unexplainedMinor === null) return 'incomplete';
  return report.unexplainedMinor === 0 ? 'reconciled' : 'unexplained';
}

/** The badge tone of each verdict (the badge always carries the word too). */
export const proofTone = { reconciled: 'ok', unexplained: 'danger', incomplete: 'neutral' } as const;
