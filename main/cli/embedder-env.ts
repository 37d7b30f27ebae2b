/**
 * `cuadra reconcile --embedder openai`: the OpenAI-compatible server comes from the environment,
 * for this run only. Nothing is stored: not the address in the settings, not the key in the
 * keychain.
 */
import { CoreError } from '../core/contract/index.js';
import type { RemoteEmbedderSettings } from '../core/embed/embedding-service.js';
import { describeEndpoint } from '../core/embed/openai-provider.js';
import type { CliIo } from './command.js';

/** The variables read, by role. */
export const EMBEDDER_ENV = {
  baseURL: 'OPENAI_BASE_URL',
  apiKey: 'OPENAI_API_KEY',
  model: 'CUADRA_EMBEDDING_MODEL',
  dimensions: 'CUADRA_EMBEDDING_DIMENSIONS',
} as const;

/**
 * The server settings the environment gives, or CoreError('invalid_input') naming what is missing
 * or wrong. OPENAI_API_KEY must be set; set it empty for a server without keys. Without
 * CUADRA_EMBEDDING_DIMENSIONS the server is asked for its vector length before the run.
 */
export function openaiFromEnvironment(env: CliIo['env']): RemoteEmbedderSettings {
  const value = (name: string): string | undefined => env[name]?.trim();
  const missing = [EMBEDDER_ENV.baseURL, EMBEDDER_ENV.apiKey, EMBEDDER_ENV.model].filter((name) => value(name) === undefined || (name !== EMBEDDER_ENV.apiKey && value(name) === ''));
  if (missing.length > 0) {
    throw new CoreError('invalid_input', `--embedder openai needs ${missing.join(', ')} in the environment (${EMBEDDER_ENV.baseURL}, ${EMBEDDER_ENV.apiKey} and ${EMBEDDER_ENV.model}; ${EMBEDDER_ENV.dimensions} optional)`);
  }
  const baseURL = value(EMBEDDER_ENV.baseURL)!;
  try {
    describeEndpoint(baseURL);
  } catch (error) {
    throw new CoreError('invalid_input', `${EMBEDDER_ENV.baseURL}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const dimensionsText = value(EMBEDDER_ENV.dimensions);
  let dimensions: number | null = null;
  if (dimensionsText !== undefined && dimensionsText !== '') {
    dimensions = Number(dimensionsText);
    if (!Number.isInteger(dimensions) || dimensions < 32 || dimensions % 32 !== 0) {
      throw new CoreError('invalid_input', `${EMBEDDER_ENV.dimensions} must be a whole multiple of 32 (the semantic index needs it), not "${dimensionsText}"`);
    }
  }
  const apiKey = value(EMBEDDER_ENV.apiKey)!;
  return { baseURL, model: value(EMBEDDER_ENV.model)!, dimensions, apiKey: apiKey === '' ? null : apiKey, batchSize: 256, timeoutMs: 30_000 };
}
