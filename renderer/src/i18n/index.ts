/** Cuadra's small typed i18n: two dictionaries, Intl formatting and error messages. */
export * from './types.js';
export * from './translate.js';
export * from './format.js';
export * from './errors.js';
export { useI18n, createI18n, type I18n } from './use-i18n.js';
