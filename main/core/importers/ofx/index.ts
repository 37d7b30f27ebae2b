/**
 * OFX 1.x (SGML), OFX 2.x (XML) and hybrid files, and Quicken's QFX (OFX with Intuit's
 * `INTU.*` sign-on tags): bank (`STMTRS`) and credit-card (`CCSTMTRS`) statements, any number
 * per file. Investment statements are not supported: a file with only those is refused.
 */
import { ParseError } from '../errors.js';
import type { Diagnostic, Statement } from '../types.js';
import { assertSafeMarkup } from '../xml-safety.js';
import { readOfxHeader } from './header.js';
import { readOfxStatement } from './statement.js';
import { buildOfxTree, ofxFindAll, ofxValue, type OfxNode } from './tree.js';

export { readOfxHeader } from './header.js';

export interface OfxResult {
  format: 'ofx' | 'qfx';
  statements: Statement[];
  diagnostics: Diagnostic[];
}

/** A STATUS aggregate that is not success (CODE ≠ 0), as a sentence; undefined when fine. */
function statusProblem(owner: OfxNode): string | undefined {
  const status = owner.children.find((c) => c.name === 'STATUS');
  const code = ofxValue(status, 'CODE');
  if (!status || code === undefined || /^0+$/.test(code)) return undefined;
  const message = ofxValue(status, 'MESSAGE');
  return `code ${code}${ofxValue(status, 'SEVERITY') ? ` ${ofxValue(status, 'SEVERITY')}` : ''}${message ? `: ${message}` : ''}`;
}

/** Parse an OFX/QFX text (already decoded) into statements and diagnostics. */
export function parseOfx(text: string, ctx: { encoding: string }): OfxResult {
  void ctx;
  assertSafeMarkup(text);
  if (!/<OFX[\s>]/i.test(text)) throw new ParseError('ofx_no_root', 'No <OFX> element found: this is not an OFX file.');
  const diagnostics: Diagnostic[] = [];
  const header = readOfxHeader(text);
  const { root, unclosed } = buildOfxTree(text);
  const ofxRoots = ofxFindAll(root, 'OFX');
  if (ofxRoots.length === 0) throw new ParseError('ofx_no_root', 'No <OFX> element found: this is not an OFX file.');
  if (unclosed.includes('OFX')) {
    diagnostics.push({ level: 'warning', code: 'ofx_truncated', message: 'The file ends before </OFX>: it may be truncated.' });
  }
  if (header.syntax === 'none') {
    diagnostics.push({ level: 'info', code: 'ofx_no_header', message: 'The file has no OFX header; read as OFX anyway.' });
  }

  const signonProblems: string[] = [];
  for (const sonrs of ofxFindAll(root, 'SONRS')) {
    const problem = statusProblem(sonrs);
    if (problem !== undefined) {
      signonProblems.push(problem);
      diagnostics.push({ level: 'error', code: 'ofx_signon_error', message: `The bank reported a sign-on error (${problem}).`, line: sonrs.line });
    }
  }
  const trnProblems: string[] = [];
  for (const name of ['STMTTRNRS', 'CCSTMTTRNRS']) {
    for (const rs of ofxFindAll(root, name)) {
      const problem = statusProblem(rs);
      if (problem === undefined) continue;
      trnProblems.push(problem);
      diagnostics.push({ level: 'warning', code: 'ofx_statement_status', message: `The bank reported a problem with a statement (${problem}).`, line: rs.line });
    }
  }

  const stmtNodes = [...ofxFindAll(root, 'STMTRS'), ...ofxFindAll(root, 'CCSTMTRS')].sort((a, b) => a.line - b.line);
  const investments = ofxFindAll(root, 'INVSTMTRS');
  const hasInvestmentSet = investments.length > 0 || ofxFindAll(root, 'INVSTMTMSGSRSV1').length > 0;
  if (stmtNodes.length === 0) {
    if (hasInvestmentSet) {
      throw new ParseError('ofx_investment_only', 'This OFX file holds only investment statements: investment statements are not supported. Export the bank or card account instead.');
    }
    const signon = signonProblems[0];
    if (signon !== undefined) throw new ParseError('ofx_signon_error', `The bank refused the sign-on (${signon}); the file contains no statement.`);
    const problem = trnProblems[0];
    if (problem !== undefined) throw new ParseError('ofx_no_statement', `The OFX file contains no statement; the bank reported ${problem}.`);
    throw new ParseError('ofx_no_statement', 'The OFX file contains no bank or credit-card statement.');
  }
  if (investments.length > 0) {
    diagnostics.push({
      level: 'warning',
      code: 'ofx_investment_skipped',
      message: `${investments.length} investment statement(s) in the file were skipped: investment statements are not supported.`,
      line: investments[0]?.line,
    });
  }
  const statements = stmtNodes.map((s) => readOfxStatement(s, diagnostics));
  const isQfx = ofxFindAll(root, 'INTU.BID').length > 0 || ofxFindAll(root, 'INTU.USERID').length > 0;
  return { format: isQfx ? 'qfx' : 'ofx', statements, diagnostics };
}
