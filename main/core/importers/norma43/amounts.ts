/**
 * Norma 43 amounts (14 digits, 2 implied decimals, separate sign key) and dates (YYMMDD),
 * turned into Money / ISO dates or a diagnostic — never an exception.
 */
import type { Diagnostic, Money } from '../types.js';
import { impliedDecimalsToMinor, ParseError } from '../money.js';
import { parseYYMMDD } from '../dates.js';
import { currencyFromNumeric } from '../currency-codes.js';

/** Common concepts (conceptos comunes) of Cuaderno 43, used as a description when a movement has no 23 records. */
export const COMMON_CONCEPTS: Readonly<Record<string, string>> = {
  '01': 'Talones - reintegros', '02': 'Abonarés - entregas - ingresos', '03': 'Domiciliados - recibos - letras - pagos por su cuenta',
  '04': 'Giros - transferencias - traspasos - cheques', '05': 'Amortizaciones préstamos, créditos, etc.',
  '06': 'Remesas efectos', '07': 'Suscripciones - dividendos pasivos - canjes', '08': 'Dividendos - cupones - prima junta - amortizaciones',
  '09': 'Operaciones de bolsa y/o compra/venta valores', '10': 'Cheques gasolina', '11': 'Cajero automático',
  '12': 'Tarjetas de crédito - tarjetas de débito', '13': 'Operaciones extranjero', '14': 'Devoluciones e impagados',
  '15': 'Nóminas - seguros sociales', '16': 'Timbres - corretaje - póliza', '17': 'Intereses - comisiones - custodia - gastos e impuestos',
  '98': 'Anulaciones - correcciones asiento', '99': 'Varios',
};

/** Concepts that undo an earlier movement: 14 returned bills, 98 cancellations. */
export const REVERSAL_CONCEPTS = new Set(['14', '98']);

/** Resolve a numeric currency code, warning when unknown. Returns null when unknown. */
export function n43Currency(numeric: string, line: number, diagnostics: Diagnostic[]): string | null {
  const alpha = currencyFromNumeric(numeric);
  if (alpha === null) {
    diagnostics.push({
      level: 'warning',
      code: 'unknown_currency',
      message: `Line ${line}: currency code "${numeric}" is not an ISO 4217 numeric code Cuadra knows.`,
      line,
    });
  }
  return alpha;
}

/**
 * Signed Money from a 14-digit implied-decimals amount and a sign key ('1' debit → negative,
 * '2' credit → positive). Returns null (and a diagnostic) when the field is unreadable.
 */
export function n43Amount(
  digits: string,
  sign: string,
  currency: string,
  line: number,
  what: string,
  diagnostics: Diagnostic[],
): Money | null {
  if (!/^\d{1,14}$/.test(digits)) {
    diagnostics.push({ level: 'error', code: 'invalid_amount', message: `Line ${line}: the ${what} "${digits}" is not a 14-digit amount.`, line });
    return null;
  }
  if (sign !== '1' && sign !== '2') {
    diagnostics.push({
      level: 'error',
      code: 'invalid_sign',
      message: `Line ${line}: the debit/credit key of the ${what} is "${sign}" (expected 1 = debit or 2 = credit).`,
      line,
    });
    return null;
  }
  let minor: number;
  try {
    minor = impliedDecimalsToMinor(digits, 2, currency);
  } catch (err) {
    if (!(err instanceof ParseError) || err.code !== 'amount_precision') throw err;
    // A 0-decimal currency (JPY) with non-zero cents: keep the line, rounded, and say so.
    const whole = digits.slice(0, -2) || '0';
    minor = impliedDecimalsToMinor(whole, 0, currency) + (Number(digits.slice(-2)) >= 50 ? 1 : 0);
    diagnostics.push({
      level: 'warning',
      code: 'amount_precision',
      message: `Line ${line}: the ${what} has cents but ${currency} has no minor unit; it was rounded.`,
      line,
    });
  }
  return { minor: sign === '1' && minor !== 0 ? -minor : minor, currency };
}

/** ISO date from YYMMDD, or null with a warning naming the field. */
export function n43Date(text: string, line: number, what: string, diagnostics: Diagnostic[]): string | null {
  const iso = parseYYMMDD(text);
  if (iso === null) {
    diagnostics.push({ level: 'warning', code: 'invalid_date', message: `Line ${line}: the ${what} "${text}" is not a valid YYMMDD date.`, line });
  }
  return iso;
}

/** Count as a plain integer, or null with a warning. */
export function n43Count(text: string, line: number, what: string, diagnostics: Diagnostic[]): number | null {
  if (!/^\d{1,6}$/.test(text)) {
    diagnostics.push({ level: 'warning', code: 'invalid_count', message: `Line ${line}: the ${what} "${text}" is not a number.`, line });
    return null;
  }
  return Number(text);
}
