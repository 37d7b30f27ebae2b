// `npm run bench -- embed [--sizes 100000,1000000] [--texts 200000] [--queries 50] [--recall 40]
// [--oversample 30,100]`: the local embedder's throughput on one core over realistic Spanish and
// Mexican bank and books texts (tests/bench/generator), then, for each size, that many vectors of
// one company in the semantic index on a file database (mmap on), and the kNN latency (p50/p95,
// wall and CPU) and recall@10 of the float (vec0, exact), quantised (sign-bit scan + exact
// re-scoring) and auto searches. Recall is against a brute-force scan of all vectors, counting
// ties: a hit counts when its true distance is within the true 10th distance.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../main/core/db/open.js';
import { buildIdfTable, createLocalEmbedder, createVectorIndex, embeddingSpace, type LocalEmbedder, type SearchMode, type VectorItem } from '../../main/core/embed/index.js';
import { generateMonth } from './generator/month.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
const DIMS = 256;
const K = 10;
const BATCH = 10_000;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function listOption(args: readonly string[], name: string, fallback: number[]): number[] {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const values = String(args[i + 1] ?? '').split(',').map(Number);
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`--${name} takes positive whole numbers separated by commas`);
  return values;
}

const option = (args: readonly string[], name: string, fallback: number): number => listOption(args, name, [fallback])[0]!;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

const ITEM_LABEL: Readonly<Record<string, string>> = { invoice: 'Factura', credit_note: 'Nota de crédito', ledger_entry: 'Apunte', payment_on_account: 'Anticipo' };

/** Texts as the semantic index sees them: a bank line's description and counterparty, an item's kind, number and party. */
function* generatedTexts(seed: number): Generator<string> {
  for (let s = seed; ; s++) {
    const month = generateMonth({ seed: s, bankLines: 50_000 });
    for (const line of month.input.bankLines) yield [line.description, line.counterpartyName].filter(Boolean).join(' ');
    for (const item of month.input.bookItems) yield [ITEM_LABEL[item.kind], item.documentNumber, item.counterpartyName].filter(Boolean).join(' ');
  }
}

function takeTexts(count: number, seed: number): string[] {
  const out: string[] = [];
  for (const text of generatedTexts(seed)) {
    if (out.length === count) break;
    out.push(text);
  }
  return out;
}

function embedderThroughput(texts: readonly string[], embedder: LocalEmbedder): void {
  const out = new Float32Array(DIMS);
  for (let i = 0; i < Math.min(texts.length, 20_000); i++) embedder.embedSync(texts[i]!, out);
  const runs: Array<{ wall: number; cpu: number }> = [];
  for (let r = 0; r < 3; r++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (const text of texts) embedder.embedSync(text, out);
    runs.push({ wall: (performance.now() - t) / 1000, cpu: cpuMs(cpu) / 1000 });
  }
  const best = runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  const perSecond = texts.length / best.cpu;
  console.log(`local embedder (${embedder.model}, ${DIMS} dims): ${fmt(texts.length)} texts of ${fmt(chars, 1)} chars on average, best of 3 runs`);
  console.log(`  ${fmt(perSecond)} texts/s of CPU time (${fmt(1e6 / perSecond, 2)} µs/text); wall ${fmt(texts.length / best.wall)} texts/s   target ≥ 100,000: ${perSecond >= 100_000 ? 'met' : 'NOT met'}`);
}

/** True distances of the K nearest stored vectors to each recall query, kept while inserting. */
class BruteForce {
  readonly kth: Float64Array[];
  constructor(readonly queries: readonly Float32Array[]) {
    this.kth = queries.map(() => new Float64Array(K).fill(Infinity));
  }

  add(vector: Float32Array): void {
    this.queries.forEach((q, qi) => {
      let sum = 0;
      for (let j = 0; j < DIMS; j++) {
        const d = q[j]! - vector[j]!;
        sum += d * d;
      }
      const best = this.kth[qi]!;
      const distance = Math.sqrt(sum);
      if (distance >= best[K - 1]!) return;
      let p = K - 1;
      while (p > 0 && best[p - 1]! > distance) {
        best[p] = best[p - 1]!;
        p--;
      }
      best[p] = distance;
    });
  }
}

interface ModeRun {
  label: string;
  mode: SearchMode;
  oversample?: number;
}

