/**
 * The stage-by-stage API. A run is a plain, JSON-serialisable state (parameters, stage, cursor,
 * drafts, assignment, result) advanced over a prepared context; the caller may checkpoint the
 * state after any step, kill the process, and resume with the same input. Long per-line stages
 * advance in chunks of `maxUnits` lines so progress can be reported and a run cancelled.
 */
import { systemClock, type Clock } from '../clock.js';
import { assignDrafts, type AssignmentState } from './assignment.js';
import { oneToOneDrafts, referenceHits } from './candidates.js';
import { instalmentDrafts, lineCombination, type SearchBudget } from './combinations.js';
import { inputDigest, prepareContext, type MatchContext } from './context.js';
import type { Draft } from './draft.js';
import { complementDrafts } from './evidence.js';
import { DEFAULT_MODEL, F, type MatchModel } from './model.js';
import { ENGINE_VERSION, resolveParameters, type MatchParameterOverrides } from './params.js';
import { prepareReview } from './review.js';
import { transferDrafts } from './transfers.js';
import type { MatchDiagnostic, MatchInput, MatchParameters, MatchResult } from './types.js';

/** Stages in order; per-line stages are chunked. */
export const MATCH_STAGES = ['evidence', 'candidates', 'combine_lines', 'combine_items', 'transfers', 'assign', 'review', 'done'] as const;

/** One stage name. */
export type MatchStage = (typeof MATCH_STAGES)[number];

/** A run as plain data (see the file comment). */
export interface MatchRunState {
  format: 'cuadra.match-run/1';
  engineVersion: string;
  modelVersion: string;
  inputDigest: string;
  params: MatchParameters;
  stage: MatchStage;
  /** Lines (or parties) done inside the current chunked stage. */
  cursor: number;
  drafts: Draft[];
  /** Per bank line: logit of its best 1:1 draft settling an item for the exact amount, or null. */
  bestFull: Array<number | null>;
  /** Time spent in the combination stages so far (their budget spans chunks and restarts). */
  combinationMs: number;
  candidatesScored: number;
  assignment: AssignmentState | null;
  result: MatchResult | null;
  diagnostics: MatchDiagnostic[];
  stageMs: Record<string, number>;
}

/** Host services and knobs of a run. */
export interface RunOptions {
  clock?: Clock;
  model?: MatchModel;
  /** Lines (or parties) a chunked stage handles per `advanceRun` call; default: all. */
  maxUnits?: number;
}

/** Progress of a run, for events and progress bars. */
export interface RunProgress {
  stage: MatchStage;
  done: number;
  total: number;
}

/** Lines without an exact 1:1 draft scoring this high (or naming two items or more) are tried as combinations. */
const COMBINE_BELOW_LOGIT = 3;

/** A new run over `input` with `overrides` merged onto the defaults. */
export function startRun(input: MatchInput, overrides: MatchParameterOverrides = {}, model: MatchModel = DEFAULT_MODEL): MatchRunState {
  return {
    format: 'cuadra.match-run/1', engineVersion: ENGINE_VERSION, modelVersion: model.version, inputDigest: inputDigest(input),
    params: resolveParameters(overrides), stage: 'evidence', cursor: 0, drafts: [], bestFull: [], combinationMs: 0,
    candidatesScored: 0, assignment: null, result: null, diagnostics: [], stageMs: {},
  };
}

/** True when `state` can continue over `input` with `model` (same engine, model and data); else restart. */
export function canResume(state: MatchRunState, input: MatchInput, model: MatchModel = DEFAULT_MODEL): boolean {
  return state.format === 'cuadra.match-run/1' && state.engineVersion === ENGINE_VERSION && state.modelVersion === model.version && state.inputDigest === inputDigest(input);
}

/** Stage 1 for a run: the prepared context (rebuilt, never stored). */
export function prepareRun(input: MatchInput, state: MatchRunState, options: RunOptions = {}): MatchContext {
  return prepareContext(input, state.params, options.model ?? DEFAULT_MODEL);
}

const groupsCache = new WeakMap<MatchContext, Array<[number, number[]]>>();

/** Lines that may be instalments of a party's items: the party's lines, and lines whose text names one of its items. */
function partyLines(ctx: MatchContext): Array<[number, number[]]> {
  const cached = groupsCache.get(ctx);
  if (cached) return cached;
  const map = new Map<number, Set<number>>();
  const add = (p: number, l: number): void => {
    const set = map.get(p);
    if (set) set.add(l);
    else map.set(p, new Set([l]));
  };
  for (let l = 0; l < ctx.bank.n; l++) {
    const p = ctx.bank.topParty[l] ?? -1;
    if (p >= 0) {
      add(p, l);
      // Two books counterparties with the same name: the line may be either's.
      const hits = ctx.bank.parties[l] ?? [];
      const second = hits[1];
      if (second && !(hits[0]?.taxId || hits[0]?.alias) && second.sim >= 0.6 && second.sim >= (hits[0]?.sim ?? 0) - 0.05) add(second.party, l);
    }
    for (const item of referenceHits(ctx, l).keys()) {
      const q = ctx.books.party[item] ?? -1;
      if (q >= 0 && q !== p) add(q, l);
    }
  }
  const groups = [...map.entries()].filter(([, lines]) => lines.size >= 2).map(([p, lines]): [number, number[]] => [p, [...lines].sort((a, b) => a - b)]).sort((a, b) => a[0] - b[0]);
  groupsCache.set(ctx, groups);
  return groups;
}

