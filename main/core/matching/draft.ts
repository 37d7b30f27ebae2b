/**
 * A draft is one candidate explanation of bank line(s) by item(s), with its features and score.
 * Drafts are plain data (indexes into the prepared input, numbers): they are what a run
 * checkpoints between stages and what the assignment stage chooses from.
 */
import { toDayNumber } from '../importers/dates.js';
import { F, PAIR_FEATURES, pairLogit, type MatchModel } from './model.js';
import type { DifferenceTreatment, FxRate, MatchParameters } from './types.js';

/** one: 1 line ↔ 1 item; combo: 1 line ↔ n items; instal: n lines ↔ 1 item; transfer: 2 lines; complement: CFDI evidence. */
export type DraftKind = 'one' | 'combo' | 'instal' | 'transfer' | 'complement';

/** One candidate explanation (see the file comment). */
export interface Draft {
  kind: DraftKind;
  /** Bank line indexes. */
  bank: number[];
  /** Item indexes. */
  items: number[];
  /** Allocation per item, signed like the item, in the item's currency. */
  alloc: number[];
  /** Σ bank − Σ allocations converted to the bank currency, in bank minor units. */
  diff: number;
  treatment: DifferenceTreatment;
  f: number[];
  logit: number;
  strong: boolean;
  /** Bank-currency units per item-currency unit, when the currencies differ. */
  fxRate: number | null;
  /** Days between the two legs (transfers) or the largest date gap (others). */
  gapDays: number;
  /** Payment complement id, for drafts built from CFDI evidence. */
  evidenceId?: string;
}

/** A zero feature vector. */
export function emptyFeatures(): number[] {
  return new Array<number>(PAIR_FEATURES.length).fill(0);
}

/** Score a feature vector (the ambiguity term is added later, when the competition is known). */
export function scoreFeatures(model: MatchModel, f: number[]): number {
  return pairLogit(model, f);
}

/** How a difference is booked: rounding, a fee (the bank moved less in, or more out), a write-off, or FX. */
export function differenceTreatment(diff: number, params: MatchParameters, fx: boolean): DifferenceTreatment {
  if (diff === 0) return 'none';
  if (fx) return 'fx';
  if (Math.abs(diff) <= params.roundingMinor) return 'rounding';
  if (diff < 0 && -diff <= params.feeToleranceMinor) return 'fee';
  return 'write_off';
}

/** Amount features shared by every draft kind: exactness, relative difference, fee, overpayment. */
export function setAmountFeatures(f: number[], diff: number, target: number, params: MatchParameters, fx: boolean): void {
  const abs = Math.abs(diff);
  const exact = fx ? abs <= Math.max(params.roundingMinor, Math.abs(target) * 0.0005) : abs <= params.roundingMinor;
  f[F.amountExact] = exact ? 1 : 0;
  f[F.amountRel] = Math.min(5, (abs / Math.max(1, Math.abs(target))) * 100) / 5;
  f[F.feeDiff] = !exact && diff < 0 && abs <= params.feeToleranceMinor ? 1 : 0;
  f[F.overpaid] = !exact && diff > 0 ? 1 : 0;
  f[F.fx] = fx ? 1 : 0;
}

/** Date features: log gap to the item's due date (or date), payment before the document, ledger entries. */
export function setDateFeatures(f: number[], gapDays: number, before: boolean, ledger: boolean): void {
  const g = Math.log1p(Math.abs(gapDays)) / Math.log1p(120);
  f[F.dateGap] = ledger ? 0 : g;
  f[F.ledgerGap] = ledger ? g : 0;
  f[F.paidBefore] = before ? 1 : 0;
}

/** Days between a payment and an item, negative when paid before the document's date, else from its due date (or date). */
export function signedDateGap(lineDay: number, itemDay: number, itemEnd: number): number {
  return lineDay < itemDay ? lineDay - itemDay : Math.abs(lineDay - itemEnd);
}

/** FX rates by pair, each list sorted by day, with inverses filled in. */
export type FxTable = Map<string, Array<{ day: number; rate: number }>>;

/** Index the run's FX rates (and their inverses) for lookups by date. */
export function buildFxTable(rates: readonly FxRate[]): FxTable {
  const table: FxTable = new Map();
  const add = (from: string, to: string, day: number, rate: number): void => {
    const key = `${from}>${to}`;
    const list = table.get(key) ?? [];
    list.push({ day, rate });
    table.set(key, list);
  };
  for (const r of rates) {
    const day = toDayNumber(r.date);
    add(r.from.toUpperCase(), r.to.toUpperCase(), day, r.rate);
    add(r.to.toUpperCase(), r.from.toUpperCase(), day, 1 / r.rate);
  }
  for (const list of table.values()) list.sort((a, b) => a.day - b.day);
  return table;
}

/** Units of `to` per unit of `from` on `day`: the latest rate on or before it, else the earliest; null if none. */
export function fxRateOn(table: FxTable, from: string, to: string, day: number): number | null {
  const list = table.get(`${from}>${to}`);
  if (!list || list.length === 0) return null;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.day ?? 0) <= day) lo = mid + 1;
    else hi = mid;
  }
  return list[Math.max(0, lo - 1)]?.rate ?? null;
}

/** Currencies that have a rate into `to`. */
export function fxSources(table: FxTable, to: string): string[] {
  const out: string[] = [];
  for (const key of table.keys()) if (key.endsWith(`>${to}`)) out.push(key.slice(0, key.indexOf('>')));
  return out;
}
