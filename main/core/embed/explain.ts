/**
 * Optional explanations of a pending match by a chat model on an OpenAI-compatible server:
 * given the bank line, the candidate items and the engine's reasons, it returns a short
 * explanation and a ranking, always labelled as a suggestion (a person decides). Off by
 * default: without a configuration nothing is constructed, nothing is loaded, and no request
 * is ever made. Answers are cached through an injected cache (a database table in the app),
 * so the same question is asked once.
 */
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import { createLazyOpenAIClient, describeEndpoint, describeFailure, scrubSecrets, type ApiKeySource, type OpenAIModule } from './openai-provider.js';
import { defaultRetryPolicy, realSleep, RetryExhaustedError, withRetry, type Random, type RetryPolicy, type Sleep } from './resilience.js';

/** Where answers are kept between calls and runs (values are JSON text). */
export interface ExplanationCache {
  get(key: string): Promise<string | null> | string | null;
  set(key: string, value: string): Promise<void> | void;
}

/** One candidate item of a pending match, as shown to the reviewer. */
export interface ExplainCandidate {
  id: string;
  /** Document number, counterparty, kind ("Invoice F-2024-118, ACME SL"). */
  description: string;
  date?: string;
  /** Decimal string in the item's currency ("1210.00"). */
  amount: string;
  currency: string;
  /** The engine's confidence in [0, 1], if any. */
  confidence?: number;
  /** The engine's reasons, already rendered as sentences. */
  reasons: string[];
}

/** What the model is told about a pending match: plain, JSON-safe data. */
export interface PendingMatchSummary {
  bank: { id: string; date: string; amount: string; currency: string; text: string };
  candidates: ExplainCandidate[];
}

/** The answer: a suggestion, the feature being off, or why no suggestion could be had. */
export type ExplainResult =
  | { status: 'suggestion'; text: string; ranking: string[]; model: string; cached: boolean }
  | { status: 'disabled' }
  | { status: 'unavailable'; code: string; error: string };

/** Settings of the chat model (from the settings screen; the key comes from the SecretStore). */
export interface ExplainerConfig {
  baseURL: string;
  model: string;
  apiKey?: ApiKeySource;
  /** Per-request timeout in ms (default 60 s: chat models are slower than embeddings). */
  timeoutMs?: number;
  /** Upper bound of the answer's length in tokens (default 300). */
  maxTokens?: number;
  retry?: Partial<RetryPolicy>;
}

/** Dependencies of `createExplainer`. */
export interface ExplainerDeps {
  cache: ExplanationCache;
  logger?: Logger;
  sleep?: Sleep;
  random?: Random;
  clock?: Clock;
  loadOpenAI?: () => Promise<OpenAIModule>;
}

/** Explains pending matches; `enabled` is false when no model is configured. */
export interface Explainer {
  readonly enabled: boolean;
  explain(summary: PendingMatchSummary, signal?: AbortSignal): Promise<ExplainResult>;
}

/** Bumped when the prompt changes, so cached answers to the old prompt are not reused. */
const PROMPT_VERSION = 1;
const MAX_TEXT = 1200;

const SYSTEM_PROMPT = [
  'You help an accountant review a proposed bank reconciliation match.',
  'You get one bank statement line and candidate books items with the matching engine\'s reasons.',
  'Rank the candidates from most to least likely to be what the bank line settles, and explain in at most three short sentences why the first one is the most likely.',
  'Use only the facts given; never invent amounts, dates or references.',
  'Answer with JSON only: {"ranking": ["<candidate id>", ...], "explanation": "<text>"}',
].join(' ');

const disabledExplainer: Explainer = { enabled: false, explain: async () => ({ status: 'disabled' }) };

