// What the UI benchmark (`npm run bench -- ui`) runs inside the page: functions handed to
// Playwright's page.evaluate, so they use only browser globals and their own arguments.
// These functions run inside Chromium (page.evaluate serialises them). The Node type check has
// no DOM library, so they reach the page through the few shapes declared here.

export interface PageElement {
  scrollTop: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
export interface PageEntry {
  readonly duration: number;
  readonly startTime: number;
}
export interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    addEventListener(type: string, listener: (event: { timeStamp: number }) => void, capture: boolean): void;
    readonly body: unknown;
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void; disconnect(): void };
  PerformanceObserver: (new (callback: (list: { getEntries(): PageEntry[] }) => void) => { observe(options: { type: string; buffered?: boolean }): void; disconnect(): void }) & {
    readonly supportedEntryTypes: readonly string[];
  };
  performance: { now(): number };
  __firstRender?: { clickAt: number | null; rowAt: number | null; paintedAt: number | null };
}

/** Arms the first-render clock: the next click starts it; the first loaded queue row, once painted, stops it. */
export function armFirstRender(selector: string): void {
  const w = globalThis as unknown as PageGlobals;
  const state: NonNullable<PageGlobals['__firstRender']> = { clickAt: null, rowAt: null, paintedAt: null };
  w.__firstRender = state;
  w.document.addEventListener('click', (event) => {
    state.clickAt ??= event.timeStamp;
  }, true);
  const observer = new w.MutationObserver(() => {
    if (state.clickAt === null || state.rowAt !== null || !w.document.querySelector(selector)) return;
    state.rowAt = w.performance.now();
    observer.disconnect();
    // The row is on screen once the frame that holds it has been produced: the task after its rAF.
    w.requestAnimationFrame(() => w.setTimeout(() => (state.paintedAt = w.performance.now()), 0));
  });
  observer.observe(w.document.body, { childList: true, subtree: true });
}

export interface ScrollResult {
  intervals: number[];
  busyFrames: number;
  longTasks: number[];
  longFrames: number[];
  startTop: number;
  endTop: number;
  viewport: number;
}

/** Scrolls the listbox at `speed` px/s for `seconds` from a rAF loop, recording every frame interval. */
export function scrollInPage(options: { selector: string; seconds: number; speed: number; rowHeight: number }): Promise<ScrollResult> {
  const w = globalThis as unknown as PageGlobals;
  const list = w.document.querySelector(options.selector);
  if (!list) throw new Error('the queue listbox is not on screen');
  const longTasks: number[] = [];
  const longFrames: number[] = [];
  const observers = ['longtask', 'long-animation-frame']
    .filter((type) => w.PerformanceObserver.supportedEntryTypes.includes(type))
    .map((type) => {
      const observer = new w.PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) (type === 'longtask' ? longTasks : longFrames).push(entry.duration);
      });
      observer.observe({ type });
      return observer;
    });
  const intervals: number[] = [];
  const viewport = list.clientHeight;
  const startTop = list.scrollTop;
  const maxTop = list.scrollHeight - viewport;
  let busyFrames = 0;
  return new Promise((resolve) => {
    let first: number | null = null;
    let previous = 0;
    const step = (time: number): void => {
      if (first === null) first = time;
      else intervals.push(time - previous);
      previous = time;
      // Rows drawn in this frame that were still loading (the previous scrollTop's rows).
      const busy = list.querySelectorAll('[role="option"][aria-busy="true"]');
      const top = list.scrollTop;
      for (let i = 0; i < busy.length; i++) {
        const y = (Number(busy[i]!.getAttribute('aria-posinset')) - 1) * options.rowHeight;
        if (y + options.rowHeight > top && y < top + viewport) {
          busyFrames++;
          break;
        }
      }
      const elapsed = time - first;
      if (elapsed >= options.seconds * 1000) {
        for (const observer of observers) observer.disconnect();
        resolve({ intervals, busyFrames, longTasks, longFrames, startTop, endTop: list.scrollTop, viewport });
        return;
      }
      list.scrollTop = Math.min(maxTop, startTop + (options.speed * elapsed) / 1000);
      w.requestAnimationFrame(step);
    };
    w.requestAnimationFrame(step);
  });
}

export interface JumpResult {
  loadedMs: number;
  intervals: number[];
  longTasks: number[];
}

/** Jumps the listbox to row `index` and times until that row is loaded (rendered with its data). */
export function jumpInPage(options: { selector: string; index: number; rowHeight: number; timeoutMs: number }): Promise<JumpResult> {
  const w = globalThis as unknown as PageGlobals;
  const list = w.document.querySelector(options.selector);
  if (!list) throw new Error('the queue listbox is not on screen');
  const longTasks: number[] = [];
  const observer = new w.PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const intervals: number[] = [];
  const started = w.performance.now();
  list.scrollTop = options.index * options.rowHeight;
  return new Promise((resolve, reject) => {
    let previous: number | null = null;
    const step = (time: number): void => {
      if (previous !== null) intervals.push(time - previous);
      previous = time;
      const rendered = list.querySelectorAll('[role="option"]');
      for (let i = 0; i < rendered.length; i++) {
        const option = rendered[i]!;
        if (option.getAttribute('aria-posinset') === String(options.index + 1) && option.getAttribute('aria-busy') === null) {
          observer.disconnect();
          resolve({ loadedMs: w.performance.now() - started, intervals, longTasks });
          return;
        }
      }
      if (w.performance.now() - started > options.timeoutMs) {
        observer.disconnect();
        reject(new Error(`row ${options.index + 1} did not load in ${options.timeoutMs} ms`));
        return;
      }
      w.requestAnimationFrame(step);
    };
    w.requestAnimationFrame(step);
  });
}
