/** An IBAN in groups of four for reading ("ES91 2100 0418 …"); spaces in the input are ignored. */
export function formatIban(iban: string): string {
  return iban.replace(/[\s\u00a0]+/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

/** A usual currency for the user's region, to prefill the form (the user can change it). */
export function defaultCurrency(locale: string): string {
  const region = locale.split('-')[1]?.toUpperCase();
  const byRegion: Record<string, string> = {
    MX: 'MXN', US: 'USD', CO: 'COP', AR: 'ARS', CL: 'CLP', PE: 'PEN', UY: 'UYU', GB: 'GBP', GT: 'GTQ', DO: 'DOP',
    CR: 'CRC', BO: 'BOB', PY: 'PYG', HN: 'HNL', NI: 'NIO', PA: 'USD', EC: 'USD', SV: 'USD', PR: 'USD', VE: 'VES',
  };
  return (region && byRegion[region]) || 'EUR';
}

/** Currencies offered first in the form's suggestions. */
export const commonCurrencies = ['EUR', 'USD', 'MXN', 'COP', 'ARS', 'CLP', 'PEN', 'GBP', 'CHF', 'UYU'] as const;
