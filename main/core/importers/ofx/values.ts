/**
 * OFX leaf values: datetimes, amounts and currency rates.
 *
 * Dates: `YYYYMMDD[HHMMSS[.XXX]][ [+-h[:TZ]] ]`, also the non-standard `HHMMSS:XXX`. The digits
 * are the local time of the offset in brackets, so the calendar date is the written date:
 * `20240131230000[-5:EST]` is 31 January (converting to UTC would move it to 1 February).
 */
import { parseYYYYMMDD } from '../dates.js';
import { ParseError } from '../errors.js';
import { currencyExponent } from '../money.js';

const DATE_RE = /^(\d{8})(?:\d{2}(?:\d{2}(?:\d{2})?)?)?(?:[.:]\d{1,9})?\s*(?:\[\s*[+-]?\d{1,2}(?:[.:]\d{1,2})?(?::[A-Za-z ]*)?\s*\])?$/;

/** Calendar date of an OFX datetime; null when present but malformed or impossible (20120231). */
export function parseOfxDate(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  const m = DATE_RE.exec(text.trim());
  return m?.[1] === undefined ? null : parseYYYYMMDD(m[1]);
}

const AMOUNT_RE = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** Check the shape of an OFX amount (`-6.60`, `+75.6000`, `-6,60`); throws ParseError otherwise. */
export function assertOfxAmount(text: string): string {
  const t = text.trim();
  if (!AMOUNT_RE.test(t)) throw new ParseError('amount_invalid', `"${t}" is not an amount`);
  return t;
}

interface Decimal {
  mantissa: bigint;
  scale: number;
}

function toDecimal(text: string): Decimal | undefined {
  const t = text.trim().replace(',', '.');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return undefined;
  const digits = `${m[2] ?? ''}${m[3] ?? ''}`.replace(/^0+(?=\d)/, '') || '0';
  if (digits.length > 30) return undefined;
  const mantissa = BigInt(digits);
  return { mantissa: m[1] === '-' ? -mantissa : mantissa, scale: (m[3] ?? '').length };
}

/** num/den rounded half away from zero, as a safe integer; undefined when out of range. */
function roundDiv(num: bigint, den: bigint): number | undefined {
  if (den === 0n) return undefined;
  const neg = (num < 0n) !== (den < 0n);
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = (n * 2n + d) / (2n * d);
  const v = Number(neg ? -q : q);
  return Number.isSafeInteger(v) ? v || 0 : undefined;
}

const pow10 = (n: number): bigint => 10n ** BigInt(Math.max(0, n));

/**
 * Convert minor units of `from` with an OFX CURRATE: `multiply` gives from × rate (CURRENCY:
 * amounts in CURSYM → CURDEF), otherwise from ÷ rate (ORIGCURRENCY: CURDEF → original).
 * Undefined when the rate is not a positive decimal.
 */
export function convertMinor(minor: number, from: string, to: string, rateText: string, multiply: boolean): number | undefined {
  const rate = toDecimal(rateText);
  if (!rate || rate.mantissa <= 0n) return undefined;
  const fromExp = currencyExponent(from);
  const toExp = currencyExponent(to);
  // value(from) = minor / 10^fromExp; value(to) = value(from) × or ÷ (mantissa / 10^scale); minor(to) = value(to) × 10^toExp
  const m = BigInt(minor);
  if (multiply) return roundDiv(m * rate.mantissa * pow10(toExp), pow10(fromExp + rate.scale));
  return roundDiv(m * pow10(rate.scale) * pow10(toExp), rate.mantissa * pow10(fromExp));
}
