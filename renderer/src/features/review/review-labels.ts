import type { ConfidenceBand, MatchCounts, MatchStatusName } from '../../../../main/core/contract/index.js';
import type { ReviewView } from '../../stores/review-types.js';

/** Status colours only for status, always with the word: green approved, amber pending, red rejected, grey the rest. */
export const statusTone: Readonly<Record<MatchStatusName, 'ok' | 'pending' | 'danger' | 'neutral'>> = {
  proposed: 'pending',
  pending_review: 'pending',
  auto_approved: 'ok',
  approved: 'ok',
  rejected: 'danger',
  superseded: 'neutral',
};

/** The queue's tabs, in the order a reviewer works them. */
export const reviewViews: readonly ReviewView[] = ['review', 'auto_approved', 'approved', 'rejected', 'all', 'unmatched'];
export const bands: readonly ConfidenceBand[] = ['high', 'medium', 'low'];

/** How many rows a tab holds, from the counts (null: not counted, e.g. "all"). */
export function viewCount(view: ReviewView, counts: MatchCounts | null): number | null {
  if (!counts) return null;
  switch (view) {
    case 'review':
      return counts.byStatus.pending_review;
    case 'auto_approved':
      return counts.byStatus.auto_approved;
    case 'approved':
      return counts.byStatus.approved;
    case 'rejected':
      return counts.byStatus.rejected;
    case 'unmatched':
      return counts.bankLines.unmatched;
    case 'decided':
    case 'all':
      return null;
  }
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** A share (0–1) as a whole percentage in the locale: "92 %" in Spanish, "92%" in English. */
export function formatPercent(share: number, locale: string): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, format);
  }
  return format.format(share);
}
