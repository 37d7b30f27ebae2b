import type { ReconciliationReport } from '../../../../main/core/contract/index.js';

/** The age bands of outstanding items, in days at the report's date. */
export const ageBucketIds = ['0-30', '31-60', '61-90', 'over90'] as const;
export type AgeBucketId = (typeof ageBucketIds)[number];

export interface SideTally {
  count: number;
  totalMinor: number;
}
export interface AgeBucket {
  id: AgeBucketId;
  bank: SideTally;
  books: SideTally;
}

/** Which band an age falls in: 0–30, 31–60, 61–90, over 90 days (a negative age counts as new). */
export function ageBucketOf(ageDays: number): AgeBucketId {
  if (ageDays <= 30) return '0-30';
  if (ageDays <= 60) return '31-60';
  if (ageDays <= 90) return '61-90';
  return 'over90';
}

type Outstanding = Pick<ReconciliationReport, 'outstandingBank' | 'outstandingBooks'>;

/** Counts and sums the report's outstanding bank lines and book entries by age band, every band present. */
export function ageBuckets(report: Outstanding): AgeBucket[] {
  const buckets = ageBucketIds.map((id): AgeBucket => ({ id, bank: { count: 0, totalMinor: 0 }, books: { count: 0, totalMinor: 0 } }));
  const add = (side: 'bank' | 'books', item: { ageDays: number; amountMinor: number }): void => {
    const bucket = buckets[ageBucketIds.indexOf(ageBucketOf(item.ageDays))]!;
    bucket[side].count += 1;
    bucket[side].totalMinor += item.amountMinor;
  };
  for (const item of report.outstandingBank) add('bank', item);
  for (const item of report.outstandingBooks) add('books', item);
  return buckets;
}
