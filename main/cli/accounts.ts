import type { BankAccount } from '../core/contract/index.js';
import type { CommandSpec } from './command.js';
import { resolveCompany } from './companies.js';
import { formatIban, orDash, renderTable } from './format.js';

const companyOption = {
  type: 'string',
  valueName: 'NAME|ID',
  required: true,
  description: 'the company, by name (case-insensitive) or numeric id',
} as const;

function accountRow(a: BankAccount): string[] {
  return [String(a.id), a.name, a.iban ? formatIban(a.iban) : '–', orDash(a.number), a.currency, a.archived ? 'archived' : 'active'];
}

const listAccounts: CommandSpec = {
  name: 'accounts list',
  summary: "List a company's bank accounts.",
  database: true,
  options: {
    company: companyOption,
    all: { type: 'boolean', description: 'include archived accounts' },
  },
  async run(ctx) {
    const core = await ctx.core();
    const company = await resolveCompany(core, ctx.required('company'));
    const accounts = await core.call('accounts.list', { companyId: company.id, includeArchived: ctx.flag('all') });
    return {
      json: accounts,
      text: renderTable(
        ['ID', 'NAME', 'IBAN', 'NUMBER', 'CURRENCY', 'STATUS'],
        accounts.map(accountRow),
        `"${company.name}" has no bank accounts yet; add one with: cuadra accounts create --company ${company.id} --name NAME --iban IBAN --currency EUR`,
      ),
    };
  },
};

const createAccount: CommandSpec = {
  name: 'accounts create',
  summary: 'Add a bank account to a company (IBAN check digits are verified).',
  database: true,
  options: {
    company: companyOption,
    name: { type: 'string', valueName: 'NAME', required: true, description: 'a name for the account, unique within the company' },
    iban: { type: 'string', valueName: 'IBAN', description: 'its IBAN (spaces allowed)' },
    number: { type: 'string', valueName: 'NUMBER', description: 'its account number, for accounts without an IBAN' },
    currency: { type: 'string', valueName: 'CODE', required: true, description: 'ISO 4217 currency code (EUR, MXN, USD, …)' },
  },
  async run(ctx) {
    const core = await ctx.core();
    const company = await resolveCompany(core, ctx.required('company'));
    const account = await core.call('accounts.create', {
      companyId: company.id,
      name: ctx.required('name'),
      iban: ctx.option('iban') ?? null,
      number: ctx.option('number') ?? null,
      currency: ctx.required('currency').trim().toUpperCase(),
    });
    const ids = [account.iban ? formatIban(account.iban) : null, account.number].filter((s) => s).join(', ');
    return {
      json: account,
      text: `Created account ${account.id} "${account.name}" (${ids ? `${ids}, ` : ''}${account.currency}) for "${company.name}".\n`,
    };
  },
};

/** The `accounts …` commands. */
export const accountsCommands: readonly CommandSpec[] = [listAccounts, createAccount];
