/**
 * MT940 (customer statement) and MT942 (interim transaction report) parser. Accepts files with
 * or without SWIFT blocks, many messages per file, and the bank variants listed in FORMATS.md.
 * One Statement per message; the file's format is 'mt942' when every message is an interim report.
 */
import type { Diagnostic, Statement, StatementFormat } from '../types.js';
import { ParseError } from '../errors.js';
import { splitMessages } from './envelope.js';
import { buildStatement, isInterimReport } from './statement.js';

export interface Mt940Result {
  statements: Statement[];
  diagnostics: Diagnostic[];
  format: StatementFormat;
}

/** Parse decoded MT940/MT942 text. Throws ParseError when no message can be found. */
export function parseMt940(text: string, _ctx: { encoding: string } = { encoding: 'utf-8' }): Mt940Result {
  const diagnostics: Diagnostic[] = [];
  const messages = splitMessages(text, diagnostics);
  const statements: Statement[] = [];
  let interimCount = 0;
  for (const message of messages) {
    const statement = buildStatement(message, diagnostics);
    if (!statement) continue;
    statements.push(statement);
    if (isInterimReport(message)) interimCount++;
  }
  if (statements.length === 0) {
    throw new ParseError('no_statement', 'No MT940/MT942 statement (tags :20:, :25:, :60F:, :61:, :62F:) could be read from this file.');
  }
  const format: StatementFormat = interimCount === statements.length ? 'mt942' : 'mt940';
  if (interimCount > 0 && interimCount < statements.length) {
    diagnostics.push({
      level: 'info',
      code: 'mixed_mt940_mt942',
      message: `${interimCount} of ${statements.length} messages are MT942 interim reports; their lines are marked provisional.`,
    });
  }
  return { statements, diagnostics, format };
}
