import { en } from './en.js';
import { es } from './es.js';
import {
  languages,
  type Dictionary,
  type Language,
  type MessageKey,
  type MessageParams,
  type MessageRef,
  type PluralKey,
  type TranslateArgs,
} from './types.js';

export const dictionaries: Readonly<Record<Language, Dictionary>> = { en, es };

/** Replaces `{name}` slots; a slot without a value stays visible so a gap is noticed, not hidden. */
export function interpolate(text: string, params: MessageParams | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = params[name];
    return value === undefined ? slot : String(value);
  });
}

/** Translates a key in a language, typed so that messages with slots require their params. */
export function translate<K extends MessageKey>(language: Language, key: K, ...args: TranslateArgs<K>): string {
  return interpolate(dictionaries[language][key], args[0] as MessageParams | undefined);
}

/** Translates a message kept as data. */
export function translateRef(language: Language, ref: MessageRef): string {
  return interpolate(dictionaries[language][ref.key], ref.params);
}

/** Picks `.one` or `.other` by the locale's plural rules and fills `{count}` with a formatted number. */
export function translatePlural(
  language: Language,
  locale: string,
  base: PluralKey,
  count: number,
  params?: MessageParams,
): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  const key = `${base}.${form}` as MessageKey;
  const formatted = new Intl.NumberFormat(locale).format(count);
  return interpolate(dictionaries[language][key], { ...params, count: formatted });
}

/** The first system language Cuadra speaks (es* → Spanish, en* → English); English when none. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/** True for a value that names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The locale for numbers and dates: the user's first system locale of the chosen language
 * (es-MX stays es-MX), else the language's usual default.
 */
export function resolveLocale(language: Language, preferred: readonly string[]): string {
  const match = preferred.find((tag) => tag.toLowerCase().split('-')[0] === language);
  if (match) {
    try {
      return Intl.getCanonicalLocales(match)[0] ?? match;
    } catch {
      // An invalid tag from the system falls through to the default.
    }
  }
  return language === 'es' ? 'es-ES' : 'en-US';
}