function budgetFor(ctx: MatchContext, state: MatchRunState, clock: Clock): SearchBudget {
  const start = clock().getTime();
  return { deadline: start + ctx.params.limits.combinationTimeBudgetMs - state.combinationMs, now: () => clock().getTime(), exhausted: false, searches: 0 };
}

function noteBudget(state: MatchRunState, budget: SearchBudget, started: number, clock: Clock): void {
  state.combinationMs += clock().getTime() - started;
  if (budget.exhausted && !state.diagnostics.some((d) => d.code === 'combination_time_budget')) {
    state.diagnostics.push({ level: 'warning', code: 'combination_time_budget', message: 'The combination search ran out of its time budget; some lines were not tried as combinations.' });
  }
}

function next(state: MatchRunState): void {
  state.stage = MATCH_STAGES[MATCH_STAGES.indexOf(state.stage) + 1] ?? 'done';
  state.cursor = 0;
}

/** Advance `state` by one step (a whole stage, or one chunk of a per-line stage); mutates and returns it. */
export function advanceRun(ctx: MatchContext, state: MatchRunState, options: RunOptions = {}): MatchRunState {
  const clock = options.clock ?? systemClock;
  const t0 = clock().getTime();
  const stage = state.stage;
  const chunk = options.maxUnits ?? Number.MAX_SAFE_INTEGER;
  switch (stage) {
    case 'evidence':
      state.drafts.push(...complementDrafts(ctx, state.diagnostics));
      state.bestFull = new Array<number | null>(ctx.bank.n).fill(null);
      next(state);
      break;
    case 'candidates': {
      const end = Math.min(ctx.bank.n, state.cursor + chunk);
      for (let l = state.cursor; l < end; l++) {
        const { drafts, scored } = oneToOneDrafts(ctx, l);
        state.candidatesScored += scored;
        for (const d of drafts) {
          state.drafts.push(d);
          if (d.f[F.partial] === 0 && d.f[F.amountExact] === 1 && d.logit > (state.bestFull[l] ?? -99)) state.bestFull[l] = d.logit;
        }
      }
      state.cursor = end;
      if (end >= ctx.bank.n) next(state);
      break;
    }
    case 'combine_lines': {
      const budget = budgetFor(ctx, state, clock);
      const end = Math.min(ctx.bank.n, state.cursor + chunk);
      for (let l = state.cursor; l < end && !budget.exhausted; l++) {
        if ((state.bestFull[l] ?? -99) >= COMBINE_BELOW_LOGIT && referenceHits(ctx, l).size < 2) continue;
        const d = lineCombination(ctx, l, budget, state.diagnostics);
        if (d) state.drafts.push(d);
      }
      noteBudget(state, budget, t0, clock);
      state.cursor = budget.exhausted ? ctx.bank.n : end;
      if (state.cursor >= ctx.bank.n) next(state);
      break;
    }
    case 'combine_items': {
      const budget = budgetFor(ctx, state, clock);
      const groups = partyLines(ctx);
      const end = Math.min(groups.length, state.cursor + chunk);
      for (let g = state.cursor; g < end && !budget.exhausted; g++) {
        const [party, lines] = groups[g] ?? [0, []];
        state.drafts.push(...instalmentDrafts(ctx, party, lines, budget, state.diagnostics));
      }
      noteBudget(state, budget, t0, clock);
      state.cursor = budget.exhausted ? groups.length : end;
      if (state.cursor >= groups.length) next(state);
      break;
    }
    case 'transfers':
      state.drafts.push(...transferDrafts(ctx));
      next(state);
      break;
    case 'assign':
      state.assignment = assignDrafts(ctx, state.drafts);
      next(state);
      break;
    case 'review': {
      const a = state.assignment ?? assignDrafts(ctx, state.drafts);
      state.stageMs['review'] = 0;
      state.result = prepareReview(ctx, state.drafts, a, state.diagnostics, {
        bankLines: ctx.bank.n, bookItems: ctx.books.n, candidatesScored: state.candidatesScored, drafts: state.drafts.length, stageMs: state.stageMs,
      }, state.modelVersion, state.engineVersion);
      next(state);
      break;
    }
    case 'done':
      break;
  }
  state.stageMs[stage] = (state.stageMs[stage] ?? 0) + (clock().getTime() - t0);
  return state;
}

/** Where a run stands. */
export function runProgress(ctx: MatchContext, state: MatchRunState): RunProgress {
  const total = state.stage === 'candidates' || state.stage === 'combine_lines' ? ctx.bank.n : 1;
  return { stage: state.stage, done: state.cursor, total };
}

/** Advance until done (optionally reporting progress after each step) and return the result. */
export function runToEnd(ctx: MatchContext, state: MatchRunState, options: RunOptions = {}, onProgress?: (p: RunProgress) => void): MatchResult {
  while (state.stage !== 'done') {
    advanceRun(ctx, state, options);
    onProgress?.(runProgress(ctx, state));
  }
  if (!state.result) throw new Error('matching run finished without a result');
  return state.result;
}

/** The whole pipeline in one call: prepare, run every stage, return the proposals. */
export function reconcile(input: MatchInput, overrides: MatchParameterOverrides = {}, options: RunOptions = {}): MatchResult {
  const clock = options.clock ?? systemClock;
  const model = options.model ?? DEFAULT_MODEL;
  const state = startRun(input, overrides, model);
  const t0 = clock().getTime();
  const ctx = prepareRun(input, state, { ...options, model });
  state.stageMs['normalize'] = clock().getTime() - t0;
  return runToEnd(ctx, state, { ...options, model });
}
