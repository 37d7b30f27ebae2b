import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
const b = new Uint8Array(readFileSync('/tmp/crash2.bin'));
console.log('cfb');
const cfb = XLSX.CFB.read(b, { type: 'array' } as any);
console.log('cfb ok', cfb.FullPaths, cfb.FileIndex.map((f: any) => [f.name, f.size, f.content?.length]));
