/**
 * Does a payment's Monto agree with what its DoctoRelacionado say they received?
 * Each ImpPagado is in the invoice's currency; converted to the payment currency it is
 * ImpPagado / EquivalenciaDR (Pagos 2.0) — EquivalenciaDR being invoice-currency units per
 * payment-currency unit. Because ImpPagado and the rate were both rounded when written, the
 * SAT's guide checks Monto against an interval: lower = Σ (ImpPagado − ½ulp) / (rate + ½ulp),
 * upper = Σ (ImpPagado + ½ulp) / (rate − ½ulp). Same-currency allocations convert exactly.
 */
import { currencyExponent } from '../money.js';
import { atScale, divRound, formatUnits, pow10, type Dec } from './decimal.js';

/** Working precision of the interval arithmetic (decimal places). */
const S = 12;

export interface AllocationFigures {
  paid: Dec;
  /** Conversion is needed (MonedaDR ≠ MonedaP). */
  converted: boolean;
  /** EquivalenciaDR / TipoCambioDR as written, or null. */
  rate: Dec | null;
}

export type Reading = 'divide' | 'multiply';

export interface CheckOutcome {
  /** The reading under which Monto fits, or null when neither does. */
  fits: Reading | null;
  /** Σ ImpPagado converted by division, in the payment currency, as text ("1866.12"). */
  allocated: string;
  /** True when the allocations exceed Monto (under the divide reading). */
  over: boolean;
}

/** Half a unit in the last written place of `d`, at scale S (0 for integers: "1" is exact). */
const halfUlp = (d: Dec): bigint => (d.scale === 0 || d.scale > S ? 0n : pow10(S - d.scale) / 2n);

/** a / b at scale S (both at scale S), rounded toward -∞ or +∞. */
function div(a: bigint, b: bigint, up: boolean): bigint {
  const n = a * pow10(S);
  const q = n / b;
  return up && q * b !== n ? q + 1n : q;
}

/** Interval of one allocation in the payment currency, at scale S. */
function interval(f: AllocationFigures, reading: Reading): [bigint, bigint] {
  const paid = atScale(f.paid, S);
  const rate = f.rate ?? { units: 1n, scale: 0 };
  const exactRate = atScale(rate, S);
  if (!f.converted && exactRate === pow10(S)) return [paid, paid];
  const hp = f.converted ? halfUlp(f.paid) : 0n;
  const hr = halfUlp(rate);
  if (reading === 'divide') {
    const loDen = exactRate + hr;
    const hiDen = exactRate - hr;
    return [div(paid - hp, loDen, false), hiDen > 0n ? div(paid + hp, hiDen, true) : paid * pow10(S)];
  }
  return [((paid - hp) * (exactRate - hr)) / pow10(S), ((paid + hp) * (exactRate + hr)) / pow10(S)];
}

/**
 * Check Σ allocations against Monto. `monto` is in the payment currency. Rates must be
 * positive (callers leave out allocations without a usable rate).
 */
export function checkAllocations(monto: Dec, currency: string, allocations: readonly AllocationFigures[], tryInverse: boolean): CheckOutcome {
  const decimals = currencyExponent(currency);
  const m = atScale(monto, S);
  const anyConverted = allocations.some((a) => a.converted);
  const slack = anyConverted ? pow10(S - decimals) / 2n : 0n;
  const fitsUnder = (reading: Reading): boolean => {
    let lo = 0n;
    let hi = 0n;
    for (const a of allocations) {
      const [l, h] = interval(a, reading);
      lo += l;
      hi += h;
    }
    return lo - slack <= m && m <= hi + slack;
  };
  let central = 0n;
  for (const a of allocations) {
    const rate = atScale(a.rate ?? { units: 1n, scale: 0 }, S);
    central += divRound(atScale(a.paid, S) * pow10(S), rate);
  }
  const allocated = formatUnits(divRound(central, pow10(S - decimals)), decimals);
  const over = central > m;
  if (fitsUnder('divide')) return { fits: 'divide', allocated, over: false };
  const inverseCandidate = tryInverse && allocations.some((a) => a.converted && a.rate !== null);
  if (inverseCandidate && fitsUnder('multiply')) return { fits: 'multiply', allocated, over };
  return { fits: null, allocated, over };
}
