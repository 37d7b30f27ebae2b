/**
 * IBAN checks of ISO 13616: the length of the country (SWIFT IBAN registry) and the ISO 7064
 * mod-97-10 check digits. Input may carry spaces, lower case or an "IBAN" prefix as people
 * type and print it; the stored form is the electronic one (no spaces, upper case).
 */

import { mod97 } from '../importers/iban.js';

/** IBAN length per country code, from the SWIFT IBAN registry. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Why an IBAN was refused, as a stable code for tests and callers. */
export type IbanProblem = 'empty' | 'characters' | 'country' | 'length' | 'check_digits';

/** The outcome of checking an IBAN: its electronic form, or the problem in words. */
export type IbanCheck =
  | { valid: true; iban: string; country: string }
  | { valid: false; problem: IbanProblem; message: string };

/** Removes spaces (and a leading "IBAN") and upper-cases: the electronic format. */
export function normalizeIban(input: string): string {
  return input
    .replace(/[\s\u00a0]+/g, '')
    .toUpperCase()
    .replace(/^IBAN:?/, '');
}

/** ISO 7064 mod-97-10 of an IBAN in electronic form (1 for valid check digits). */
export function ibanMod97(iban: string): number {
  return mod97(iban.slice(4) + iban.slice(0, 4));
}

/** Checks an IBAN as typed; the message names the problem (e.g. the wrong length for ES). */
export function checkIban(input: string): IbanCheck {
  const iban = normalizeIban(input);
  if (iban === '') return { valid: false, problem: 'empty', message: 'The IBAN is empty.' };
  if (!/^[A-Z0-9]+$/.test(iban)) {
    return { valid: false, problem: 'characters', message: `The IBAN ${iban} may contain only letters and digits.` };
  }
  const country = iban.slice(0, 2);
  const expected = IBAN_LENGTHS[country];
  if (!/^[A-Z]{2}[0-9]{2}/.test(iban) || expected === undefined) {
    return {
      valid: false,
      problem: 'country',
      message: `The IBAN ${iban} does not start with the code of a country that uses IBANs followed by two check digits.`,
    };
  }
  if (iban.length !== expected) {
    return {
      valid: false,
      problem: 'length',
      message: `An IBAN from ${country} has ${expected} characters; ${iban} has ${iban.length}.`,
    };
  }
  if (ibanMod97(iban) !== 1) {
    return {
      valid: false,
      problem: 'check_digits',
      message: `The check digits of the IBAN ${iban} do not match the rest: a character is probably mistyped.`,
    };
  }
  return { valid: true, iban, country };
}

/** An IBAN in groups of four, as printed on statements and shown on screen. */
export function formatIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}
