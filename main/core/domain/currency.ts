// ICU lists the circulating ISO 4217 codes; the fund and unit-of-account codes it leaves out
// (Chile's UF, Mexico's UDI, …) and precious metals also appear on accounts and are added by hand.
const extraCodes = ['BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW', 'XAG', 'XAU', 'XDR', 'XPD', 'XPT'];
const knownCurrencies: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('currency'), ...extraCodes]);

/** True when `code` is an ISO 4217 currency code (three upper-case letters in the known list). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}
