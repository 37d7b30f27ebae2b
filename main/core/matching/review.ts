/**
 * Stage 8: review preparation. Accepted drafts become proposals with ids, allocations, reasons
 * and ranked alternatives; a proposal is auto-approved only at or above the threshold AND with a
 * strong signal AND without a tie at the top. Lines nobody took get a suggested treatment.
 */
import type { AssignmentState } from './assignment.js';
import type { MatchContext } from './context.js';
import type { Draft } from './draft.js';
import { F, sigmoid } from './model.js';
import { draftReasons, suggestTreatment } from './reasons.js';
import type { Allocation, MatchAlternative, MatchDiagnostic, MatchProposal, MatchResult, MatchStats, ProposalKind, UnmatchedBankLine } from './types.js';

/** The contract's kind of a draft. */
export function proposalKind(d: Draft): ProposalKind {
  if (d.kind === 'transfer') return 'transfer';
  if (d.kind === 'combo' || d.kind === 'instal') return 'combination';
  if (d.kind === 'complement' || (d.f[F.refStrong] ?? 0) > 0 || (d.f[F.refWeak] ?? 0) > 0) return 'reference';
  const named = (d.f[F.nameSim] ?? 0) >= 0.8 || d.f[F.alias] === 1 || d.f[F.taxId] === 1;
  return d.f[F.amountExact] === 1 && d.f[F.partial] === 0 && named ? 'exact' : 'fuzzy';
}

function allocations(ctx: MatchContext, d: Draft): Allocation[] {
  return d.items.map((it, k) => ({ bookId: ctx.books.ids[it] ?? '', amountMinor: d.alloc[k] ?? 0 }));
}

function alternative(ctx: MatchContext, d: Draft, confidence: number): MatchAlternative {
  return {
    bankIds: d.bank.map((l) => ctx.bank.ids[l] ?? ''), bookIds: d.items.map((i) => ctx.books.ids[i] ?? ''), allocations: allocations(ctx, d),
    differenceMinor: d.diff, confidence, kind: proposalKind(d), reasons: draftReasons(ctx, d),
  };
}

/** Stable proposal id from the ids it links. */
export function proposalId(bankIds: readonly string[], bookIds: readonly string[]): string {
  let h = 0x811c9dc5;
  const text = `${bankIds.join('\u0001')}\u0002${bookIds.join('\u0001')}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return `m-${(h >>> 0).toString(36)}-${bankIds.length}x${bookIds.length}`;
}

/**
 * An alternative's confidence: its own pair probability, but never more than what the accepted
 * proposal leaves (both cannot be right).
 */
function alternativeConfidence(d: Draft, acceptedConfidence: number): number {
  return Math.min(sigmoid(d.logit), 1 - acceptedConfidence);
}

/** Build the run's result from the drafts and the assignment. */
export function prepareReview(
  ctx: MatchContext,
  drafts: readonly Draft[],
  a: AssignmentState,
  diagnostics: MatchDiagnostic[],
  stats: Omit<MatchStats, 'proposals' | 'autoApproved' | 'pendingReview' | 'unmatchedBank'>,
  modelVersion: string,
  engineVersion: string,
): MatchResult {
  const { params, bank, books } = ctx;
  const proposals: MatchProposal[] = [];
  const remaining = Float64Array.from(books.amount);
  a.accepted.forEach((di, k) => {
    const d = drafts[di];
    if (!d) return;
    const confidence = a.confidence[k] ?? 0;
    const isTie = a.tie[k] ?? false;
    const rejected = (d.f[F.rejected] ?? 0) > 0;
    const auto = confidence >= params.threshold && d.strong && !isTie && !rejected;
    const reasons = draftReasons(ctx, d);
    if (isTie) reasons.push({ code: 'tie', params: {} });
    else if (!d.strong) reasons.push({ code: 'no_strong_signal', params: {} });
    d.items.forEach((it, j) => {
      remaining[it] = (remaining[it] ?? 0) - (d.alloc[j] ?? 0);
    });
    const bankIds = d.bank.map((l) => bank.ids[l] ?? '');
    const bookIds = d.items.map((i) => books.ids[i] ?? '');
    proposals.push({
      id: proposalId(bankIds, bookIds), bankIds, bookIds, allocations: allocations(ctx, d), differenceMinor: d.diff,
      differenceTreatment: d.treatment, confidence, kind: proposalKind(d), status: auto ? 'auto_approved' : 'pending_review', reasons,
      alternatives: (a.alternatives[k] ?? []).flatMap((j) => {
        const alt = drafts[j];
        return alt ? [alternative(ctx, alt, alternativeConfidence(alt, confidence))] : [];
      }),
    });
  });

  const weak = new Map<number, number[]>();
  drafts.forEach((d, j) => {
    for (const l of d.bank) {
      if ((a.lineDraft[l] ?? -1) !== -1) continue;
      const list = weak.get(l);
      if (list) list.push(j);
      else weak.set(l, [j]);
    }
  });
  const unmatchedBank: UnmatchedBankLine[] = [];
  for (let l = 0; l < bank.n; l++) {
    if ((a.lineDraft[l] ?? -1) !== -1) continue;
    const treatment = suggestTreatment(ctx, l);
    const cands = (weak.get(l) ?? []).sort((x, y) => (drafts[y]?.logit ?? 0) - (drafts[x]?.logit ?? 0)).slice(0, params.limits.maxAlternatives);
    unmatchedBank.push({
      bankId: bank.ids[l] ?? '',
      suggestedTreatment: treatment,
      reasons: treatment ? [{ code: 'suggest_treatment', params: { treatment } }] : [{ code: 'no_candidate', params: {} }],
      candidates: cands.flatMap((j) => {
        const d = drafts[j];
        return d ? [alternative(ctx, d, sigmoid(d.logit))] : [];
      }),
    });
  }
  const openBooks: Allocation[] = [];
  for (let i = 0; i < books.n; i++) {
    const left = remaining[i] ?? 0;
    if (Math.abs(left) > params.roundingMinor && Math.sign(left) === Math.sign(books.amount[i] ?? 0)) openBooks.push({ bookId: books.ids[i] ?? '', amountMinor: left });
  }
  const autoApproved = proposals.filter((p) => p.status === 'auto_approved').length;
  return {
    engineVersion, modelVersion, parameters: params, proposals, unmatchedBank, openBooks, diagnostics,
    stats: { ...stats, proposals: proposals.length, autoApproved, pendingReview: proposals.length - autoApproved, unmatchedBank: unmatchedBank.length },
  };
}
