/**
 * IBAN helpers: validation (ISO 13616 mod 97) and the Spanish IBAN rebuilt from a Norma 43
 * account (bank, branch, account number — the CCC control digits are computed, not read).
 */

/** Remove spaces and upper-case an IBAN candidate. */
export function normalizeIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** mod 97 of a digit/letter string where letters count as 10–35 (ISO 7064). */
export function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const digit of value) rest = (rest * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rest;
}

/** True when the text (spaces allowed) is a structurally valid IBAN with correct check digits. */
export function isValidIban(text: string): boolean {
  const iban = normalizeIban(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Build an IBAN for a country from its BBAN by computing the two check digits. */
export function ibanFromBban(country: string, bban: string): string {
  const check = 98 - mod97(bban + country.toUpperCase() + '00');
  return `${country.toUpperCase()}${String(check).padStart(2, '0')}${bban}`;
}

const CCC_WEIGHTS = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];

/** One CCC control digit over 10 digits (Spanish "dígito de control"). */
function cccDigit(tenDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (tenDigits.charCodeAt(i) - 48) * (CCC_WEIGHTS[i] ?? 0);
  const d = 11 - (sum % 11);
  return d === 11 ? 0 : d === 10 ? 1 : d;
}

/**
 * The 20-digit Spanish CCC and its IBAN from bank (4), branch (4) and account (10) digits,
 * or null when any part is not all digits.
 */
export function spanishAccountFromParts(bank: string, branch: string, account: string): { ccc: string; iban: string } | null {
  if (!/^\d{4}$/.test(bank) || !/^\d{4}$/.test(branch) || !/^\d{10}$/.test(account)) return null;
  const dc = `${cccDigit(`00${bank}${branch}`)}${cccDigit(account)}`;
  const ccc = `${bank}${branch}${dc}${account}`;
  return { ccc, iban: ibanFromBban('ES', ccc) };
}
