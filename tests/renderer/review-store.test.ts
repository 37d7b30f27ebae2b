import { afterEach, describe, expect, it } from 'vitest';
import type { MatchDetail } from '../../main/core/contract/index.js';
import { createAppStore, type AppStore } from '../../renderer/src/stores/create-app-store.js';
import { shownRow } from '../../renderer/src/stores/slices/review-decisions.js';
import { REVIEW_PAGE_SIZE, rowAtPages } from '../../renderer/src/stores/slices/review-paging.js';
import { selectedMatch } from '../../renderer/src/stores/slices/review-slice.js';
import { deferred } from './support/import-fixtures.js';
import { makeCounts, makeDetail, makeMatch, makeRun, makeUnmatched, pagedMatches, reviewReplies } from './support/review-fixtures.js';
import { createStubApi, fail, flush, loggedInReplies, memoryStorage, ok, type StubReplies } from './support/stub-api.js';

let store: AppStore | null = null;
afterEach(() => store?.dispose());

async function setup(replies: StubReplies = {}) {
  const api = createStubApi({ ...loggedInReplies(), ...reviewReplies(), ...replies });
  store = createAppStore({ api, storage: memoryStorage(), preferredLanguages: ['en-US'] });
  await store.getState().start();
  store.getState().openReview(1);
  await flush();
  return { api, store };
}

/** The status a row shows, decisions on their way included. */
const statusAt = (s: AppStore, index: number) => shownRow(rowAtPages(s.getState().reviewRows, index), s.getState().reviewOptimistic)?.status;

describe('review slice: paging', () => {
  it('loads counts, threshold and the last run on open, and fetches pages of 200 on demand', async () => {
    const { api, store } = await setup({ 'matches.list': pagedMatches(100_000), 'matchingSettings.get': ok({ threshold: 0.85, tolerancePercent: 2, feeToleranceMinor: 500, dateWindowBefore: 10, dateWindowAfter: 60, isDefault: false }) });
    expect(store.getState().reviewCounts?.byStatus.pending_review).toBe(312);
    expect(store.getState().reviewThreshold).toBe(0.85);
    expect(store.getState().reviewLastRun?.id).toBe(1);
    await store.getState().ensureReviewRows(0, 40);
    expect(api.inputsOf('matches.list')).toEqual([
      { companyId: 1, accountId: null, filter: 'review', band: null, search: '', sort: 'value', offset: 0, limit: REVIEW_PAGE_SIZE },
    ]);
    expect(store.getState().reviewRows.total).toBe(100_000);
    // Far down the list: only the pages under the window, and never twice.
    await Promise.all([store.getState().ensureReviewRows(50_190, 50_230), store.getState().ensureReviewRows(50_190, 50_230)]);
    expect(api.inputsOf('matches.list').map((input) => input.offset)).toEqual([0, 50_000, 50_200]);
    expect(rowAtPages(store.getState().reviewRows, 50_210)?.id).toBe(50_211);
    expect(Object.keys(store.getState().reviewRows.pages)).toHaveLength(3);
  });

  it('selects the first proposal once known and fetches its detail; j/k-style moves stay inside the list', async () => {
    const { api, store } = await setup();
    await store.getState().ensureReviewRows(0, 40);
    await flush();
    expect(store.getState().reviewSelection).toEqual({ index: 0, id: 1 });
    expect(store.getState().reviewDetail?.id).toBe(1);
    store.getState().moveReviewSelection(1);
    store.getState().moveReviewSelection(1);
    store.getState().moveReviewSelection(1);
    expect(store.getState().reviewSelection).toEqual({ index: 2, id: 3 });
    store.getState().moveReviewSelection(-5);
    expect(store.getState().reviewSelection?.index).toBe(0);
    await flush();
    expect(api.inputsOf('matches.get').map((input) => input.id)).toEqual([1, 2, 3, 1]);
    expect(store.getState().reviewDetail?.id).toBe(1);
  });

  it('starts over with a new filter, sends it to the core and drops answers for the old one', async () => {
    const late = deferred<ReturnType<ReturnType<typeof pagedMatches>>>();
    let first = true;
    const { api, store } = await setup({
      'matches.list': (input) => {
        if (first) {
          first = false;
          return late.promise;
        }
        return pagedMatches(5)(input);
      },
    });
    const pending = store.getState().ensureReviewRows(0, 40);
    store.getState().setReviewQuery({ band: 'high', search: '  López ', sort: 'confidence', view: 'all' });
    await store.getState().ensureReviewRows(0, 40);
    late.resolve(pagedMatches(99)({ companyId: 1, offset: 0, limit: 200 }));
    await pending;
    expect(api.inputsOf('matches.list').at(-1)).toEqual({ companyId: 1, accountId: null, filter: 'all', band: 'high', search: 'López', sort: 'confidence', offset: 0, limit: 200 });
    expect(store.getState().reviewRows.total).toBe(5);
  });

  it('lists unmatched bank lines in their own view', async () => {
    const { api, store } = await setup({ 'matches.unmatched': ok({ total: 1, offset: 0, rows: [makeUnmatched(501)] }) });
    await flush();
    // Opening the queue loaded its first page and the first proposal's detail; the unmatched view asks for no detail.
    const detailsBefore = api.inputsOf('matches.get').length;
    store.getState().setReviewQuery({ view: 'unmatched' });
    await store.getState().ensureReviewRows(0, 40);
    expect(api.inputsOf('matches.unmatched')).toEqual([{ companyId: 1, accountId: null, offset: 0, limit: 200 }]);
    expect(store.getState().reviewSelection).toEqual({ index: 0, id: 501 });
    expect(api.inputsOf('matches.get')).toHaveLength(detailsBefore);
  });
});

