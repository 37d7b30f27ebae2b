/**
 * The semantic pass of a run, fed from the database: the company's local embedder (token weights
 * learned from its own texts and kept, so vectors stay comparable between runs), and the
 * sqlite-vec index of its past approved bank lines with the counterparty each was matched to.
 * Also "find similar" for the review screen.
 */
import type { Database } from 'better-sqlite3';
import type { CoreDeps } from '../core.js';
import { getSetting, setSetting } from '../db/repos/settings-repo.js';
import {
  buildIdfTable,
  createEmbeddingCache,
  createLocalEmbedder,
  createVectorIndex,
  embeddingSpace,
  IdfTable,
  textHash,
  type Embedder,
  type EmbedderIdentity,
  type LocalEmbedder,
  type VectorIndex,
} from '../embed/index.js';
import { bankLineText, bookItemText, semanticPass, type MatchInput, type MatchResult, type SemanticStats } from '../matching/index.js';
import { SETTLED_STATUSES_SQL } from './statuses.js';

/** Rebuild a company's token weights when its texts have grown this much since the last build. */
const IDF_REBUILD_GROWTH = 2;
/** Rows embedded and indexed per batch. */
const BATCH = 2000;

interface StoredIdf {
  texts: number;
  table: unknown;
}

const idfKey = (companyId: number): string => `semantic.idf.${companyId}`;

/** Every text of a company the embedder should weigh: bank lines and books items. */
function companyTexts(db: Database, companyId: number): string[] {
  const lines = db.prepare(`SELECT l.description, l.counterparty_name FROM bank_lines l JOIN bank_accounts a ON a.id = l.account_id WHERE a.company_id = ?`)
    .all(companyId) as Array<{ description: string; counterparty_name: string | null }>;
  const items = db.prepare('SELECT counterparty_name, document_number, payment_reference FROM ledger_items WHERE company_id = ?')
    .all(companyId) as Array<{ counterparty_name: string | null; document_number: string | null; payment_reference: string | null }>;
  return [
    ...lines.map((l) => bankLineText({ description: l.description, ...(l.counterparty_name ? { counterpartyName: l.counterparty_name } : {}) })),
    ...items.map((i) => bookItemText({ ...(i.counterparty_name ? { counterpartyName: i.counterparty_name } : {}), ...(i.document_number ? { documentNumber: i.document_number } : {}), ...(i.payment_reference ? { paymentReference: i.payment_reference } : {}) })),
  ];
}

/**
 * The company's local embedder. Its token weights are built from the company's texts the first
 * time and again when they have doubled since; the weights' digest is part of the embedder's
 * version, so vectors made with older weights are found stale and made again.
 */
export function companyEmbedder(db: Database, companyId: number): LocalEmbedder {
  const stored = getSetting<StoredIdf>(db, idfKey(companyId));
  const count = (db.prepare(`SELECT (SELECT count(*) FROM bank_lines l JOIN bank_accounts a ON a.id = l.account_id WHERE a.company_id = ?)
      + (SELECT count(*) FROM ledger_items WHERE company_id = ?) AS n`).get(companyId, companyId) as { n: number }).n;
  if (stored && count < stored.texts * IDF_REBUILD_GROWTH) {
    try {
      return createLocalEmbedder({ idf: IdfTable.fromJSON(stored.table) });
    } catch {
      // An unreadable table is rebuilt below.
    }
  }
  const idf = buildIdfTable(companyTexts(db, companyId));
  setSetting(db, idfKey(companyId), { texts: count, table: idf.toJSON() } satisfies StoredIdf);
  return createLocalEmbedder({ idf });
}

/** The vector index of an embedder's space. */
export function indexFor(db: Database, embedder: EmbedderIdentity): VectorIndex {
  return createVectorIndex(db, { space: embeddingSpace(embedder), dimensions: embedder.dimensions });
}

interface ApprovedRow {
  id: number;
  description: string;
  counterparty_name: string | null;
}

/** How the pass turns texts into vectors: the local embedder directly, or a remote one through the cache. */
export interface PassEmbedder {
  identity: EmbedderIdentity;
  embedMany(texts: readonly string[]): Promise<Float32Array[]>;
}

