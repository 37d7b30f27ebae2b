/**
 * Guard for legacy .xls (OLE2 compound files), run before SheetJS sees the bytes. SheetJS CFB
 * 0.20.3 follows sector chains without cycle checks in places (`get_sector_list`), re-walks
 * shared chain tails (`make_sector_list`) and walks the directory tree without bounds
 * (`build_full_paths`): a damaged or crafted file makes it grow an array until V8 aborts the
 * whole process — an error no try/catch can stop. This module replays those walks on the raw
 * bytes with the same arithmetic, bounded, and refuses files on which they would not end.
 * Files SheetJS itself rejects with an ordinary error are left to it.
 */
import { CoreError } from '../../contract/errors.js';

const ENDOFCHAIN = -2;
const FREESECT = -1;
/** A real workbook has a few dozen directory entries. */
const MAX_DIRECTORY_ENTRIES = 4096;

const i32 = (b: Uint8Array | undefined, at: number): number =>
  b === undefined ? 0 : ((b[at + 3] ?? 0) << 24) | ((b[at + 2] ?? 0) << 16) | ((b[at + 1] ?? 0) << 8) | (b[at] ?? 0);
const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);

function refuse(detail: string): CoreError {
  return new CoreError('import_unreadable', `The Excel workbook (.xls) is damaged and cannot be read (${detail}).`);
}

/** Throws CoreError('import_unreadable') when SheetJS's compound-file walks would not terminate. */
export function assertSafeCfb(bytes: Uint8Array): void {
  if (bytes.length < 512) return;
  const major = u16(bytes, 26);
  if (major !== 3 && major !== 4) return;
  const ssz = major === 3 ? 512 : 4096;
  const count = Math.ceil(bytes.length / ssz) - 1;
  if (count < 1) return;
  const sector = (k: number): Uint8Array | undefined =>
    Number.isInteger(k) && k >= 0 && k < count ? bytes.subarray((k + 1) * ssz, (k + 2) * ssz) : undefined;

  // Header FAT addresses, then the DIFAT chain (sleuth_fat, iterative and bounded).
  const fat: number[] = [];
  for (let j = 0; j < 109; j++) {
    const q = i32(bytes, 76 + 4 * j);
    if (q < 0) break;
    fat.push(q);
  }
  let idx = i32(bytes, 68);
  let left = i32(bytes, 72);
  for (let hops = 0; idx !== ENDOFCHAIN && idx !== FREESECT; hops++) {
    const s = sector(idx);
    if (s === undefined) break;
    if (hops > count) throw refuse('its sector allocation table loops');
    for (let i = 0; i < ssz / 4 - 1; i++) {
      const q = i32(s, i * 4);
      if (q === ENDOFCHAIN) break;
      fat.push(q);
    }
    if (left < 1) break;
    idx = i32(s, ssz - 4);
    left--;
  }
  const next = (j: number): number | null => {
    const at = fat[Math.floor((j * 4) / ssz)];
    const s = at === undefined ? undefined : sector(at);
    return s === undefined ? null : i32(s, (j * 4) & (ssz - 1));
  };

  // make_sector_list: chains from every unvisited sector, each stopped at its own cycle.
  const dirStart = i32(bytes, 48);
  const visited = new Set<number>();
  const starts = new Map<number, number[]>();
  let work = 0;
  for (let i = 0; i < count; i++) {
    let k = i + dirStart;
    if (k >= count) k -= count;
    if (visited.has(k)) continue;
    const seen = new Set<number>();
    const nodes: number[] = [];
    for (let j = k; j >= 0;) {
      seen.add(j);
      visited.add(j);
      nodes.push(j);
      if (++work > 2 * count + 1024) throw refuse('its sector chains overlap');
      if ((j * 4) % ssz > ssz - 4) return; // SheetJS throws "FAT boundary crossed"
      const n = next(j);
      if (n === null || seen.has(n)) break;
      j = n;
    }
    starts.set(k, nodes);
  }

  // read_directory: entries of the directory chain; big streams not starting a chain are walked
  // again by get_sector_list, which has no cycle check.
  const directory = starts.get(dirStart);
  if (directory === undefined || dirStart < 0 || dirStart >= count) return;
  const dirBytes = directory.reduce((n, j) => n + (sector(j)?.length ?? 0), 0);
  const entries = Math.ceil(dirBytes / 128);
  if (entries > MAX_DIRECTORY_ENTRIES) throw refuse(`its directory has ${entries} entries`);
  const entry = (e: number): { type: number; L: number; R: number; C: number; start: number; size: number } => {
    const s = sector(directory[Math.floor((e * 128) / ssz)] ?? -1);
    const base = (e * 128) % ssz;
    const start = i32(s, base + 116);
    const size = i32(s, base + 120);
    const gone = size < 0 && start < 0;
    return { type: gone ? 0 : (s?.[base + 66] ?? 0), L: i32(s, base + 68), R: i32(s, base + 72), C: i32(s, base + 76), start: gone ? ENDOFCHAIN : start, size: gone ? 0 : size };
  };
  const list = Array.from({ length: entries }, (_, e) => entry(e));
  for (const o of list) {
    if (o.type === 5 || o.size < 4096 || starts.has(o.start)) continue;
    const seen = new Set<number>();
    for (let j = o.start; j >= 0;) {
      if (seen.has(j)) throw refuse('a stream\'s sector chain loops');
      seen.add(j);
      const n = next(j);
      if (n === null) break;
      j = n;
    }
    starts.set(o.start, []);
  }
  assertFinitePaths(list);
}

