// `npm run bench -- <name> [options]`: runs one benchmark by name. Benchmarks are not tests:
// they print figures for people and are never part of `npm test`.

/** A benchmark: runs with the arguments after its name and prints its own figures. */
export type Benchmark = (args: readonly string[]) => Promise<void>;

const benchmarks: Readonly<Record<string, () => Promise<Benchmark>>> = {
  import: async () => (await import('./import-bench.js')).importBenchmark,
  queries: async () => (await import('./queries-bench.js')).queriesBenchmark,
  matching: async () => (await import('./matching-bench.js')).matchingBenchmark,
  embed: async () => (await import('./embed-bench.js')).embedBenchmark,
  ui: async () => (await import('./ui-bench.js')).uiBenchmark,
  semantic: async () => (await import('./matching-semantic.js')).semanticBenchmark,
};

const [name, ...args] = process.argv.slice(2);
const load = name === undefined ? undefined : benchmarks[name];
if (!load) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]\n`);
  process.exitCode = 2;
} else {
  try {
    await (await load())(args);
  } catch (error) {
    process.stderr.write(`bench ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