/** The local embedder as a PassEmbedder. */
export function localPassEmbedder(embedder: LocalEmbedder): PassEmbedder {
  return { identity: embedder, embedMany: async (texts) => texts.map((t) => embedder.embedSync(t)) };
}

/** Brings the index of approved lines up to date: new approvals in, undone ones out, changed weights re-embedded. */
export async function refreshApprovedIndex(db: Database, companyId: number, embedder: PassEmbedder, index: VectorIndex): Promise<number> {
  const rows = db.prepare(`SELECT DISTINCT l.id, l.description, l.counterparty_name FROM bank_lines l
      JOIN bank_accounts a ON a.id = l.account_id JOIN match_lines ml ON ml.bank_line_id = l.id JOIN matches m ON m.id = ml.match_id
    WHERE a.company_id = ? AND m.status IN ${SETTLED_STATUSES_SQL} AND m.kind <> 'transfer'
      AND EXISTS (SELECT 1 FROM match_lines x WHERE x.match_id = m.id AND x.ledger_item_id IS NOT NULL)`).all(companyId) as ApprovedRow[];
  const texts = new Map(rows.map((r) => [r.id, bankLineText({ description: r.description, ...(r.counterparty_name ? { counterpartyName: r.counterparty_name } : {}) })]));
  const refs = rows.map((r) => ({ kind: 'approved_line' as const, refId: r.id, textHash: textHash(embedder.identity, texts.get(r.id) ?? '') }));
  const stale = index.stale(companyId, refs);
  for (let i = 0; i < stale.length; i += BATCH) {
    const chunk = stale.slice(i, i + BATCH);
    const chunkTexts = chunk.map((ref) => texts.get(ref.refId) ?? '');
    const vectors = await embedder.embedMany(chunkTexts);
    db.transaction(() => index.upsert(companyId, chunk.map((ref, k) => ({ kind: 'approved_line' as const, refId: ref.refId, textHash: textHash(embedder.identity, chunkTexts[k] ?? ''), vector: vectors[k]! }))))();
  }
  // Lines no longer in a settled match leave the index.
  const current = new Set(rows.map((r) => r.id));
  const indexed = db.prepare(`SELECT v.ref_id FROM semantic_vectors v WHERE v.space_id = ? AND v.company_id = ? AND v.kind = 'approved_line'`)
    .all(index.spaceId, companyId) as Array<{ ref_id: number }>;
  const gone = indexed.filter((r) => !current.has(r.ref_id)).map((r) => ({ kind: 'approved_line' as const, refId: r.ref_id }));
  if (gone.length > 0) index.remove(companyId, gone);
  return stale.length;
}

/** The counterparty each approved line was matched to (when its items share one). */
function counterpartiesOf(db: Database, lineIds: readonly number[]): Map<number, { counterpartyName?: string; taxId?: string }> {
  if (lineIds.length === 0) return new Map();
  const rows = db.prepare(`SELECT ml.bank_line_id AS line, min(i.counterparty_name) AS name, max(i.counterparty_name) AS name2, min(i.tax_id) AS tax, max(i.tax_id) AS tax2
    FROM match_lines ml JOIN matches m ON m.id = ml.match_id JOIN match_lines x ON x.match_id = m.id JOIN ledger_items i ON i.id = x.ledger_item_id
    WHERE ml.bank_line_id IN (SELECT value FROM json_each(?)) AND m.status IN ${SETTLED_STATUSES_SQL} GROUP BY ml.bank_line_id`).all(JSON.stringify(lineIds)) as Array<{
    line: number; name: string | null; name2: string | null; tax: string | null; tax2: string | null;
  }>;
  const out = new Map<number, { counterpartyName?: string; taxId?: string }>();
  for (const r of rows) {
    const party: { counterpartyName?: string; taxId?: string } = {};
    if (r.name !== null && r.name === r.name2) party.counterpartyName = r.name;
    if (r.tax !== null && r.tax === r.tax2) party.taxId = r.tax;
    if (party.counterpartyName || party.taxId) out.set(r.line, party);
  }
  return out;
}

/** What the run tells about the pass. */
export interface SemanticRunStats extends SemanticStats {
  indexed: number;
  /** The embedder whose vectors were used. */
  embedder: string;
  /** Why the remote embedder was not used, when it was configured but failed. */
  fallback: string | null;
}

