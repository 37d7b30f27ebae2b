/** Consecutive failures that lock an account. */
export const LOCK_AFTER_FAILURES = 5;
/** Length of the first lock; each further failure doubles it. */
export const FIRST_LOCK_MS = 60_000;
/** Longest lock. */
export const MAX_LOCK_MS = 3_600_000;

/**
 * How long an account is locked after its `failedLogins`-th consecutive failure: nothing
 * before the 5th, then 1 minute, 2, 4, … up to 1 hour.
 */
export function lockDurationMs(failedLogins: number): number {
  if (failedLogins < LOCK_AFTER_FAILURES) return 0;
  const doublings = Math.min(failedLogins - LOCK_AFTER_FAILURES, 30);
  return Math.min(FIRST_LOCK_MS * 2 ** doublings, MAX_LOCK_MS);
}

/** True while `lockedUntil` lies after `now`. */
export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
}
