/**
 * `generateMonth({seed, bankLines})`: a seeded, realistic period of a firm's client — bank lines
 * of five own accounts (Spanish EUR, a card, Mexican MXN) against open items of a similar count,
 * with the ground truth of which lines pay which items. Same seed, same data.
 */
import type { PaymentEvidence } from '../../../main/core/importers/books-types.js';
import type { FxRate, MatchInput } from '../../../main/core/matching/types.js';
import { bankOnly, complementPayment, fxPayment, groupedPayment, instalments, ledgerEntry, openItem, ownTransfer, partialPayment, simplePayment } from './patterns.js';
import { Rng } from './random.js';
import { World, type Pattern, type TruthMatch } from './world.js';

export type { TruthMatch, Pattern } from './world.js';

/** What to generate. */
export interface MonthOptions {
  seed: number;
  bankLines: number;
  /** First day of the period (default 2024-03-01); the period spans `days` days (default 60). */
  start?: string;
  days?: number;
}

/** A generated period: the engine's input, the FX rates to pass as parameters, and the truth. */
export interface GeneratedMonth {
  input: MatchInput & { payments: PaymentEvidence[] };
  fxRates: FxRate[];
  truth: TruthMatch[];
  /** True matches per pattern. */
  patterns: Record<Pattern, number>;
}

/** Share of events by kind (bank lines they write: 1, except instalments 2–3 and transfers 2). */
const EVENTS = {
  simple: 0.55, fee: 0.05, retainer: 0.05, group: 0.06, instal: 0.025, partial: 0.035, fx: 0.03, transfer: 0.04, ledger: 0.06,
  complement: 0.03, bankOnly: 0.075,
} as const;

/** Generate one period (see the file comment). */
export function generateMonth(options: MonthOptions): GeneratedMonth {
  const rng = new Rng(options.seed);
  const w = new World(rng, options.start ?? '2024-03-01', options.days ?? 60, Math.max(20, Math.round(options.bankLines / 10)));
  while (w.lines.length < options.bankLines) {
    const kind = rng.weighted(EVENTS);
    switch (kind) {
      case 'simple': case 'fee': case 'retainer': simplePayment(w, kind); break;
      case 'group': groupedPayment(w); break;
      case 'instal': instalments(w); break;
      case 'partial': partialPayment(w); break;
      case 'fx': fxPayment(w); break;
      case 'transfer': ownTransfer(w); break;
      case 'ledger': ledgerEntry(w); break;
      case 'complement': complementPayment(w); break;
      case 'bankOnly': bankOnly(w); break;
    }
  }
  while (w.items.length < options.bankLines) openItem(w);
  const lines = [...w.lines].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.bookingDate.localeCompare(b.bookingDate) || a.id.localeCompare(b.id));
  const items = [...w.items].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const patterns = { simple: 0, fee: 0, retainer: 0, group: 0, instal: 0, partial: 0, fx: 0, transfer: 0, ledger: 0, complement: 0 };
  for (const t of w.truth) patterns[t.pattern]++;
  return {
    input: { bankLines: lines, bookItems: items, payments: w.payments, aliases: w.aliases, rejectedPairs: [], ownAccounts: w.ownAccounts },
    fxRates: w.fxRates, truth: w.truth, patterns,
  };
}
