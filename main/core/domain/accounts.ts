import { CoreError, type BankAccount } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import {
  findAccountById,
  findAccountByIban,
  findAccountByName,
  findAccountByNumber,
  insertAccount,
  listAccounts,
  renameAccount as renameAccountRow,
  setAccountArchived,
  toAccount,
  type AccountRow,
} from '../db/repos/accounts-repo.js';
import { isUniqueViolation } from '../db/repos/statement-cache.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { normalizeAccountIdentity, type AccountIdentity } from './account-identity.js';
import { requireCompany } from './companies.js';
import { normalizeName } from './names.js';
import { formatIban } from './iban.js';

const archivedNote = (row: AccountRow): string => (row.archived_at ? ' (archived)' : '');

/** The account with this id, or `not_found`. */
export function requireAccount(deps: CoreDeps, id: number): AccountRow {
  const row = findAccountById(deps.db, id);
  if (!row) throw new CoreError('not_found', `There is no bank account with id ${id}.`);
  return row;
}

// The first existing account of the company that the new identity collides with, as a conflict.
function identityConflict(deps: CoreDeps, companyId: number, companyName: string, identity: AccountIdentity): CoreError | null {
  const byIban = identity.iban ? findAccountByIban(deps.db, companyId, identity.iban) : undefined;
  if (byIban) {
    return new CoreError(
      'conflict',
      `${companyName} already has the account "${byIban.name}"${archivedNote(byIban)} with IBAN ${formatIban(identity.iban!)}.`,
      { field: 'iban', id: byIban.id },
    );
  }
  const byNumber = identity.number ? findAccountByNumber(deps.db, companyId, identity.number) : undefined;
  if (byNumber) {
    return new CoreError(
      'conflict',
      `${companyName} already has the account "${byNumber.name}"${archivedNote(byNumber)} with number ${identity.number}.`,
      { field: 'number', id: byNumber.id },
    );
  }
  const byName = findAccountByName(deps.db, companyId, identity.name);
  if (byName) {
    return new CoreError('conflict', `${companyName} already has an account called "${byName.name}"${archivedNote(byName)}.`, {
      field: 'name',
      id: byName.id,
    });
  }
  return null;
}

/** Bank accounts of a company by name; `not_found` for an unknown company. */
export function listAccountRecords(deps: CoreDeps, companyId: number, includeArchived: boolean): BankAccount[] {
  requireCompany(deps, companyId);
  return listAccounts(deps.db, companyId, includeArchived).map(toAccount);
}

/**
 * Adds a bank account to a company: IBAN check digits and currency verified, `conflict` when
 * the company already has an account with the same IBAN, number or name.
 */
export function createAccount(
  deps: CoreDeps,
  actor: AuditActor,
  input: { companyId: number; name: string; iban: string | null; number: string | null; currency: string },
): BankAccount {
  const identity = normalizeAccountIdentity(input);
  const account = writeTransaction(deps.db, () => {
    const company = requireCompany(deps, input.companyId);
    if (company.archived_at !== null) {
      throw new CoreError('conflict', `${company.name} is archived: restore it before adding accounts.`);
    }
    const conflict = identityConflict(deps, company.id, company.name, identity);
    if (conflict) throw conflict;
    let id: number;
    try {
      id = insertAccount(deps.db, { companyId: company.id, ...identity, now: deps.clock().toISOString() });
    } catch (error) {
      if (isUniqueViolation(error)) throw new CoreError('conflict', `${company.name} already has this bank account.`);
      throw error;
    }
    appendAudit(deps.db, deps.clock, {
      actor,
      companyId: company.id,
      action: 'account.create',
      entity: 'bank_account',
      entityId: id,
      details: { ...identity },
    });
    return toAccount(findAccountById(deps.db, id)!);
  });
  deps.emit('data.changed', { entity: 'accounts', companyId: account.companyId });
  return account;
}

/** Renames a bank account; `conflict` when another account of the company has the name. */
export function renameAccount(deps: CoreDeps, actor: AuditActor, input: { id: number; name: string }): BankAccount {
  const name = normalizeName(input.name);
  const account = writeTransaction(deps.db, () => {
    const row = requireAccount(deps, input.id);
    if (row.name === name) return toAccount(row);
    const existing = findAccountByName(deps.db, row.company_id, name);
    if (existing && existing.id !== row.id) {
      const company = requireCompany(deps, row.company_id);
      throw new CoreError('conflict', `${company.name} already has an account called "${existing.name}"${archivedNote(existing)}.`, {
        field: 'name',
        id: existing.id,
      });
    }
    renameAccountRow(deps.db, row.id, name, deps.clock().toISOString());
    appendAudit(deps.db, deps.clock, {
      actor,
      companyId: row.company_id,
      action: 'account.rename',
      entity: 'bank_account',
      entityId: row.id,
      details: { from: row.name, to: name },
    });
    return toAccount(findAccountById(deps.db, row.id)!);
  });
  deps.emit('data.changed', { entity: 'accounts', companyId: account.companyId });
  return account;
}

/** Archives or restores a bank account (a no-op when it already is as asked). */
export function archiveAccount(deps: CoreDeps, actor: AuditActor, input: { id: number; archived: boolean }): BankAccount {
  const account = writeTransaction(deps.db, () => {
    const row = requireAccount(deps, input.id);
    if ((row.archived_at !== null) === input.archived) return toAccount(row);
    const now = deps.clock().toISOString();
    setAccountArchived(deps.db, row.id, input.archived ? now : null, now);
    appendAudit(deps.db, deps.clock, {
      actor,
      companyId: row.company_id,
      action: input.archived ? 'account.archive' : 'account.restore',
      entity: 'bank_account',
      entityId: row.id,
      details: { name: row.name },
    });
    return toAccount(findAccountById(deps.db, row.id)!);
  });
  deps.emit('data.changed', { entity: 'accounts', companyId: account.companyId });
  return account;
}
