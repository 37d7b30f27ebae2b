/**
 * The prepared, read-only context of a run: parameters, model, both sides normalised and indexed,
 * FX table and rejected pairs. Rebuilt deterministically from the input on resume (it is derived
 * data, so a checkpoint never needs to hold it).
 */
import { buildFxTable, emptyFeatures, type FxTable } from './draft.js';
import { DEFAULT_MODEL, type MatchModel } from './model.js';
import { prepareBank, type BankIndex } from './prepare-bank.js';
import { prepareBooks, type BooksIndex } from './prepare-books.js';
import { extractTextEvidence } from './references.js';
import type { MatchInput, MatchParameters } from './types.js';

/** Everything the stages read (see the file comment). */
export interface MatchContext {
  input: MatchInput;
  params: MatchParameters;
  model: MatchModel;
  books: BooksIndex;
  bank: BankIndex;
  fx: FxTable;
  /** `${bankIndex}:${itemIndex}` of pairs a person rejected. */
  rejected: Set<string>;
  /** Per bank line, the items its references point to (filled on first use by `referenceHits`). */
  refHits: Array<ReadonlyMap<number, number> | undefined>;
  /** Scratch marks over items for de-duplicating a line's candidates without allocating. */
  scratchStamp: Int32Array;
  /** Scratch of the pair scorer (one per context: a run is single-threaded). */
  pairScratch: PairScratch;
}

/** Reusable scratch of the pair scorer, so scoring a candidate allocates nothing. */
export interface PairScratch {
  f: number[];
  diff: number;
  alloc: number;
  rate: number;
  fx: boolean;
  gap: number;
  strong: boolean;
}

/** A fresh scratch for the pair scorer. */
export function pairScratch(): PairScratch {
  return { f: emptyFeatures(), diff: 0, alloc: 0, rate: 1, fx: false, gap: 0, strong: false };
}

/** Stage 1: normalise both sides and build the indexes. */
export function prepareContext(input: MatchInput, params: MatchParameters, model: MatchModel = DEFAULT_MODEL): MatchContext {
  // The bank texts' references first: the books then index only keys some line can look up.
  const evidence = input.bankLines.map((l) => extractTextEvidence(l.description, l.references));
  const wanted = new Set<string>();
  for (const ev of evidence) for (const k of ev.keys) wanted.add(k);
  const books = prepareBooks(input.bookItems, wanted);
  const bank = prepareBank(input.bankLines, books, input.aliases ?? [], input.ownAccounts ?? [], evidence);
  const rejected = new Set<string>();
  if ((input.rejectedPairs ?? []).length > 0) {
    const lineOf = new Map(bank.ids.map((id, k) => [id, k]));
    const itemOf = new Map(books.ids.map((id, k) => [id, k]));
    for (const r of input.rejectedPairs ?? []) {
      const b = lineOf.get(r.bankId);
      const i = itemOf.get(r.bookId);
      if (b !== undefined && i !== undefined) rejected.add(`${b}:${i}`);
    }
  }
  return { input, params, model, books, bank, fx: buildFxTable(params.fxRates), rejected, refHits: new Array<ReadonlyMap<number, number> | undefined>(bank.n), scratchStamp: new Int32Array(books.n), pairScratch: pairScratch() };
}

/** True when a person rejected this line/item pair before. */
export function isRejected(ctx: MatchContext, line: number, item: number): boolean {
  return ctx.rejected.size > 0 && ctx.rejected.has(`${line}:${item}`);
}

/** True when a payment on `lineDay` may settle item `item` (window around its date and due date). */
export function inDateWindow(ctx: MatchContext, lineDay: number, item: number, widen = 1): boolean {
  const w = ctx.params.dateWindowDays;
  return lineDay >= (ctx.books.day[item] ?? 0) - w.before * widen && lineDay <= (ctx.books.endDay[item] ?? 0) + w.after * widen;
}

/** A short digest of the input's identity (ids, amounts, dates), to refuse resuming over other data. */
export function inputDigest(input: MatchInput): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 ^ c, 2246822519);
    }
  };
  for (const l of input.bankLines) feed(`${l.id}|${l.amountMinor}|${l.bookingDate}|`);
  feed('#');
  for (const b of input.bookItems) feed(`${b.id}|${b.openAmountMinor}|${b.date}|`);
  feed(`#${input.payments?.length ?? 0}#${input.aliases?.length ?? 0}#${input.rejectedPairs?.length ?? 0}`);
  return `${input.bankLines.length}-${input.bookItems.length}-${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
}
