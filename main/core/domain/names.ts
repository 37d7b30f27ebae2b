/** A display name as stored (companies, accounts): trimmed, inner runs of white space collapsed to one space. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}
