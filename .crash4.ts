import { readFileSync } from 'node:fs';
import { assertSafeCfb } from './main/core/importers/tabular/cfb-guard.js';
for (const f of process.argv.slice(2)) {
  try { assertSafeCfb(new Uint8Array(readFileSync(f))); console.log(f, 'passes'); } catch (e) { console.log(f, (e as Error).message); }
}
