import type { BankAccount, MatchingSettings } from '../../../../main/core/contract/index.js';
import { decimalSeparatorOf, parseAmountInput } from '../../features/account-view/amount-input.js';
import { currencyDigits, minorToDecimal } from '../../i18n/format.js';
import type { MatchingDraftErrors, MatchingDraftField, MatchingSettingsDraft } from '../reconcile-types.js';

/**
 * The currency a company's amounts are in: the one most of its active accounts use (ties: the
 * first in alphabetical order); null when it has no active account yet.
 */
export function companyCurrency(accounts: readonly BankAccount[]): string | null {
  const counts = new Map<string, number>();
  for (const account of accounts) if (!account.archived) counts.set(account.currency, (counts.get(account.currency) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked[0]?.[0] ?? null;
}

/** Decimals of the company's currency (2 when it has none yet). */
export const companyDigits = (currency: string | null): number => (currency ? currencyDigits(currency) : 2);

/** A number as the person would type it in the locale: no grouping, the locale's decimal mark. */
function inputNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 4 }).format(value);
}

/** The form's text for saved settings. */
export function draftFromSettings(settings: MatchingSettings, digits: number, locale: string): MatchingSettingsDraft {
  return {
    thresholdPercent: inputNumber(Math.round(settings.threshold * 1_000_000) / 10_000, locale),
    tolerancePercent: inputNumber(settings.tolerancePercent, locale),
    feeTolerance: minorToDecimal(settings.feeToleranceMinor, digits).replace('.', decimalSeparatorOf(locale)),
    dateWindowBefore: String(settings.dateWindowBefore),
    dateWindowAfter: String(settings.dateWindowAfter),
  };
}

/** A percentage typed with either decimal mark ("87,5", "87.5"); 'number' when it is not one. */
function parsePercent(text: string): number | 'number' {
  const plain = text.trim().replace(/\s|%/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : 'number';
}

/**
 * Checks the matching settings form and turns it into the contract's values: threshold above 0
 * and at most 100 %, tolerance 0–50 %, a fee tolerance of zero or more in the company's currency,
 * date windows of whole days from 0 to 3650.
 */
export function parseMatchingDraft(
  draft: MatchingSettingsDraft,
  digits: number,
  locale: string,
): { value: MatchingSettings; errors: null } | { value: null; errors: MatchingDraftErrors } {
  const errors: MatchingDraftErrors = {};
  /** A number from a field, or null after noting why the field is refused. */
  const numberOf = (field: MatchingDraftField): number | null => {
    const text = draft[field].trim();
    const n = text === '' ? 'required' : parsePercent(text);
    if (typeof n === 'number') return n;
    errors[field] = n;
    return null;
  };
  const percent = (field: 'thresholdPercent' | 'tolerancePercent', ok: (n: number) => boolean): number => {
    const n = numberOf(field);
    if (n !== null && !ok(n)) errors[field] = 'range';
    return n ?? 0;
  };
  const days = (field: 'dateWindowBefore' | 'dateWindowAfter'): number => {
    const n = numberOf(field);
    if (n === null) return 0;
    if (!Number.isInteger(n)) errors[field] = 'whole';
    else if (n < 0 || n > 3650) errors[field] = 'range';
    return n;
  };

  const threshold = percent('thresholdPercent', (n) => n > 0 && n <= 100);
  const tolerancePercent = percent('tolerancePercent', (n) => n >= 0 && n <= 50);
  let feeToleranceMinor = 0;
  const fee = draft.feeTolerance.trim();
  if (fee === '') errors.feeTolerance = 'required';
  else if (/^[-−]/.test(fee)) errors.feeTolerance = 'range';
  else {
    const parsed = parseAmountInput(fee, digits, locale);
    if (parsed === 'invalid' || parsed === null) errors.feeTolerance = 'number';
    else feeToleranceMinor = parsed;
  }
  const dateWindowBefore = days('dateWindowBefore');
  const dateWindowAfter = days('dateWindowAfter');

  if (Object.keys(errors).length > 0) return { value: null, errors };
  return {
    value: { threshold: Math.round(threshold * 100) / 10_000, tolerancePercent, feeToleranceMinor, dateWindowBefore, dateWindowAfter },
    errors: null,
  };
}
