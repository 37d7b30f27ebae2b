/**
 * Property tests for the OFX/QFX parser: mutated real files, random OFX tag soup and random
 * strings either parse into well-formed statements or are refused with ParseError (directly)
 * or CoreError (through parseStatementFile) — never any other exception. 2000 cases in total.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOfx } from '../../main/core/importers/ofx/index.js';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { assertWellFormed, mutatedFileArb, refusesCleanly } from './camt-ofx-mutations.js';

const dir = new URL('../fixtures/ofx/', import.meta.url);
const texts = readdirSync(dir)
  .filter((f) => /\.(ofx|qfx)$/.test(f) && !f.includes('refused'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'));

const parseDirect = (text: string): void => {
  const r = parseOfx(text, { encoding: 'utf-8' });
  assertWellFormed(r.statements, r.diagnostics);
};

const TAGS = ['OFX', 'SIGNONMSGSRSV1', 'SONRS', 'STATUS', 'CODE', 'MESSAGE', 'BANKMSGSRSV1', 'STMTTRNRS', 'STMTRS', 'CREDITCARDMSGSRSV1', 'CCSTMTRS', 'INVSTMTRS', 'CURDEF', 'BANKACCTFROM', 'CCACCTFROM', 'ACCTID', 'BANKTRANLIST', 'DTSTART', 'DTEND', 'STMTTRN', 'TRNTYPE', 'DTPOSTED', 'DTUSER', 'TRNAMT', 'FITID', 'NAME', 'MEMO', 'CHECKNUM', 'CURRENCY', 'ORIGCURRENCY', 'CURRATE', 'CURSYM', 'LEDGERBAL', 'AVAILBAL', 'BALAMT', 'DTASOF', 'PAYEE', 'INTU.BID'];
const VALUES = ['', ' ', '0', '-6.60', '+75.6000', '-3,77', '$120', '1e9', '99999999999999999999', '-0.0000001', '20240131230000.000[-5:EST]', '20120231', '201120000000', '20180804093914:014', 'USD', 'JPY', 'KWD', 'XX', 'A&B', '&amp;lt;', '<![CDATA[ x ]]>', '0000', '17.05', '0'];

const tokenArb = fc.oneof(
  fc.constantFrom(...TAGS).map((t) => `<${t}>`),
  fc.constantFrom(...TAGS).map((t) => `</${t}>`),
  fc.constantFrom(...TAGS).map((t) => `<${t}/>`),
  fc.constantFrom(...VALUES),
  fc.constantFrom('\n', '\r\n', '  ', '<', '>', '<!-- x -->', '<?OFX OFXHEADER="200"?>'),
);

const soupArb = fc
  .array(tokenArb, { minLength: 1, maxLength: 80 })
  .map((tokens) => `OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>${tokens.join('')}`);

describe('OFX parser never throws anything but ParseError / CoreError', () => {
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
            const r = parseStatementFile(new TextEncoder().encode(text), { format: 'ofx' });
            assertWellFormed(r.statements, r.diagnostics);
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('random OFX tag soup (400 cases)', () => {
    fc.assert(fc.property(soupArb, (text) => tally(refusesCleanly(() => parseDirect(text)))), { numRuns: 400 });
  });

  it('random strings (200 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), (text) =>
        tally(refusesCleanly(() => parseDirect(`<OFX>${text}`))),
      ),
      { numRuns: 200 },
    );
  });

  it('exercised both outcomes', () => {
    console.info(`OFX fuzz: ${counts.parsed} parsed, ${counts.refused} refused cleanly`);
    expect(counts.parsed + counts.refused).toBe(2000);
    expect(counts.parsed).toBeGreaterThan(300);
    expect(counts.refused).toBeGreaterThan(100);
  });
});
