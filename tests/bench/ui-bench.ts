// `npm run bench -- ui [--proposals N] [--seconds S] [--speed PX_PER_S] [--renderer DIR] [--data DIR] [--profile] [--no-minify] [--trace FILE] [--keep]`:
// the review queue with N pending proposals (100,000 by default) in headless Chromium.
//  1. Builds the current renderer sources into a temporary folder (vite, production), unless
//     --renderer names a built one (e.g. out/renderer): the figures are those of the code on disk.
//  2. Seeds a database: firm, administrator, company and account through the core (bcrypt cost
//     4), then N bank lines, N books items, N matches with status 'pending_review' (varied
//     confidence, kind and reasons) and their 2N match lines inserted with SQL in one transaction.
//     The engine is not run: a real month never leaves 100,000 proposals pending, and the screen
//     only reads what is stored.
//  3. Serves it as `npm run serve` does (core worker + loopback HTTP/WebSocket server, in this
//     process, the renderer folder of step 1), logs in with Playwright in /usr/bin/chromium
//     (CHROMIUM_PATH; the flags of tests/playwright.config.ts), opens Review and times the first
//     render: the click on Review until the first loaded queue row has been painted.
//  4. Scrolls the queue listbox for S seconds (5) at PX_PER_S (8,000 px/s ≈ 170 rows/s, a fast
//     fling) from the top by setting scrollTop in a requestAnimationFrame loop inside the page,
//     recording every frame interval, long tasks (> 50 ms), long animation frames and frames that
//     showed rows still loading; then scrolls the same stretch again, now loaded (rendering
//     only). Around each pass the renderer's main-thread CPU time is read from Chromium's
//     counters (CDP Performance, thread ticks): frame intervals stretch when other processes take
//     the CPUs, the CPU time per frame much less so. Then jumps to the middle and to the end of
//     the queue and times until the row there is loaded (its page fetched and drawn).
// Prints frame p50/p95/p99/max against the targets (p95 ≤ 16.7 ms, first render ≤ 1 s), the
// matches.list pages fetched and each RPC's latency as the browser's socket sees it, and the
// load average (on a busy machine the frame intervals say more about the machine than the app).
// --profile scrolls the loaded stretch twice more, under a Chromium performance trace (self time
// by trace event on the renderer's main thread) and under V8's sampling profiler (self time by
// function); --trace FILE also keeps the trace, for chrome://tracing or Perfetto; --no-minify
// builds the renderer unminified, so the profile names functions. --data DIR seeds the database
// in DIR and keeps it, or reuses the one already there (it also keeps the sessions of earlier
// runs). The serve, the browser and the temporary folder are removed at the end (--keep leaves
// the folder and prints its path).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type WebSocket as PlaywrightSocket } from '@playwright/test';
import { startCoreClient, type CoreClient } from '../../main/core/host/core-client.js';
import { silentLogger } from '../../main/core/logger.js';
import { dataPaths } from '../../main/core/paths.js';
import { startServeServer, type ServeServer } from '../../main/serve/server.js';
import { PASSWORD, TEST_BCRYPT_COST } from '../core/support.js';
import { seedDatabase } from './ui-bench-data.js';
import { armFirstRender, jumpInPage, scrollInPage, type JumpResult, type PageGlobals, type ScrollResult } from './ui-bench-page.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MIGRATIONS = join(ROOT, 'migrations');
/** The queue's row height (renderer/src/features/review/VirtualListbox.tsx QUEUE_ROW_HEIGHT). */
const ROW_HEIGHT = 48;
const TARGET_FRAME_MS = 16.7;
const TARGET_FIRST_RENDER_MS = 1000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const USERNAME = 'ana';
const QUEUE = '[data-testid="review-queue"]';
const LOADED_OPTION = `${QUEUE} [role="option"]:not([aria-busy])`;

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number): string => `${fmt(n, 1)} ms`;

function numberOption(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

function textOption(args: readonly string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return null;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Timer values in the page are coarsened to 0.1 ms: compare intervals at that precision. */
const tenth = (n: number): number => Math.round(n * 10) / 10;

// ---- 1. The renderer ----

/** Builds renderer/ as electron-vite does (React plugin, relative base, production) into `outDir`. */
async function buildRenderer(outDir: string, minify: boolean): Promise<void> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    configFile: false,
    root: join(ROOT, 'renderer'),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    // The bundle's size and the build's own timings are not this benchmark's business: no warnings about them.
    build: { outDir, emptyOutDir: true, minify, chunkSizeWarningLimit: 100_000, rolldownOptions: { input: join(ROOT, 'renderer/index.html'), checks: { bundlerTimings: false } } },
  });
}