/**
 * Runs the semantic pass over a finished engine result, with the company's local embedder, or
 * with `remote` (through the embedding cache) when the firm configured one. A remote embedder
 * that fails (after its own retries) leaves the run to the local one, and the run says so.
 */
export async function runSemanticPass(
  deps: CoreDeps, companyId: number, input: MatchInput, result: MatchResult, remote: Embedder | null = null,
): Promise<{ result: MatchResult; stats: SemanticRunStats }> {
  const { db } = deps;
  const local = companyEmbedder(db, companyId);
  let fallback: string | null = null;
  if (remote) {
    try {
      return await passWith(deps, companyId, input, result, cachedPassEmbedder(deps, remote), null);
    } catch (error) {
      fallback = error instanceof Error ? error.message : String(error);
      deps.logger.warn({ companyId, embedder: remote.id, error: fallback }, 'the embedding server failed; this run uses the local embedder');
    }
  }
  return passWith(deps, companyId, input, result, localPassEmbedder(local), fallback, local);
}

/** A remote embedder behind the database cache: each distinct text is requested once, ever. */
function cachedPassEmbedder(deps: CoreDeps, remote: Embedder): PassEmbedder {
  const cache = createEmbeddingCache(deps.db, deps.clock);
  return { identity: remote, embedMany: (texts) => cache.getOrEmbed(remote, texts) };
}

async function passWith(
  deps: CoreDeps, companyId: number, input: MatchInput, result: MatchResult, embedder: PassEmbedder, fallback: string | null, local?: LocalEmbedder,
): Promise<{ result: MatchResult; stats: SemanticRunStats }> {
  const { db } = deps;
  const index = indexFor(db, embedder.identity);
  const indexed = await refreshApprovedIndex(db, companyId, embedder, index);
  const hasHistory = index.count(companyId, 'approved_line') > 0;
  let embed: (text: string) => Float32Array;
  if (local) embed = (text) => local.embedSync(text);
  else {
    // A remote embedder is asynchronous: embed every text the pass may ask for up front.
    const lines = new Set(result.unmatchedBank.map((u) => u.bankId));
    const texts = new Set<string>();
    for (const l of input.bankLines) {
      if (!lines.has(l.id)) continue;
      texts.add(bankLineText(l));
      if (l.counterpartyName) texts.add(l.counterpartyName);
    }
    const open = new Set(result.openBooks.map((a) => a.bookId));
    for (const i of input.bookItems) if (open.has(i.id)) texts.add(bookItemText(i));
    const list = [...texts];
    const vectors = await embedder.embedMany(list);
    const byText = new Map(list.map((t, k) => [t, vectors[k]!]));
    const zero = new Float32Array(embedder.identity.dimensions);
    embed = (text) => byText.get(text) ?? zero;
  }
  const out = semanticPass(input, result, {
    embed,
    ...(hasHistory
      ? {
          nearestApproved: (vector: Float32Array, k: number) => {
            const hits = index.search(companyId, vector, { k, kind: 'approved_line', mode: 'auto' });
            const parties = counterpartiesOf(db, hits.map((h) => h.refId));
            return hits.flatMap((h) => {
              const party = parties.get(h.refId);
              return party ? [{ similarity: h.similarity, ...party }] : [];
            });
          },
        }
      : {}),
  });
  return { result: out.result, stats: { ...out.stats, indexed, embedder: `${embedder.identity.id}/${embedder.identity.model}`, fallback } };
}

/** Past approved lines most similar to a text, with how they were matched (local embedder). */
export async function findSimilar(deps: CoreDeps, companyId: number, text: string, k: number): Promise<Array<{ bankLineId: number; similarity: number }>> {
  const { db } = deps;
  const embedder = companyEmbedder(db, companyId);
  const index = indexFor(db, embedder);
  await refreshApprovedIndex(db, companyId, localPassEmbedder(embedder), index);
  const vector = embedder.embedSync(text);
  return index.search(companyId, vector, { k, kind: 'approved_line', mode: 'auto' }).map((h) => ({ bankLineId: h.refId, similarity: h.similarity }));
}
