// `npm run bench -- matching [--sizes 10000,100000] [--seed 42] [--no-brute] [--no-e2e] [--e2e-cpu-prof DIR]`:
// generates seeded months (tests/bench/generator), runs the matching engine on each in a fresh
// child process (so peak memory is that run's), and prints quality against the ground truth
// (auto-approved precision and share, proposal recall, calibration by decile), wall/CPU time and
// peak RSS, and the speed-up over a brute-force all-pairs scorer with the same scoring on the 10k
// month. Then, unless --no-e2e, the same month end to end (tests/bench/matching-e2e.ts): imported
// as canonical CSV files into a real SQLite file through the core and reconciled with the
// persisted run, with wall time, peak RSS and the quality of the stored matches
// (--e2e-cpu-prof DIR also writes a V8 CPU profile of that child).
// The model was fitted on seeds 7 and 8 (tests/bench/matching-fit.ts); the benchmark uses seed 42.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prepareRun, reconcile, advanceRun, startRun } from '../../main/core/matching/index.js';
import { generateMonth } from './generator/month.js';
import { bruteForceOneToOne } from './matching-bruteforce.js';
import { formatEndToEnd, runEndToEnd } from './matching-e2e.js';
import { evaluate, formatEvaluation, type Evaluation } from './matching-metrics.js';

interface ChildReport {
  lines: number;
  items: number;
  generateMs: number;
  engineWallMs: number;
  engineCpuMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  stageMs: Record<string, number>;
  evaluation: Evaluation;
  brute?: { pairs: number; lines: number; wallMs: number; extrapolatedMs: number; engineOneToOneMs: number; engineAllMs: number; agreement: number; likely: number };
}

const mb = (kb: number): number => Math.round(kb / 1024);
const fmt = (n: number, d = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function arg(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

/** One size, in this process: generate, reconcile, evaluate (and the brute force when asked). */
function runChild(lines: number, seed: number, brute: boolean): ChildReport {
  let t = performance.now();
  const month = generateMonth({ seed, bankLines: lines });
  const generateMs = performance.now() - t;
  const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const result = reconcile(month.input, { fxRates: month.fxRates });
  const engineWallMs = performance.now() - t;
  const engineCpuMs = cpuMs(cpu0);
  const peakRssMb = mb(process.resourceUsage().maxRSS);
  const report: ChildReport = {
    lines: month.input.bankLines.length, items: month.input.bookItems.length, generateMs, engineWallMs, engineCpuMs, rssBeforeMb, peakRssMb,
    stageMs: result.stats.stageMs, evaluation: evaluate(result, month.truth),
  };
  if (brute) {
    // The engine's 1:1 stage (normalise + block + score) against all pairs with the same scorer.
    t = performance.now();
    const state = startRun(month.input, { fxRates: month.fxRates });
    const ctx = prepareRun(month.input, state);
    while (state.stage !== 'combine_lines') advanceRun(ctx, state);
    const engineOneToOneMs = performance.now() - t;
    const engineBest = new Int32Array(ctx.bank.n).fill(-1);
    for (const d of state.drafts) if (d.kind === 'one' && engineBest[d.bank[0] ?? 0] === -1) engineBest[d.bank[0] ?? 0] = d.items[0] ?? -1;
    t = performance.now();
    const bctx = prepareRun(month.input, startRun(month.input, { fxRates: month.fxRates }));
    const prepMs = performance.now() - t;
    t = performance.now();
    const b = bruteForceOneToOne(bctx, Infinity, 240_000);
    const scoringMs = performance.now() - t;
    const extrapolatedMs = prepMs + (scoringMs * ctx.bank.n) / Math.max(1, b.lines);
    // Agreement where the brute force found a likely 1:1 match (p ≥ 0.5); elsewhere "best" is noise.
    let same = 0;
    let likely = 0;
    for (let l = 0; l < b.lines; l++) {
      if ((b.bestLogit[l] ?? -Infinity) < 0) continue;
      likely++;
      if (b.best[l] === engineBest[l]) same++;
    }
    report.brute = { pairs: b.pairs, lines: b.lines, wallMs: prepMs + scoringMs, extrapolatedMs, engineOneToOneMs, engineAllMs: engineWallMs, agreement: same / Math.max(1, likely), likely };
  }
  return report;
}

function print(r: ChildReport): void {
  console.log(`\n== ${r.lines.toLocaleString('en-US')} bank lines × ${r.items.toLocaleString('en-US')} open items (generated in ${fmt(r.generateMs / 1000)} s)`);
  console.log(`  engine wall time ${fmt(r.engineWallMs / 1000, 2)} s (CPU ${fmt(r.engineCpuMs / 1000, 2)} s incl. GC threads); peak RSS ${r.peakRssMb} MB (input data alone: ${r.rssBeforeMb} MB)   target ≤ 15 s, ≤ 1 GB at 100k`);
  console.log(`  stages (ms): ${Object.entries(r.stageMs).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  for (const line of formatEvaluation(r.evaluation)) console.log(line);
  if (r.brute) {
    const b = r.brute;
    const measured = b.lines < r.lines ? ` (measured on ${b.lines} lines, extrapolated)` : '';
    console.log(`  brute force, all ${r.lines.toLocaleString('en-US')} × ${r.items.toLocaleString('en-US')} pairs with the same scorer: ${fmt(b.extrapolatedMs / 1000)} s${measured}`);
    console.log(`  engine 1:1 stage (normalise + block + score): ${fmt(b.engineOneToOneMs / 1000, 2)} s → speed-up ${fmt(b.extrapolatedMs / b.engineOneToOneMs)}×; whole engine ${fmt(b.engineAllMs / 1000, 2)} s → ${fmt(b.extrapolatedMs / b.engineAllMs)}×`);
    console.log(`  same best 1:1 item as brute force on ${fmt(b.agreement * 100, 2)}% of the ${b.likely.toLocaleString('en-US')} lines where brute force finds a likely (p ≥ 0.5) 1:1 match`);
  }
}

/** The benchmark (see the file comment). */
export async function matchingBenchmark(args: readonly string[]): Promise<void> {
  const sizes = arg(args, 'sizes', '10000,100000').split(',').map(Number);
  const seed = Number(arg(args, 'seed', '42'));
  const brute = !args.includes('--no-brute');
  const e2e = !args.includes('--no-e2e');
  const cpuProf = arg(args, 'e2e-cpu-prof', '');
  const self = fileURLToPath(import.meta.url);
  console.log(`matching benchmark: seed ${seed}, model fitted on seeds 7 and 8, engine in a fresh process per size, machine load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const n of sizes) {
    const child = spawnSync(process.execPath, [...process.execArgv, self, '--child', String(n), '--seed', String(seed), ...(brute && n === sizes[0] ? ['--brute'] : [])], {
      encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`benchmark child for ${n} lines failed (${child.status})`);
    print(JSON.parse(child.stdout) as ChildReport);
    if (e2e) for (const line of formatEndToEnd(runEndToEnd(n, seed, cpuProf ? { cpuProfDir: cpuProf } : {}))) console.log(line);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--child')) {
  const args = process.argv.slice(2);
  process.stdout.write(JSON.stringify(runChild(Number(arg(args, 'child', '10000')), Number(arg(args, 'seed', '42')), args.includes('--brute'))));
}