// ---- 2. The database: ui-bench-data.ts ----

// ---- 3. Browser mode ----

/** `npm run serve` in this process: the core worker on the data folder and the loopback server on the renderer folder. */
async function startBenchServe(dataDir: string, rendererDir: string): Promise<{ core: CoreClient; server: ServeServer }> {
  const paths = dataPaths(dataDir);
  mkdirSync(paths.logsDir, { recursive: true });
  const core = await startCoreClient({
    workerUrl: new URL('../../main/core/host/worker.ts', import.meta.url),
    workerData: { dbPath: paths.db, migrationsDir: MIGRATIONS, version: 'bench', logFile: paths.logFile, logLevel: 'warn', bcryptCost: TEST_BCRYPT_COST, secretStore: 'memory' },
    logger: silentLogger,
    onWorkerExit: () => process.stderr.write('bench ui: the core worker stopped unexpectedly; see the log in the data folder.\n'),
  });
  try {
    const server = await startServeServer({ core, rendererDir, host: '127.0.0.1', port: 0, logger: silentLogger });
    return { core, server };
  } catch (error) {
    await core.close();
    throw error;
  }
}

/** Every RPC the page makes over its socket, timed from this side (send → result frame). */
interface RpcRecord {
  method: string;
  input: unknown;
  sentAt: number;
  ms: number | null;
  bytes: number;
}

function watchRpc(page: Page): { records: RpcRecord[]; inFlight(): number } {
  const records: RpcRecord[] = [];
  const open = new Map<number, RpcRecord>();
  page.on('websocket', (socket: PlaywrightSocket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string') return;
      const message = JSON.parse(payload) as { type?: string; id?: number; method?: string; input?: unknown };
      if (message.type !== 'invoke' || message.id === undefined) return;
      const record: RpcRecord = { method: message.method ?? '?', input: message.input, sentAt: performance.now(), ms: null, bytes: 0 };
      records.push(record);
      open.set(message.id, record);
    });
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') return;
      const message = JSON.parse(payload) as { type?: string; id?: number };
      if (message.type !== 'result' || message.id === undefined) return;
      const record = open.get(message.id);
      if (!record) return;
      open.delete(message.id);
      record.ms = performance.now() - record.sentAt;
      record.bytes = payload.length;
    });
  });
  return { records, inFlight: () => open.size };
}

/** Waits until no RPC has been in flight for `quietMs` (the screen has settled). */
async function settle(rpc: ReturnType<typeof watchRpc>, quietMs = 500, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  let seen = rpc.records.length;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    if (rpc.inFlight() > 0 || rpc.records.length !== seen) {
      quietSince = Date.now();
      seen = rpc.records.length;
    } else if (Date.now() - quietSince >= quietMs) return;
  }
  throw new Error(`the page did not settle in ${timeoutMs / 1000} s`);
}

// ---- 4. In the page: ui-bench-page.ts ----

// ---- Chromium's own counters (CDP Performance domain, in thread CPU time) ----

type Metrics = Record<string, number>;
const METRICS = ['ThreadTime', 'ProcessTime', 'TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;

/** The renderer's counters now; with timeDomain 'threadTicks' the durations are CPU time of its main thread (seconds). */
async function readMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** What the page's renderer spent between two readings, in ms. */
function metricsDelta(before: Metrics, after: Metrics): Record<(typeof METRICS)[number], number> {
  return Object.fromEntries(METRICS.map((name) => [name, ((after[name] ?? 0) - (before[name] ?? 0)) * 1000])) as Record<(typeof METRICS)[number], number>;
}

// ---- Reporting ----

interface FrameStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  dropped: number;
}

/** Frame interval percentiles; a frame is dropped when its interval exceeds 1.5 vsync periods. */
function frameStats(intervals: readonly number[]): FrameStats {
  const sorted = intervals.map(tenth).sort((a, b) => a - b);
  const vsync = percentile(sorted, 50);
  return {
    count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN,
    dropped: sorted.filter((t) => t > vsync * 1.5).length,
  };
}

const verdict = (ok: boolean): string => (ok ? 'meets the target' : 'MISSES the target');

function rpcSummary(records: readonly RpcRecord[]): string {
  const byMethod = new Map<string, number[]>();
  for (const r of records) if (r.ms !== null) byMethod.set(r.method, [...(byMethod.get(r.method) ?? []), r.ms]);
  return [...byMethod]
    .map(([method, times]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return `${method} ×${times.length} (p50 ${ms(percentile(sorted, 50))}, max ${ms(sorted[sorted.length - 1]!)})`;
    })
    .join('; ');
}

