/**
 * Dates in tables: dd/mm/yyyy, m/d/yyyy, %m/%d/%y, yyyy.mm.dd, ISO (with or without time),
 * yyyymmdd, month names in Spanish and English (05-ENE-2025, Jan 5, 2025), Excel serials.
 * The day/month order is decided from ALL the date cells of the file: one cell with a first
 * part above 12 proves d/m, one with a second part above 12 proves m/d. When every cell fits
 * both, the row sequence may still decide (only one reading keeps the rows in date order);
 * otherwise the order stays ambiguous and the caller flags it.
 */
import { expandYear, isoDate, toDayNumber } from '../dates.js';
import type { CellKind, DateOrder } from './types.js';

const MONTHS: Readonly<Record<string, number>> = {
  ene: 1, enero: 1, jan: 1, january: 1, feb: 2, febrero: 2, february: 2, mar: 3, marzo: 3, march: 3,
  abr: 4, abril: 4, apr: 4, april: 4, may: 5, mayo: 5, jun: 6, junio: 6, june: 6, jul: 7, julio: 7, july: 7,
  ago: 8, agosto: 8, aug: 8, august: 8, sep: 9, sept: 9, set: 9, septiembre: 9, setiembre: 9, september: 9,
  oct: 10, octubre: 10, october: 10, nov: 11, noviembre: 11, november: 11, dic: 12, diciembre: 12, dec: 12, december: 12,
};

/** The date part of a cell, split into its pieces. */
export type DateShape =
  | { kind: 'ymd'; y: number; m: number; d: number }
  /** Two numbers in unknown day/month order, then the year. */
  | { kind: 'pair'; first: number; second: number; year: number }
  | { kind: 'named'; y: number; m: number; d: number }
  | { kind: 'serial'; serial: number };

const NUMERIC_RE = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_NAMED_RE = /^(\d{1,2})[\s/.-]+(?:de\s+)?([a-zñ]{3,10})\.?[\s/.,-]+(?:de\s+)?(\d{2,4})$/;
const NAMED_DAY_RE = /^([a-zñ]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})$/;

/** Remove a time of day ("13/11/2025 10:22", "2025-11-13T10:22:00Z") and surrounding spaces. */
function datePart(text: string): string {
  const t = text.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}/.exec(t);
  if (iso) return iso[1] as string;
  const space = t.search(/\s\d{1,2}:\d{2}/);
  return space > 0 ? t.slice(0, space) : t;
}

/** Split a date cell into its shape, or null when it is not a date in any supported form. */
export function dateShape(text: string, kind: CellKind = 'text'): DateShape | null {
  if (text.length > 40) return null;
  if (kind === 'number') {
    const serial = Number(text);
    return Number.isFinite(serial) && serial >= 1 && serial < 2958466 ? { kind: 'serial', serial } : null;
  }
  const t = datePart(text).toLowerCase();
  const numeric = NUMERIC_RE.exec(t);
  if (numeric) {
    const a = numeric[1] as string;
    const b = Number(numeric[3]);
    const c = numeric[4] as string;
    if (a.length === 4 && c.length <= 2) return { kind: 'ymd', y: Number(a), m: b, d: Number(c) };
    if (a.length <= 2 && (c.length === 4 || c.length === 2)) {
      const year = c.length === 2 ? expandYear(Number(c)) : Number(c);
      return { kind: 'pair', first: Number(a), second: b, year };
    }
    return null;
  }
  const compact = COMPACT_RE.exec(t);
  if (compact) {
    const y = Number(compact[1]);
    return y >= 1900 && y <= 2100 ? { kind: 'ymd', y, m: Number(compact[2]), d: Number(compact[3]) } : null;
  }
  const dayNamed = DAY_NAMED_RE.exec(t);
  if (dayNamed) {
    const m = MONTHS[dayNamed[2] as string];
    const yText = dayNamed[3] as string;
    if (m !== undefined && yText.length !== 3) {
      return { kind: 'named', y: yText.length === 2 ? expandYear(Number(yText)) : Number(yText), m, d: Number(dayNamed[1]) };
    }
    return null;
  }
  const namedDay = NAMED_DAY_RE.exec(t);
  if (namedDay) {
    const m = MONTHS[namedDay[1] as string];
    if (m !== undefined) return { kind: 'named', y: Number(namedDay[3]), m, d: Number(namedDay[2]) };
  }
  return null;
}

