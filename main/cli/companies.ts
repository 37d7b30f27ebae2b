import type { Company } from '../core/contract/index.js';
import { CliError, type CliCore, type CommandSpec } from './command.js';
import { datePart, orDash, renderTable } from './format.js';

/**
 * Finds a company by numeric id or by name (case-insensitive), archived ones included;
 * shared by every command that takes `--company NAME|ID`.
 */
export async function resolveCompany(core: CliCore, ref: string): Promise<Company> {
  const wanted = ref.trim();
  const companies = await core.call('companies.list', { includeArchived: true });
  if (/^\d+$/.test(wanted)) {
    const byId = companies.find((c) => c.id === Number(wanted));
    if (byId) return byId;
  }
  const lowered = wanted.toLocaleLowerCase();
  const byName = companies.find((c) => c.name.toLocaleLowerCase() === lowered);
  if (byName) return byName;
  throw new CliError(`no company called ${JSON.stringify(wanted)}; see cuadra companies list --all`, 1, 'not_found');
}

function companyRow(c: Company): string[] {
  return [String(c.id), c.name, orDash(c.taxId), c.archived ? 'archived' : 'active', datePart(c.createdAt)];
}

const listCompanies: CommandSpec = {
  name: 'companies list',
  summary: 'List the client companies (empresas).',
  database: true,
  options: {
    all: { type: 'boolean', description: 'include archived companies' },
  },
  async run(ctx) {
    const core = await ctx.core();
    const companies = await core.call('companies.list', { includeArchived: ctx.flag('all') });
    return {
      json: companies,
      text: renderTable(['ID', 'NAME', 'TAX ID', 'STATUS', 'CREATED'], companies.map(companyRow), 'No companies yet; add one with: cuadra companies create --name NAME'),
    };
  },
};

const createCompany: CommandSpec = {
  name: 'companies create',
  summary: 'Create a client company.',
  database: true,
  options: {
    name: { type: 'string', valueName: 'NAME', required: true, description: 'the company name (unique, case-insensitive)' },
    'tax-id': { type: 'string', valueName: 'TAX_ID', description: 'its tax id (NIF/CIF, RFC, …)' },
  },
  async run(ctx) {
    const core = await ctx.core();
    const company = await core.call('companies.create', { name: ctx.required('name'), taxId: ctx.option('tax-id') ?? null });
    const taxId = company.taxId ? ` (tax id ${company.taxId})` : '';
    return { json: company, text: `Created company ${company.id} "${company.name}"${taxId}.\n` };
  },
};

/** The `companies …` commands. */
export const companiesCommands: readonly CommandSpec[] = [listCompanies, createCompany];