/**
 * build_full_paths, replayed with SheetJS's own semantics (sparse parent links, the second pass
 * using the last entry's L/R): the parent queue and each walk up to the root must end.
 */
function assertFinitePaths(fi: ReadonlyArray<{ type: number; L: number; R: number; C: number }>): void {
  const pl = fi.length;
  const dad = new Map<number, number | undefined>();
  const parent = (n: number): number | undefined => (dad.has(n) ? dad.get(n) : n >= 0 && n < pl ? n : undefined);
  const q: number[] = Array.from({ length: pl }, (_, i) => i);
  let L = 0;
  let R = 0;
  for (let j = 0; j < q.length; j++) {
    if (q.length > 4 * pl + 16) throw refuse('its directory tree loops');
    const i = q[j] ?? 0;
    const e = fi[i];
    if (e === undefined) return; // SheetJS fails on this entry with an ordinary TypeError
    ({ L, R } = e);
    const { C } = e;
    if (parent(i) === i) {
      if (L !== -1 && parent(L) !== L) dad.set(i, parent(L));
      if (R !== -1 && parent(R) !== R) dad.set(i, parent(R));
    }
    if (C !== -1) dad.set(C, i);
    if (L !== -1 && i !== parent(i)) {
      dad.set(L, parent(i));
      if (q.lastIndexOf(L) < j) q.push(L);
    }
    if (R !== -1 && i !== parent(i)) {
      dad.set(R, parent(i));
      if (q.lastIndexOf(R) < j) q.push(R);
    }
  }
  for (let i = 1; i < pl; i++) {
    if (parent(i) !== i) continue;
    if (R !== -1 && parent(R) !== R) dad.set(i, parent(R));
    else if (L !== -1 && parent(L) !== L) dad.set(i, parent(L));
  }
  for (let i = 1; i < pl; i++) {
    if ((fi[i]?.type ?? 0) === 0) continue;
    let j: number | undefined = i;
    if (j !== parent(j)) {
      let steps = 0;
      do {
        j = j === undefined ? undefined : parent(j);
        if (++steps > pl + 1) throw refuse('its directory tree loops');
      } while (j !== undefined && j !== 0 && parent(j) !== -1 && j !== parent(j));
    }
    dad.set(i, -1);
  }
}
