/** The decimal separator of a locale: ',' for es-ES, '.' for en-US and es-MX. */
export function decimalSeparatorOf(locale: string): ',' | '.' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

/**
 * An amount typed in a filter ("1.234,50", "1,234.50", "1234,5", "-12") as integer minor units
 * of its absolute value (the contract compares amounts on the absolute value); null when empty,
 * 'invalid' when it is not a number or has more decimals than the currency.
 */
export function parseAmountInput(text: string, digits: number, locale: string): number | null | 'invalid' {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[-+−]/, '');
  if (s === '') return null;
  const commas = s.split(',').length - 1;
  const dots = s.split('.').length - 1;
  let plain: string;
  if (commas > 0 && dots > 0) {
    // Both: the last one is the decimal separator.
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const grouping = decimal === ',' ? '.' : ',';
    plain = s.split(grouping).join('').replace(decimal, '.');
  } else if (commas + dots === 0) {
    plain = s;
  } else {
    const separator = commas > 0 ? ',' : '.';
    const count = commas + dots;
    const after = s.length - s.lastIndexOf(separator) - 1;
    // Several of one kind are thousands; one is decimal unless it groups exactly three digits in a
    // locale where it is not the decimal separator ("1.000" in Spain is one thousand).
    const grouping = count > 1 || (after === 3 && separator !== decimalSeparatorOf(locale));
    plain = grouping ? s.split(separator).join('') : s.replace(separator, '.');
  }
  const match = /^(\d+)(?:\.(\d*))?$/.exec(plain);
  if (!match) return 'invalid';
  const whole = match[1] ?? '0';
  let fraction = match[2] ?? '';
  // Extra zeros after the currency's decimals change nothing ("1.000" is 1.00 in en-US).
  if (fraction.length > digits && /^0*$/.test(fraction.slice(digits))) fraction = fraction.slice(0, digits);
  if (fraction.length > digits) return 'invalid';
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : 'invalid';
}
