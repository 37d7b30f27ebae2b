#!/usr/bin/env node
// `npm test`: type checks, lint, the renderer build, every vitest project and the
// Playwright end-to-end suite in headless Chromium. Runs every step, then prints one
// summary line "tests: N passed, M failed" counted from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const results = join(process.cwd(), 'test-results');
rmSync(join(results, 'vitest.json'), { force: true });
rmSync(join(results, 'playwright.json'), { force: true });
mkdirSync(results, { recursive: true });

const steps = [
  ['type check (Node)', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['type check (DOM)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
  ['type check (end-to-end)', 'npx', ['tsc', '-p', 'tsconfig.e2e.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '--config', 'tests/eslint.config.js', '--max-warnings', '0', '.']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['unit and integration tests', 'npx', ['vitest', 'run', '--config', 'tests/vitest.config.ts',
    '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'vitest.json')}`]],
  ['end-to-end tests', 'npx', ['playwright', 'test', '--config', 'tests/playwright.config.ts']],
];

const failedSteps = [];
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) failedSteps.push(name);
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
}

let passed = 0;
let failed = 0;
const vitest = join(results, 'vitest.json');
if (existsSync(vitest)) {
  const v = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numTotalTests === 0 ? 1 : 0);
} else failed += 1;
const pw = join(results, 'playwright.json');
if (existsSync(pw)) {
  const p = JSON.parse(readFileSync(pw, 'utf8'));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
} else failed += 1;

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
