/**
 * MT940 :86: information to the account owner. The raw text is always kept; structure is read
 * best-effort: German GVC subfields (`166?00…?20…?32…`), slash keys (`/EREF/…/NAME/…/REMI/…`,
 * ING and SEPA style), else free text. Wrapped lines (65 columns) are re-joined without a space.
 */
import type { Counterparty, References } from '../types.js';
import { isValidIban, normalizeIban } from '../iban.js';
import { findCreditorReference } from '../references.js';
import { trimEndChars } from '../text.js';

export interface ParsedDetails {
  description: string;
  counterparty: Counterparty;
  references: References;
  /** German GVC (Geschäftsvorfallcode) when present. */
  bankSubCode?: string;
}

/** The SWIFT line width of :86:; a line this long was cut by the width, not by the writer. */
const WRAP_WIDTH = 65;

/** Join wrapped lines: a full-width line continues into the next one without a space. Blank lines are dropped. */
export function joinWrapped(lines: string[], collapse = true): string {
  let out = '';
  let previousFull = false;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      previousFull = false;
      continue;
    }
    if (out === '') out = line.trimStart();
    else out += previousFull ? line : ` ${line.trimStart()}`;
    previousFull = raw.length >= WRAP_WIDTH;
  }
  return collapse ? out.replace(/\s+/g, ' ').trim() : out.trim();
}

/** Parse :86: lines into description, counterparty and references. */
export function parseDetails(lines: string[]): ParsedDetails {
  const glued = lines.map((l) => l.trim()).join('');
  // German GVC structure; Polish banks use the same layout with '~', '<' or '^' as separator.
  const german = /^(\d{3})([?>~<^])\d{2}/.exec(glued);
  if (german) return parseGerman(glued, german[1] ?? '', german[2] ?? '?');
  const joined = joinWrapped(lines, false);
  if (/^\/[A-Z]{2,9}\//.test(joined)) {
    const slash = parseSlashKeys(joined);
    if (slash) return slash;
  }
  return parseFreeText(lines);
}

/** Keywords of SEPA purpose text in German statements. */
const SEPA_KEYS = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/g;

function parseGerman(text: string, gvc: string, sep: string): ParsedDetails {
  const fields = new Map<string, string>();
  const re = new RegExp(`\\${sep}(\\d{2})`, 'g');
  const marks = [...text.matchAll(re)];
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i];
    if (!mark || mark.index === undefined) continue;
    const end = marks[i + 1]?.index ?? text.length;
    const key = mark[1] ?? '';
    fields.set(key, (fields.get(key) ?? '') + text.slice(mark.index + mark[0].length, end));
  }
  const purposeKeys = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63'];
  const purpose = purposeKeys.map((k) => fields.get(k) ?? '').join('');
  const sepa = splitSepaKeys(purpose);
  const references: References = {};
  const counterparty: Counterparty = {};
  const eref = sepa.get('EREF');
  if (eref && eref !== 'NOTPROVIDED') references.endToEndId = eref;
  const mref = sepa.get('MREF');
  if (mref) references.mandateId = mref;
  const other = ['KREF', 'CRED', 'DEBT'].flatMap((k) => (sepa.has(k) ? [`${k}+${sepa.get(k) ?? ''}`] : []));
  if (other.length > 0) references.other = other;
  const bic = (fields.get('30') ?? '').trim();
  const account31 = (fields.get('31') ?? '').trim();
  const iban38 = (fields.get('38') ?? '').trim(); // Polish layouts put the counterparty IBAN in ~38
  const account = !isValidIban(account31) && isValidIban(iban38) ? iban38 : account31;
  const name = `${fields.get('32') ?? ''}${fields.get('33') ?? ''}`.replace(/\s+/g, ' ').trim();
  if (name) counterparty.name = name;
  if (bic) counterparty.bic = bic;
  if (account) {
    if (isValidIban(account)) counterparty.iban = normalizeIban(account);
    else counterparty.account = account;
  }
  const remittance = sepa.get('SVWZ') ?? (sepa.size > 0 ? (sepa.get('') ?? '') : purpose);
  const description = [fields.get('00') ?? '', remittance].map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s !== '').join(' ');
  const rf = findCreditorReference(remittance);
  if (rf) references.creditorReference = rf;
  return { description, counterparty, references, ...(gvc ? { bankSubCode: gvc } : {}) };
}

