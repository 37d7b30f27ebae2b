/**
 * What importing the lines of a file would do, decided against the lines already stored:
 * each line is new or a proven duplicate (same bank id, or same fingerprint and occurrence),
 * and new lines that look like stored ones without proof are paired as possible duplicates.
 * Used by the preview (outside a transaction) and by the commit (inside its transaction).
 */
import type { Database } from 'better-sqlite3';
import type { ImportDiagnostic } from '../contract/index.js';
import type { Statement, StatementLine } from '../importers/types.js';
import { addDays, lineFingerprint, neighbourDays, normalizeText, occurrenceIndexes, repeatedIds } from './fingerprint.js';
import { accountHasBankIds, lineByBankId, linesInWindow, type ExistingLine } from './imports-repo.js';

export type PossibleReason = 'same_date_amount' | 'adjacent_date_same_text';

/** A stored line a new line may repeat. */
export interface PossiblePair {
  reason: PossibleReason;
  other: ExistingLine;
}

/** The plan of every line of a file, in file order (statement by statement). */
export interface LinePlan {
  lines: StatementLine[];
  /** Index of each line's statement. */
  statementOf: Int32Array;
  fingerprints: string[];
  occurrences: Int32Array;
  /** The bank id a line is keyed by; null when the format has none or the id repeats inside the file. */
  bankIds: (string | null)[];
  /** 1 = proven duplicate of a stored line (skipped), 0 = new. */
  duplicate: Uint8Array;
  /** New lines that may repeat stored ones, by line index. */
  possible: Map<number, PossiblePair[]>;
  added: number;
  skipped: number;
  possibleCount: number;
  warnings: ImportDiagnostic[];
}

/** At most this many stored lines are paired with one new line. */
const MAX_PAIRS_PER_LINE = 3;

/**
 * Plans the lines of `statements`; `accountIds[i]` is the account of statement i, or 0 when it
 * has none yet (an account still to be created holds no lines: everything is new).
 */
export function planLines(
  db: Database,
  statements: readonly Statement[],
  accountIds: readonly number[],
  onProgress: (done: number, total: number) => void = () => {},
): LinePlan {
  const lines: StatementLine[] = [];
  const stmtIndexes: number[] = [];
  statements.forEach((s, i) => {
    for (const line of s.lines) {
      lines.push(line);
      stmtIndexes.push(i);
    }
  });
  const statementOf = Int32Array.from(stmtIndexes);
  const accountOf = (i: number): number => accountIds[statementOf[i]!] ?? 0;
  const total = lines.length;
  const warnings: ImportDiagnostic[] = [];

  // Bank ids prove identity only when they are unique per account inside the file.
  const bankIds = lines.map(trustedBankId);
  const byAccount = new Map<number, number[]>();
  lines.forEach((_, i) => {
    const list = byAccount.get(accountOf(i));
    if (list) list.push(i);
    else byAccount.set(accountOf(i), [i]);
  });
  for (const indexes of byAccount.values()) {
    const repeated = repeatedIds(indexes.map((i) => bankIds[i]!));
    if (repeated.size === 0) continue;
    let affected = 0;
    for (const i of indexes) {
      if (bankIds[i] !== null && repeated.has(bankIds[i]!)) {
        bankIds[i] = null;
        affected++;
      }
    }
    warnings.push({
      level: 'warning',
      code: 'bank_id_not_unique',
      message: `${repeated.size} transaction id(s) repeat inside the file (${affected} lines); those lines are told apart by their content instead.`,
    });
  }

  // Normalised texts are not kept: pass 2 recomputes the few it compares (memory for 1M lines).
  const fingerprints = lines.map((l, i) => lineFingerprint(accountOf(i), l, normalizeText(l.description)));
  const occurrences = occurrenceIndexes(fingerprints);
  const duplicate = new Uint8Array(total);
  const possible = new Map<number, PossiblePair[]>();
  let done = 0;
  let reused = 0;
  for (const [accountId, indexes] of byAccount) {
    if (accountId > 0) {
      reused += classifyAccount(db, accountId, indexes, { lines, fingerprints, occurrences, bankIds, duplicate, possible });
    }
    done += indexes.length;
    onProgress(done, total);
  }
  if (reused > 0) {
    warnings.push({
      level: 'warning',
      code: 'bank_id_reused',
      message: `${reused} line(s) carry a transaction id already used by another movement of the account (other amount); they are imported as new lines told apart by their content.`,
    });
  }
  let skipped = 0;
  for (let i = 0; i < total; i++) skipped += duplicate[i]!;
  let possibleCount = 0;
  for (const pairs of possible.values()) possibleCount += pairs.length;
  return {
    lines, statementOf, fingerprints, occurrences, bankIds, duplicate, possible,
    added: total - skipped, skipped, possibleCount, warnings,
  };
}

interface Work {
  lines: StatementLine[];
  fingerprints: string[];
  occurrences: Int32Array;
  bankIds: (string | null)[];
  duplicate: Uint8Array;
  possible: Map<number, PossiblePair[]>;
}

