/**
 * The first rows of a file read through a draft mapping, for the mapping screen's preview: the
 * date in the chosen day/month order, the signed amount by the chosen separator and sign
 * convention. It only shows the person what the choices mean; the core's importer reads the
 * file for real (its period and balance check are shown beside), so anything unclear here is
 * left as the file wrote it rather than guessed.
 */
import type { ColumnRole, TabularProfile } from '../../../../main/core/contract/index.js';

export interface ReadRow {
  /** ISO date, or null when the cell does not read as a date with these choices. */
  date: string | null;
  dateText: string;
  description: string;
  reference: string;
  /** Signed decimal string ("-363.00"), or null when the amount cannot be read. */
  amount: string | null;
  amountText: string;
  balance: string | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** A date cell in the draft's order: ISO and year-first always work; 2-digit years are 20xx. */
export function readDate(text: string, order: TabularProfile['dateOrder']): string | null {
  const parts = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})/.exec(text.trim());
  if (!parts) return null;
  const [a, b, c] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (parts[1]!.length === 4 || order === 'ymd') return validDate(a, b, c);
  const year = parts[3]!.length === 2 ? 2000 + c : c;
  return order === 'mdy' ? validDate(year, a, b) : validDate(year, b, a);
}

/**
 * An amount cell as a signed decimal string with the given decimal separator. Spreadsheet number
 * cells are plain decimals with a point whatever the separator of the text columns.
 */
export function readAmount(text: string, separator: ',' | '.' | null, spreadsheet: boolean): string | null {
  let s = text.trim().replace(/[\s\u00a0]/g, '').replace(/[A-Za-z€$£]+$/u, '').replace(/^[A-Za-z€$£]+/u, '');
  if (s === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.endsWith('-')) {
    negative = true;
    s = s.slice(0, -1);
  }
  if (/^[-−]/.test(s)) {
    negative = !negative;
    s = s.slice(1);
  }
  if (spreadsheet && /^\d+(\.\d+)?$/.test(s)) {
    // A number cell of a workbook: already a plain decimal.
  } else {
    const decimal = separator ?? (s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.');
    const grouping = decimal === ',' ? '.' : ',';
    s = s.split(grouping).join('').replace(decimal, '.');
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return `${negative ? '-' : ''}${s}`;
}

const negate = (value: string | null): string | null => (value === null ? null : value.startsWith('-') ? value.slice(1) : `-${value}`);

/** credit − debit (bank) or debit − credit (books), as decimal strings; null when neither reads. */
function difference(plus: string | null, minus: string | null): string | null {
  if (plus === null && minus === null) return null;
  const toCents = (v: string | null): bigint => {
    if (v === null) return 0n;
    const [whole = '0', fraction = ''] = v.replace('-', '').split('.');
    const cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
    return v.startsWith('-') ? -cents : cents;
  };
  // A debit already written negative counts as money out either way.
  const total = toCents(plus) - (toCents(minus) < 0n ? -toCents(minus) : toCents(minus));
  const abs = total < 0n ? -total : total;
  return `${total < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The first rows as the draft reads them (see the module comment for what is and is not read). */
export function readRows(draft: TabularProfile, rows: readonly (readonly string[])[], spreadsheet: boolean, limit = 5): ReadRow[] {
  const first = (role: ColumnRole): number => draft.columns.findIndex((c) => c.role === role);
  const all = (role: ColumnRole): number[] => draft.columns.flatMap((c, i) => (c.role === role ? [i] : []));
  const cell = (row: readonly string[], index: number): string => (index < 0 ? '' : (row[index] ?? ''));
  const money = (row: readonly string[], role: ColumnRole): string | null => {
    const index = first(role);
    return index < 0 ? null : readAmount(cell(row, index), draft.decimalSeparator, spreadsheet);
  };
  return rows.slice(0, limit).map((row) => {
    const dateText = cell(row, first('date'));
    let amount: string | null;
    const amountText = cell(row, first(draft.signConvention === 'gross_fee_net' ? 'net' : 'amount'));
    switch (draft.signConvention) {
      case 'signed':
      case 'dc_flag':
        amount = money(row, 'amount') ?? money(row, 'openAmount');
        break;
      case 'inverted':
        amount = negate(money(row, 'amount'));
        break;
      case 'debit_credit':
        amount = draft.side === 'books' ? difference(money(row, 'debit'), money(row, 'credit')) : difference(money(row, 'credit'), money(row, 'debit'));
        break;
      case 'gross_fee_net':
        amount = money(row, 'net');
        break;
    }
    const flag = draft.signConvention === 'dc_flag' ? cell(row, first('dcFlag')) : '';
    return {
      date: readDate(dateText, draft.dateOrder),
      dateText,
      description: [...all('description'), ...all('counterparty')].map((i) => cell(row, i)).filter(Boolean).join(' · '),
      reference: [...all('reference'), ...all('documentNumber')].map((i) => cell(row, i)).filter(Boolean).join(' · '),
      amount,
      amountText: flag ? `${amountText} ${flag}` : amountText,
      balance: money(row, 'balance'),
    };
  });
}
