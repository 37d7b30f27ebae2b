/**
 * Spreadsheet number formats through SheetJS's SSF (typed `any` upstream, so narrowed here):
 * whether a format is a date, the text a cell shows, and doubles as plain decimal strings.
 */
import * as XLSX from '@e965/xlsx';

const ssf: unknown = XLSX.SSF;

/** Built-in Excel format ids that are dates or times (used when SSF has no table entry). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function ssfFunction(name: 'is_date' | 'format' | 'get_table'): ((...args: unknown[]) => unknown) | null {
  if (typeof ssf !== 'object' || ssf === null || !(name in ssf)) return null;
  const fn: unknown = (ssf as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (...args: unknown[]) => fn.apply(ssf, args) as unknown : null;
}

/** The format string of a built-in format id, when SSF knows it. */
function builtinFormat(id: number): string | null {
  const table = ssfFunction('get_table')?.();
  const value = typeof table === 'object' && table !== null ? (table as Record<number, unknown>)[id] : undefined;
  return typeof value === 'string' ? value : null;
}

/** True when a number format (string, or built-in id) shows a date or date-time. */
export function isDateFormat(z: string | number | undefined): boolean {
  if (z === undefined || z === 'General' || z === 0) return false;
  const format = typeof z === 'number' ? builtinFormat(z) : z;
  if (format === null) return typeof z === 'number' && BUILTIN_DATE_IDS.has(z);
  try {
    return ssfFunction('is_date')?.(format) === true;
  } catch {
    return false;
  }
}

/** The text a spreadsheet shows for a number in a format; the plain decimal when SSF cannot format it. */
export function formatNumber(z: string | number | undefined, value: number): string {
  try {
    const shown = ssfFunction('format')?.(z ?? 0, value);
    return typeof shown === 'string' ? shown.trim() : numberToDecimal(value);
  } catch {
    return numberToDecimal(value);
  }
}

/**
 * A double as a plain decimal string without exponent. 15 significant digits drop binary
 * noise from formulas (0.1 + 0.2 → "0.3"); a spreadsheet cannot hold more precision anyway.
 */
export function numberToDecimal(n: number): string {
  if (!Number.isFinite(n)) return '';
  const clean = Number(n.toPrecision(15));
  let s = String(clean);
  if (!/e/i.test(s)) return s;
  s = Math.abs(clean) < 1 ? clean.toFixed(20) : BigInt(Math.round(clean)).toString();
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
