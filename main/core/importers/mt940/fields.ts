/**
 * Value parsers for MT940/MT942 tags: balances (:60: :62: :64: :65:), account (:25:),
 * statement line (:61:), floor limit (:34F:), date-time (:13D:) and entry sums (:90D: :90C:).
 * They return null plus a diagnostic on malformed input, never throw.
 */
import type { Balance, Diagnostic, StatementAccount } from '../types.js';
import { toMinor, ParseError } from '../money.js';
import { daysInMonth, expandYear, isoDate, parseYYMMDD } from '../dates.js';
import { isValidIban, normalizeIban } from '../iban.js';
import { isKnownCurrency } from '../currency-codes.js';
import { trimEndChars } from '../text.js';

/** Amount text with a decimal comma → minor units; rounds (with a warning) beyond the currency's precision. */
export function swiftAmount(text: string, currency: string, line: number, diagnostics: Diagnostic[]): number | null {
  try {
    return toMinor(text, currency);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    if (err.code === 'amount_precision') {
      diagnostics.push({
        level: 'warning',
        code: 'amount_precision',
        message: `Line ${line}: the amount ${text} has more decimals than ${currency} allows; it was rounded.`,
        line,
      });
      return toMinor(text, currency, { round: true });
    }
    diagnostics.push({ level: 'error', code: 'invalid_amount', message: `Line ${line}: "${text}" is not an amount.`, line });
    return null;
  }
}

/** YYMMDD → ISO date; an impossible day (160230) is clamped to the month's last day with a warning. */
export function swiftDate(text: string, line: number, diagnostics: Diagnostic[]): string | null {
  const iso = parseYYMMDD(text);
  if (iso !== null) return iso;
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  const month = Number(m?.[2]);
  if (m && month >= 1 && month <= 12 && Number(m[3]) >= 1) {
    const year = expandYear(Number(m[1]));
    const clamped = isoDate(year, month, daysInMonth(year, month));
    diagnostics.push({
      level: 'warning',
      code: 'invalid_date',
      message: `Line ${line}: the date ${text} does not exist; ${clamped ?? ''} (last day of the month) was used.`,
      line,
    });
    return clamped;
  }
  diagnostics.push({ level: 'warning', code: 'invalid_date', message: `Line ${line}: "${text}" is not a YYMMDD date.`, line });
  return null;
}

/** :60F: :60M: :62F: :62M: :64: :65: — `C240312USD17376,67`. */
export function parseBalance(value: string, line: number, tag: string, diagnostics: Diagnostic[]): Balance | null {
  const m = /^([CD])(\d{6})([A-Z]{3})([\d.,]+)/.exec(value.replace(/\s+/g, ''));
  if (!m) {
    diagnostics.push({ level: 'warning', code: 'invalid_balance', message: `Line ${line}: the balance :${tag}: "${value.trim()}" cannot be read.`, line });
    return null;
  }
  const date = swiftDate(m[2] ?? '', line, diagnostics);
  const currency = m[3] ?? '';
  const minor = swiftAmount(m[4] ?? '', currency, line, diagnostics);
  if (date === null || minor === null) return null;
  return { amount: { minor: m[1] === 'D' && minor !== 0 ? -minor : minor, currency }, date };
}

/**
 * :25: account identification: an IBAN or a domestic number, optionally `BIC/account`,
 * optionally followed by a currency (`1291.99.348EUR`, `UBRTHUHB/…/HUF`).
 */
export function parseAccount(value: string): StatementAccount {
  let text = value.trim();
  const account: StatementAccount = {};
  const suffix = /^(.*?)(?:\/|\s)?([A-Z]{3})$/.exec(text);
  if (suffix && isKnownCurrency(suffix[2] ?? '') && (suffix[1] ?? '') !== '' && !isValidIban(text)) {
    const rest = suffix[1] ?? '';
    if (/[\d./ -]$/.test(rest) || text.charAt(rest.length) === '/' || isValidIban(rest)) {
      account.currency = suffix[2];
      text = trimEndChars(rest, '/ \t');
    }
  }
  const parts = text.split('/');
  if (parts.length > 1 && /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(parts[0] ?? '')) {
    account.bic = parts[0];
    text = parts.slice(1).join('/');
  }
  if (isValidIban(text)) account.iban = normalizeIban(text);
  else if (text !== '') account.number = text;
  return account;
}

