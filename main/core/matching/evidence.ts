/**
 * Stage 2, deterministic evidence from CFDI payment complements: the complement says which
 * invoices (by UUID) one payment settled and for how much, so the bank line carrying that
 * payment (same amount, close date, ideally the SPEI tracking key) gets exact allocations.
 */
import type { PaymentEvidence } from '../importers/books-types.js';
import { toDayNumber } from '../importers/dates.js';
import type { MatchContext } from './context.js';
import { differenceTreatment, emptyFeatures, scoreFeatures, setAmountFeatures, setDateFeatures, type Draft } from './draft.js';
import { F } from './model.js';
import { partyHit } from './prepare-bank.js';
import { canonicalUuid } from './references.js';
import type { MatchDiagnostic } from './types.js';

const COMPLEMENT_WINDOW_DAYS = 5;

function resolveAllocations(ctx: MatchContext, p: PaymentEvidence): Array<{ item: number; alloc: number; toBank: number }> | null {
  const out: Array<{ item: number; alloc: number; toBank: number }> = [];
  for (const a of p.allocations) {
    const uuid = canonicalUuid(a.invoiceUuid);
    const item = uuid ? ctx.books.uuidIndex.get(uuid) : undefined;
    if (item === undefined) return null;
    const open = ctx.books.amount[item] ?? 0;
    const sign = Math.sign(open) || 1;
    const alloc = sign * Math.abs(a.amountPaid.minor);
    const eq = a.equivalence ? Number(a.equivalence) : 1;
    const sameCurrency = a.amountPaid.currency.toUpperCase() === p.amount.currency.toUpperCase();
    const toBank = sameCurrency || !(eq > 0) ? alloc : Math.round(alloc / eq);
    out.push({ item, alloc, toBank });
  }
  return out.length > 0 ? out : null;
}

/** Drafts from payment complements: each complement against the bank lines that may carry it. */
export function complementDrafts(ctx: MatchContext, diagnostics: MatchDiagnostic[]): Draft[] {
  const payments = ctx.input.payments ?? [];
  if (payments.length === 0) return [];
  const { bank, params } = ctx;
  const byAmount = new Map<string, number[]>();
  for (let l = 0; l < bank.n; l++) {
    const key = `${bank.currency[l]}|${bank.amount[l]}`;
    const list = byAmount.get(key);
    if (list) list.push(l);
    else byAmount.set(key, [l]);
  }
  const out: Draft[] = [];
  for (const p of payments) {
    const allocs = resolveAllocations(ctx, p);
    if (!allocs) {
      diagnostics.push({ level: 'info', code: 'complement_unmatched', message: `Payment complement ${p.id} names an invoice that is not open in the books.` });
      continue;
    }
    const sign = Math.sign(ctx.books.amount[allocs[0]?.item ?? 0] ?? 0) || 1;
    const cur = p.amount.currency.toUpperCase();
    const day = toDayNumber(p.date);
    const lines = (byAmount.get(`${cur}|${sign * Math.abs(p.amount.minor)}`) ?? []).filter((l) => Math.abs((bank.day[l] ?? 0) - day) <= COMPLEMENT_WINDOW_DAYS);
    const op = p.operationNumber?.toUpperCase().replace(/[^A-Z0-9]/g, '') ?? '';
    const withOp = op.length >= 6 ? lines.filter((l) => (bank.evidence[l]?.operationKeys ?? []).includes(op) || (bank.lines[l]?.description.toUpperCase().replace(/[^A-Z0-9]/g, '') ?? '').includes(op)) : [];
    const chosen = withOp.length > 0 ? withOp : lines;
    for (const l of chosen) {
      const amt = bank.amount[l] ?? 0;
      const converted = allocs.reduce((s, a) => s + a.toBank, 0);
      const diff = amt - converted;
      const fx = allocs.some((a) => ctx.books.currency[a.item] !== cur);
      const f = emptyFeatures();
      setAmountFeatures(f, diff, amt, params, fx);
      setDateFeatures(f, Math.abs((bank.day[l] ?? 0) - day), false, false);
      const hit = partyHit(bank, l, ctx.books.party[allocs[0]?.item ?? 0] ?? -1);
      f[F.complement] = 1;
      f[F.refStrong] = withOp.length > 0 ? 1 : 0;
      f[F.nameSim] = hit?.sim ?? 0;
      f[F.taxId] = hit?.taxId ? 1 : 0;
      f[F.multi] = allocs.length > 1 ? Math.log2(allocs.length) : 0;
      f[F.solutions] = Math.log1p(chosen.length - 1);
      out.push({
        kind: 'complement', bank: [l], items: allocs.map((a) => a.item), alloc: allocs.map((a) => a.alloc), diff,
        treatment: differenceTreatment(diff, params, fx), f, logit: scoreFeatures(ctx.model, f), strong: chosen.length === 1,
        fxRate: null, gapDays: Math.abs((bank.day[l] ?? 0) - day), evidenceId: p.id,
      });
    }
  }
  return out;
}
