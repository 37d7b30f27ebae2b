/**
 * ISO 20022 bank-to-customer cash management messages: CAMT.052 (account report), CAMT.053
 * (statement), CAMT.054 (debit/credit notification), any version (.001.02 … .001.13), with
 * or without namespace prefixes, several documents per file.
 */
import { ParseError } from '../errors.js';
import type { Diagnostic, Statement } from '../types.js';
import { parseXmlChunk, splitXmlDocuments, type XmlElement } from '../xml-safety.js';
import { buildStatement } from './statement.js';
import { child, childrenNamed, textAt } from './xml-query.js';
import { dateOfText, note } from './values.js';

export type CamtFormat = 'camt052' | 'camt053' | 'camt054';

export interface CamtResult {
  format: CamtFormat;
  statements: Statement[];
  diagnostics: Diagnostic[];
}

interface MessageKind {
  format: CamtFormat;
  root: string;
  record: string;
  label: string;
}

const KINDS: readonly MessageKind[] = [
  { format: 'camt053', root: 'BkToCstmrStmt', record: 'Stmt', label: 'CAMT.053 statement' },
  { format: 'camt052', root: 'BkToCstmrAcctRpt', record: 'Rpt', label: 'CAMT.052 account report' },
  { format: 'camt054', root: 'BkToCstmrDbtCdtNtfctn', record: 'Ntfctn', label: 'CAMT.054 notification' },
];

const NAMESPACE_RE = /urn:iso:std:iso:20022:tech:xsd:camt\.(05[234])\.001\.(\d{2})/;

/** The message element (BkToCstmrStmt, …) at the root or under `Document`. */
function findMessage(roots: XmlElement[]): { kind: MessageKind; el: XmlElement } | undefined {
  for (const root of roots) {
    for (const candidate of [root, ...root.children]) {
      const kind = KINDS.find((k) => k.root === candidate.name);
      if (kind) return { kind, el: candidate };
    }
  }
  return undefined;
}

/** Parse a CAMT.052/053/054 file (text already decoded) into statements and diagnostics. */
export function parseCamt(text: string, ctx: { encoding: string }): CamtResult {
  void ctx;
  const chunks = splitXmlDocuments(text);
  if (chunks.length === 0) throw new ParseError('camt_empty', 'The file contains no XML document.');
  const diagnostics: Diagnostic[] = [];
  const statements: Statement[] = [];
  const formats: CamtFormat[] = [];
  for (const [i, chunk] of chunks.entries()) {
    const doc = parseXmlChunk(chunk);
    const which = chunks.length > 1 ? `Document ${i + 1}` : 'The document';
    if (doc.strayAmpersands > 0) {
      note(diagnostics, 'warning', 'xml_stray_ampersand',
        `${which} contains ${doc.strayAmpersands} unescaped "&"; read as a literal "&".`, doc.line);
    }
    const msg = findMessage(doc.roots);
    if (!msg) {
      const rootName = doc.roots[0]?.name ?? '(none)';
      throw new ParseError('camt_unknown_message',
        `${which} is not a CAMT.052/053/054 bank-to-customer message (root element <${rootName}>).`, doc.line);
    }
    const ns = NAMESPACE_RE.exec(chunk.text.slice(0, 4096));
    if (ns && `camt${ns[1]}` !== msg.kind.format) {
      note(diagnostics, 'warning', 'camt_namespace_mismatch',
        `${which} declares namespace camt.${ns[1]} but contains a ${msg.kind.label}; read as the latter.`, doc.line);
    }
    const records = childrenNamed(msg.el, msg.kind.record);
    const msgId = textAt(msg.el, 'GrpHdr', 'MsgId');
    if (records.length === 0) {
      throw new ParseError('camt_no_statement',
        `The ${msg.kind.label} message${msgId ? ` ${msgId}` : ''} contains no <${msg.kind.record}>: there is nothing to import (the file is incomplete or not a statement).`,
        msg.el.line);
    }
    formats.push(msg.kind.format);
    const messageDate = dateOfText(textAt(child(msg.el, 'GrpHdr'), 'CreDtTm'));
    for (const record of records) {
      statements.push(buildStatement(record, { format: msg.kind.format, messageDate, diagnostics }));
    }
  }
  const format = formats[0] ?? 'camt053';
  if (new Set(formats).size > 1) {
    note(diagnostics, 'warning', 'camt_mixed_messages',
      `The file mixes ${[...new Set(formats)].join(', ')} messages; it is reported as ${format}, each line keeps its own status.`);
  }
  if (chunks.length > 1) {
    note(diagnostics, 'info', 'camt_several_documents', `The file holds ${chunks.length} CAMT documents; all were read.`);
  }
  if (format === 'camt052') {
    note(diagnostics, 'info', 'camt052_provisional', 'CAMT.052 is an intraday report: its lines are provisional, not final bookings.');
  }
  return { format, statements, diagnostics };
}
