/**
 * Evidence in a bank text: where it carries an item's document number, payment reference or tax
 * id, and which of its words are the counterparty's. Comparison ignores case, accents and the
 * separators banks insert or drop ("FV2024/00123" finds "FV-2024-00123").
 */

export interface EvidenceRange {
  start: number;
  end: number;
  kind: 'reference' | 'name';
}

export interface EvidenceTerms {
  /** Document numbers, references, tax ids: found whole, separators aside, or by their number. */
  references: readonly (string | null | undefined)[];
  /** Names whose words are looked for one by one. */
  names: readonly (string | null | undefined)[];
}

/** Words too common in company names and bank texts to count as evidence. */
const STOP_WORDS = new Set([
  'sl', 'slu', 'sa', 'sau', 'sll', 'sc', 'scp', 'cb', 'srl', 'sas', 'sapi', 'cv', 'de', 'del', 'la', 'las', 'el', 'los', 'y', 'e',
  'and', 'the', 'of', 'inc', 'ltd', 'llc', 'gmbh', 'co', 'corp', 'sociedad', 'limitada', 'anonima', 'cooperativa', 'grupo',
  'servicios', 'transferencia', 'transfer', 'pago', 'payment', 'recibo', 'cargo', 'abono', 'sepa', 'spei', 'ref', 'factura',
]);

const ALNUM = /[\p{L}\p{N}]/u;

/** Lower case without accents, with a map from each folded position back to the original text. */
function fold(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const part = (text[i] ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const ch of part) {
      folded += ch;
      for (let k = 0; k < ch.length; k++) map.push(i);
    }
  }
  map.push(text.length);
  return { folded, map };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const bounded = (pattern: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'gu');

function referencePatterns(reference: string): RegExp[] {
  const chars = [...fold(reference).folded].filter((ch) => ALNUM.test(ch));
  if (chars.length < 3) return [];
  // Whole, with at most one separator between any two characters.
  const patterns = [bounded(chars.map(escape).join('[^\\p{L}\\p{N}]?'))];
  // The number alone ("123" or "00123" of "FV-2024-00123"): the longest run of four digits or more.
  const digits = (reference.match(/\d+/g) ?? []).sort((a, b) => b.length - a.length)[0];
  const core = digits?.replace(/^0+/, '') ?? '';
  if (digits && digits.length >= 4 && core.length >= 3) patterns.push(bounded(`0*${core}`));
  return patterns;
}

function nameWords(names: EvidenceTerms['names']): string[] {
  const words = new Set<string>();
  for (const name of names) {
    for (const word of fold(name ?? '').folded.split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 3 && !STOP_WORDS.has(word) && !/^\d+$/.test(word)) words.add(word);
    }
  }
  return [...words];
}

function findAll(folded: string, pattern: RegExp): [number, number][] {
  const found: [number, number][] = [];
  for (const match of folded.matchAll(pattern)) {
    if (match[0].length > 0) found.push([match.index, match.index + match[0].length]);
  }
  return found;
}

/** Where the terms occur in a text, sorted, without overlaps (a reference wins over a name). */
export function evidenceRanges(text: string, terms: EvidenceTerms): EvidenceRange[] {
  if (text === '') return [];
  const { folded, map } = fold(text);
  const raw: EvidenceRange[] = [];
  const toRange = ([start, end]: [number, number], kind: EvidenceRange['kind']): EvidenceRange => ({
    start: map[start] ?? 0,
    end: (map[end - 1] ?? text.length - 1) + 1,
    kind,
  });
  for (const reference of terms.references) {
    if (!reference) continue;
    // The whole reference when present; its number alone only when the whole is not.
    for (const pattern of referencePatterns(reference)) {
      const hits = findAll(folded, pattern);
      raw.push(...hits.map((hit) => toRange(hit, 'reference')));
      if (hits.length > 0) break;
    }
  }
  for (const word of nameWords(terms.names)) {
    raw.push(...findAll(folded, bounded(escape(word))).map((hit) => toRange(hit, 'name')));
  }
  raw.sort((a, b) => a.start - b.start || (a.kind === 'reference' ? -1 : 1));
  const merged: EvidenceRange[] = [];
  for (const range of raw) {
    const last = merged.at(-1);
    if (last && range.start < last.end) {
      if (range.end > last.end && range.kind === last.kind) last.end = range.end;
      continue;
    }
    merged.push({ ...range });
  }
  return merged;
}

/** The text cut at the ranges: plain parts and evidence parts, in order. */
export function evidenceParts(text: string, ranges: readonly EvidenceRange[]): { text: string; kind: EvidenceRange['kind'] | null }[] {
  const parts: { text: string; kind: EvidenceRange['kind'] | null }[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start > at) parts.push({ text: text.slice(at, range.start), kind: null });
    parts.push({ text: text.slice(range.start, range.end), kind: range.kind });
    at = range.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), kind: null });
  return parts;
}