describe('review slice: decisions', () => {
  async function ready(replies: StubReplies = {}) {
    const context = await setup(replies);
    await context.store.getState().ensureReviewRows(0, 40);
    await flush();
    return context;
  }

  it('approves optimistically: the status changes and the selection moves before the core answers', async () => {
    const answer = deferred<ReturnType<typeof ok<MatchDetail>>>();
    const { api, store } = await ready({ 'matches.approve': () => answer.promise });
    const countsBefore = api.inputsOf('matches.counts').length;
    const done = store.getState().approveMatch();
    expect(statusAt(store, 0)).toBe('approved');
    expect(store.getState().reviewSelection?.index).toBe(1);
    expect(api.inputsOf('matches.approve')).toEqual([{ id: 1 }]);
    answer.resolve(ok(makeDetail(1, { status: 'approved', decidedBy: 'ana', decidedAt: '2025-03-10T10:00:00.000Z', canUndo: true })));
    expect(await done).toBe(true);
    expect(store.getState().reviewOptimistic).toEqual({});
    expect(rowAtPages(store.getState().reviewRows, 0)?.decidedBy).toBe('ana');
    expect(store.getState().reviewUndo).toEqual([expect.objectContaining({ matchId: 1, action: 'approve', fromStatus: 'pending_review' })]);
    expect(store.getState().toasts.at(-1)?.undo).toBeTypeOf('function');
    expect(store.getState().reviewAnnouncement?.message.key).toBe('review.done.approve');
    await flush();
    expect(api.inputsOf('matches.counts').length).toBe(countsBefore + 1);
  });

  it('puts the status back and says why when the core refuses', async () => {
    const { api, store } = await ready({ 'matches.reject': fail('period_locked', 'March is locked') });
    expect(await store.getState().rejectMatch(2)).toBe(false);
    expect(api.inputsOf('matches.reject')).toEqual([{ id: 2 }]);
    expect(statusAt(store, 1)).toBe('pending_review');
    expect(store.getState().reviewOptimistic).toEqual({});
    expect(store.getState().reviewUndo).toEqual([]);
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'error', error: { code: 'period_locked' } });
    expect(store.getState().reviewAnnouncement?.message.key).toBe('review.announce.failed');
  });

  it('chooses an alternative by its contract index', async () => {
    const { api, store } = await ready({ 'matches.chooseAlternative': (input) => ok(makeDetail(input.id, { status: 'approved' })) });
    expect(await store.getState().chooseAlternative(1)).toBe(true);
    expect(api.inputsOf('matches.chooseAlternative')).toEqual([{ id: 1, index: 1 }]);
    expect(statusAt(store, 0)).toBe('approved');
  });

  it('does not send a decision the status does not allow', async () => {
    const { api, store } = await ready({
      'matches.list': pagedMatches(3, (id) => makeMatch(id, { status: 'approved' })),
      'matches.get': (input) => ok(makeDetail(input.id, { status: 'approved' })),
    });
    expect(await store.getState().approveMatch()).toBe(false);
    expect(api.inputsOf('matches.approve')).toHaveLength(0);
    expect(store.getState().reviewAnnouncement?.message.key).toBe('review.announce.notAllowed');
  });

  it('undoes the latest decision with matches.undo, restoring the status and dismissing its toast', async () => {
    const undo = deferred<ReturnType<typeof ok<MatchDetail>>>();
    const { api, store } = await ready({
      'matches.approve': (input) => ok(makeDetail(input.id, { status: 'approved', canUndo: true })),
      'matches.reject': (input) => ok(makeDetail(input.id, { status: 'rejected', canUndo: true })),
      'matches.undo': () => undo.promise,
    });
    await store.getState().approveMatch(1);
    await store.getState().rejectMatch(2);
    const toastId = store.getState().reviewUndo.at(-1)?.toastId;
    const undoing = store.getState().undoLastDecision();
    expect(api.inputsOf('matches.undo')).toEqual([{ id: 2 }]);
    expect(statusAt(store, 1)).toBe('pending_review');
    undo.resolve(ok(makeDetail(2)));
    expect(await undoing).toBe(true);
    expect(store.getState().reviewUndo.map((entry) => entry.matchId)).toEqual([1]);
    expect(store.getState().toasts.some((toast) => toast.id === toastId)).toBe(false);
    expect(statusAt(store, 0)).toBe('approved');
    expect(store.getState().reviewAnnouncement?.message.key).toBe('review.done.undo');
  });

  it('keeps the decision when the undo fails', async () => {
    const { store } = await ready({
      'matches.approve': (input) => ok(makeDetail(input.id, { status: 'approved' })),
      'matches.undo': fail('conflict', 'already reconciled in a locked report'),
    });
    await store.getState().approveMatch(1);
    expect(await store.getState().undoLastDecision()).toBe(false);
    expect(statusAt(store, 0)).toBe('approved');
    expect(store.getState().reviewUndo).toHaveLength(1);
    expect(store.getState().toasts.at(-1)?.tone).toBe('error');
  });

  it('refetches counts and the rows on screen when matches change, keeping the old rows meanwhile and following the selection', async () => {
    let total = 3;
    const { api, store } = await ready({ 'matches.list': (input) => pagedMatches(total, (id) => makeMatch(total === 3 ? id : id + 1))(input) });
    store.getState().selectReviewRow(1);
    const before = api.inputsOf('matches.counts').length;
    total = 2;
    api.emit('data.changed', { entity: 'matches', companyId: 1 });
    expect(rowAtPages(store.getState().reviewRows, 0)?.id).toBe(1);
    expect(store.getState().reviewRows.stale).not.toBeNull();
    await store.getState().ensureReviewRows(0, 40);
    expect(api.inputsOf('matches.counts').length).toBe(before + 1);
    expect(rowAtPages(store.getState().reviewRows, 0)?.id).toBe(2);
    // Match 2 is now first: the selection follows it.
    expect(store.getState().reviewSelection).toEqual({ index: 0, id: 2 });
    expect(selectedMatch(store.getState())?.id).toBe(2);
  });
});

