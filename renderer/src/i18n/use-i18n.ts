import { useMemo } from 'react';
import type { CoreErrorData } from '../../../main/core/contract/index.js';
import { useAppStore } from '../stores/store-context.js';
import { describeError, type ErrorContext } from './errors.js';
import { formatAmount, formatDate, formatDateTime, formatMinor, formatNumber } from './format.js';
import { translate, translatePlural, translateRef } from './translate.js';
import type { Language, MessageKey, MessageParams, MessageRef, PluralKey, TranslateArgs } from './types.js';

/** Everything a component needs to speak the user's language. */
export interface I18n {
  language: Language;
  locale: string;
  t<K extends MessageKey>(key: K, ...args: TranslateArgs<K>): string;
  tn(base: PluralKey, count: number, params?: MessageParams): string;
  tr(ref: MessageRef): string;
  error(error: CoreErrorData, context?: ErrorContext): string;
  amount(amount: string, currency: string): string;
  minor(minor: number | bigint, currency: string): string;
  number(value: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

/** Builds the i18n helpers for a language and locale (also usable outside React). */
export function createI18n(language: Language, locale: string): I18n {
  return {
    language,
    locale,
    t: (key, ...args) => translate(language, key, ...args),
    tn: (base, count, params) => translatePlural(language, locale, base, count, params),
    tr: (ref) => translateRef(language, ref),
    error: (error, context) => describeError(language, locale, error, context),
    amount: (amount, currency) => formatAmount(amount, currency, locale),
    minor: (minor, currency) => formatMinor(minor, currency, locale),
    number: (value) => formatNumber(value, locale),
    date: (iso) => formatDate(iso, locale),
    dateTime: (iso) => formatDateTime(iso, locale),
  };
}

/** The i18n helpers for the language chosen in the store; components re-render when it changes. */
export function useI18n(): I18n {
  const language = useAppStore((state) => state.language);
  const locale = useAppStore((state) => state.locale);
  return useMemo(() => createI18n(language, locale), [language, locale]);
}