/** Excel serial day number → YYYY-MM-DD (1900 system with its fake 29 February 1900, or 1904). */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  let ms: number;
  if (date1904) ms = Date.UTC(1904, 0, 1) + days * 86_400_000;
  else if (days === 60) return null; // 1900-02-29 does not exist (Lotus 1-2-3 bug kept by Excel)
  else if (days === 0) return null;
  else if (days < 60) ms = Date.UTC(1899, 11, 31) + days * 86_400_000;
  else ms = Date.UTC(1899, 11, 30) + days * 86_400_000;
  const dt = new Date(ms);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** Statements repeat the same dates on many rows: parsed text cells are remembered (bounded). */
const parsedDates = new Map<string, string | null>();
const MAX_REMEMBERED = 20_000;

/** Parse one date cell with a day/month order; null when it is not a real date. */
export function parseDateCell(text: string, order: DateOrder, kind: CellKind = 'text', date1904 = false): string | null {
  if (text === '') return null;
  if (kind === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
  if (kind === 'number') return readDate(text, order, kind, date1904);
  const key = `${order}|${text}`;
  const known = parsedDates.get(key);
  if (known !== undefined) return known;
  const iso = readDate(text, order, kind, date1904);
  if (parsedDates.size >= MAX_REMEMBERED) parsedDates.clear();
  parsedDates.set(key, iso);
  return iso;
}

function readDate(text: string, order: DateOrder, kind: CellKind, date1904: boolean): string | null {
  const shape = dateShape(text, kind);
  if (shape === null) return null;
  switch (shape.kind) {
    case 'serial':
      return serialToIso(shape.serial, date1904);
    case 'ymd':
    case 'named':
      return isoDate(shape.y, shape.m, shape.d);
    case 'pair':
      return order === 'mdy' ? isoDate(shape.year, shape.first, shape.second) : isoDate(shape.year, shape.second, shape.first);
  }
}

export interface DateOrderDecision {
  order: DateOrder;
  /** True when nothing in the file decides between d/m and m/d. */
  ambiguous: boolean;
  /** Cells that only one order can read, per order. */
  evidence: { dmy: number; mdy: number; either: number; ymd: number };
  reason: string;
}

/**
 * Read the cells with `order`: the Σ of day steps against the main direction (0 when the rows are
 * in date order) and the span in days. Null when some cell is not a date that way.
 */
function sequence(cells: ReadonlyArray<{ text: string; kind: CellKind }>, order: DateOrder): { disorder: number; span: number } | null {
  const days: number[] = [];
  for (const c of cells) {
    // Cells that are no date at all (a footer, a blank) do not count; a date impossible in this order does.
    if (c.text === '' || dateShape(c.text, c.kind) === null) continue;
    const iso = parseDateCell(c.text, order, c.kind);
    if (iso === null) return null;
    days.push(toDayNumber(iso));
  }
  let up = 0;
  let down = 0;
  for (let i = 1; i < days.length; i++) {
    const step = (days[i] ?? 0) - (days[i - 1] ?? 0);
    if (step > 0) up += step;
    else down -= step;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of days) {
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
  }
  return { disorder: Math.min(up, down), span: days.length === 0 ? 0 : hi - lo };
}

/**
 * Decide the day/month order from every date cell of the file (`columns`: the cells of each date
 * column in row order). `fallback` is used when the file cannot decide (locale evidence).
 */
export function decideDateOrder(
  columns: ReadonlyArray<ReadonlyArray<{ text: string; kind: CellKind }>>,
  fallback: { order: 'dmy' | 'mdy'; why: string; evidence: boolean },
): DateOrderDecision {
  const evidence = { dmy: 0, mdy: 0, either: 0, ymd: 0 };
  for (const cells of columns) {
    for (const c of cells) {
      const shape = dateShape(c.text, c.kind);
      if (shape === null || c.kind === 'date') continue;
      if (shape.kind !== 'pair') {
        evidence.ymd++;
        continue;
      }
      const asDmy = isoDate(shape.year, shape.second, shape.first) !== null;
      const asMdy = isoDate(shape.year, shape.first, shape.second) !== null;
      if (asDmy && asMdy) evidence.either++;
      else if (asDmy) evidence.dmy++;
      else if (asMdy) evidence.mdy++;
    }
  }
  const { dmy, mdy, either } = evidence;
  if (dmy + mdy + either === 0) {
    return { order: 'ymd', ambiguous: false, evidence, reason: 'Dates are written year first (ISO or yyyy.mm.dd) or as spreadsheet dates.' };
  }
  if (dmy > 0 && mdy === 0) {
    return { order: 'dmy', ambiguous: false, evidence, reason: `Dates are day/month/year: ${dmy} date(s) have a first number above 12.` };
  }
  if (mdy > 0 && dmy === 0) {
    return { order: 'mdy', ambiguous: false, evidence, reason: `Dates are month/day/year: ${mdy} date(s) have a second number above 12.` };
  }
  if (dmy > 0 && mdy > 0) {
    const order = dmy >= mdy ? 'dmy' : 'mdy';
    return {
      order,
      ambiguous: true,
      evidence,
      reason: `Dates contradict each other: ${dmy} can only be day/month, ${mdy} only month/day; ${order === 'dmy' ? 'day/month' : 'month/day'} was assumed.`,
    };
  }
  // Every cell fits both orders: the sequence of rows may tell (statements are in date order).
  const first = columns[0] ?? [];
  const asDmy = sequence(first, 'dmy');
  const asMdy = sequence(first, 'mdy');
  const name = (o: 'dmy' | 'mdy'): string => (o === 'dmy' ? 'day/month' : 'month/day');
  if (first.length >= 3 && asDmy !== null && asMdy !== null) {
    if (asDmy.disorder !== asMdy.disorder && Math.min(asDmy.disorder, asMdy.disorder) === 0) {
      const order = asDmy.disorder === 0 ? 'dmy' : 'mdy';
      return { order, ambiguous: false, evidence, reason: `Every date fits both day/month and month/day, but only ${name(order)} keeps the rows in date order.` };
    }
    // Both keep the order: a statement spans weeks, not months. Taken only when the locale agrees
    // (a list of monthly fees on the 1st reads as 12 days the other way round).
    const tight = asDmy.span * 4 <= asMdy.span ? 'dmy' : asMdy.span * 4 <= asDmy.span ? 'mdy' : null;
    if (tight !== null && fallback.evidence && tight === fallback.order) {
      const days = (o: 'dmy' | 'mdy'): number => (o === 'dmy' ? asDmy.span : asMdy.span);
      const other = tight === 'dmy' ? 'mdy' : 'dmy';
      return {
        order: tight,
        ambiguous: false,
        evidence,
        reason: `Every date fits both orders; read as ${name(tight)} the rows span ${days(tight)} day(s), as ${name(other)} ${days(other)} days, and ${fallback.why} point the same way: ${name(tight)}.`,
      };
    }
  }
  return {
    order: fallback.order,
    ambiguous: true,
    evidence,
    reason: `Every date (${either}) fits both day/month and month/day; ${fallback.order === 'dmy' ? 'day/month' : 'month/day'} was assumed (${fallback.why}). Confirm the date format.`,
  };
}