describe('review slice: band approval', () => {
  it('refuses to approve a band before its sample was shown, then approves with the sample’s token', async () => {
    const { api, store } = await setup({
      'matches.bandSample': ok({ token: 'tok-42', total: 100, sample: [makeMatch(7, { band: 'high', confidence: 0.95 })] }),
      'matches.approveBand': ok({ approved: 99, skipped: 1 }),
    });
    expect(await store.getState().approveBand()).toBe(false);
    expect(api.inputsOf('matches.approveBand')).toHaveLength(0);
    await store.getState().openBandReview('high');
    expect(api.inputsOf('matches.bandSample')).toEqual([{ companyId: 1, accountId: null, band: 'high', size: 10 }]);
    expect(store.getState().bandReview).toMatchObject({ band: 'high', token: 'tok-42', total: 100, loading: false });
    expect(await store.getState().approveBand()).toBe(true);
    expect(api.inputsOf('matches.approveBand')).toEqual([{ token: 'tok-42' }]);
    expect(store.getState().bandReview).toBeNull();
    expect(store.getState().toasts.at(-1)?.message).toEqual({ key: 'review.done.bandSkipped', params: { count: '99', skipped: '1' } });
  });

  it('lets a sample row be rejected in the dialog', async () => {
    const { store } = await setup({
      'matches.bandSample': ok({ token: 't', total: 1, sample: [makeMatch(7, { band: 'high' })] }),
      'matches.reject': (input) => ok(makeDetail(input.id, { status: 'rejected' })),
    });
    await store.getState().openBandReview('high');
    await store.getState().rejectMatch(7);
    expect(store.getState().bandReview?.sample[0]?.status).toBe('rejected');
  });
});

