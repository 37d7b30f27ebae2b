import type { EmbeddingSettings, MatchExplanation, MethodOutput } from '../../../main/core/contract/index.js';
import type { ErrorData } from './types.js';

/*
 * State of the settings screen's "Embeddings and AI suggestions" section: the firm's provider,
 * whether a key is stored (never the key), the cache and the circuit breaker of the server.
 */

export type EmbeddingTestResult = MethodOutput<'embedding.testConnection'>;

/** The settings form as typed: text for numbers, so a half-typed value is kept and explained. */
export interface EmbeddingDraft {
  provider: 'local' | 'openai';
  baseURL: string;
  model: string;
  dimensions: string;
  batchSize: string;
  timeoutSeconds: string;
  expiryDays: string;
  maxEntries: string;
  explanationsEnabled: boolean;
  chatModel: string;
}

export type EmbeddingDraftField = Exclude<keyof EmbeddingDraft, 'provider' | 'explanationsEnabled'>;
/** Why a field is refused: empty, not a whole number, out of range, not a multiple of 32, not an http(s) address. */
export type EmbeddingDraftProblem = 'required' | 'whole' | 'range' | 'multiple32' | 'url';
export type EmbeddingDraftErrors = Partial<Record<EmbeddingDraftField, EmbeddingDraftProblem>>;

/** A chat model's suggestion about one match, as the review screen shows it. */
export interface MatchExplanationState {
  pending: boolean;
  result: MatchExplanation | null;
  error: ErrorData;
}

export interface EmbeddingSlice {
  embeddingSettings: EmbeddingSettings | null;
  embeddingErrors: { load: ErrorData; save: ErrorData; key: ErrorData; cache: ErrorData; test: ErrorData };
  embeddingSaving: boolean;
  /** A key is being stored or removed. */
  embeddingKeyPending: boolean;
  /** The connection test in flight, and the last answer. */
  embeddingTest: { running: boolean; result: EmbeddingTestResult | null };
  /** Suggestions asked for in this session, by match id. */
  matchExplanations: Readonly<Record<number, MatchExplanationState>>;
  loadEmbeddingSettings(): Promise<void>;
  /** Checks the form, then saves it (admins). */
  saveEmbeddingSettings(draft: EmbeddingDraft): Promise<{ saved: boolean; errors: EmbeddingDraftErrors }>;
  /** Stores the key in the system keychain; the store keeps only whether one is stored. */
  setEmbeddingKey(apiKey: string): Promise<boolean>;
  clearEmbeddingKey(): Promise<boolean>;
  testEmbeddingConnection(): Promise<void>;
  clearEmbeddingCache(): Promise<void>;
  /** Asks the chat model about a match; the answer is a suggestion and changes nothing. */
  explainMatch(id: number): Promise<void>;
}
