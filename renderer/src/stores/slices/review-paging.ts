import type { ReviewPages } from '../review-types.js';

/** Rows per request of the review queue; the list asks for the pages under its visible window. */
export const REVIEW_PAGE_SIZE = 200;

type Page<R> = { total: number; offset: number; rows: readonly R[] };

/** Nothing loaded yet (a new filter), or nothing fresh yet with the previous rows kept (a refresh). */
export function emptyPages<R>(generation: number, stale: ReviewPages<R>['stale'] = null): ReviewPages<R> {
  return { total: null, pages: {}, stale, loading: false, error: null, generation };
}

/** Starts a new generation that keeps what was on screen until fresh pages replace it. */
export function refreshedPages<R>(rows: ReviewPages<R>, generation: number): ReviewPages<R> {
  const stale = { ...(rows.stale ?? {}), ...rows.pages };
  return { ...emptyPages<R>(generation, stale), total: rows.total };
}

/** The row at an index: fresh when its page is loaded, else the one shown before a refresh. */
export function rowAtPages<R>(rows: ReviewPages<R>, index: number): R | undefined {
  const page = Math.floor(index / REVIEW_PAGE_SIZE);
  const offset = index % REVIEW_PAGE_SIZE;
  return rows.pages[page]?.[offset] ?? rows.stale?.[page]?.[offset];
}

export function withPage<R>(rows: ReviewPages<R>, page: number, value: Page<R>): ReviewPages<R> {
  return { ...rows, total: value.total, pages: { ...rows.pages, [page]: value.rows }, error: null };
}

/** The pages holding rows [start, end) that are neither loaded nor on their way. */
export function pagesToFetch<R>(rows: ReviewPages<R>, start: number, end: number, busy: (page: number) => boolean): number[] {
  const first = Math.max(0, Math.floor(start / REVIEW_PAGE_SIZE));
  const last = Math.max(first, Math.floor((Math.max(start + 1, end) - 1) / REVIEW_PAGE_SIZE));
  const wanted: number[] = [];
  for (let page = first; page <= last; page++) {
    // Past the known end nothing is asked for; but the first page is, even when a refresh still
    // carries an old total of 0 (an empty queue refreshed after a run must see the new rows).
    if (rows.total !== null && page > 0 && page * REVIEW_PAGE_SIZE >= rows.total) break;
    // Until the total is known only the first page asked for is fetched.
    if (rows.total === null && page > first) break;
    if (rows.pages[page] !== undefined || busy(page)) continue;
    wanted.push(page);
  }
  return wanted;
}

/** The index of the row with this id among the fresh pages, or null. */
export function indexOfId<R extends { id: number }>(rows: ReviewPages<R>, id: number): number | null {
  for (const [key, list] of Object.entries(rows.pages)) {
    const at = list.findIndex((row) => row.id === id);
    if (at >= 0) return Number(key) * REVIEW_PAGE_SIZE + at;
  }
  return null;
}

/** Replaces the row with this id wherever it is loaded (fresh or stale pages). */
export function updateRow<R extends { id: number }>(rows: ReviewPages<R>, id: number, update: (row: R) => R): ReviewPages<R> {
  const patch = (pages: Readonly<Record<number, readonly R[]>>): Readonly<Record<number, readonly R[]>> => {
    let changed: Record<number, readonly R[]> | null = null;
    for (const [key, list] of Object.entries(pages)) {
      const at = list.findIndex((row) => row.id === id);
      if (at < 0) continue;
      changed ??= { ...pages };
      changed[Number(key)] = list.map((row, i) => (i === at ? update(row) : row));
    }
    return changed ?? pages;
  };
  const pages = patch(rows.pages);
  const stale = rows.stale ? patch(rows.stale) : null;
  return pages === rows.pages && stale === rows.stale ? rows : { ...rows, pages, stale };
}