describe('reconcile slice', () => {
  it('runs with a task id, follows its progress, and refreshes the queue when done', async () => {
    const answer = deferred<ReturnType<typeof ok<ReturnType<typeof makeRun> & { resumed: boolean }>>>();
    const { api, store } = await setup({ 'reconcile.start': () => answer.promise, 'tasks.cancel': ok({ cancelled: true }) });
    const running = store.getState().startReconcile();
    const taskId = api.inputsOf('reconcile.start')[0]?.taskId;
    expect(api.inputsOf('reconcile.start')).toEqual([{ companyId: 1, accountIds: null, taskId: expect.any(String) }]);
    api.emit('task.progress', { taskId: taskId ?? '', kind: 'reconcile', stage: 'candidates', done: 40, total: 100 });
    api.emit('task.progress', { taskId: 'other', kind: 'reconcile', stage: 'assign', done: 1, total: 2 });
    expect(store.getState().reconcileTask).toMatchObject({ running: true, stage: 'candidates', done: 40, total: 100 });
    await store.getState().cancelReconcile();
    expect(api.inputsOf('tasks.cancel')).toEqual([{ taskId }]);
    expect(store.getState().reconcileTask?.cancelling).toBe(true);
    const generation = store.getState().reviewRows.generation;
    answer.resolve(ok({ ...makeRun({ id: 2 }), resumed: false }));
    await running;
    expect(store.getState().reconcileTask).toMatchObject({ running: false, result: { id: 2 } });
    expect(store.getState().reviewLastRun?.id).toBe(2);
    expect(store.getState().reviewRows.generation).toBeGreaterThan(generation);
    expect(store.getState().toasts.at(-1)?.message?.key).toBe('review.run.done');
  });

  it('says so when the run was cancelled', async () => {
    const { store } = await setup({ 'reconcile.start': fail('cancelled', 'cancelled') });
    await store.getState().startReconcile();
    expect(store.getState().reconcileTask).toBeNull();
    expect(store.getState().toasts.at(-1)?.message?.key).toBe('review.run.cancelled');
  });

  it('forgets the queue when the session ends', async () => {
    const { store } = await setup({ 'matches.counts': ok(makeCounts()) });
    await store.getState().ensureReviewRows(0, 10);
    store.getState().expireSession();
    expect(store.getState().reviewCompanyId).toBeNull();
    expect(store.getState().reviewRows.total).toBeNull();
    expect(store.getState().reconcileTask).toBeNull();
  });
});
