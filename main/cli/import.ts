import { basename } from 'node:path';
import type { BankAccount, Company, ImportPreview, ImportResult } from '../core/contract/index.js';
import { checkIban } from '../core/domain/iban.js';
import { CliError, type CliCore, type CommandSpec } from './command.js';
import { resolveCompany } from './companies.js';
import { formatIban } from './format.js';
import { readInputFile, sideOption } from './parse.js';

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
export async function findAccount(core: CliCore, companyId: number, ref: string): Promise<BankAccount | undefined> {
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
  const bookCurrencies = preview.books?.currencies ?? [];
  const fileCurrency = preview.statements.find((s) => s.currency && s.currency !== 'XXX')?.currency;
  const currency = fileCurrency ?? (bookCurrencies.length === 1 && bookCurrencies[0] !== 'XXX' ? bookCurrencies[0]! : null);
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

/** The saved profile --profile names (the company's own or a firm-wide one), by name without case. */
async function findProfile(core: CliCore, companyId: number, name: string): Promise<number> {
  const profiles = await core.call('profiles.list', { companyId });
  const wanted = name.trim().toLocaleLowerCase();
  const matches = profiles.filter((p) => p.name.toLocaleLowerCase() === wanted);
  const found = matches.find((p) => p.companyId === companyId) ?? matches[0];
  if (!found) {
    const known = profiles.map((p) => p.name).join(', ');
    throw new CliError(`there is no saved profile named "${name}"${known ? ` (saved: ${known})` : ''}`);
  }
  return found.id;
}

function fileText(r: ImportedFileJson): string {
  const lines = [r.message];
  for (const a of r.createdAccounts) lines.push(`  created account ${a.id} "${a.name}" (${a.currency}) named by the file`);
  for (const w of r.warnings) lines.push(`  ${w.level}: ${w.message}${w.line !== undefined && !/\bline \d/i.test(w.message) ? ` (line ${w.line})` : ''}`);
  return lines.join('\n');
}

const importCommand: CommandSpec = {
  name: 'import',
  summary: 'Import bank statements, bank and books spreadsheets and CFDI; creates the company and the account when they do not exist yet.',
  database: true,
  positionals: { valueName: '<file>...', min: 1 },
  options: {
    company: { type: 'string', valueName: 'NAME', required: true, description: 'the company (created when it does not exist)' },
    account: {
      type: 'string',
      valueName: 'ID',
      description: 'the bank account (IBAN, number or name; created when missing), needed only when a file does not name its account',
    },
    side: { type: 'string', valueName: 'bank|books', description: 'what the files are: bank files or the books (decided from each file when absent)' },
    profile: { type: 'string', valueName: 'NAME', description: 'a saved spreadsheet profile to read CSV/XLSX files with' },
  },
  async run(ctx) {
    const side = sideOption(ctx) ?? null;
    const files = ctx.positionals.map((file) => ({ file, bytes: readInputFile(file) }));
    const core = await ctx.core();
    const { company, created: createdCompany } = await companyFor(core, ctx.required('company'));
    const notes: string[] = createdCompany ? [`Created company ${company.id} "${company.name}".`] : [];
    const profileName = ctx.option('profile');
    const profileId = profileName === undefined ? null : await findProfile(core, company.id, profileName);
    const accountRef = ctx.option('account');
    let account = accountRef === undefined ? undefined : await findAccount(core, company.id, accountRef);
    let createdAccount: BankAccount | null = null;
    const results: ImportedFileJson[] = [];
    for (const { file, bytes } of files) {
      const fileName = basename(file);
      const contentBase64 = Buffer.from(bytes).toString('base64');
      try {
        if (accountRef !== undefined && account === undefined) {
          const preview = await core.call('imports.preview', { companyId: company.id, accountId: null, fileName, contentBase64, side, profileId });
          account = await createNamedAccount(core, company.id, accountRef, preview);
          createdAccount = account;
          notes.push(`Created account ${account.id} "${account.name}" (${account.currency}) for "${company.name}".`);
        }
        const result = await core.call('imports.commit', {
          companyId: company.id,
          accountId: account?.id ?? null,
          fileName,
          contentBase64,
          side,
          profileId,
          createAccount: true,
        });
        results.push({ file, ...result });
      } catch (error) {
        if (error instanceof CliError) throw new CliError(`${fileName}: ${error.message}`, error.exitCode, error.code);
        throw error;
      }
    }
    const sum = (k: 'added' | 'skippedDuplicates' | 'possibleDuplicates'): number => results.reduce((n, r) => n + r[k], 0);
    const updated = results.reduce((n, r) => n + (r.books?.updated ?? 0), 0);
    const totals = { added: sum('added'), skippedDuplicates: sum('skippedDuplicates'), possibleDuplicates: sum('possibleDuplicates'), updated };
    const createdAccounts = [...(createdAccount ? [createdAccount] : []), ...results.flatMap((r) => r.createdAccounts)];
    const text = [...notes, ...results.map(fileText)];
    if (results.length > 1) {
      text.push(`In all: ${totals.added} added, ${totals.updated} updated, ${totals.skippedDuplicates} already there, ${totals.possibleDuplicates} possible duplicates to review.`);
    }
    return {
      json: { company: { ...company, created: createdCompany }, createdAccounts, files: results, totals },
      text: `${text.join('\n')}\n`,
    };
  },
};

/** The `import` command. */
export const importCommands: readonly CommandSpec[] = [importCommand];
