import { CoreError, type Company } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import {
  findCompanyById,
  findCompanyByName,
  insertCompany,
  listCompanies,
  renameCompany as renameCompanyRow,
  setCompanyArchived,
  toCompany,
  type CompanyRow,
} from '../db/repos/companies-repo.js';
import { isUniqueViolation } from '../db/repos/statement-cache.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { normalizeName } from './names.js';

/** A tax id (NIF/CIF, RFC, …) as stored: upper case without spaces, dots or dashes; null when blank. */
export function normalizeTaxId(taxId: string | null): string | null {
  const value = taxId?.replace(/[\s.\-]+/g, '').toUpperCase() ?? '';
  return value === '' ? null : value;
}

const archivedNote = (row: { archived_at: string | null }): string => (row.archived_at ? ' (archived)' : '');

function nameConflict(name: string, existing: CompanyRow): CoreError {
  return new CoreError('conflict', `There is already a company called "${existing.name}"${archivedNote(existing)}.`, {
    field: 'name',
    id: existing.id,
  });
}

/** The company with this id, or `not_found`. */
export function requireCompany(deps: CoreDeps, id: number): CompanyRow {
  const row = findCompanyById(deps.db, id);
  if (!row) throw new CoreError('not_found', `There is no company with id ${id}.`);
  return row;
}

/** Client companies by name; archived ones only when asked. */
export function listCompanyRecords(deps: CoreDeps, includeArchived: boolean): Company[] {
  return listCompanies(deps.db, includeArchived).map(toCompany);
}

/** Creates a client company; `conflict` when the name (case-insensitive) is taken. */
export function createCompany(deps: CoreDeps, actor: AuditActor, input: { name: string; taxId: string | null }): Company {
  const name = normalizeName(input.name);
  const taxId = normalizeTaxId(input.taxId);
  const company = writeTransaction(deps.db, () => {
    const existing = findCompanyByName(deps.db, name);
    if (existing) throw nameConflict(name, existing);
    let id: number;
    try {
      id = insertCompany(deps.db, { name, taxId, now: deps.clock().toISOString() });
    } catch (error) {
      if (isUniqueViolation(error)) throw new CoreError('conflict', `There is already a company called "${name}".`);
      throw error;
    }
    appendAudit(deps.db, deps.clock, { actor, companyId: id, action: 'company.create', entity: 'company', entityId: id, details: { name, taxId } });
    return toCompany(findCompanyById(deps.db, id)!);
  });
  deps.emit('data.changed', { entity: 'companies', companyId: company.id });
  return company;
}

/** Renames a company; `not_found` for an unknown id, `conflict` when another company has the name. */
export function renameCompany(deps: CoreDeps, actor: AuditActor, input: { id: number; name: string }): Company {
  const name = normalizeName(input.name);
  const company = writeTransaction(deps.db, () => {
    const row = requireCompany(deps, input.id);
    if (row.name === name) return toCompany(row);
    const existing = findCompanyByName(deps.db, name);
    if (existing && existing.id !== row.id) throw nameConflict(name, existing);
    renameCompanyRow(deps.db, row.id, name, deps.clock().toISOString());
    appendAudit(deps.db, deps.clock, {
      actor,
      companyId: row.id,
      action: 'company.rename',
      entity: 'company',
      entityId: row.id,
      details: { from: row.name, to: name },
    });
    return toCompany(findCompanyById(deps.db, row.id)!);
  });
  deps.emit('data.changed', { entity: 'companies', companyId: company.id });
  return company;
}

/** Archives or restores a company (a no-op when it already is as asked); `not_found` for an unknown id. */
export function archiveCompany(deps: CoreDeps, actor: AuditActor, input: { id: number; archived: boolean }): Company {
  const company = writeTransaction(deps.db, () => {
    const row = requireCompany(deps, input.id);
    if ((row.archived_at !== null) === input.archived) return toCompany(row);
    const now = deps.clock().toISOString();
    setCompanyArchived(deps.db, row.id, input.archived ? now : null, now);
    appendAudit(deps.db, deps.clock, {
      actor,
      companyId: row.id,
      action: input.archived ? 'company.archive' : 'company.restore',
      entity: 'company',
      entityId: row.id,
      details: { name: row.name },
    });
    return toCompany(findCompanyById(deps.db, row.id)!);
  });
  deps.emit('data.changed', { entity: 'companies', companyId: company.id });
  return company;
}
