/**
 * Asks an OpenAI-compatible server how long its vectors are (one embedding of a short text,
 * no retries), for a run whose host gave no dimensions (the CLI's environment). A server that
 * cannot answer fails the run before it starts, in one line.
 */
import type { Clock } from '../clock.js';
import { CoreError } from '../contract/index.js';
import type { Logger } from '../logger.js';
import { createLazyOpenAIClient, describeEndpoint, describeFailure, type ApiKeySource, type OpenAIModule } from './openai-provider.js';

/** The length of the vectors `model` returns at `baseURL`; CoreError('invalid_input') with the reason when it cannot be learned. */
export async function probeDimensions(
  settings: { baseURL: string; model: string; apiKey: ApiKeySource; timeoutMs: number },
  deps: { logger: Logger; clock: Clock; loadOpenAI?: () => Promise<OpenAIModule> },
): Promise<number> {
  const endpoint = describeEndpoint(settings.baseURL);
  const client = createLazyOpenAIClient({ baseURL: settings.baseURL, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs, ...(deps.loadOpenAI ? { loadOpenAI: deps.loadOpenAI } : {}) });
  let length: number | null = null;
  try {
    const api = await client.get();
    const response = await api.embeddings.create({ model: settings.model, input: ['Cuadra connection test'], encoding_format: 'float' }, { timeout: settings.timeoutMs, maxRetries: 0 });
    const first = (response as { data?: Array<{ embedding?: unknown }> }).data?.[0]?.embedding;
    if (Array.isArray(first) && first.length > 0) length = first.length;
  } catch (error) {
    const decision = describeFailure(error, {
      who: `the embedding server at ${endpoint}`, model: settings.model, timeoutMs: settings.timeoutMs, clock: deps.clock, module: client.loadedModule(), secrets: client.secrets(),
    });
    deps.logger.warn({ endpoint, model: settings.model, reason: decision.message }, 'could not learn the embedding dimensions');
    throw new CoreError('invalid_input', `Cuadra could not learn the vector length of "${settings.model}": ${decision.message}.`);
  }
  if (length === null) throw new CoreError('invalid_input', `The embedding server at ${endpoint} answered without a vector: is this an OpenAI-compatible /v1 address?`);
  return length;
}
