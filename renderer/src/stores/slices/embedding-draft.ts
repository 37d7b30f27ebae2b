import type { EmbeddingConfig } from '../../../../main/core/contract/index.js';
import type { EmbeddingDraft, EmbeddingDraftErrors, EmbeddingDraftField } from '../embedding-types.js';

/** The form's text for saved settings (numbers without grouping). */
export function draftFromConfig(config: EmbeddingConfig): EmbeddingDraft {
  return {
    provider: config.provider,
    baseURL: config.baseURL ?? '',
    model: config.model ?? '',
    dimensions: String(config.dimensions),
    batchSize: String(config.batchSize),
    timeoutSeconds: String(config.timeoutSeconds),
    expiryDays: String(config.cache.expiryDays),
    maxEntries: String(config.cache.maxEntries),
    explanationsEnabled: config.explanations.enabled,
    chatModel: config.explanations.chatModel ?? '',
  };
}

/** The locale's grouping mark ("." in es-ES, "," in en-US): people type 500.000 or 500,000. */
function groupSeparatorOf(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(10000).find((part) => part.type === 'group')?.value ?? ',';
}

const isHttpAddress = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
};

const ranges: Record<'dimensions' | 'batchSize' | 'timeoutSeconds' | 'expiryDays' | 'maxEntries', readonly [number, number]> = {
  dimensions: [32, 8192],
  batchSize: [1, 2048],
  timeoutSeconds: [1, 600],
  expiryDays: [1, 3650],
  maxEntries: [1000, 10_000_000],
};

/**
 * Checks the form and turns it into the contract's settings: a remote provider needs its address
 * and model, explanations their chat model; dimensions are a multiple of 32; whole numbers in range.
 */
export function parseEmbeddingDraft(draft: EmbeddingDraft, locale: string): { value: EmbeddingConfig; errors: null } | { value: null; errors: EmbeddingDraftErrors } {
  const errors: EmbeddingDraftErrors = {};
  const group = groupSeparatorOf(locale);
  const whole = (field: keyof typeof ranges): number => {
    const text = draft[field].trim().replace(/\s/g, '').split(group).join('');
    if (text === '') errors[field] = 'required';
    else if (!/^\d+$/.test(text)) errors[field] = 'whole';
    else {
      const n = Number(text);
      const [min, max] = ranges[field];
      if (n < min || n > max) errors[field] = 'range';
      else if (field === 'dimensions' && n % 32 !== 0) errors[field] = 'multiple32';
      return n;
    }
    return 0;
  };
  const text = (field: EmbeddingDraftField, needed: boolean): string | null => {
    const value = draft[field].trim();
    if (value === '') {
      if (needed) errors[field] = 'required';
      return null;
    }
    return value;
  };
  const remote = draft.provider === 'openai';
  const baseURL = text('baseURL', remote || draft.explanationsEnabled);
  if (baseURL !== null && !isHttpAddress(baseURL)) errors.baseURL = 'url';
  const value: EmbeddingConfig = {
    provider: draft.provider,
    baseURL,
    model: text('model', remote),
    dimensions: whole('dimensions'),
    batchSize: whole('batchSize'),
    timeoutSeconds: whole('timeoutSeconds'),
    cache: { expiryDays: whole('expiryDays'), maxEntries: whole('maxEntries') },
    explanations: { enabled: draft.explanationsEnabled, chatModel: text('chatModel', draft.explanationsEnabled) },
  };
  return Object.keys(errors).length > 0 ? { value: null, errors } : { value, errors: null };
}
