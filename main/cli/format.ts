/** Renders rows as an aligned plain-text table with a header line; `empty` when there are no rows. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return `${empty}\n`;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** An IBAN in groups of four for reading (`ES91 2100 0418 …`). */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The date part of an ISO date-time. */
export function datePart(isoDateTime: string): string {
  return isoDateTime.slice(0, 10);
}

/** A value or an en dash for null/empty cells. */
export function orDash(value: string | null | undefined): string {
  return value ? value : '–';
}
