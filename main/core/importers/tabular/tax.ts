/**
 * Tax ids from a table column: normalised (upper case, no separators) and validated where the
 * scheme has a check character (Spanish NIF/NIE/CIF, Mexican RFC). An invalid id is kept as
 * written — it may still match the books — with one warning per distinct id.
 */
import { checkTaxId } from '../tax-ids.js';
import type { Diagnostic } from '../types.js';

const SCHEME_NAMES = { es_nif: 'NIF', es_nie: 'NIE', es_cif: 'CIF', mx_rfc: 'RFC', other: 'tax id' } as const;
const MAX_WARNINGS = 20;

/** A reader that normalises tax ids and warns (once per id, capped) about wrong check characters. */
export function taxIdReader(diagnostics: Diagnostic[]): (text: string | null, row: number) => string | null {
  const warned = new Set<string>();
  return (text, row) => {
    if (text === null || text.trim() === '') return null;
    const check = checkTaxId(text);
    if (check.valid === false) {
      if (!warned.has(check.id) && warned.size < MAX_WARNINGS) {
        diagnostics.push({
          level: 'warning',
          code: 'tax_id_invalid',
          message: `Row ${row}: the ${SCHEME_NAMES[check.scheme]} ${check.id} has a wrong check character; it was kept as written.`,
          line: row,
        });
      }
      warned.add(check.id);
      return text.trim();
    }
    return check.scheme === 'other' ? text.trim() : check.id;
  };
}