/** Split SEPA purpose text at `EREF+`, `SVWZ+`, … ('' holds any text before the first key). */
function splitSepaKeys(purpose: string): Map<string, string> {
  const out = new Map<string, string>();
  const marks = [...purpose.matchAll(SEPA_KEYS)];
  if (marks.length === 0) return out;
  const lead = purpose.slice(0, marks[0]?.index ?? 0).trim();
  if (lead) out.set('', lead);
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i];
    if (!mark || mark.index === undefined) continue;
    const end = marks[i + 1]?.index ?? purpose.length;
    const key = mark[1] ?? '';
    if (!out.has(key)) out.set(key, purpose.slice(mark.index + mark[0].length, end).trim());
  }
  return out;
}

/** Slash keys seen in Dutch (ING, Rabobank, ABN AMRO SEPA) and other banks' :86:. */
const SLASH_KEYS = [
  'TRTP', 'EREF', 'MARF', 'CSID', 'CNTP', 'REMI', 'PURP', 'ULTC', 'ULTD', 'ULTB', 'IBAN', 'NAME', 'BIC', 'ADDR',
  'ORDP', 'BENM', 'RTRN', 'ISDT', 'PREF', 'SVWZ', 'BUSP', 'CDTRREF', 'CDTRREFTP', 'ACCW', 'KREF', 'MREF',
];
const SLASH_RE = new RegExp(`/(${SLASH_KEYS.join('|')})/`, 'g');

function parseSlashKeys(text: string): ParsedDetails | null {
  const marks = [...text.matchAll(SLASH_RE)];
  if (marks.length === 0 || marks[0]?.index !== 0) return null;
  const values = new Map<string, string>();
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i];
    if (!mark || mark.index === undefined) continue;
    const end = marks[i + 1]?.index ?? text.length;
    const key = mark[1] ?? '';
    const value = trimEndChars(text.slice(mark.index + mark[0].length, end), '/').trim();
    if (!values.has(key) || values.get(key) === '') values.set(key, value);
  }
  const counterparty: Counterparty = {};
  const references: References = {};
  const cntp = (values.get('CNTP') ?? '').split('/');
  const iban = values.get('IBAN') || cntp[0] || '';
  const bic = values.get('BIC') || cntp[1] || '';
  const name = values.get('NAME') || cntp[2] || '';
  if (iban) {
    if (isValidIban(iban)) counterparty.iban = normalizeIban(iban);
    else counterparty.account = iban;
  }
  if (bic) counterparty.bic = bic;
  if (name) counterparty.name = name.replace(/\s+/g, ' ').trim();
  const eref = values.get('EREF');
  if (eref && eref !== 'NOTPROVIDED') references.endToEndId = eref;
  const mandate = values.get('MARF') || values.get('MREF');
  if (mandate) references.mandateId = mandate;
  let remi = values.get('REMI') ?? values.get('SVWZ') ?? '';
  const structured = /^STRD\/CUR\/(.*)$/.exec(remi);
  if (structured) {
    references.creditorReference = (structured[1] ?? '').trim();
    remi = references.creditorReference;
  } else {
    remi = remi.replace(/^USTD\/\//, '');
    const rf = findCreditorReference(remi);
    if (rf) references.creditorReference = rf;
  }
  const description = [values.get('TRTP') ?? '', remi].map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s !== '').join(' ');
  return { description, counterparty, references };
}

/**
 * Free text: wrapped lines joined. When the text opens with an IBAN (ASN, Triodos …), the IBAN
 * and the rest of that first line are taken as the counterparty.
 */
function parseFreeText(lines: string[]): ParsedDetails {
  const description = joinWrapped(lines);
  const counterparty: Counterparty = {};
  const references: References = {};
  const firstLine = (lines.find((l) => l.trim() !== '') ?? '').trim();
  const lead = /^([A-Z]{2}\d{2}[A-Z0-9]{10,30})(?:\s+(.+))?$/.exec(firstLine);
  if (lead && isValidIban(lead[1] ?? '')) {
    counterparty.iban = normalizeIban(lead[1] ?? '');
    const name = (lead[2] ?? '').trim();
    if (name) counterparty.name = name;
  }
  const rf = findCreditorReference(description);
  if (rf) references.creditorReference = rf;
  return { description, counterparty, references };
}