const listPages = (records: readonly RpcRecord[]): RpcRecord[] => records.filter((r) => r.method === 'matches.list');

// ---- Profile: where the renderer's main thread spends a scroll ----

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Self time by trace event name on the renderer's main thread, and how busy that thread was:
 * wall time and thread (CPU) time, the second far less stretched by other processes taking the CPUs.
 */
function mainThreadBreakdown(trace: Buffer): { wallMs: number; busyMs: number; cpuMs: number; self: Array<[string, number, number]> } {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return { wallMs: 0, busyMs: 0, cpuMs: 0, self: [] };
  const slices = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, { wall: number; cpu: number }>();
  const add = (name: string, wall: number, cpu: number): void => {
    const entry = self.get(name) ?? { wall: 0, cpu: 0 };
    entry.wall += wall;
    entry.cpu += cpu;
    self.set(name, entry);
  };
  const stack: Array<{ name: string; end: number }> = [];
  let busy = 0;
  let cpu = 0;
  for (const e of slices) {
    const end = e.ts + (e.dur ?? 0);
    while (stack.length > 0 && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) add(parent.name, -(e.dur ?? 0), -(e.tdur ?? 0));
    else {
      busy += e.dur ?? 0;
      cpu += e.tdur ?? 0;
    }
    add(e.name, e.dur ?? 0, e.tdur ?? 0);
    stack.push({ name: e.name, end });
  }
  const first = slices[0]?.ts ?? 0;
  const last = slices.reduce((m, e) => Math.max(m, e.ts + (e.dur ?? 0)), first);
  return {
    wallMs: (last - first) / 1000,
    busyMs: busy / 1000,
    cpuMs: cpu / 1000,
    self: [...self].map(([name, t]): [string, number, number] => [name, t.wall / 1000, t.cpu / 1000]).sort((a, b) => b[2] - a[2]).slice(0, 14),
  };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time by function (name, file:line) of a V8 CPU profile, largest first. */
function profileHotspots(profile: CpuProfile, top: number): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i]!)?.callFrame;
    if (!frame) continue;
    const file = frame.url.split('/').pop() ?? '';
    const key = file ? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}` : frame.functionName;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
}

// ---- Scroll passes ----

interface ScrollPass {
  scroll: ScrollResult;
  spent: ReturnType<typeof metricsDelta>;
  rpcs: RpcRecord[];
}

/** One scroll of the queue with the renderer's CPU counters read around it and the requests it caused. */
async function scrollPass(page: Page, context: BrowserContext, rpc: ReturnType<typeof watchRpc>, options: { seconds: number; speed: number }): Promise<ScrollPass> {
  const counters = await context.newCDPSession(page);
  await counters.send('Performance.enable', { timeDomain: 'threadTicks' });
  const from = rpc.records.length;
  const before = await readMetrics(counters);
  const scroll = await page.evaluate(scrollInPage, { selector: QUEUE, seconds: options.seconds, speed: options.speed, rowHeight: ROW_HEIGHT });
  const spent = metricsDelta(before, await readMetrics(counters));
  await counters.detach();
  await settle(rpc);
  return { scroll, spent, rpcs: rpc.records.slice(from) };
}

/** Back to the top of the queue, once the page has settled. */
async function rewind(page: Page, rpc: ReturnType<typeof watchRpc>): Promise<void> {
  await page.evaluate((selector) => {
    const list = (globalThis as unknown as PageGlobals).document.querySelector(selector);
    if (list) list.scrollTop = 0;
  }, QUEUE);
  await settle(rpc);
}

function printScroll(title: string, pass: ScrollPass): void {
  const { scroll, spent } = pass;
  const frames = frameStats(scroll.intervals);
  const perFrame = (value: number): string => ms(value / Math.max(1, frames.count));
  console.log(`${title}: ${fmt(Math.round((scroll.endTop - scroll.startTop) / ROW_HEIGHT))} rows, ${fmt(frames.count)} frames`);
  console.log(`  frame time p50 ${ms(frames.p50)}, p95 ${ms(frames.p95)}, p99 ${ms(frames.p99)}, max ${ms(frames.max)} — target p95 ≤ ${TARGET_FRAME_MS} ms: ${verdict(frames.p95 <= TARGET_FRAME_MS)}`);
  console.log(`  dropped frames (> 1.5× the p50 interval): ${fmt(frames.dropped)}; frames showing rows still loading: ${fmt(scroll.busyFrames)}`);
  const longest = (list: readonly number[]): string => (list.length ? ` (max ${ms(Math.max(...list))})` : '');
  console.log(`  long tasks (> 50 ms): ${scroll.longTasks.length}${longest(scroll.longTasks)}; long animation frames: ${scroll.longFrames.length}${longest(scroll.longFrames)}`);
  console.log(`  renderer main thread CPU per frame drawn: ${perFrame(spent.ThreadTime)} (script ${perFrame(spent.ScriptDuration)}, style ${perFrame(spent.RecalcStyleDuration)}, layout ${perFrame(spent.LayoutDuration)}) of the 16.7 ms budget; renderer process CPU ${ms(spent.ProcessTime)} in all`);
  console.log(`  pages fetched: ${listPages(pass.rpcs).length}${pass.rpcs.length ? ` (${rpcSummary(pass.rpcs)})` : ''}`);
}

// ---- The benchmark ----

/** The UI benchmark (see the file comment). */
export async function uiBenchmark(args: readonly string[]): Promise<void> {
  const proposals = Math.round(numberOption(args, 'proposals', 100_000));
  const seconds = numberOption(args, 'seconds', 5);
  const speed = numberOption(args, 'speed', 8_000);
  const prebuilt = textOption(args, 'renderer');
  const traceFile = textOption(args, 'trace');
  const profile = args.includes('--profile') || traceFile !== null;
  const keep = args.includes('--keep');
  const minify = !args.includes('--no-minify');
  const kept = textOption(args, 'data');
  const tmp = mkdtempSync(join(tmpdir(), 'cuadra-bench-ui-'));
  const dataDir = kept ?? join(tmp, 'data');
  mkdirSync(dataDir, { recursive: true });
  let serve: { core: CoreClient; server: ServeServer } | null = null;
  let browser: Browser | null = null;
  try {
    let rendererDir = prebuilt;
    if (rendererDir === null) {
      const t = performance.now();
      rendererDir = join(tmp, 'renderer');
      await buildRenderer(rendererDir, minify);
      console.log(`renderer: built from renderer/ (production${minify ? '' : ', not minified'}) in ${fmt((performance.now() - t) / 1000, 1)} s`);
    } else console.log(`renderer: ${rendererDir} (prebuilt)`);

    if (kept !== null && existsSync(dataPaths(dataDir).db)) console.log(`database: reusing ${dataPaths(dataDir).db}`);
    else {
      const seeded = await seedDatabase(dataPaths(dataDir).db, proposals);
      console.log(`database: ${fmt(seeded.proposals)} pending proposals (${fmt(proposals)} bank lines, ${fmt(proposals)} books items, ${fmt(2 * proposals)} match lines) in ${fmt(seeded.seedMs / 1000, 1)} s`);
      console.log('  (inserted with SQL, not by running the engine: a real run never leaves this many pending; the screen reads only what is stored)');
    }

    serve = await startBenchServe(dataDir, rendererDir);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    console.log(`browser: Chromium ${browser.version()} headless, 1400×900, flags of tests/playwright.config.ts`);
    const load = (): string => `load average ${loadavg().map((l) => fmt(l, 1)).join(' ')} on ${availableParallelism()} CPUs`;
    console.log(`machine: ${load()} (frame times need the CPUs to themselves)`);
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    // tsx compiles this file with esbuild's keepNames: the functions page.evaluate sends call its __name helper.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const page = await context.newPage();
    const rpc = watchRpc(page);

    // Log in and let the landing screen finish its own requests.
    await page.goto(serve.server.url);
    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor({ timeout: 30_000 });
    await settle(rpc);

    // First render of the review screen.
    await page.evaluate(armFirstRender, LOADED_OPTION);
    const before = rpc.records.length;
    const clickedAt = performance.now();
    await nav.getByRole('button', { name: 'Review' }).click();
    await page.locator(LOADED_OPTION).first().waitFor({ state: 'visible', timeout: 60_000 });
    const wallFirstRender = performance.now() - clickedAt;
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__firstRender?.paintedAt != null);
    const firstRender = await page.evaluate(() => (globalThis as unknown as PageGlobals).__firstRender!);
    const firstRenderMs = firstRender.paintedAt! - firstRender.clickAt!;
    const rowsInQueue = Number(await page.locator(`${LOADED_OPTION}`).first().getAttribute('aria-setsize'));
    await settle(rpc);
    const openingRpcs = rpc.records.slice(before);

    // Continuous scroll from the top: first over rows not fetched yet (pages load on the way),
    // then the same stretch again over loaded rows (pure rendering).
    const cold = await scrollPass(page, context, rpc, { seconds, speed });
    await rewind(page, rpc);
    const warm = await scrollPass(page, context, rpc, { seconds, speed });

    // Jumps: the middle, then the last row.
    const jumps: Array<{ name: string; index: number; result: JumpResult; rpcs: RpcRecord[] }> = [];
    for (const [name, index] of [['middle', Math.floor(rowsInQueue / 2)], ['end', rowsInQueue - 1]] as const) {
      const from = rpc.records.length;
      const result = await page.evaluate(jumpInPage, { selector: QUEUE, index, rowHeight: ROW_HEIGHT, timeoutMs: 30_000 });
      await settle(rpc);
      jumps.push({ name, index, result, rpcs: rpc.records.slice(from) });
    }

    // ---- Report ----
    console.log('');
    console.log(`rows in the queue: ${fmt(rowsInQueue)}`);
    console.log(`first render of Review: ${ms(firstRenderMs)} (click → first loaded row painted; Playwright's click → visible: ${ms(wallFirstRender)}) — target ≤ ${fmt(TARGET_FIRST_RENDER_MS)} ms: ${verdict(firstRenderMs <= TARGET_FIRST_RENDER_MS)}`);
    console.log(`  requests while opening: ${rpcSummary(openingRpcs)}`);
    console.log(`  DOM commit of the first row at ${ms(firstRender.rowAt! - firstRender.clickAt!)} after the click`);
    printScroll(`scroll over rows not loaded yet: ${fmt(seconds, 1)} s at ${fmt(speed)} px/s from the top (scrollTop set in a rAF loop)`, cold);
    printScroll('the same scroll again, over loaded rows (rendering only)', warm);
    for (const jump of jumps) {
      const jf = frameStats(jump.result.intervals);
      console.log(`jump to the ${jump.name} (row ${fmt(jump.index + 1)}): loaded in ${ms(jump.result.loadedMs)}, ${jf.count} frames (max ${ms(jf.max)}), long tasks ${jump.result.longTasks.length}; pages fetched ${listPages(jump.rpcs).length} (${rpcSummary(jump.rpcs)})`);
    }
    const allPages = listPages(rpc.records);
    console.log(`matches.list pages fetched in all: ${allPages.length} of ${Math.ceil(rowsInQueue / 200)}`);
    console.log(`machine after the measurements: ${load()}`);

    if (profile) {
      // More passes of the same scroll, from the top, under a Chromium trace and then under V8's
      // sampling profiler (both slow frames down: these are not the figures above).
      await rewind(page, rpc);
      await browser.startTracing(page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing', 'v8', 'blink'],
      });
      const traced = await page.evaluate(scrollInPage, { selector: QUEUE, seconds, speed, rowHeight: ROW_HEIGHT });
      const trace = await browser.stopTracing();
      if (traceFile) writeFileSync(traceFile, trace);
      const breakdown = mainThreadBreakdown(trace);
      const tf = frameStats(traced.intervals);
      const frameCount = Math.max(1, traced.intervals.length);
      console.log(`\nprofile 1, a Chromium trace of the same scroll (p50 ${ms(tf.p50)}, p95 ${ms(tf.p95)}, ${tf.dropped} dropped)${traceFile ? `, written to ${traceFile}` : ''}`);
      console.log(`  renderer main thread: busy ${ms(breakdown.busyMs)} wall / ${ms(breakdown.cpuMs)} CPU over ${ms(breakdown.wallMs)}; per frame ${ms(breakdown.busyMs / frameCount)} wall, ${ms(breakdown.cpuMs / frameCount)} CPU`);
      console.log(`  self time by trace event (wall, CPU):`);
      for (const [name, wall, cpuTime] of breakdown.self) console.log(`    ${name.padEnd(36)} ${ms(wall).padStart(10)} ${ms(cpuTime).padStart(10)}`);

      await rewind(page, rpc);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const sampled = await page.evaluate(scrollInPage, { selector: QUEUE, seconds, speed, rowHeight: ROW_HEIGHT });
      const { profile: cpuProfile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      await cdp.detach();
      const sf = frameStats(sampled.intervals);
      console.log(`profile 2, V8 CPU samples of the same scroll (p50 ${ms(sf.p50)}, p95 ${ms(sf.p95)}; ${minify ? 'minified names: --no-minify for readable ones' : 'not minified'}), self time:`);
      for (const [name, time] of profileHotspots(cpuProfile, 20)) console.log(`    ${name.padEnd(60)} ${ms(time).padStart(10)}`);
    }
    await context.close();
  } finally {
    await browser?.close().catch(() => {});
    if (serve) {
      await serve.server.close().catch(() => {});
      await serve.core.close().catch(() => {});
    }
    if (keep) console.log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}