/** The explainer for `config`, or one that answers `disabled` (and touches nothing) when config is null. */
export function createExplainer(config: ExplainerConfig | null | undefined, deps: ExplainerDeps): Explainer {
  if (!config) return disabledExplainer;
  const endpoint = describeEndpoint(config.baseURL);
  const model = config.model;
  const timeoutMs = config.timeoutMs ?? 60_000;
  const maxTokens = config.maxTokens ?? 300;
  const policy: RetryPolicy = { ...defaultRetryPolicy, maxAttempts: 2, ...config.retry };
  const logger = deps.logger ?? silentLogger;
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const clock = deps.clock ?? systemClock;
  const client = createLazyOpenAIClient({ baseURL: config.baseURL, apiKey: config.apiKey ?? null, timeoutMs, loadOpenAI: deps.loadOpenAI });
  const who = `the explanation server at ${endpoint}`;
  const inFlight = new Map<string, Promise<ExplainResult>>();

  async function ask(summary: PendingMatchSummary, signal: AbortSignal | undefined): Promise<string> {
    const api = await client.get();
    const completion = await api.chat.completions.create(
      {
        model: model,
        temperature: 0,
        max_tokens: maxTokens,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: JSON.stringify(canonical(summary)) },
        ],
      },
      { signal: signal ?? null, timeout: timeoutMs, maxRetries: 0 },
    );
    return completion.choices?.[0]?.message?.content ?? '';
  }

  async function cachedAnswer(key: string): Promise<{ text: string; ranking: string[] } | null> {
    try {
      const raw = await deps.cache.get(key);
      if (raw === null) return null;
      const parsed = JSON.parse(raw) as { text?: unknown; ranking?: unknown };
      if (typeof parsed.text !== 'string' || !Array.isArray(parsed.ranking)) return null;
      return { text: parsed.text, ranking: parsed.ranking.filter((id): id is string => typeof id === 'string') };
    } catch (error) {
      logger.warn({ err: error }, 'explanation cache could not be read; asking the model');
      return null;
    }
  }

  async function explainOnce(summary: PendingMatchSummary, key: string, signal: AbortSignal | undefined): Promise<ExplainResult> {
    const hit = await cachedAnswer(key);
    if (hit) return { status: 'suggestion', ...hit, model: model, cached: true };
    let content: string;
    try {
      content = await withRetry(() => ask(summary, signal), {
        policy,
        sleep,
        random,
        signal,
        logger,
        what: 'explanation request',
        classify: (error) => describeFailure(error, { who, model: model, timeoutMs, clock, module: client.loadedModule(), secrets: client.secrets() }),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const code = error instanceof RetryExhaustedError ? error.code : 'unavailable';
      const message = scrubSecrets(error instanceof Error ? error.message : String(error), client.secrets());
      return { status: 'unavailable', code, error: message };
    }
    const answer = parseAnswer(content, summary);
    if (!answer) return { status: 'unavailable', code: 'bad_response', error: `${who} sent an empty answer` };
    try {
      await deps.cache.set(key, JSON.stringify(answer));
    } catch (error) {
      logger.warn({ err: error }, 'explanation cache could not be written');
    }
    return { status: 'suggestion', ...answer, model: model, cached: false };
  }

  return {
    enabled: true,
    explain(summary, signal) {
      const key = cacheKey(endpoint, model, summary);
      // Two screens asking the same question at once share one request.
      const pending = inFlight.get(key);
      if (pending) return pending;
      const promise = explainOnce(summary, key, signal).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
  };
}

/** The summary with a fixed key order, so equal questions hash (and read) the same. */
function canonical(summary: PendingMatchSummary): PendingMatchSummary {
  const { bank } = summary;
  return {
    bank: { id: bank.id, date: bank.date, amount: bank.amount, currency: bank.currency, text: bank.text },
    candidates: summary.candidates.map((c) => ({
      id: c.id,
      description: c.description,
      ...(c.date !== undefined ? { date: c.date } : {}),
      amount: c.amount,
      currency: c.currency,
      ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
      reasons: [...c.reasons],
    })),
  };
}

/** The cache key: server, model, prompt version and question. */
export function cacheKey(endpoint: string, model: string, summary: PendingMatchSummary): string {
  const digest = createHash('sha256').update(JSON.stringify([PROMPT_VERSION, endpoint, model, canonical(summary)])).digest('hex');
  return `explain:v${PROMPT_VERSION}:${digest}`;
}

/**
 * Reads the model's answer: JSON as asked (possibly in a code fence), or else the plain text
 * with the engine's order kept. Ranking ids not among the candidates are dropped; candidates
 * the model left out follow in the engine's order. Null for an empty answer.
 */
export function parseAnswer(content: string, summary: PendingMatchSummary): { text: string; ranking: string[] } | null {
  const trimmed = content.trim();
  if (trimmed === '') return null;
  const ids = summary.candidates.map((c) => c.id);
  let text = trimmed;
  let proposed: unknown[] = [];
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start >= 0 && end > start) {
    try {
      const parsed = JSON.parse(trimmed.slice(start, end + 1)) as { ranking?: unknown; explanation?: unknown };
      if (typeof parsed.explanation === 'string' && parsed.explanation.trim() !== '') text = parsed.explanation.trim();
      if (Array.isArray(parsed.ranking)) proposed = parsed.ranking;
    } catch {
      // Not JSON after all: keep the text as the explanation.
    }
  }
  const ranking: string[] = [];
  for (const id of proposed) if (typeof id === 'string' && ids.includes(id) && !ranking.includes(id)) ranking.push(id);
  for (const id of ids) if (!ranking.includes(id)) ranking.push(id);
  return { text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text, ranking };
}
