/**
 * Norma 43 (AEB Cuaderno 43) record layouts, read by position on the raw line. Lines may be
 * shorter than 80 columns (ragged exports): missing trailing fields read as ''.
 * Positions below are 1-based as in the published layout.
 */

/** Field at 1-based columns [from, to] of a record, right-trimmed. */
export function field(line: string, from: number, to: number): string {
  return line.slice(from - 1, to).trimEnd();
}

/** Record 11: account header. */
export interface AccountHeader {
  bank: string;
  branch: string;
  account: string;
  startDate: string;
  endDate: string;
  /** '1' debit (negative), '2' credit. */
  balanceSign: string;
  balanceDigits: string;
  currencyNumeric: string;
  mode: string;
  name: string;
}

/** Read record 11 (cabecera de cuenta). */
export function readAccountHeader(line: string): AccountHeader {
  return {
    bank: field(line, 3, 6),
    branch: field(line, 7, 10),
    account: field(line, 11, 20),
    startDate: field(line, 21, 26),
    endDate: field(line, 27, 32),
    balanceSign: field(line, 33, 33),
    balanceDigits: field(line, 34, 47),
    currencyNumeric: field(line, 48, 50),
    mode: field(line, 51, 51),
    name: field(line, 52, 77).trim(),
  };
}

/** Record 22: main movement record. */
export interface Movement {
  originBranch: string;
  operationDate: string;
  valueDate: string;
  commonConcept: string;
  ownConcept: string;
  /** '1' debit (debe), '2' credit (haber). */
  sign: string;
  amountDigits: string;
  documentNumber: string;
  reference1: string;
  reference2: string;
}

/** Read record 22 (movimiento principal). */
export function readMovement(line: string): Movement {
  return {
    originBranch: field(line, 7, 10).trim(),
    operationDate: field(line, 11, 16),
    valueDate: field(line, 17, 22),
    commonConcept: field(line, 23, 24),
    ownConcept: field(line, 25, 27).trim(),
    sign: field(line, 28, 28),
    amountDigits: field(line, 29, 42),
    documentNumber: field(line, 43, 52).trim(),
    reference1: field(line, 53, 64).trim(),
    reference2: field(line, 65, 80).trim(),
  };
}

/** Record 23: concept lines, code 01–05, two 38-character texts. */
export interface ConceptRecord {
  code: string;
  text1: string;
  text2: string;
}

/** Read record 23 (complementario de concepto). */
export function readConcept(line: string): ConceptRecord {
  return { code: field(line, 3, 4), text1: field(line, 5, 42), text2: field(line, 43, 80) };
}

/** Record 24: amount in the original currency (equivalencia de importe). */
export interface Equivalence {
  code: string;
  currencyNumeric: string;
  amountDigits: string;
}

/** Read record 24 (complementario de equivalencia de importe). */
export function readEquivalence(line: string): Equivalence {
  return { code: field(line, 3, 4), currencyNumeric: field(line, 5, 7), amountDigits: field(line, 8, 21) };
}

/** Record 33: account totals. */
export interface AccountEnd {
  bank: string;
  branch: string;
  account: string;
  debitCount: string;
  debitDigits: string;
  creditCount: string;
  creditDigits: string;
  balanceSign: string;
  balanceDigits: string;
  currencyNumeric: string;
}

/** Read record 33 (final de cuenta). */
export function readAccountEnd(line: string): AccountEnd {
  return {
    bank: field(line, 3, 6),
    branch: field(line, 7, 10),
    account: field(line, 11, 20),
    debitCount: field(line, 21, 25),
    debitDigits: field(line, 26, 39),
    creditCount: field(line, 40, 44),
    creditDigits: field(line, 45, 58),
    balanceSign: field(line, 59, 59),
    balanceDigits: field(line, 60, 73),
    currencyNumeric: field(line, 74, 76),
  };
}

/** Record 88: end of file with the number of records (11, 22, 23, 24, 33) before it. */
export function readFileEnd(line: string): { nines: string; recordCount: string } {
  return { nines: field(line, 3, 20), recordCount: field(line, 21, 26) };
}

/** Known record codes. */
export const RECORD_CODES = new Set(['11', '22', '23', '24', '33', '88']);

/**
 * Some exports drop the line breaks and deliver the records back to back. When a line longer
 * than 80 characters, cut into 80-character chunks (the last one may be unpadded), has a record
 * code at the start of every chunk, split it back into records.
 */
export function splitGluedRecords(line: string): string[] {
  if (line.length <= 80) return [line];
  const chunks: string[] = [];
  for (let i = 0; i < line.length; i += 80) chunks.push(line.slice(i, i + 80));
  return chunks.every((c) => RECORD_CODES.has(c.slice(0, 2))) ? chunks : [line];
}
