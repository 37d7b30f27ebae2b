/**
 * The sign bits of each company's vectors, held in memory for the quantised search (about 45 MB
 * per million 256-dimension vectors; a few companies at a time). A company's copy is current
 * while its generation (semantic_vector_counts, bumped by triggers on every change from any
 * connection) is the one it was loaded or patched at. The index's own writes patch the copy in
 * place instead of reloading it; anything else (another connection, a write inside a caller's
 * transaction that may still roll back) makes the next search reload it.
 */
import type { Database } from 'better-sqlite3';
import { REMOVED_KIND as REMOVED } from './sign-bits.js';
/** Rows per load query: each returns its rows' ids, kinds and hex bits as three strings. */
const LOAD_PAGE = 16_384;

/** One company's bits: positions 0..n-1, ids ascending. */
export interface CompanyBits {
  generation: number;
  n: number;
  ids: Float64Array;
  /** Kind code per position, REMOVED for a removed row. */
  kinds: Uint8Array;
  kindCodes: Map<string, number>;
  bits: Int32Array;
  /** Scratch for the scan's distances. */
  distances: Uint16Array;
}

/** What one write of the index did to a company, to apply once it has committed. */
export interface BitsPatch {
  companyId: number;
  fromGeneration: number;
  /** The generation once the write is done, read inside its transaction. */
  toGeneration: number;
  upserts: Array<{ id: number; kind: string; bits: Int32Array }>;
  removals: number[];
}

function grown<T extends Float64Array | Uint8Array | Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The in-memory bits of one embedding space's companies. */
export class BitsCache {
  private readonly companies = new Map<number, CompanyBits>();
  private readonly generationOf;
  private readonly page;

  constructor(
    private readonly db: Database,
    private readonly spaceId: number,
    private readonly words: number,
    private readonly maxCompanies: number,
  ) {
    this.generationOf = db.prepare('SELECT generation FROM semantic_vector_counts WHERE space_id = ? AND company_id = ?').pluck();
    // One page as three strings: ids, kinds (unit separator between them) and the bits in hex
    // (SQLite cannot concatenate BLOBs). Far fewer round trips than a row per vector.
    this.page = db.prepare(`SELECT count(*) AS n, max(id) AS last, group_concat(id) AS ids, group_concat(kind, char(31)) AS kinds,
        group_concat(hex(bits), '') AS bits
      FROM (SELECT id, kind, bits FROM semantic_vectors WHERE space_id = ? AND company_id = ? AND id > ? ORDER BY id LIMIT ?)`);
  }

  private generation(companyId: number): number {
    return (this.generationOf.get(this.spaceId, companyId) as number | undefined) ?? 0;
  }

  /** The company's current bits, loaded when missing or stale. */
  get(companyId: number): CompanyBits {
    const generation = this.generation(companyId);
    const cached = this.companies.get(companyId);
    this.companies.delete(companyId);
    const current = cached && cached.generation === generation ? cached : this.load(companyId, generation);
    this.companies.set(companyId, current);
    while (this.companies.size > this.maxCompanies) this.companies.delete(this.companies.keys().next().value!);
    return current;
  }

  private load(companyId: number, generation: number): CompanyBits {
    const company: CompanyBits = {
      generation, n: 0, ids: new Float64Array(1024), kinds: new Uint8Array(1024), kindCodes: new Map(),
      bits: new Int32Array(1024 * this.words), distances: new Uint16Array(1024),
    };
    let last = 0;
    for (;;) {
      const page = this.page.get(this.spaceId, companyId, last, LOAD_PAGE) as { n: number; last: number; ids: string; kinds: string; bits: string };
      if (page.n === 0) break;
      const start = company.n;
      this.reserve(company, start + page.n);
      const ids = page.ids.split(',');
      const kinds = page.kinds.split('\u001f');
      for (let i = 0; i < page.n; i++) {
        company.ids[start + i] = Number(ids[i]);
        company.kinds[start + i] = this.kindCode(company, kinds[i]!);
      }
      new Uint8Array(company.bits.buffer).set(Buffer.from(page.bits, 'hex'), start * this.words * 4);
      company.n += page.n;
      last = page.last;
    }
    return company;
  }

  private reserve(company: CompanyBits, size: number): void {
    if (size <= company.ids.length) return;
    let capacity = company.ids.length;
    while (capacity < size) capacity *= 2;
    company.ids = grown(company.ids, new Float64Array(capacity));
    company.kinds = grown(company.kinds, new Uint8Array(capacity));
    company.bits = grown(company.bits, new Int32Array(capacity * this.words));
    company.distances = new Uint16Array(capacity);
  }

  private kindCode(company: CompanyBits, kind: string): number {
    let code = company.kindCodes.get(kind);
    if (code === undefined) {
      code = company.kindCodes.size;
      if (code >= REMOVED) throw new Error('More than 254 kinds of vectors in one company');
      company.kindCodes.set(kind, code);
    }
    return code;
  }

  /**
   * Starts recording a write, inside its transaction (which must hold the write lock, so the
   * generations read are the write's own); null when the copy will simply be reloaded: none
   * loaded, already stale, or `patchable` false (a caller's transaction may still roll back).
   */
  startPatch(companyId: number, patchable: boolean): BitsPatch | null {
    const cached = this.companies.get(companyId);
    if (!cached || !patchable || cached.generation !== this.generation(companyId)) {
      this.companies.delete(companyId);
      return null;
    }
    return { companyId, fromGeneration: cached.generation, toGeneration: -1, upserts: [], removals: [] };
  }

  /** Records the generation the write leaves, still inside its transaction. */
  sealPatch(patch: BitsPatch): void {
    patch.toGeneration = this.generation(patch.companyId);
  }

  /** Applies a committed write; a copy that cannot be patched (an id below the newest) is dropped. */
  applyPatch(patch: BitsPatch): void {
    const company = this.companies.get(patch.companyId);
    if (!company || company.generation !== patch.fromGeneration || patch.toGeneration < 0) return;
    for (const id of patch.removals) {
      const at = this.position(company, id);
      if (at >= 0) company.kinds[at] = REMOVED;
    }
    for (const row of patch.upserts) {
      let at = this.position(company, row.id);
      if (at < 0) {
        if (company.n > 0 && row.id < company.ids[company.n - 1]!) {
          this.companies.delete(patch.companyId);
          return;
        }
        this.reserve(company, company.n + 1);
        at = company.n++;
        company.ids[at] = row.id;
      }
      company.kinds[at] = this.kindCode(company, row.kind);
      company.bits.set(row.bits, at * this.words);
    }
    company.generation = patch.toGeneration;
  }

  /** Forgets a company's copy (its vectors were cleared). */
  forget(companyId: number): void {
    this.companies.delete(companyId);
  }

  /** Binary search of an id among positions 0..n-1 (ids ascend), -1 when absent. */
  private position(company: CompanyBits, id: number): number {
    let lo = 0;
    let hi = company.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = company.ids[mid]!;
      if (value === id) return mid;
      if (value < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