function benchSize(size: number, texts: readonly string[], queryTexts: readonly string[], recallCount: number, oversamples: readonly number[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'cuadra-embed-bench-'));
  try {
    const dbPath = join(dir, 'cuadra.db');
    const db = openDatabase(dbPath, { migrations: MIGRATIONS });
    db.pragma('mmap_size = 8589934592');
    db.pragma('cache_size = -262144');
    const now = new Date().toISOString();
    const companyId = Number(db.prepare("INSERT INTO companies (name, created_at, updated_at) VALUES ('Bench SA de CV', ?, ?)").run(now, now).lastInsertRowid);
    const embedder = createLocalEmbedder({ idf: buildIdfTable(texts.slice(0, 50_000)) });
    const index = createVectorIndex(db, { space: embeddingSpace(embedder), dimensions: DIMS });
    const queries = queryTexts.map((t) => embedder.embedSync(t));
    const brute = new BruteForce(queries.slice(0, recallCount));

    console.log(`\n== ${fmt(size)} vectors of one company ==`);
    let t = performance.now();
    for (let start = 0; start < size; start += BATCH) {
      const items: VectorItem[] = [];
      for (let i = start; i < Math.min(size, start + BATCH); i++) {
        const vector = embedder.embedSync(texts[i % texts.length]!);
        brute.add(vector);
        items.push({ kind: i % 2 === 0 ? 'bank_line' : 'book_item', refId: i + 1, textHash: String(i), vector });
      }
      index.upsert(companyId, items);
    }
    const insertS = (performance.now() - t) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`insert (embed + store + vec0 index, ${fmt(BATCH)} per transaction, with the brute-force reference): ${fmt(insertS, 1)} s, ${fmt(size / insertS)} vectors/s; database ${fmt(statSync(dbPath).size / 1024 / 1024)} MiB`);

    t = performance.now();
    const loadCpu = process.cpuUsage();
    index.search(companyId, queries[0]!, { k: K, mode: 'quantised' });
    console.log(`first quantised search, loading the company's sign bits into memory: ${fmt(performance.now() - t)} ms (CPU ${fmt(cpuMs(loadCpu))} ms)`);

    const runs: ModeRun[] = [
      { label: 'float (vec0, exact)', mode: 'float' },
      ...oversamples.map((o): ModeRun => ({ label: `quantised, ${o}× candidates`, mode: 'quantised', oversample: o })),
      { label: 'auto (default settings)', mode: 'auto' },
    ];
    console.log(`${queries.length} queries of unseen texts (after one warm-up), k = ${K}, recall on the first ${brute.queries.length}:`);
    console.log(`${'search'.padEnd(28)} ${['p50 ms', 'p95 ms', 'cpu p50', 'cpu p95', 'recall@10'].map((h) => h.padStart(9)).join(' ')}`);
    for (const run of runs) {
      const options = { k: K, mode: run.mode, ...(run.oversample ? { oversample: run.oversample } : {}) };
      index.search(companyId, queries[0]!, options);
      const wall: number[] = [];
      const cpu: number[] = [];
      let recall = 0;
      queries.forEach((q, qi) => {
        const c = process.cpuUsage();
        const start = performance.now();
        const hits = index.search(companyId, q, options);
        wall.push(performance.now() - start);
        cpu.push(cpuMs(c));
        const kth = brute.kth[qi];
        if (kth) recall += hits.filter((h) => h.distance <= kth[K - 1]! + 1e-5).length / K;
      });
      wall.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const cells = [percentile(wall, 50), percentile(wall, 95), percentile(cpu, 50), percentile(cpu, 95)].map((v) => fmt(v, 1).padStart(9));
      console.log(`${run.label.padEnd(28)} ${cells.join(' ')} ${fmt(recall / brute.queries.length, 3).padStart(9)}`);
    }

    // An import's worth of new vectors: the index patches the in-memory bits instead of reloading them.
    const extra = Array.from({ length: 1_000 }, (_, i): VectorItem => ({ kind: 'bank_line', refId: size + i + 1, textHash: 'new', vector: embedder.embedSync(queryTexts[i % queryTexts.length]!) }));
    t = performance.now();
    index.upsert(companyId, extra);
    const upsertMs = performance.now() - t;
    t = performance.now();
    const patchedCpu = process.cpuUsage();
    index.search(companyId, queries[1]!, { k: K, mode: 'quantised' });
    console.log(`upsert of 1,000 more vectors: ${fmt(upsertMs)} ms; the next quantised search (bits patched, not reloaded): ${fmt(performance.now() - t, 1)} ms (CPU ${fmt(cpuMs(patchedCpu), 1)} ms)`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The embedding benchmark (see the file comment). */
export async function embedBenchmark(args: readonly string[]): Promise<void> {
  const sizes = listOption(args, 'sizes', [100_000, 1_000_000]);
  const textCount = option(args, 'texts', 200_000);
  const queryCount = option(args, 'queries', 50);
  const recallCount = Math.min(queryCount, option(args, 'recall', 40));
  const oversamples = listOption(args, 'oversample', [30, 100]);
  let t = performance.now();
  const texts = takeTexts(Math.max(textCount, ...sizes), 1);
  const queryTexts = takeTexts(queryCount * 50, 9_001).filter((_, i) => i % 50 === 0);
  console.log(`generated ${fmt(texts.length)} texts (and ${queryTexts.length} query texts from another seed) in ${fmt((performance.now() - t) / 1000, 1)} s`);
  t = performance.now();
  const idf = buildIdfTable(texts.slice(0, 50_000));
  console.log(`IDF table from 50,000 texts: ${fmt(performance.now() - t)} ms, ${fmt(idf.size)} tokens, ${fmt(JSON.stringify(idf.toJSON()).length / 1024)} KiB as JSON`);
  embedderThroughput(texts.slice(0, textCount), createLocalEmbedder({ idf }));
  for (const size of sizes) benchSize(size, texts, queryTexts, recallCount, oversamples);
}
