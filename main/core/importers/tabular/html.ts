/**
 * HTML tables saved as `.xls` (Openbank and other banks' "Excel" downloads) → grid rows.
 * A small linear scanner, not a full HTML parser: it follows <tr>, <td>, <th> (with colspan),
 * skips comments, <script> and <style>, turns <br> into spaces and decodes entities. Rows of
 * every table are kept in document order, so a metadata table above the movements stays
 * above them; the header detection picks the real header row. Row numbers are source lines.
 */
import type { GridRow } from './types.js';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from './limits.js';
import { CoreError } from '../../contract/errors.js';

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', euro: '€', pound: '£', yen: '¥', cent: '¢',
  aacute: 'á', eacute: 'é', iacute: 'í', oacute: 'ó', uacute: 'ú', Aacute: 'Á', Eacute: 'É', Iacute: 'Í', Oacute: 'Ó', Uacute: 'Ú',
  agrave: 'à', egrave: 'è', igrave: 'ì', ograve: 'ò', ugrave: 'ù', Agrave: 'À', Egrave: 'È', Igrave: 'Ì', Ograve: 'Ò', Ugrave: 'Ù',
  acirc: 'â', ecirc: 'ê', icirc: 'î', ocirc: 'ô', ucirc: 'û', auml: 'ä', euml: 'ë', iuml: 'ï', ouml: 'ö', uuml: 'ü',
  Auml: 'Ä', Euml: 'Ë', Iuml: 'Ï', Ouml: 'Ö', Uuml: 'Ü', ntilde: 'ñ', Ntilde: 'Ñ', ccedil: 'ç', Ccedil: 'Ç',
  iexcl: '¡', iquest: '¿', ordm: 'º', ordf: 'ª', deg: '°', middot: '·', laquo: '«', raquo: '»', szlig: 'ß',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', shy: '',
};

/** Decode HTML character references once (`&amp;lt;` stays `&lt;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED[ref] ?? whole;
  });
}

const SKIP_CONTENT = new Set(['script', 'style', 'head', 'title']);
const BREAKS = new Set(['br', 'p', '/p', 'div', '/div', 'li']);

/** Read the rows of every <table> in an HTML document. Throws CoreError past the caps. */
export function htmlToRows(html: string): GridRow[] {
  const rows: GridRow[] = [];
  let line = 1;
  let scanned = 0;
  const lineAt = (pos: number): number => {
    for (let i = scanned; i < pos && i < html.length; i++) if (html.charCodeAt(i) === 10) line++;
    scanned = Math.max(scanned, pos);
    return line;
  };
  let row: { row: number; cells: string[] } | null = null;
  let cell: string[] | null = null;
  let cellSpan = 1;

  const closeCell = (): void => {
    if (row === null || cell === null) return;
    let text = decodeEntities(cell.join('')).replace(/\s+/g, ' ').trim();
    if (text.length > MAX_CELL_CHARS) text = text.slice(0, MAX_CELL_CHARS);
    row.cells.push(text);
    for (let k = 1; k < cellSpan && row.cells.length < MAX_COLUMNS + 1; k++) row.cells.push('');
    cell = null;
  };
  const closeRow = (): void => {
    closeCell();
    if (row !== null && row.cells.some((c) => c !== '')) {
      if (row.cells.length > MAX_COLUMNS) throw new CoreError('import_unreadable', `Line ${row.row}: the table uses more than ${MAX_COLUMNS} columns.`);
      if (rows.length >= MAX_ROWS) throw new CoreError('import_unreadable', `The table has more than ${MAX_ROWS.toLocaleString('en')} rows.`);
      rows.push(row);
    }
    row = null;
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (cell !== null && textEnd > i) cell.push(html.slice(i, textEnd));
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const tag = html.slice(lt + 1, Math.min(gt, lt + 1 + 2000));
    const name = (/^\/?[a-zA-Z][a-zA-Z0-9]*/.exec(tag)?.[0] ?? '').toLowerCase();
    i = gt + 1;
    if (SKIP_CONTENT.has(name)) {
      const closer = new RegExp(`</${name}`, 'gi');
      closer.lastIndex = i;
      const close = closer.exec(html);
      i = close === null ? html.length : close.index;
      continue;
    }
    if (name === 'tr') {
      closeRow();
      row = { row: lineAt(lt), cells: [] };
    } else if (name === '/tr' || name === 'table' || name === '/table') {
      closeRow();
    } else if (name === 'td' || name === 'th') {
      if (row === null) row = { row: lineAt(lt), cells: [] };
      closeCell();
      cell = [];
      const span = /colspan\s*=\s*["']?(\d{1,3})/i.exec(tag)?.[1];
      cellSpan = span !== undefined ? Math.max(1, Math.min(MAX_COLUMNS, Number(span))) : 1;
    } else if (name === '/td' || name === '/th') {
      closeCell();
    } else if (BREAKS.has(name) && cell !== null) {
      cell.push(' ');
    }
  }
  closeRow();
  return rows;
}
