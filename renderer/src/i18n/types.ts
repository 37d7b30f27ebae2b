import type { en } from './en.js';

/** The languages Cuadra speaks. */
export const languages = ['es', 'en'] as const;
export type Language = (typeof languages)[number];

/** Every message key; English is the reference. */
export type MessageKey = keyof typeof en;

/** A complete dictionary: exactly the keys of the reference, no more, no fewer. */
export type Dictionary = { readonly [K in MessageKey]: string };

type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;

/** The `{param}` names a message needs, read from the English text at compile time. */
export type ParamsOf<K extends MessageKey> = ParamNames<(typeof en)[K]>;

/** Keys of messages without `{…}` slots (safe to keep in tables and translate without params). */
export type PlainKey = { [K in MessageKey]: [ParamsOf<K>] extends [never] ? K : never }[MessageKey];

export type MessageParams = Readonly<Record<string, string | number>>;

/** Arguments after the key: none for a plain message, a params object when it has `{…}` slots. */
export type TranslateArgs<K extends MessageKey> = [ParamsOf<K>] extends [never]
  ? []
  : [params: Readonly<Record<ParamsOf<K>, string | number>>];

/** Keys `X` for which both `X.one` and `X.other` exist. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
}[MessageKey];

/** A message kept as data (e.g. in a toast) and translated when shown, so it follows the language. */
export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}
