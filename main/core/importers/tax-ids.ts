/**
 * Spanish tax ids (NIF, NIE, CIF) found in bank free text, validated by their control
 * character so that random 9-character tokens are not taken for a tax id.
 */

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** True when the text is a valid Spanish NIF (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter). */
export function isValidNifNie(id: string): boolean {
  const m = /^([XYZ]|\d)(\d{7})([A-Z])$/.exec(id);
  if (!m) return false;
  const head = m[1] === 'X' ? '0' : m[1] === 'Y' ? '1' : m[1] === 'Z' ? '2' : (m[1] ?? '');
  return NIF_LETTERS[Number(head + m[2]) % 23] === m[3];
}

/** True when the text is a valid Spanish CIF (company tax id: letter + 7 digits + control). */
export function isValidCif(id: string): boolean {
  const m = /^([ABCDEFGHJNPQRSUVW])(\d{7})([0-9A-J])$/.exec(id);
  if (!m) return false;
  const digits = m[2] ?? '';
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      const doubled = d * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else {
      sum += d;
    }
  }
  const control = (10 - (sum % 10)) % 10;
  const letter = 'JABCDEFGHI'[control];
  const given = m[3] ?? '';
  const kind = m[1] ?? '';
  if ('NPQRSW'.includes(kind)) return given === letter;
  if ('ABEH'.includes(kind)) return given === String(control);
  return given === String(control) || given === letter;
}

/** The first valid Spanish NIF/NIE/CIF standing as its own token in the text, or undefined. */
export function findSpanishTaxId(text: string): string | undefined {
  const re = /(?:^|[^A-Z0-9])([A-Z0-9]\d{7}[A-Z0-9])(?![A-Z0-9])/g;
  const upper = text.toUpperCase();
  for (let m = re.exec(upper); m !== null; m = re.exec(upper)) {
    const id = m[1] ?? '';
    if (isValidNifNie(id) || isValidCif(id)) return id;
  }
  return undefined;
}

/**
 * True when the text has the shape of a Mexican RFC: 3 letters (companies) or 4 letters
 * (persons, Ñ and & allowed), a real date YYMMDD, and a 3-character homoclave. The check digit
 * is not verified: SAT test RFCs (AAA010101AAA) and the generic XAXX010101000 / XEXX010101000
 * would fail it, yet they appear in real stamped CFDI.
 */
export function isWellFormedRfc(rfc: string): boolean {
  const m = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z0-9]{2}[0-9A])$/.exec(rfc);
  if (!m) return false;
  const month = Number(m[3]);
  const day = Number(m[4]);
  const year = 2000 + Number(m[2]); // any leap year works for the day check
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Characters of the RFC check-digit alphabet, valued by position (SAT algorithm, modulus 11). */
const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/** The check character of a Mexican RFC from its first 11 (company) or 12 (person) characters, or null. */
export function rfcCheckDigit(body: string): string | null {
  const padded = body.padStart(12, ' ');
  if (padded.length !== 12) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const value = RFC_ALPHABET.indexOf(padded.charAt(i));
    if (value < 0) return null;
    sum += value * (13 - i);
  }
  return RFC_ALPHABET.charAt((11 - (sum % 11)) % 11);
}

/** Generic RFCs of the SAT (público en general, extranjeros): valid without a check digit. */
const GENERIC_RFCS = new Set(['XAXX010101000', 'XEXX010101000']);

/** True when a well-formed RFC also carries the right check digit (generic RFCs accepted). */
export function isValidRfc(rfc: string): boolean {
  if (!isWellFormedRfc(rfc)) return false;
  if (GENERIC_RFCS.has(rfc)) return true;
  return rfcCheckDigit(rfc.slice(0, -1)) === rfc.slice(-1);
}

export type TaxIdScheme = 'es_nif' | 'es_nie' | 'es_cif' | 'mx_rfc' | 'other';

export interface TaxIdCheck {
  /** Upper case without spaces, dots or dashes (an `ES` VAT prefix of a Spanish id removed). */
  id: string;
  scheme: TaxIdScheme;
  /** False when the scheme has a check character and it is wrong; null when the scheme has none Cuadra checks. */
  valid: boolean | null;
}

/** Recognise a tax id (Spanish NIF/NIE/CIF, Mexican RFC) and validate its check character. */
export function checkTaxId(text: string): TaxIdCheck {
  let id = text.toUpperCase().replace(/[\s.\-_/]/g, '');
  if (/^ES[0-9A-Z]\d{7}[0-9A-Z]$/.test(id)) id = id.slice(2);
  if (/^\d{8}[A-Z]$/.test(id)) return { id, scheme: 'es_nif', valid: isValidNifNie(id) };
  if (/^[XYZ]\d{7}[A-Z]$/.test(id)) return { id, scheme: 'es_nie', valid: isValidNifNie(id) };
  if (/^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/.test(id)) return { id, scheme: 'es_cif', valid: isValidCif(id) };
  if (/^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/.test(id)) return { id, scheme: 'mx_rfc', valid: isValidRfc(id) };
  return { id, scheme: 'other', valid: null };
}
