import { describe, expect, it } from 'vitest';
import { emptyPages, pagesToFetch, refreshedPages, REVIEW_PAGE_SIZE, withPage } from '../../renderer/src/stores/slices/review-paging.js';

const idle = (): boolean => false;

describe('review queue paging', () => {
  it('asks only for the pages of the visible rows, within the known total', () => {
    const loaded = withPage(emptyPages<{ id: number }>(1), 0, { total: 450, offset: 0, rows: [{ id: 1 }] });
    expect(pagesToFetch(loaded, 0, 40, idle)).toEqual([]);
    expect(pagesToFetch(loaded, 190, 420, idle)).toEqual([1, 2]);
    expect(pagesToFetch(loaded, 2 * REVIEW_PAGE_SIZE, 3 * REVIEW_PAGE_SIZE + 10, idle)).toEqual([2]);
  });

  it('fetches the first page of a refreshed queue that was empty (a run just filled it)', () => {
    const empty = withPage(emptyPages<{ id: number }>(1), 0, { total: 0, offset: 0, rows: [] });
    expect(pagesToFetch(empty, 0, 40, idle)).toEqual([]);
    const refreshed = refreshedPages(empty, 2);
    expect(refreshed.total).toBe(0);
    expect(pagesToFetch(refreshed, 0, 40, idle)).toEqual([0]);
  });
});
