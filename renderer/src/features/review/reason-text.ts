import type { DifferenceTreatmentName, MatchReason } from '../../../../main/core/contract/index.js';
import type { I18n } from '../../i18n/use-i18n.js';
import { formatPercent } from './review-labels.js';

const differenceTreatments: readonly DifferenceTreatmentName[] = ['none', 'fee', 'rounding', 'fx', 'write_off'];
const suggestions = ['bank_charge', 'interest', 'tax', 'transfer'] as const;
export type SuggestedTreatment = (typeof suggestions)[number];

/** The word for how a difference is booked ("bank fee", "comisión bancaria"). */
export function treatmentWord({ t }: I18n, treatment: string): string | null {
  const known = differenceTreatments.find((value) => value === treatment);
  return known ? t(`review.treatment.${known}`) : null;
}

/** The word for what an unmatched line probably is ("bank charge", "intereses"). */
export function suggestionWord({ t }: I18n, treatment: string | null): string | null {
  const known = suggestions.find((value) => value === treatment);
  return known ? t(`review.suggest.${known}`) : null;
}

/** Whether a reason speaks for the match (a check mark) or asks for a closer look (a warning). */
export function reasonIsCaution(reason: MatchReason): boolean {
  return ['counterparty_weak', 'counterparty_unknown', 'amount_difference', 'partial_payment', 'ambiguous', 'tie', 'rejected_before', 'no_strong_signal', 'no_candidate'].includes(reason.code);
}

/**
 * A reason as a short chip in the user's language, from its code and values; a code this version
 * does not know (or values it cannot read) falls back to the core's English sentence.
 */
export function reasonLabel(i18n: I18n, reason: MatchReason, currency: string): string {
  const { t, tn, amount, number, locale } = i18n;
  const p = reason.params;
  const text = (key: string): string => String(p[key] ?? '');
  const count = (key: string): number | null => {
    const value = Number(p[key]);
    return Number.isFinite(value) ? value : null;
  };
  const money = (key: string): string => amount(text(key), text('currency') || currency);
  const days = count('days');
  const n = count('count');
  switch (reason.code) {
    case 'amount_exact':
      return t('review.reason.amount_exact');
    case 'amount_difference': {
      const treatment = treatmentWord(i18n, text('treatment'));
      return treatment
        ? t('review.reason.amount_difference', { difference: money('difference'), treatment })
        : t('review.reason.amount_difference.plain', { difference: money('difference') });
    }
    case 'partial_payment':
      return t('review.reason.partial_payment', { allocated: money('allocated'), open: money('open') });
    case 'date_gap':
      return days === null ? reason.text : tn('review.reason.date_gap', days);
    case 'paid_before_document':
      return days === null ? reason.text : tn('review.reason.paid_before_document', days);
    case 'counterparty_match':
    case 'counterparty_weak': {
      const similarity = count('similarity');
      if (similarity === null) return reason.text;
      const params = { similarity: formatPercent(similarity / 100, locale), name: text('name') };
      return reason.code === 'counterparty_match' ? t('review.reason.counterparty_match', params) : t('review.reason.counterparty_weak', params);
    }
    case 'semantic_similarity': {
      const similarity = count('similarity');
      return similarity === null ? reason.text : t('review.reason.semantic_similarity', { similarity: formatPercent(similarity / 100, locale), text: text('text') });
    }
    case 'semantic_counterparty':
      return t('review.reason.semantic_counterparty', { name: text('name') });
    case 'counterparty_unknown':
      return t('review.reason.counterparty_unknown');
    case 'reference_match':
      return p['strength'] === 'partial'
        ? t('review.reason.reference_partial', { reference: text('reference') })
        : t('review.reason.reference_match', { reference: text('reference') });
    case 'tax_id_match':
      return t('review.reason.tax_id_match', { taxId: text('taxId') });
    case 'alias_match':
      return t('review.reason.alias_match', { text: text('text') });
    case 'payment_complement': {
      const invoices = count('invoices');
      return invoices === null ? reason.text : tn('review.reason.payment_complement', invoices, { evidence: text('evidence') });
    }
    case 'fx_conversion': {
      const rate = count('rate');
      return rate === null ? reason.text : t('review.reason.fx_conversion', { from: text('from'), to: text('to'), rate: number(rate) });
    }
    case 'combination':
    case 'credit_note_netted':
    case 'instalments':
    case 'ambiguous':
      return n === null ? reason.text : tn(`review.reason.${reason.code}`, n);
    case 'own_account_transfer':
      return days === null ? reason.text : tn('review.reason.own_account_transfer', days);
    case 'tie':
    case 'rejected_before':
    case 'no_strong_signal':
    case 'no_candidate':
      return t(`review.reason.${reason.code}`);
    case 'suggest_treatment': {
      const word = suggestionWord(i18n, text('treatment'));
      return word ? t('review.reason.suggest_treatment', { treatment: word }) : reason.text;
    }
    default:
      return reason.text;
  }
}
