/**
 * Which company account each statement of a file belongs to. A file names its account by
 * IBAN or by a national number (Norma 43 bank + branch + account, MT940 :25:, OFX ACCTID);
 * that is looked up among the company's accounts, or offered for creation; a file that names
 * none needs the caller's choice.
 */
import type { Database } from 'better-sqlite3';
import type { AccountResolution, ImportDiagnostic } from '../contract/index.js';
import { listAccounts, type AccountRow } from '../db/repos/accounts-repo.js';
import { checkIban, formatIban } from '../domain/iban.js';
import { isCurrencyCode } from '../domain/currency.js';
import type { Statement } from '../importers/types.js';

/** How a file identifies one account: electronic IBAN and/or number (spaces removed), and a currency. */
export interface FileAccount {
  iban: string | null;
  number: string | null;
  currency: string | null;
}

/** The resolution of every statement (same order as the file) and the warnings it raised. */
export interface AccountPlan {
  accounts: FileAccount[];
  resolutions: AccountResolution[];
  warnings: ImportDiagnostic[];
}

const alnum = (s: string): string => s.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
const digits = (s: string): string => s.replace(/\D/g, '');

/** The account a statement names, normalised; an IBAN with wrong check digits is kept as a number. */
export function fileAccountOf(statement: Statement): FileAccount {
  const currency = statement.account.currency ?? statement.lines[0]?.amount.currency ?? null;
  let iban: string | null = null;
  let number = statement.account.number ? alnum(statement.account.number) || null : null;
  if (statement.account.iban) {
    const check = checkIban(statement.account.iban);
    if (check.valid) iban = check.iban;
    else number ??= alnum(statement.account.iban) || null;
  }
  return { iban, number, currency: currency && isCurrencyCode(currency) ? currency : null };
}

/**
 * True when a national number is the same account as an IBAN: the IBAN ends with its digits
 * (NL/DE/…: the BBAN holds the number), or, for Spain, it is the 20-digit CCC or the 18 digits
 * Norma 43 gives (bank, branch, account: the two control digits left out).
 */
function numberMatchesIban(number: string, iban: string): boolean {
  const d = digits(number);
  if (d.length < 8) return false;
  if (iban.startsWith('ES') && iban.length === 24) {
    const ccc = iban.slice(4);
    if (d === ccc) return true;
    if (d.length === 18 && d === ccc.slice(0, 8) + ccc.slice(10)) return true;
  }
  return alnum(iban).endsWith(d) && d.length >= 8;
}

/** True when a company account is the account a file names. */
export function accountMatches(row: AccountRow, file: FileAccount): boolean {
  if (file.iban !== null && row.iban === file.iban) return true;
  if (file.number !== null && row.number !== null && alnum(row.number) === file.number) return true;
  if (file.number !== null && row.iban !== null && numberMatchesIban(file.number, row.iban)) return true;
  if (file.iban !== null && row.number !== null && numberMatchesIban(row.number, file.iban)) return true;
  return false;
}

const keyOf = (a: FileAccount): string => (a.iban ? `iban:${a.iban}` : a.number ? `number:${a.number}` : 'none');
const labelOf = (a: FileAccount): string => (a.iban ? formatIban(a.iban) : (a.number ?? 'no account'));

/**
 * Resolves each statement's account within the company. `chosenId` (the caller's choice) goes
 * to a file that names no account, or to the one account the company does not know — unless
 * the file names a different valid IBAN than the chosen account's, which is a wrong file.
 */
export function resolveStatementAccounts(
  db: Database,
  companyId: number,
  statements: readonly Statement[],
  chosen: AccountRow | null,
): AccountPlan {
  const rows = listAccounts(db, companyId, true);
  const accounts = statements.map(fileAccountOf);
  const warnings: ImportDiagnostic[] = [];
  const byKey = new Map<string, AccountResolution>();
  const keys = [...new Set(accounts.map(keyOf))];
  const unmatched = keys.filter((k) => {
    const a = accounts.find((x) => keyOf(x) === k)!;
    return k === 'none' || !rows.some((r) => accountMatches(r, a));
  });
  for (const key of keys) {
    const file = accounts.find((x) => keyOf(x) === key)!;
    byKey.set(key, resolveOne(rows, file, key, chosen, unmatched.length === 1, warnings));
  }
  return { accounts, resolutions: accounts.map((a) => byKey.get(keyOf(a))!), warnings };
}

function resolveOne(
  rows: readonly AccountRow[],
  file: FileAccount,
  key: string,
  chosen: AccountRow | null,
  onlyUnmatched: boolean,
  warnings: ImportDiagnostic[],
): AccountResolution {
  const exact = rows.filter((r) => (file.iban !== null && r.iban === file.iban) || (file.number !== null && r.number !== null && alnum(r.number) === file.number));
  const matches = exact.length > 0 ? exact : rows.filter((r) => accountMatches(r, file));
  if (matches.length > 1) {
    const pick = chosen && matches.find((r) => r.id === chosen.id);
    if (pick) return { kind: 'existing', accountId: pick.id, name: pick.name, how: 'chosen' };
    return { kind: 'choose', reason: `The file's account ${labelOf(file)} fits several accounts of this company (${matches.map((r) => r.name).join(', ')}): choose one.` };
  }
  const match = matches[0];
  const target = match ?? (chosen && onlyUnmatched ? chosen : undefined);
  if (target && file.currency !== null && target.currency !== file.currency) {
    warnings.push({ level: 'warning', code: 'currency_mismatch', message: `The file's account is in ${file.currency}, the account ${target.name} in ${target.currency}; each line keeps its own currency.` });
  }
  if (match) {
    if (chosen && chosen.id !== match.id) {
      return { kind: 'choose', reason: `The file is for account ${match.name} (${labelOf(file)}), not for the chosen account ${chosen.name}.` };
    }
    if (match.archived_at !== null) warnings.push({ level: 'warning', code: 'account_archived', message: `The account ${match.name} is archived; its lines are imported anyway.` });
    return { kind: 'existing', accountId: match.id, name: match.name, how: 'matched' };
  }
  if (chosen && onlyUnmatched) {
    if (file.iban !== null && chosen.iban !== null && file.iban !== chosen.iban) {
      return { kind: 'choose', reason: `The file is for IBAN ${formatIban(file.iban)}, but the chosen account ${chosen.name} has IBAN ${formatIban(chosen.iban)}.` };
    }
    if (key !== 'none') {
      warnings.push({ level: 'warning', code: 'account_assumed', message: `The file names account ${labelOf(file)}; its lines go to the chosen account ${chosen.name}.` });
    }
    return { kind: 'existing', accountId: chosen.id, name: chosen.name, how: 'chosen' };
  }
  if (key === 'none') return { kind: 'choose', reason: 'The file does not say which account it is for: choose an account.' };
  if (file.currency === null) {
    return { kind: 'choose', reason: `The file's account ${labelOf(file)} is not an account of this company and the file gives no currency for it: create it or choose an account.` };
  }
  return { kind: 'create', name: labelOf(file), iban: file.iban, number: file.number, currency: file.currency };
}
