import { basename } from 'node:path';
import type { BankAccount, Company, ImportPreview, ImportResult } from '../core/contract/index.js';
import { checkIban } from '../core/domain/iban.js';
import { CliError, UsageError, type CliCore, type CommandSpec } from './command.js';
import { resolveCompany } from './companies.js';
import { formatIban } from './format.js';
import { readInputFile } from './parse.js';

/** What `import --json` prints about one file. */
interface ImportedFileJson extends ImportResult {
  file: string;
}

const alnum = (s: string): string => s.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

/** The company named by --company, created when it does not exist yet. */
async function companyFor(core: CliCore, name: string): Promise<{ company: Company; created: boolean }> {
  try {
    return { company: await resolveCompany(core, name), created: false };
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== 'not_found') throw error;
  }
  return { company: await core.call('companies.create', { name: name.trim(), taxId: null }), created: true };
}

/** The company's account that --account names: by IBAN, by number, by name, or by id. */
async function findAccount(core: CliCore, companyId: number, ref: string): Promise<BankAccount | undefined> {
  const accounts = await core.call('accounts.list', { companyId, includeArchived: true });
  const iban = checkIban(ref);
  const wanted = alnum(ref);
  return (
    (iban.valid ? accounts.find((a) => a.iban === iban.iban) : undefined) ??
    accounts.find((a) => a.number !== null && alnum(a.number) === wanted) ??
    accounts.find((a) => a.name.toLocaleLowerCase() === ref.trim().toLocaleLowerCase()) ??
    (/^\d+$/.test(ref.trim()) ? accounts.find((a) => a.id === Number(ref.trim())) : undefined)
  );
}

/**
 * Creates the account --account names: an IBAN is an IBAN, mostly digits a number, anything
 * else a name (which then takes the IBAN or number the file names, when it names one account).
 * The currency is the file's.
 */
async function createNamedAccount(core: CliCore, companyId: number, ref: string, preview: ImportPreview): Promise<BankAccount> {
  const named = new Map(preview.statements.map((s) => [`${s.account.iban ?? ''}|${s.account.number ?? ''}`, s]));
  const only = named.size === 1 ? preview.statements[0] : undefined;
  const currency = preview.statements.find((s) => s.currency)?.currency ?? null;
  if (currency === null) throw new CliError(`cannot create account ${ref}: the file gives no currency; create it with cuadra accounts create`);
  const iban = checkIban(ref);
  if (iban.valid) return core.call('accounts.create', { companyId, name: formatIban(iban.iban), iban: iban.iban, number: null, currency });
  if (/^[\d\s-]{6,}$/.test(ref.trim())) return core.call('accounts.create', { companyId, name: ref.trim(), iban: null, number: ref, currency });
  return core.call('accounts.create', {
    companyId,
    name: ref.trim(),
    iban: only?.account.iban ?? null,
    number: only?.account.number ?? null,
    currency,
  });
}

function fileText(r: ImportedFileJson): string {
  const lines = [r.message];
  for (const a of r.createdAccounts) lines.push(`  created account ${a.id} "${a.name}" (${a.currency}) named by the file`);
  for (const w of r.warnings) lines.push(`  ${w.level}: ${w.message}${w.line !== undefined && !/\bline \d/i.test(w.message) ? ` (line ${w.line})` : ''}`);
  return lines.join('\n');
}

const importCommand: CommandSpec = {
  name: 'import',
  summary: 'Import bank-statement files; creates the company and the account when they do not exist yet.',
  database: true,
  positionals: { valueName: '<file>...', min: 1 },
  options: {
    company: { type: 'string', valueName: 'NAME', required: true, description: 'the company (created when it does not exist)' },
    account: {
      type: 'string',
      valueName: 'ID',
      description: 'the bank account (IBAN, number or name; created when missing), needed only when a file does not name its account',
    },
    side: { type: 'string', valueName: 'bank|books', description: 'what the files are: bank statements (default) or the books' },
  },
  async run(ctx) {
    const side = (ctx.option('side') ?? 'bank').trim().toLowerCase();
    if (side === 'books') {
      throw new CliError('importing the books side (ledger exports, CFDI invoices) comes with issue 4; only bank statements (--side bank) can be imported for now');
    }
    if (side !== 'bank') throw new UsageError(`--side must be bank or books, not ${JSON.stringify(side)}`);
    const files = ctx.positionals.map((file) => ({ file, bytes: readInputFile(file) }));
    const core = await ctx.core();
    const { company, created: createdCompany } = await companyFor(core, ctx.required('company'));
    const notes: string[] = createdCompany ? [`Created company ${company.id} "${company.name}".`] : [];
    const accountRef = ctx.option('account');
    let account = accountRef === undefined ? undefined : await findAccount(core, company.id, accountRef);
    let createdAccount: BankAccount | null = null;
    const results: ImportedFileJson[] = [];
    for (const { file, bytes } of files) {
      const fileName = basename(file);
      const contentBase64 = Buffer.from(bytes).toString('base64');
      try {
        if (accountRef !== undefined && account === undefined) {
          const preview = await core.call('imports.preview', { companyId: company.id, accountId: null, fileName, contentBase64 });
          account = await createNamedAccount(core, company.id, accountRef, preview);
          createdAccount = account;
          notes.push(`Created account ${account.id} "${account.name}" (${account.currency}) for "${company.name}".`);
        }
        const result = await core.call('imports.commit', {
          companyId: company.id,
          accountId: account?.id ?? null,
          fileName,
          contentBase64,
          createAccount: true,
        });
        results.push({ file, ...result });
      } catch (error) {
        if (error instanceof CliError) throw new CliError(`${fileName}: ${error.message}`, error.exitCode, error.code);
        throw error;
      }
    }
    const sum = (k: 'added' | 'skippedDuplicates' | 'possibleDuplicates'): number => results.reduce((n, r) => n + r[k], 0);
    const totals = { added: sum('added'), skippedDuplicates: sum('skippedDuplicates'), possibleDuplicates: sum('possibleDuplicates') };
    const createdAccounts = [...(createdAccount ? [createdAccount] : []), ...results.flatMap((r) => r.createdAccounts)];
    const text = [...notes, ...results.map(fileText)];
    if (results.length > 1) {
      text.push(`In all: ${totals.added} lines added, ${totals.skippedDuplicates} duplicates skipped, ${totals.possibleDuplicates} possible duplicates to review.`);
    }
    return {
      json: { company: { ...company, created: createdCompany }, createdAccounts, files: results, totals },
      text: `${text.join('\n')}\n`,
    };
  },
};

/** The `import` command. */
export const importCommands: readonly CommandSpec[] = [importCommand];
