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
