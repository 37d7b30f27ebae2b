/**
 * The offline default embedder ('local-ngram-v1'): a text becomes the signed feature-hashed sum
 * of its character 3–5-grams (per word, with a space marking each word boundary, digits reduced
 * to their shape) and its whole words, each weighted by the inverse document frequency learned
 * from the company's own texts, L2-normalised. Deterministic, no model files, about 4 µs for a
 * bank description: the text is folded into a reused buffer and hashed (FNV-1a, murmur3's
 * finaliser) from char codes, with no substrings and no per-token allocation.
 */
import { createHash } from 'node:crypto';
import type { Embedder } from './embedder.js';

/** The algorithm: bump it whenever tokens, hashing or weights change (old vectors become stale). */
export const LOCAL_EMBEDDER_MODEL = 'local-ngram-v1';
const IDF_FORMAT = 'cuadra-idf/1';

const FNV_PRIME = 0x01000193;
const NGRAM_SEED = 0x811c9dc5 | 0;
const WORD_SEED = 0x2f3b8e1d;
/**
 * A whole word weighs twice each of its n-grams: sharing a word (a name, an invoice number) is
 * stronger evidence. On generated bank lines against their own invoices (tests/bench/generator),
 * 2 ranked the paid invoice first more often than 1 or 3.
 */
const WORD_FACTOR = 2;
const SPACE = 32;
const ZERO = 48;

/** murmur3's 32-bit finaliser: spreads FNV's state over all bits (index and sign use different ones). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// ---- folding: the char-code equivalent of matching's foldText, into a reused buffer ----

/** ASCII: letters upper-cased, digits kept, everything else a separator. */
const ASCII_FOLD = Uint8Array.from({ length: 128 }, (_, c) =>
  c >= 97 && c <= 122 ? c - 32 : (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? c : SPACE,
);
/** Non-ASCII code units folded on first sight: what foldText makes of the one character, untrimmed. */
const wideFold = new Map<number, string>();
function foldWide(code: number): string {
  let folded = wideFold.get(code);
  if (folded === undefined) {
    folded = String.fromCharCode(code).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z0-9]/g, ' ');
    wideFold.set(code, folded);
  }
  return folded;
}

/** Tokens of one text: hashes and their weight factors, in reused arrays. */
class Tokeniser {
  chars = new Uint16Array(256);
  length = 0;
  tokens = new Int32Array(1024);
  factors = new Float32Array(1024);
  count = 0;

  /** Folds `text` into `chars` (words separated by exactly one space, no edges) and hashes its tokens. */
  run(text: string): number {
    this.fold(text);
    this.count = 0;
    const chars = this.chars;
    let start = 0;
    for (let i = 0; i <= this.length; i++) {
      if (i === this.length || chars[i] === SPACE) {
        if (i > start) this.word(start, i);
        start = i + 1;
      }
    }
    return this.count;
  }

  private fold(text: string): void {
    if (this.chars.length < text.length * 3 + 2) this.chars = new Uint16Array(text.length * 3 + 2);
    const chars = this.chars;
    let n = 0;
    let pendingSpace = false;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        const c = ASCII_FOLD[code]!;
        if (c === SPACE) pendingSpace = true;
        else {
          if (pendingSpace && n > 0) chars[n++] = SPACE;
          pendingSpace = false;
          chars[n++] = c;
        }
        continue;
      }
      const folded = foldWide(code);
      for (let j = 0; j < folded.length; j++) {
        const c = folded.charCodeAt(j);
        if (c === SPACE) pendingSpace = true;
        else {
          if (pendingSpace && n > 0) chars[n++] = SPACE;
          pendingSpace = false;
          chars[n++] = c;
        }
      }
    }
    this.length = n;
  }

  private push(token: number, factor: number): void {
    if (this.count === this.tokens.length) {
      const tokens = new Int32Array(this.count * 2);
      tokens.set(this.tokens);
      this.tokens = tokens;
      const factors = new Float32Array(this.count * 2);
      factors.set(this.factors);
      this.factors = factors;
    }
    this.tokens[this.count] = token;
    this.factors[this.count++] = factor;
  }

  /** The word chars[s, e): itself, then its n-grams of " word " (3 to 5 chars, digits as '0'). */
  private word(s: number, e: number): void {
    const chars = this.chars;
    let h = WORD_SEED;
    for (let i = s; i < e; i++) h = Math.imul(h ^ chars[i]!, FNV_PRIME);
    this.push(fmix32(h), WORD_FACTOR);
    const len = e - s;
    // Positions -1 and len are the boundary spaces; every start leaves room for a 3-gram.
    for (let start = -1; start <= len - 2; start++) {
      let g = NGRAM_SEED;
      for (let j = 0; j < 5; j++) {
        const p = start + j;
        if (p > len) break;
        const raw = p < 0 || p === len ? SPACE : chars[s + p]!;
        const c = raw <= 57 && raw >= ZERO ? ZERO : raw;
        g = Math.imul(g ^ c, FNV_PRIME);
        if (j >= 2) this.push(fmix32(g), 1);
      }
    }
  }
}

