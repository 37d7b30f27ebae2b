/**
 * Date helpers for the importers. Every function returns an ISO calendar date `YYYY-MM-DD`
 * or null when the input is not a real date (2025-02-30 is null, never silently rolled over).
 * Dates keep the statement's local sense: time zones are never applied to shift the day.
 */

/** True when year/month/day name a day that exists in the proleptic Gregorian calendar. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Format year/month/day as YYYY-MM-DD, or null when the date does not exist. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!isValidDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface CenturyWindow {
  /** Two-digit years below this are 20xx, the rest 19xx. Default 70 (00–69 → 2000–2069). */
  pivot?: number;
}

/** Expand a two-digit year with a century window (default: 00–69 → 20xx, 70–99 → 19xx). */
export function expandYear(yy: number, window: CenturyWindow = {}): number {
  const pivot = window.pivot ?? 70;
  return yy < pivot ? 2000 + yy : 1900 + yy;
}

/** Parse `YYMMDD` (SWIFT, Norma 43) into YYYY-MM-DD, or null when malformed or impossible. */
export function parseYYMMDD(text: string, window: CenturyWindow = {}): string | null {
  if (!/^\d{6}$/.test(text)) return null;
  const yy = Number(text.slice(0, 2));
  return isoDate(expandYear(yy, window), Number(text.slice(2, 4)), Number(text.slice(4, 6)));
}

/** Parse `YYYYMMDD` (OFX date part) into YYYY-MM-DD, or null when malformed or impossible. */
export function parseYYYYMMDD(text: string): string | null {
  if (!/^\d{8}$/.test(text)) return null;
  return isoDate(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parse an ISO 8601 date or date-time ("2024-01-31", "2024-01-31T23:59:59.123456789+01:00")
 * into its own calendar date — the offset is NOT applied, so the day never shifts.
 */
export function parseIsoDateTime(text: string): string | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  if (m[4] !== undefined && (Number(m[4]) > 24 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 60)) return null;
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Resolve a month/day without a year (MT940 entry date `MMDD`) against a reference date:
 * the year is chosen so the result is closest to the reference (value date December,
 * entry date January → next year). Returns null when MMDD is malformed or impossible.
 */
export function resolveMonthDay(mmdd: string, referenceIso: string): string | null {
  if (!/^\d{4}$/.test(mmdd)) return null;
  const refYear = Number(referenceIso.slice(0, 4));
  const month = Number(mmdd.slice(0, 2));
  const day = Number(mmdd.slice(2, 4));
  const refDay = toDayNumber(referenceIso);
  let best: string | null = null;
  let bestGap = Infinity;
  for (const year of [refYear - 1, refYear, refYear + 1]) {
    const candidate = isoDate(year, month, day);
    if (candidate === null) continue;
    const gap = Math.abs(toDayNumber(candidate) - refDay);
    if (gap < bestGap) {
      best = candidate;
      bestGap = gap;
    }
  }
  return best;
}

/** Days since 1970-01-01 of an ISO date (UTC arithmetic, used only for differences). */
export function toDayNumber(isoDay: string): number {
  return Math.floor(Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) / 86_400_000);
}
