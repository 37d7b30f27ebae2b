/**
 * Property tests for the CAMT parser: mutated real files, random CAMT-shaped trees and random
 * strings either parse into well-formed statements or are refused with ParseError (directly)
 * or CoreError (through parseStatementFile) — never any other exception. 2000 cases in total.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../main/core/importers/camt/index.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { assertWellFormed, mutatedFileArb, refusesCleanly } from './camt-ofx-mutations.js';

const dirs = ['camt052', 'camt053', 'camt054'];
const texts = dirs.flatMap((dir) =>
  readdirSync(new URL(`../fixtures/${dir}/`, import.meta.url))
    .filter((f) => f.endsWith('.xml') && !f.includes('refused'))
    .map((f) => readFileSync(new URL(`../fixtures/${dir}/${f}`, import.meta.url), 'utf8')),
);

const parseDirect = (text: string): void => {
  const r = parseCamt(text, { encoding: 'utf-8' });
  assertWellFormed(r.statements, r.diagnostics);
};

interface Tree {
  name: string;
  ccy: boolean;
  text: string;
  children: readonly Tree[];
}

const NAMES = ['Stmt', 'Rpt', 'Ntfctn', 'Ntry', 'Amt', 'CdtDbtInd', 'Sts', 'Cd', 'BookgDt', 'ValDt', 'Dt', 'DtTm', 'Bal', 'Tp', 'CdOrPrtry', 'NtryDtls', 'TxDtls', 'Refs', 'AcctSvcrRef', 'EndToEndId', 'RltdPties', 'Dbtr', 'Cdtr', 'Pty', 'Nm', 'DbtrAcct', 'CdtrAcct', 'Id', 'IBAN', 'Othr', 'RmtInf', 'Ustrd', 'Strd', 'CdtrRefInf', 'Ref', 'AmtDtls', 'TxAmt', 'InstdAmt', 'RvslInd', 'Acct', 'Ccy', 'TxsSummry', 'TtlCdtNtries', 'NbOfNtries', 'Sum', 'Btch', 'FrToDt', 'ToDtTm'];
const VALUES = ['', ' ', '1.00', '0', '-5', '1e3', '12.3456789', '99999999999999999999', 'CRDT', 'DBIT', 'BOOK', 'PDNG', 'OPBD', 'CLBD', 'ITBD', 'PRCD', 'CLAV', 'FWAV', '2024-02-30', '2024-01-31', '2024-01-31T23:59:59.999999999-05:00', 'EUR', 'JPY', 'true', 'NOTPROVIDED', 'ES9121000418450200051332', 'x &amp; y', '&#0;'];

const treeArb = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    name: fc.constantFrom(...NAMES),
    ccy: fc.boolean(),
    text: fc.constantFrom(...VALUES),
    children: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant<Tree[]>([]), fc.array(tie('node'), { maxLength: 5 })),
  }),
})).node;

function render(t: Tree): string {
  const attr = t.ccy ? ` Ccy="${t.text.length === 3 ? t.text : 'EUR'}"` : '';
  const body = t.children.length > 0 ? t.children.map(render).join('') : t.text;
  return `<${t.name}${attr}>${body}</${t.name}>`;
}

const randomDocArb = fc
  .tuple(fc.constantFrom('BkToCstmrStmt', 'BkToCstmrAcctRpt', 'BkToCstmrDbtCdtNtfctn'), fc.array(treeArb, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([root, nodes, prefixed]) => {
    const record = root === 'BkToCstmrStmt' ? 'Stmt' : root === 'BkToCstmrAcctRpt' ? 'Rpt' : 'Ntfctn';
    const xml = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><${root}><${record}>${nodes.map(render).join('')}</${record}></${root}></Document>`;
    return prefixed ? xml.replace(/<(\/?)(?=[A-Z])/g, '<$1p:').replace('<p:Document xmlns=', '<p:Document xmlns:p=') : xml;
  });

describe('CAMT parser never throws anything but ParseError / CoreError', () => {
  const counts = { parsed: 0, refused: 0 };
  const tally = (outcome: 'parsed' | 'refused'): void => {
    counts[outcome]++;
  };

  it('mutated real files, parsed directly (1000 cases)', () => {
    fc.assert(fc.property(mutatedFileArb(texts), (text) => tally(refusesCleanly(() => parseDirect(text)))), { numRuns: 1000 });
  });

  it('mutated real files through parseStatementFile (400 cases)', () => {
    fc.assert(
      fc.property(mutatedFileArb(texts), (text) => {
        tally(
          refusesCleanly(() => {
            const r = parseStatementFile(new TextEncoder().encode(text), { format: 'camt053' });
            assertWellFormed(r.statements, r.diagnostics);
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('random well-formed CAMT-shaped trees (400 cases)', () => {
    fc.assert(fc.property(randomDocArb, (text) => tally(refusesCleanly(() => parseDirect(text)))), { numRuns: 400 });
  });

  it('random strings (200 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), (text) =>
        tally(refusesCleanly(() => parseDirect(text))),
      ),
      { numRuns: 200 },
    );
  });

  it('exercised both outcomes', () => {
    console.info(`CAMT fuzz: ${counts.parsed} parsed, ${counts.refused} refused cleanly`);
    expect(counts.parsed + counts.refused).toBe(2000);
    expect(counts.parsed).toBeGreaterThan(300);
    expect(counts.refused).toBeGreaterThan(300);
  });
});
