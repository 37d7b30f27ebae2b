/**
 * ISO 4217 numeric → alphabetic currency codes, for formats that carry the numeric code
 * (Norma 43 uses `978` for EUR). Includes the peseta (724) for old Spanish archives.
 */
const NUMERIC_TO_ALPHA: Readonly<Record<string, string>> = {
  '978': 'EUR', '840': 'USD', '826': 'GBP', '756': 'CHF', '392': 'JPY', '484': 'MXN', '124': 'CAD',
  '036': 'AUD', '554': 'NZD', '752': 'SEK', '578': 'NOK', '208': 'DKK', '352': 'ISK', '985': 'PLN',
  '203': 'CZK', '348': 'HUF', '946': 'RON', '975': 'BGN', '191': 'HRK', '941': 'RSD', '949': 'TRY',
  '643': 'RUB', '980': 'UAH', '156': 'CNY', '344': 'HKD', '702': 'SGD', '901': 'TWD', '410': 'KRW',
  '356': 'INR', '360': 'IDR', '458': 'MYR', '608': 'PHP', '764': 'THB', '704': 'VND', '376': 'ILS',
  '682': 'SAR', '784': 'AED', '634': 'QAR', '414': 'KWD', '048': 'BHD', '400': 'JOD', '512': 'OMR',
  '788': 'TND', '434': 'LYD', '368': 'IQD', '504': 'MAD', '012': 'DZD', '818': 'EGP', '710': 'ZAR',
  '986': 'BRL', '032': 'ARS', '152': 'CLP', '170': 'COP', '604': 'PEN', '858': 'UYU', '928': 'VES',
  '068': 'BOB', '600': 'PYG', '320': 'GTQ', '188': 'CRC', '214': 'DOP', '590': 'PAB', '340': 'HNL',
  '558': 'NIO', '222': 'SVC', '192': 'CUP', '952': 'XOF', '950': 'XAF', '953': 'XPF', '724': 'ESP',
};

/** Alphabetic code for an ISO 4217 numeric code ("978" → "EUR"), or null when unknown. */
export function currencyFromNumeric(numeric: string): string | null {
  return NUMERIC_TO_ALPHA[numeric.trim().padStart(3, '0')] ?? null;
}

const KNOWN_ALPHA = new Set(Object.values(NUMERIC_TO_ALPHA));

/** True when a three-letter code is a currency Cuadra knows (used to split MT940 `:25:` suffixes). */
export function isKnownCurrency(alpha: string): boolean {
  return KNOWN_ALPHA.has(alpha);
}
