/**
 * Exact money handling for the importers: decimal text → integer minor units with string
 * arithmetic only (no floating point anywhere), and back to a decimal string for JSON.
 */
import { ParseError } from './errors.js';

export { ParseError } from './errors.js';

/** ISO 4217 currencies whose minor unit is not 2 decimals. Everything else defaults to 2. */
const EXPONENTS: Readonly<Record<string, number>> = {
  // 0 decimals
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  ESP: 0, // the peseta, still met in pre-2002 Norma 43 archives
  // 3 decimals
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // 4 decimals
  CLF: 4, UYW: 4,
};

/** Number of minor-unit decimals of an ISO 4217 currency code (2 when unknown or empty). */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.trim().toUpperCase()] ?? 2;
}

export interface ToMinorOptions {
  /** Accept only this decimal separator; by default one '.' or one ',' is accepted. */
  decimalSeparator?: ',' | '.';
  /**
   * Round extra decimals half away from zero instead of rejecting them (for formats whose
   * specification allows more precision than the currency, e.g. OFX `-3.77000` is exact anyway,
   * but `18.155 EUR` is not). Default false: non-zero extra digits throw `amount_precision`.
   */
  round?: boolean;
}

const AMOUNT_RE = /^([+-]?)(\d*)(?:([.,])(\d*))?$/;

/**
 * Convert a decimal amount text ("-564,05", "1500,", "+75.6000", "200000") to signed integer
 * minor units of `currency`. Throws ParseError('amount_invalid' | 'amount_precision' | 'amount_too_large').
 */
export function toMinor(decimalText: string, currency: string, opts: ToMinorOptions = {}): number {
  const text = decimalText.trim();
  const m = AMOUNT_RE.exec(text);
  const intPart = m?.[2] ?? '';
  const sep = m?.[3];
  const fracPart = m?.[4] ?? '';
  if (!m || (intPart === '' && fracPart === '')) {
    throw new ParseError('amount_invalid', `"${decimalText}" is not an amount`);
  }
  if (sep !== undefined && opts.decimalSeparator !== undefined && sep !== opts.decimalSeparator) {
    throw new ParseError('amount_invalid', `"${decimalText}" uses "${sep}" but the decimal separator here is "${opts.decimalSeparator}"`);
  }
  const negative = m[1] === '-';
  const exp = currencyExponent(currency);
  const kept = fracPart.slice(0, exp).padEnd(exp, '0');
  const extra = fracPart.slice(exp);
  let roundUp = false;
  if (/[1-9]/.test(extra)) {
    if (!opts.round) {
      throw new ParseError(
        'amount_precision',
        `"${decimalText}" has more decimals than ${currency || 'the currency'} allows (${exp})`,
      );
    }
    roundUp = (extra.charCodeAt(0) - 48) >= 5;
  }
  let digits = (intPart + kept).replace(/^0+(?=\d)/, '');
  if (digits === '') digits = '0';
  if (roundUp) digits = incrementDigits(digits);
  if (digits.length > 16 || !Number.isSafeInteger(Number(digits))) {
    throw new ParseError('amount_too_large', `"${decimalText}" is too large to be held exactly`);
  }
  const value = Number(digits);
  return negative && value !== 0 ? -value : value;
}

/** Add one to a non-negative decimal digit string. */
function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = String.fromCharCode((chars[i] ?? '0').charCodeAt(0) + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}

/** Convert integer minor units to "-564.05" (always '.', exactly the currency's decimals). */
export function formatMinor(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`formatMinor: ${minor} is not a safe integer`);
  const exp = currencyExponent(currency);
  const negative = minor < 0;
  const abs = String(Math.abs(minor));
  if (exp === 0) return (negative ? '-' : '') + abs;
  const padded = abs.padStart(exp + 1, '0');
  const whole = padded.slice(0, padded.length - exp);
  const frac = padded.slice(padded.length - exp);
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Convert an implied-decimals digit field ("00000000001234" with 2 decimals) to minor units of `currency`. */
export function impliedDecimalsToMinor(digits: string, decimals: number, currency: string): number {
  if (!/^\d+$/.test(digits)) throw new ParseError('amount_invalid', `"${digits}" is not a digit amount`);
  const whole = digits.length > decimals ? digits.slice(0, digits.length - decimals) : '0';
  const frac = digits.slice(Math.max(0, digits.length - decimals)).padStart(decimals, '0');
  return toMinor(decimals > 0 ? `${whole}.${frac}` : whole, currency, { decimalSeparator: '.' });
}
