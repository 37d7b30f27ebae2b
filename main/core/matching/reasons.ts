/**
 * Reasons: why a draft was proposed, as closed codes with parameters (for the contract and the
 * audit log) and as plain English sentences (for the review screen, the CLI and the report).
 */
import { formatMinor } from '../importers/money.js';
import type { MatchContext } from './context.js';
import type { Draft } from './draft.js';
import { F } from './model.js';
import type { Reason, UnmatchedTreatment } from './types.js';

const NO_PARAMS: Reason['params'] = Object.freeze({}) as Reason['params'];
const BARE = new Map<Reason['code'], Reason>();

/** A reason; those without parameters are shared (a run holds hundreds of thousands). */
function reason(code: Reason['code'], params?: Reason['params']): Reason {
  if (params) return { code, params };
  let r = BARE.get(code);
  if (!r) BARE.set(code, (r = Object.freeze({ code, params: NO_PARAMS }) as Reason));
  return r;
}

function referenceOf(ctx: MatchContext, item: number): string {
  const it = ctx.books.items[item];
  return it?.documentNumber ?? it?.paymentReference ?? it?.cfdiUuid ?? ctx.books.ids[item] ?? '';
}

/** The reasons of a draft, strongest evidence first. */
export function draftReasons(ctx: MatchContext, d: Draft): Reason[] {
  const { bank, books } = ctx;
  const out: Reason[] = [];
  const cur = bank.currency[d.bank[0] ?? 0] ?? '';
  if (d.kind === 'complement') out.push(reason('payment_complement', { evidence: d.evidenceId ?? '', invoices: d.items.length }));
  if (d.kind === 'transfer') out.push(reason('own_account_transfer', { fromAccount: bank.account[d.bank[0] ?? 0] ?? '', toAccount: bank.account[d.bank[1] ?? 0] ?? '', days: d.gapDays }));
  if ((d.f[F.refStrong] ?? 0) > 0 || (d.f[F.refWeak] ?? 0) > 0) {
    out.push(reason('reference_match', { reference: d.items.map((i) => referenceOf(ctx, i)).join(', '), strength: d.f[F.refStrong] ? 'strong' : 'partial' }));
  }
  if (d.f[F.taxId]) {
    const line = bank.taxIds[d.bank[0] ?? 0] ?? [];
    out.push(reason('tax_id_match', { taxId: line[0] ?? '' }));
  }
  if (d.f[F.alias]) out.push(reason('alias_match', { text: bank.tokens[d.bank[0] ?? 0]?.join(' ') ?? '' }));
  if (d.kind !== 'transfer') {
    const item = d.items[0] ?? 0;
    const party = books.parties[books.party[item] ?? -1];
    const sim = d.f[F.nameSim] ?? 0;
    if (!party || (bank.tokens[d.bank[0] ?? 0]?.length ?? 0) === 0) out.push(reason('counterparty_unknown'));
    else if (sim >= 0.6) out.push(reason('counterparty_match', { name: party.name, similarity: Math.round(sim * 100) }));
    else out.push(reason('counterparty_weak', { name: party.name, similarity: Math.round(sim * 100) }));
  }
  if (d.kind === 'combo') {
    out.push(reason('combination', { count: d.items.length }));
    const credits = d.items.filter((i) => books.kinds[i] === 'credit_note').length;
    if (credits > 0) out.push(reason('credit_note_netted', { count: credits }));
  }
  if (d.kind === 'instal') out.push(reason('instalments', { count: d.bank.length }));
  if (d.f[F.partial]) {
    const item = d.items[0] ?? 0;
    const ic = books.currency[item] ?? cur;
    out.push(reason('partial_payment', { allocated: formatMinor(d.alloc[0] ?? 0, ic), open: formatMinor(books.amount[item] ?? 0, ic), currency: ic }));
  } else if (d.diff === 0) out.push(reason('amount_exact'));
  else out.push(reason('amount_difference', { difference: formatMinor(d.diff, cur), currency: cur, treatment: d.treatment }));
  if (d.fxRate !== null) {
    const ic = books.currency[d.items[0] ?? 0] ?? '';
    out.push(reason('fx_conversion', { from: ic, to: cur, rate: Number(d.fxRate.toFixed(6)) }));
  }
  if (d.kind !== 'transfer') {
    if (d.f[F.paidBefore]) out.push(reason('paid_before_document', { days: d.gapDays }));
    else if (d.gapDays > 0) out.push(reason('date_gap', { days: d.gapDays }));
  }
  if ((d.f[F.sameItems] ?? 0) > 0 || (d.f[F.ambiguity] ?? 0) > 0 || (d.f[F.solutions] ?? 0) > 0) {
    const count = Math.round(Math.expm1(Math.max(d.f[F.sameItems] ?? 0, d.f[F.ambiguity] ?? 0, d.f[F.solutions] ?? 0)));
    out.push(reason('ambiguous', { count }));
  }
  if (d.f[F.rejected]) out.push(reason('rejected_before'));
  return out;
}

