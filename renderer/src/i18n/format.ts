/**
 * Number and date formatting for the screens. Money crosses the boundary as decimal strings
 * ("-564.05") or integer minor units; it is never turned into a float here, so large amounts
 * keep every cent. Negative amounts show a leading minus sign, never parentheses.
 */

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
const numberFormats = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      currencySign: 'standard',
      signDisplay: 'negative',
    });
    numberFormats.set(key, format);
  }
  return format;
}

const currencyDigitsCache = new Map<string, number>();

/** How many decimals a currency has in ISO 4217 (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  // Cached: building an Intl.NumberFormat per amount was most of a long list's render time.
  let digits = currencyDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    currencyDigitsCache.set(currency, digits);
  }
  return digits;
}

/** Integer minor units → exact decimal string: (-56405, 2) → "-564.05". */
export function minorToDecimal(minor: number | bigint, digits: number): string {
  const value = typeof minor === 'bigint' ? minor : BigInt(Math.trunc(minor));
  const negative = value < 0n;
  const digitsText = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = digitsText.slice(0, digitsText.length - digits);
  const fraction = digits > 0 ? `.${digitsText.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** A decimal string as an amount in the locale with its currency code: ("-1234.5", "EUR", "es-ES") → "-1234,50 EUR". */
export function formatAmount(amount: string, currency: string, locale: string): string {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return `${amount} ${currency}`;
  const [, sign = '', whole = '0', fraction = ''] = match;
  // Intl formats a numeric string exactly (no float rounding); signDisplay 'negative' hides "-0".
  const literal = `${sign === '-' ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}` as `${number}`;
  return currencyFormat(locale, currency).format(literal);
}

/** Integer minor units as an amount in the locale with its currency code. */
export function formatMinor(minor: number | bigint, currency: string, locale: string): string {
  return formatAmount(minorToDecimal(minor, currencyDigits(currency)), currency, locale);
}

/** True when a decimal string or minor amount is below zero (for the negative style). */
export function isNegative(amount: string | number | bigint): boolean {
  if (typeof amount === 'string') {
    const match = DECIMAL.exec(amount.trim());
    return match?.[1] === '-' && /[1-9]/.test(`${match[2] ?? ''}${match[3] ?? ''}`);
  }
  return amount < 0;
}

/** A plain count or number in the locale. */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateOptions: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** One Intl.DateTimeFormat per locale, zone and kind, kept: building one costs far more than formatting. */
function dateFormat(locale: string, withTime: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${withTime ? 't' : 'd'}|${timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...dateOptions,
      ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
    dateFormats.set(key, format);
  }
  return format;
}

function toDate(iso: string): { date: Date; dateOnly: boolean } | null {
  const only = DATE_ONLY.exec(iso);
  if (only) {
    const date = new Date(Date.UTC(Number(only[1]), Number(only[2]) - 1, Number(only[3])));
    return Number.isNaN(date.getTime()) ? null : { date, dateOnly: true };
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : { date, dateOnly: false };
}

/**
 * A date, short and unambiguous in any locale: the month is a word ("5 mar 2024", "Mar 5, 2024"),
 * so 03/05 can never be read the wrong way round. A plain YYYY-MM-DD is a calendar day and is never
 * shifted by the time zone.
 */
export function formatDate(iso: string, locale: string, timeZone?: string): string {
  const parsed = toDate(iso);
  if (!parsed) return iso;
  return dateFormat(locale, false, parsed.dateOnly ? 'UTC' : timeZone).format(parsed.date);
}

/** A moment (ISO date-time) as date and time of day in the locale's clock (24 h in es, 12 h in en-US). */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const parsed = toDate(iso);
  if (!parsed) return iso;
  return dateFormat(locale, true, timeZone).format(parsed.date);
}
