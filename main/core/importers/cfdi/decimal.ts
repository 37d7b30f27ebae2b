/**
 * Exact decimal arithmetic for the CFDI checks (SAT identities, payment allocations): values
 * are BigInt numerators over a power of ten, so 6-decimal concept amounts and 10-decimal
 * exchange rates never meet a float.
 */

/** A decimal value: `units / 10^scale`. */
export interface Dec {
  units: bigint;
  scale: number;
}

/** Longest decimal text accepted (the SAT's largest, t_Importe, has 18 + 1 + 6 characters). */
const MAX_DECIMAL_CHARS = 40;
const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parse an xs:decimal lexical value ("862.07", "-0.5", "1."), or null when it is not one. */
export function parseDec(text: string): Dec | null {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_DECIMAL_CHARS) return null;
  const m = DECIMAL_RE.exec(t);
  const int = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  if (!m || (int === '' && frac === '')) return null;
  const units = BigInt((int || '0') + frac);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

/** 10^n as a BigInt. */
export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divide rounding half away from zero. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return negative ? -q : q;
}

/** The value's units at another scale, rounding half away from zero when the scale shrinks. */
export function atScale(d: Dec, scale: number): bigint {
  if (scale >= d.scale) return d.units * pow10(scale - d.scale);
  return divRound(d.units, pow10(d.scale - scale));
}

/** Format units at a scale as a plain decimal ("-564.050000"). */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Format a value rounded to `scale` decimals. */
export function formatDec(d: Dec, scale: number): string {
  return formatUnits(atScale(d, scale), scale);
}

/** Sum values exactly (the scale is the largest of the terms; 0 for an empty sum). */
export function sumDec(values: readonly Dec[]): Dec {
  const scale = values.reduce((s, v) => Math.max(s, v.scale), 0);
  return { units: values.reduce((s, v) => s + atScale(v, scale), 0n), scale };
}

/** a − b exactly. */
export function subDec(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { units: atScale(a, scale) - atScale(b, scale), scale };
}

/** True when a and b are equal once both are rounded to `scale` decimals. */
export function equalAt(a: Dec, b: Dec, scale: number): boolean {
  return atScale(a, scale) === atScale(b, scale);
}

/** 1 / d with `scale` decimals (rounded), trailing zeros trimmed: the inverse of an exchange rate. */
export function invertDec(d: Dec, scale: number): string {
  const q = divRound(pow10(scale + d.scale), d.units);
  return formatUnits(q, scale).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