/** The parts of a :61: statement line, as text. */
export interface RawStatementLine {
  valueDateText: string;
  /** MMDD, or null when absent or blank (spaces instead of the entry date). */
  entryDateText: string | null;
  /** 'C', 'D', 'RC' or 'RD'. */
  mark: string;
  fundsCode: string | null;
  amountText: string;
  typeCode: string | null;
  customerReference: string;
  bankReference: string | null;
  /** Text after the 16x customer reference on the same line (old Rabobank: counterparty name). */
  sameLineExtra: string | null;
  /** The supplementary details line(s) after the first. */
  supplementary: string;
}

const LINE_RE = /^(\d{6})(\d{4}|\s{4})?\s?(RD|RC|D|C)([A-Z])?\s?(\d[\d,.]*|,\d+)([A-Z][A-Z0-9]{3})?(.*)$/;

/** Parse the lines of a :61: field; null when its first line does not follow the layout. */
export function parseStatementLine(lines: string[]): RawStatementLine | null {
  const first = lines[0] ?? '';
  let m = LINE_RE.exec(first);
  let consumed = 1;
  if (!m && lines.length > 1) {
    // Some banks (Sparkassen) break the line between the mark and the amount.
    m = LINE_RE.exec(first + (lines[1] ?? '').trim());
    consumed = 2;
  }
  if (!m) return null;
  const rest = (m[7] ?? '').trimEnd();
  const slash = rest.indexOf('//');
  let customerReference = (slash >= 0 ? rest.slice(0, slash) : rest).trim();
  let bankReference = slash >= 0 ? rest.slice(slash + 2).trim() : null;
  let sameLineExtra: string | null = null;
  const split = /^(\S+)\s{2,}(\S.*)$/.exec(slash >= 0 ? customerReference : rest);
  if (split && (slash >= 0 ? customerReference : rest).length > 16) {
    customerReference = split[1] ?? '';
    sameLineExtra = (split[2] ?? '').trim();
  }
  if (bankReference !== null) {
    const extra = /^(\S+)\s{2,}(\S.*)$/.exec(bankReference);
    if (extra) {
      bankReference = extra[1] ?? '';
      sameLineExtra = (extra[2] ?? '').trim();
    }
  }
  const entry = m[2] ?? '';
  return {
    valueDateText: m[1] ?? '',
    entryDateText: /^\d{4}$/.test(entry) ? entry : null,
    mark: m[3] ?? '',
    fundsCode: m[4] ?? null,
    amountText: m[5] ?? '',
    typeCode: m[6] ?? null,
    customerReference,
    bankReference: bankReference === '' ? null : bankReference,
    sameLineExtra,
    supplementary: lines.slice(consumed).map((l) => l.trim()).filter((l) => l !== '').join(' '),
  };
}

/** :34F: floor limit `EURD0,00` → its currency (the only thing a statement needs from it). */
export function parseFloorLimit(value: string): string | null {
  return /^([A-Z]{3})[DC]?[\d,.]*$/.exec(value.trim())?.[1] ?? null;
}

/** :13D: `1610301730+0000` → the report's date (local, the offset is not applied). */
export function parseDateTimeIndication(value: string): string | null {
  const m = /^(\d{6})\d{4}(?:[+-]\d{4})?$/.exec(value.trim());
  return m ? parseYYMMDD(m[1] ?? '') : null;
}

/** :90D: / :90C: `1EUR2,30` → count, currency and amount text. */
export function parseEntrySum(value: string): { count: number; currency: string; amountText: string } | null {
  const m = /^(\d+)([A-Z]{3})([\d,.]+)$/.exec(value.trim());
  if (!m) return null;
  return { count: Number(m[1]), currency: m[2] ?? '', amountText: m[3] ?? '' };
}
