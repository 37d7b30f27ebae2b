/**
 * Reference extraction shared by the importers: ISO 11649 creditor references (RF…), which are
 * the best invoice-matching key when a payer types them into free text.
 */
import { mod97 } from './iban.js';

/** True when the text is a valid ISO 11649 creditor reference (RF + 2 check digits + up to 21 chars). */
export function isValidCreditorReference(text: string): boolean {
  const ref = text.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  return mod97(ref.slice(4) + ref.slice(0, 4)) === 1;
}

/** The first valid RF creditor reference in free text (spaces inside allowed in groups of 4), or undefined. */
export function findCreditorReference(text: string): string | undefined {
  const re = /\bRF\d{2}(?: ?[A-Z0-9]{1,4}){1,6}\b/gi;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // "RF18 5390 0754 7034 PAID": the spaced groups may swallow a following word, so try the
    // whole match first, then drop trailing groups one at a time (group boundaries only).
    const groups = m[0].split(' ');
    for (let n = groups.length; n >= 1; n--) {
      const candidate = groups.slice(0, n).join('').toUpperCase();
      if (isValidCreditorReference(candidate)) return candidate;
    }
  }
  return undefined;
}
