import { readFileSync, writeFileSync } from 'node:fs';
import { parseBankTable } from './main/core/importers/tabular/index.js';
const name = process.argv[2] ?? 'es_kutxabank_cuenta_biff.xls';
const base = new Uint8Array(readFileSync(name.startsWith('/') ? name : 'tests/fixtures/tabular/' + name));
let seed = Number(process.argv[3] ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
for (let i = 0; i < 3000; i++) {
  let b = base.slice();
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const kind = Math.floor(rnd() * 3);
    const at = Math.floor(rnd() * b.length);
    if (kind === 0) b[at] = Math.floor(rnd() * 256);
    else if (kind === 1) { const len = 1 + Math.floor(rnd() * 200); b = new Uint8Array(Buffer.concat([b.subarray(0, at), b.subarray(at, at + len), b.subarray(at)])); }
    else { const len = 1 + Math.floor(rnd() * 200); b = new Uint8Array(Buffer.concat([b.subarray(0, at), b.subarray(at + len)])); }
  }
  writeFileSync('/tmp/last-mutated.bin', b);
  try { parseBankTable(b); } catch (e) { if (!(e instanceof Error) || !['CoreError','ParseError'].includes(e.name)) { console.log('non-core error', e); process.exit(2); } }
}
console.log('no crash');
