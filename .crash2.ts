import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
const b = new Uint8Array(readFileSync('/tmp/crash2.bin'));
console.log('reading');
const wb = XLSX.read(b, { type: 'array', dense: true, cellNF: true, cellDates: false, cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, sheetRows: 1000001 });
console.log('read ok', wb.SheetNames);
for (const n of wb.SheetNames) { const d = (wb.Sheets[n] as any)['!data']; console.log(n, d?.length, d?.map((r: any) => r?.length ?? 0).reduce((a: number, b: number) => Math.max(a, b), 0)); }