// ---- inverse document frequency ----

/** An IdfTable as JSON: token hashes and document frequencies as base64 of little-endian 32-bit arrays. */
export interface IdfTableJson {
  format: typeof IDF_FORMAT;
  model: string;
  documents: number;
  minDocumentFrequency: number;
  tokens: string;
  frequencies: string;
}

function toBase64(array: Int32Array | Uint32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 4 !== 0) throw new Error('An IDF table array is not a whole number of 32-bit values');
  const out = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/**
 * How rare each token is among the company's texts: weight = ln((1 + N) / (1 + df)) + 1, so a
 * token in every text weighs about 1 and one never seen (or seen once, below the table's
 * minimum) weighs ln(1 + N) + 1. An empty table weighs every token 1.
 */
export class IdfTable {
  /** Short SHA-256 of the serialised table: part of the embedder's version. */
  readonly digest: string;
  readonly unknownWeight: number;
  private readonly keys: Int32Array;
  private readonly weights: Float32Array;
  private readonly mask: number;

  private constructor(
    readonly documents: number,
    readonly minDocumentFrequency: number,
    private readonly sortedTokens: Int32Array,
    private readonly frequencies: Uint32Array,
  ) {
    this.unknownWeight = Math.log(1 + documents) + 1;
    let capacity = 16;
    while (capacity < sortedTokens.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity);
    this.weights = new Float32Array(capacity);
    for (let i = 0; i < sortedTokens.length; i++) {
      const token = sortedTokens[i]!;
      let slot = token & this.mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = token;
      this.weights[slot] = Math.log((1 + documents) / (1 + frequencies[i]!)) + 1;
    }
    this.digest = documents === 0 ? 'none' : createHash('sha256').update(JSON.stringify(this.toJSON())).digest('hex').slice(0, 16);
  }

  /** The table that weighs every token 1 (no corpus yet). */
  static empty(): IdfTable {
    return new IdfTable(0, 1, new Int32Array(0), new Uint32Array(0));
  }

  /** @internal Built by `buildIdfTable` and `fromJSON` from token → document count. */
  static fromCounts(documents: number, minDocumentFrequency: number, counts: ReadonlyMap<number, number>): IdfTable {
    const tokens = Int32Array.from([...counts.keys()].filter((t) => t !== 0 && counts.get(t)! >= minDocumentFrequency)).sort();
    const frequencies = Uint32Array.from(tokens, (t) => counts.get(t)!);
    return new IdfTable(documents, minDocumentFrequency, tokens, frequencies);
  }

  /** Reads a table saved with `toJSON`; throws on anything else. */
  static fromJSON(json: unknown): IdfTable {
    const j = json as Partial<IdfTableJson> | null;
    if (!j || j.format !== IDF_FORMAT || j.model !== LOCAL_EMBEDDER_MODEL) throw new Error(`Not an IDF table of ${LOCAL_EMBEDDER_MODEL}`);
    const { documents, minDocumentFrequency } = j;
    if (!Number.isInteger(documents) || documents! < 0 || !Number.isInteger(minDocumentFrequency) || minDocumentFrequency! < 1) {
      throw new Error('An IDF table has invalid counts');
    }
    const tokens = new Int32Array(fromBase64(String(j.tokens)).buffer);
    const frequencies = fromBase64(String(j.frequencies));
    if (tokens.length !== frequencies.length) throw new Error('An IDF table has as many tokens as frequencies');
    const counts = new Map<number, number>();
    tokens.forEach((t, i) => counts.set(t, frequencies[i]!));
    return IdfTable.fromCounts(documents!, minDocumentFrequency!, counts);
  }

