// The matching benchmark with and without the semantic pass (part of `npm run bench -- embed`):
// the same generated month, the engine alone, then the engine plus the semantic pass with the
// local embedder (IDF learned from the month's own texts). Prints the share of true matches
// auto-approved and found among the proposals, both ways, and what the pass cost.
import { reconcile, semanticPass, bankLineText, bookItemText } from '../../main/core/matching/index.js';
import { buildIdfTable, createLocalEmbedder } from '../../main/core/embed/index.js';
import { generateMonth } from './generator/month.js';
import { evaluate, matchKey } from './matching-metrics.js';

const pctText = (x: number): string => `${(x * 100).toFixed(2)}%`;

/** Runs the comparison for one size and prints it. */
export function semanticComparison(lines: number, seed = 42): void {
  const month = generateMonth({ seed, bankLines: lines });
  const t0 = performance.now();
  const engine = reconcile(month.input, { fxRates: month.fxRates });
  const engineMs = performance.now() - t0;
  const before = evaluate(engine, month.truth);
  const t1 = performance.now();
  const texts = [...month.input.bankLines.map(bankLineText), ...month.input.bookItems.map(bookItemText)];
  const embedder = createLocalEmbedder({ idf: buildIdfTable(texts) });
  const { result, stats } = semanticPass(month.input, engine, { embed: (text) => embedder.embedSync(text) });
  const semanticMs = performance.now() - t1;
  const after = evaluate(result, month.truth);
  const truth = new Set(month.truth.map((t) => matchKey(t.bankIds, t.bookIds)));
  const added = result.proposals.filter((p) => p.kind === 'semantic');
  const right = added.filter((p) => truth.has(matchKey(p.bankIds, p.bookIds))).length;
  console.log(`  ${lines.toLocaleString('en')} bank lines (seed ${seed}), engine ${(engineMs / 1000).toFixed(2)} s, semantic pass ${(semanticMs / 1000).toFixed(2)} s over ${stats.linesConsidered} unmatched lines (${stats.candidatesScored} candidates scored)`);
  console.log(`    without the semantic pass: auto-approved share ${pctText(before.autoShare)} (precision ${pctText(before.precision)}), true matches among proposals ${pctText(before.recall)}`);
  console.log(`    with the semantic pass:    auto-approved share ${pctText(after.autoShare)} (precision ${pctText(after.precision)}), true matches among proposals ${pctText(after.recall)}`);
  console.log(`    semantic proposals: ${added.length}, of which right ${right} (${added.length ? pctText(right / added.length) : 'n/a'}); never auto-approved`);
}

/** `npm run bench -- semantic [--sizes 10000,100000]`. */
export async function semanticBenchmark(args: readonly string[]): Promise<void> {
  const i = args.indexOf('--sizes');
  const sizes = i >= 0 && args[i + 1] ? args[i + 1]!.split(',').map(Number) : [10_000, 100_000];
  console.log('matching with and without the semantic pass (local embedder, no network):');
  for (const n of sizes) semanticComparison(n);
}