/** What an unmatched line probably is, from its text and flags. */
export function suggestTreatment(ctx: MatchContext, line: number): UnmatchedTreatment | null {
  const h = ctx.bank.hints[line];
  if (!h) return null;
  if (h.interest) return 'interest';
  if (h.tax) return 'tax';
  if (h.bankCharge) return 'bank_charge';
  if (h.transfer || ctx.bank.ownFlag[line] || ctx.bank.ownIban[line]) return 'transfer';
  return null;
}

const TREATMENT_WORDS: Readonly<Record<string, string>> = {
  bank_charge: 'a bank charge', interest: 'interest', tax: 'a tax payment', transfer: 'a transfer between own accounts',
  fee: 'a bank fee', rounding: 'rounding', fx: 'an exchange difference', write_off: 'a write-off', none: 'nothing',
};

/** One plain-English sentence for a reason. */
export function renderReason(r: Reason): string {
  const p = r.params;
  const s = (k: string): string => String(p[k] ?? '');
  switch (r.code) {
    case 'amount_exact': return 'The amounts are equal.';
    case 'amount_difference': return `The amounts differ by ${s('difference')} ${s('currency')}, booked as ${TREATMENT_WORDS[s('treatment')] ?? s('treatment')}.`;
    case 'partial_payment': return `Pays ${s('allocated')} of ${s('open')} ${s('currency')} still open; the rest stays open.`;
    case 'date_gap': return `Paid ${s('days')} days from the due date.`;
    case 'paid_before_document': return `Paid ${s('days')} days before the document's date.`;
    case 'counterparty_match': return `The bank names the counterparty ${s('name')} (${s('similarity')}% similar).`;
    case 'counterparty_weak': return `The bank text only loosely resembles ${s('name')} (${s('similarity')}% similar).`;
    case 'counterparty_unknown': return 'The bank text does not name a known counterparty.';
    case 'reference_match': return `The bank text carries the reference ${s('reference')}${p['strength'] === 'strong' ? '' : ' (number only)'}.`;
    case 'tax_id_match': return `The tax id ${s('taxId')} on the bank line is the counterparty's.`;
    case 'alias_match': return `"${s('text')}" was confirmed for this counterparty before.`;
    case 'payment_complement': return `CFDI payment complement ${s('evidence')} allocates this payment to ${s('invoices')} invoice(s).`;
    case 'fx_conversion': return `Converted from ${s('from')} to ${s('to')} at ${s('rate')}.`;
    case 'combination': return `One payment for ${s('count')} items.`;
    case 'credit_note_netted': return `${s('count')} credit note(s) netted against the invoices.`;
    case 'instalments': return `Paid in ${s('count')} instalments.`;
    case 'own_account_transfer': return `A transfer between own accounts ${s('fromAccount')} and ${s('toAccount')}, ${s('days')} day(s) apart.`;
    case 'ambiguous': return `${s('count')} other candidate(s) are about as likely.`;
    case 'tie': return 'Another candidate is exactly as good: a person must choose.';
    case 'rejected_before': return 'A person rejected this pairing before.';
    case 'no_strong_signal': return 'No reference, tax id or unique exact amount with a matching counterparty: needs a look.';
    case 'suggest_treatment': return `Probably ${TREATMENT_WORDS[s('treatment')] ?? s('treatment')}.`;
    case 'no_candidate': return 'No open item fits this line.';
    case 'semantic_similarity': return `The bank text is ${s('similarity')}% similar to the item's text "${s('text')}".`;
    case 'semantic_counterparty': return `Lines with similar text were matched to ${s('name')} before.`;
  }
}
