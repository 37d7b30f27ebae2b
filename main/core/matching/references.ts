/**
 * References as people write them, reduced to comparable keys. An invoice "A-2024-000145" and a
 * bank text "FRA 2024/145" or "FACT A145" share a key; CFDI UUIDs, RF creditor references, SPEI
 * tracking keys, IBANs and NIF/CIF/RFC tax ids are found inside free text and validated so that
 * random tokens do not pass for them. RF, IBAN and Spanish tax-id checks reuse the importers'.
 */
import { findCreditorReference, isValidCreditorReference } from '../importers/references.js';
import { findSpanishTaxId, isValidCif, isValidNifNie } from '../importers/tax-ids.js';
import { isValidIban } from '../importers/iban.js';

/** Key kinds: U uuid, P payment reference, F series+year+number, S series+number, Y year+number, N bare number. */
export type RefKeyKind = 'U' | 'P' | 'F' | 'S' | 'Y' | 'N';

/** True for keys that identify a document on their own (all but the bare number). */
export function isStrongKey(key: string): boolean {
  return key.charAt(0) !== 'N';
}

const RFC_CHARS = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/** The check character of a Mexican RFC's first 11 (moral) or 12 (física) characters. */
export function rfcCheckDigit(body: string): string {
  const padded = body.length === 11 ? ` ${body}` : body;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Math.max(0, RFC_CHARS.indexOf(padded.charAt(i))) * (13 - i);
  const rest = 11 - (sum % 11);
  return rest === 11 ? '0' : rest === 10 ? 'A' : String(rest);
}

/** True when the text is a Mexican RFC (3 or 4 letters, a valid YYMMDD date, homoclave) with a right check digit. */
export function isValidRfc(text: string): boolean {
  const m = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z0-9]{2})([0-9A])$/.exec(text);
  if (!m) return false;
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return rfcCheckDigit(text.slice(0, -1)) === text.slice(-1);
}

/** Tax id in canonical form (upper case, no spaces, dashes or country prefix), for equality tests. */
export function canonicalTaxId(text: string): string {
  const t = text.toUpperCase().replace(/[\s.-]/g, '');
  return /^ES[A-Z0-9]\d{7}[A-Z0-9]$/.test(t) ? t.slice(2) : t;
}