/**
 * The line's bank id when it can prove identity. Ids the importer made unique by appending
 * `|date|amount[|n]` (importers/line-helpers.ts makeBankIdsUnique, for a FITID or AcctSvcrRef
 * that repeats inside its statement) are not the bank's: such lines are keyed by fingerprint,
 * so a later file where the same id happens not to repeat still matches them.
 */
export function trustedBankId(line: StatementLine): string | null {
  const id = line.bankId?.trim() ?? '';
  if (id === '') return null;
  const suffix = `|${line.bookingDate}|${line.amount.minor}`;
  const at = id.lastIndexOf(suffix);
  if (at > 0 && (at + suffix.length === id.length || /^\|\d+$/.test(id.slice(at + suffix.length)))) return null;
  return id;
}

/** Classifies one account's lines; returns how many carried an id the account already uses for another amount. */
function classifyAccount(db: Database, accountId: number, indexes: readonly number[], w: Work): number {
  let min = '9999-12-31';
  let max = '0000-01-01';
  for (const i of indexes) {
    const d = w.lines[i]!.bookingDate;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  // A fingerprint includes the booking date, so every stored line with one of these
  // fingerprints lies in the window; one day more each side serves the possible duplicates.
  const stored = linesInWindow(db, accountId, addDays(min, -1), addDays(max, 1));
  const byFpOcc = new Map<string, ExistingLine>();
  const byBankId = new Map<string, ExistingLine>();
  const byDayAmount = new Map<string, ExistingLine[]>();
  const nextOcc = new Map<string, number>();
  for (const row of stored) {
    byFpOcc.set(`${row.fingerprint}#${row.occurrence}`, row);
    if (row.bank_id !== null) byBankId.set(row.bank_id, row);
    const key = `${row.booking_date}|${row.amount_minor}|${row.currency}`;
    const list = byDayAmount.get(key);
    if (list) list.push(row);
    else byDayAmount.set(key, [row]);
    nextOcc.set(row.fingerprint, Math.max(nextOcc.get(row.fingerprint) ?? 0, row.occurrence + 1));
  }
  for (const i of indexes) nextOcc.set(w.fingerprints[i]!, Math.max(nextOcc.get(w.fingerprints[i]!) ?? 0, w.occurrences[i]! + 1));

  // Pass 1: proven duplicates. Stored lines matched by a line of this file are "accounted for".
  // A stored line with the same bank id is the same movement only with the same amount: banks
  // reuse ids (Banco do Brasil FITIDs), and such a line is kept, keyed by its content.
  const matched = new Set<number>();
  let reused = 0;
  // Ids outside the window are looked up one by one, unless the account has no ids at all.
  const lookUpIds = accountHasBankIds(db, accountId);
  for (const i of indexes) {
    let bankId = w.bankIds[i] ?? null;
    if (bankId !== null) {
      const same = byBankId.get(bankId) ?? (lookUpIds ? lineByBankId(db, accountId, bankId) : undefined);
      const line = w.lines[i]!;
      if (same && same.amount_minor === line.amount.minor && same.currency === line.amount.currency) {
        w.duplicate[i] = 1;
        matched.add(same.id);
        continue;
      }
      if (same) {
        w.bankIds[i] = bankId = null;
        reused++;
      }
    }
    const fp = w.fingerprints[i]!;
    const holder = byFpOcc.get(`${fp}#${w.occurrences[i]!}`);
    if (!holder) continue;
    if (bankId !== null && holder.bank_id !== null) {
      // Same content, but the bank says they are different movements: keep it, at a free occurrence.
      const occ = nextOcc.get(fp) ?? 0;
      w.occurrences[i] = occ;
      nextOcc.set(fp, occ + 1);
      continue;
    }
    w.duplicate[i] = 1;
    matched.add(holder.id);
  }

  // Pass 2: new lines that look like stored lines no line of this file accounts for.
  if (byDayAmount.size === 0) return reused;
  const neighbours = neighbourDays();
  const normalizedStored = new Map<number, string>();
  const textOf = (row: ExistingLine): string => {
    let t = normalizedStored.get(row.id);
    if (t === undefined) {
      t = normalizeText(row.description);
      normalizedStored.set(row.id, t);
    }
    return t;
  };
  for (const i of indexes) {
    if (w.duplicate[i]) continue;
    const line = w.lines[i]!;
    const suffix = `|${line.amount.minor}|${line.amount.currency}`;
    const pairs: PossiblePair[] = [];
    for (const row of byDayAmount.get(line.bookingDate + suffix) ?? []) {
      if (pairs.length < MAX_PAIRS_PER_LINE && !matched.has(row.id)) pairs.push({ reason: 'same_date_amount', other: row });
    }
    let text: string | null = null;
    for (const date of neighbours(line.bookingDate)) {
      for (const row of byDayAmount.get(date + suffix) ?? []) {
        if (pairs.length >= MAX_PAIRS_PER_LINE || matched.has(row.id)) continue;
        text ??= normalizeText(line.description);
        if (textOf(row) === text) {
          pairs.push({ reason: 'adjacent_date_same_text', other: row });
        }
      }
    }
    if (pairs.length > 0) w.possible.set(i, pairs);
  }
  return reused;
}