  /** Number of tokens with a learned weight. */
  get size(): number {
    return this.sortedTokens.length;
  }

  /** The weight of a token hash. */
  weight(token: number): number {
    if (token === 0) return this.unknownWeight;
    let slot = token & this.mask;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === token) return this.weights[slot]!;
      if (key === 0) return this.unknownWeight;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Plain JSON (about 11 bytes per token) for the core to store. */
  toJSON(): IdfTableJson {
    return {
      format: IDF_FORMAT,
      model: LOCAL_EMBEDDER_MODEL,
      documents: this.documents,
      minDocumentFrequency: this.minDocumentFrequency,
      tokens: toBase64(this.sortedTokens),
      frequencies: toBase64(this.frequencies),
    };
  }
}

/** Options of `buildIdfTable`. */
export interface IdfOptions {
  /** Tokens in fewer texts are left out and weigh as unknown (default 2: keeps the table small). */
  minDocumentFrequency?: number;
}

/** Learns token rarity from a corpus (the company's bank descriptions, item texts, names). */
export function buildIdfTable(texts: Iterable<string>, options: IdfOptions = {}): IdfTable {
  const minDf = options.minDocumentFrequency ?? 2;
  if (!Number.isInteger(minDf) || minDf < 1) throw new RangeError('minDocumentFrequency must be a positive integer');
  const tokeniser = new Tokeniser();
  const counts = new Map<number, number>();
  let documents = 0;
  for (const text of texts) {
    documents++;
    const n = tokeniser.run(text);
    const unique = tokeniser.tokens.subarray(0, n).sort();
    for (let i = 0; i < n; i++) {
      const t = unique[i]!;
      if (i > 0 && unique[i - 1] === t) continue;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  return IdfTable.fromCounts(documents, minDf, counts);
}

// ---- the embedder ----

/** Options of the local embedder. */
export interface LocalEmbedderOptions {
  /** Token weights; default: the empty table (every token 1). */
  idf?: IdfTable;
  /** Vector length, a multiple of 16 (default 256). */
  dimensions?: number;
}

/** The local embedder: the async `Embedder` plus a synchronous, allocation-free form. */
export interface LocalEmbedder extends Embedder {
  readonly idf: IdfTable;
  /** The vector of one text, written into `out` when given (else a new array); all zeros for a text without tokens. */
  embedSync(text: string, out?: Float32Array): Float32Array;
}

/** Creates the local embedder (see the file comment). */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): LocalEmbedder {
  const dimensions = options.dimensions ?? 256;
  if (!Number.isInteger(dimensions) || dimensions < 16 || dimensions % 16 !== 0) throw new RangeError('dimensions must be a positive multiple of 16');
  const idf = options.idf ?? IdfTable.empty();
  const tokeniser = new Tokeniser();
  const scratch = new Float64Array(dimensions);

  function embedSync(text: string, out?: Float32Array): Float32Array {
    const vector = out ?? new Float32Array(dimensions);
    if (vector.length !== dimensions) throw new RangeError(`out must hold ${dimensions} floats`);
    scratch.fill(0);
    const n = tokeniser.run(text);
    const { tokens, factors } = tokeniser;
    for (let i = 0; i < n; i++) {
      const token = tokens[i]!;
      const w = idf.weight(token) * factors[i]!;
      // Bit 31 gives the sign, the other 31 bits the slot: independent after fmix32.
      const slot = (token & 0x7fffffff) % dimensions;
      scratch[slot] = scratch[slot]! + (token < 0 ? -w : w);
    }
    let sum = 0;
    for (let i = 0; i < dimensions; i++) sum += scratch[i]! * scratch[i]!;
    const inv = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let i = 0; i < dimensions; i++) vector[i] = scratch[i]! * inv;
    return vector;
  }

  return {
    id: 'local',
    model: LOCAL_EMBEDDER_MODEL,
    dimensions,
    version: `${LOCAL_EMBEDDER_MODEL}+idf.${idf.digest}`,
    idf,
    embedSync,
    async embed(texts, signal) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i++) {
        if ((i & 1023) === 0) signal?.throwIfAborted();
        out.push(embedSync(texts[i]!));
      }
      return out;
    },
  };
}