/** Canonical UUID (upper case, dashed), or null. */
export function canonicalUuid(text: string): string | null {
  const hex = text.toUpperCase().replace(/-/g, '');
  if (!/^[0-9A-F]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Letter groups that introduce a number rather than being part of it. */
const NUMBER_LABELS = new Set(['FRA', 'FRAS', 'FACT', 'FACTURA', 'FACTURAS', 'FAC', 'FAV', 'FTA', 'INV', 'INVOICE', 'NO', 'NUM', 'NUMERO', 'N', 'REF', 'FOLIO', 'DOC', 'PEDIDO', 'ALB', 'ALBARAN', 'RECIBO', 'PAGO', 'ABONO', 'NC', 'NOTA']);

function stripZeros(digits: string): string {
  const s = digits.replace(/^0+/, '');
  return s === '' ? '0' : s;
}

/** A plausible invoice year (1990–2039): "2066" is more likely an invoice number. */
function isYear(digits: string): boolean {
  if (digits.length !== 4) return false;
  const y = Number(digits);
  return y >= 1990 && y <= 2039;
}

/** Keys of one token that holds digits ("A-2024-000145", "2024/145", "F145", "145"). */
function tokenKeys(token: string, out: Set<string>): void {
  const groups = token.match(/[A-Z]+|\d+/g);
  if (!groups) return;
  const digits = groups.filter((g) => /^\d/.test(g));
  if (digits.length === 0 || digits.length > 3) return;
  const letters = groups.filter((g) => !/^\d/.test(g) && !NUMBER_LABELS.has(g));
  const series = letters.length > 0 ? letters[letters.length - 1] : undefined;
  let year: string | undefined;
  let num: string | undefined;
  const only = digits.length === 1 ? (digits[0] ?? '') : '';
  if (only.length >= 7 && isYear(only.slice(0, 4))) {
    // "FV2023001594": the year glued to the number; keep the unsplit reading too.
    addKeys(out, series, only.slice(0, 4), only.slice(4));
    addKeys(out, series, undefined, only);
    return;
  }
  if (digits.length === 1) num = digits[0];
  else if (digits.length === 2 && (digits[1]?.length ?? 0) === 2 && (digits[0]?.length ?? 0) >= 3 && !isYear(digits[0] ?? '')) {
    // "145/24": number, then a two-digit year.
    year = `20${digits[1]}`;
    num = digits[0];
  } else {
    const yi = digits.findIndex(isYear);
    if (yi >= 0) {
      year = digits[yi];
      num = digits.filter((_, i) => i !== yi).join('');
    } else num = digits.join('');
  }
  if (num !== undefined) addKeys(out, series, year, num);
}

function addKeys(out: Set<string>, series: string | undefined, year: string | undefined, num: string): void {
  const n = stripZeros(num);
  if (n.length < 2 && !series) return;
  if (year) out.add(`Y${year}|${n}`);
  if (series && series.length <= 4) {
    out.add(`S${series}|${n}`);
    if (year) out.add(`F${series}|${year}|${n}`);
  }
  if (n.length >= 3) out.add(`N${n}`);
}

const DATE_RE = /\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b/g;
const AMOUNT_RE = /\b\d{1,3}(?:[.,]\d{3})*[.,]\d{2}\b/g;

/** Invoice-number keys of a document number or of free text (dates and amounts in the text are ignored). */
export function documentKeys(text: string, out: Set<string> = new Set()): Set<string> {
  const clean = text.toUpperCase().replace(DATE_RE, ' ').replace(AMOUNT_RE, ' ').replace(/[Nº°#]+(?=\d)/g, ' ');
  for (const token of clean.split(/[\s,;:()[\]'"]+/)) {
    if (token === '' || !/\d/.test(token)) continue;
    const t = token.replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, '');
    if (t.length > 24) continue;
    tokenKeys(t, out);
    // "FRA.2024-145": the label glued to the number is cut off and the rest tried on its own.
    const m = /^([A-Z]+)[./-]?(\d.*)$/.exec(t);
    if (m && m[1] && NUMBER_LABELS.has(m[1]) && m[2]) tokenKeys(m[2], out);
  }
  return out;
}

/** Key of a payment reference: letters and digits only, upper case. */
export function paymentKey(text: string): string {
  return `P${text.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
}

/** Everything a bank line's free text and structured references say. */
export interface TextEvidence {
  /** U/P/F/S/Y/N keys to look up in the books' reference index. */
  keys: string[];
  taxIds: string[];
  ibans: string[];
  /** SPEI tracking keys and other operation numbers. */
  operationKeys: string[];
}

const UUID_RE = /[0-9A-F]{8}-?[0-9A-F]{4}-?[0-9A-F]{4}-?[0-9A-F]{4}-?[0-9A-F]{12}/g;
const RFC_RE = /(?:^|[^A-Z0-9&Ñ])([A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3})(?![A-Z0-9])/g;
const IBAN_RE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const TRACKING_RE = /(?:RASTREO|CVE\.? RAST|TRACKING|OPERACION|AUTORIZACION)[:\s.]*(?:DE\s+)?([A-Z0-9]{6,30})/g;

/** Extract every reference a bank text holds; `structured` are the format's own reference fields. */
export function extractTextEvidence(description: string, structured: readonly string[]): TextEvidence {
  const keys = new Set<string>();
  const taxIds = new Set<string>();
  const ibans = new Set<string>();
  const ops = new Set<string>();
  const upper = `${description} ${structured.join(' ')}`.toUpperCase();
  // Cheap guards first: most bank texts hold none of these, and each is a regex pass.
  if (upper.length >= 32) {
    for (const m of upper.matchAll(UUID_RE)) {
      const u = canonicalUuid(m[0]);
      if (u) keys.add(`U${u}`);
    }
  }
  const rf = upper.includes('RF') ? findCreditorReference(upper) : undefined;
  if (rf) keys.add(paymentKey(rf));
  for (const ref of structured) {
    const compact = ref.toUpperCase().replace(/[^A-Z0-9]/g, '');
    if (compact.length >= 4) keys.add(`P${compact}`);
    if (isValidCreditorReference(compact)) keys.add(`P${compact}`);
    if (compact.length >= 6) ops.add(compact);
  }
  for (const token of upper.split(/[^A-Z0-9]+/)) if (token.length >= 5 && /\d/.test(token) && token.length <= 30) keys.add(`P${token}`);
  documentKeys(upper, keys);
  const es = findSpanishTaxId(upper);
  if (es) taxIds.add(es);
  for (const m of upper.matchAll(RFC_RE)) if (m[1] && isValidRfc(m[1])) taxIds.add(m[1]);
  for (const m of upper.matchAll(IBAN_RE)) {
    const compact = m[0].replace(/ /g, '');
    if (isValidIban(compact)) ibans.add(compact);
  }
  if (/RASTR|TRACKING|OPERACION|AUTORIZACION/.test(upper)) for (const m of upper.matchAll(TRACKING_RE)) if (m[1] && /\d/.test(m[1])) ops.add(m[1]);
  return { keys: [...keys], taxIds: [...taxIds], ibans: [...ibans], operationKeys: [...ops] };
}

/** True when a tax id is a valid Spanish NIF/NIE/CIF or Mexican RFC. */
export function isValidTaxId(id: string): boolean {
  const c = canonicalTaxId(id);
  return isValidNifNie(c) || isValidCif(c) || isValidRfc(c);
}
