import type { CliCore, CommandContext, CommandSpec } from './command.js';
import { CliError, UsageError } from './command.js';
import { resolveCompany } from './companies.js';
import { findAccount } from './import.js';
import type { MatchSummary, MethodOutput } from '../core/contract/index.js';
import { formatMinor } from '../core/importers/money.js';
import { EMBEDDER_ENV, openaiFromEnvironment } from './embedder-env.js';

/** A number option within bounds, or undefined when absent. */
function numberOption(ctx: CommandContext, name: string, min: number, max: number, integer = false): number | undefined {
  const text = ctx.option(name);
  if (text === undefined) return undefined;
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

/** The id a person knows a bank line by: the file's (or bank's) id, else the database id. */
const bankRef = (l: MatchSummary['bank'][number]): string => l.bankId ?? `#${l.id}`;
const itemRef = (i: MatchSummary['books'][number]): string => i.externalId ?? i.documentNumber ?? `#${i.id}`;

/** A match as DESIGN.md's command-line contract prints it. */
function matchJson(m: MatchSummary) {
  return {
    id: m.id,
    bank: m.bank.map(bankRef),
    books: m.books.map(itemRef),
    allocations: m.books.map((i) => ({ books: itemRef(i), amount: formatMinor(i.allocatedMinor, i.currency) })),
    difference: formatMinor(m.differenceMinor, m.currency),
    differenceTreatment: m.differenceTreatment,
    confidence: Math.round(m.confidence * 10000) / 10000,
    status: m.status,
    kind: m.kind,
    reasons: m.reasons.map((r) => r.text),
  };
}

/** Every page of a list method. */
async function allPages<T>(fetch: (offset: number) => Promise<{ total: number; rows: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const page = await fetch(out.length);
    out.push(...page.rows);
    if (page.rows.length === 0 || out.length >= page.total) return out;
  }
}

/** --embedder: 'local', 'openai' (its server from the environment, checked now) or null (the firm's settings). */
function embedderOption(ctx: CommandContext): 'local' | 'openai' | null {
  const choice = ctx.option('embedder');
  if (choice === undefined) return null;
  if (choice !== 'local' && choice !== 'openai') throw new UsageError(`--embedder must be local or openai, not "${choice}"`);
  if (choice === 'openai') openaiFromEnvironment(ctx.io.env);
  return choice;
}

async function runReconcile(ctx: CommandContext, core: CliCore) {
  const embedder = embedderOption(ctx);
  const company = await resolveCompany(core, ctx.required('company'));
  const threshold = numberOption(ctx, 'threshold', 0.01, 1);
  const tolerancePercent = numberOption(ctx, 'tolerance-percent', 0, 50);
  const dateWindowDays = numberOption(ctx, 'date-window-days', 0, 3650, true);
  let accountIds: number[] | null = null;
  const accountRef = ctx.option('account');
  if (accountRef !== undefined) {
    const account = await findAccount(core, company.id, accountRef);
    if (!account) throw new CliError(`company "${company.name}" has no account "${accountRef}"`);
    accountIds = [account.id];
  }
  const run = await core.call('reconcile.start', {
    companyId: company.id, accountIds, threshold: threshold ?? null, tolerancePercent: tolerancePercent ?? null, dateWindowDays: dateWindowDays ?? null, embedder,
  });
  const matches = await allPages((offset) => core.call('matches.list', { companyId: company.id, filter: 'all', runId: run.id, sort: 'date', offset, limit: 1000 }));
  matches.sort((a, b) => (a.bank[0]?.bookingDate ?? '').localeCompare(b.bank[0]?.bookingDate ?? '') || a.id - b.id);
  const unmatched = await allPages((offset) => core.call('matches.unmatched', { companyId: company.id, accountId: accountIds?.[0] ?? null, offset, limit: 1000 }));
  return { company, run, matches, unmatched };
}

function reconcileText(r: Awaited<ReturnType<typeof runReconcile>>): string {
  const c = r.run.counts;
  const lines = [
    `${r.run.resumed ? 'Resumed' : 'Ran'} reconciliation ${r.run.id} of "${r.company.name}" (threshold ${r.run.parameters.threshold}):`,
    c ? `  ${c.bankLines} open bank lines, ${c.bookItems} open books items → ${c.proposals} proposals: ${c.autoApproved} auto-approved, ${c.pendingReview} to review; ${c.unmatchedBank} lines unmatched${c.refreshed ? `; ${c.refreshed} earlier proposals refreshed` : ''}.` : '',
  ];
  for (const m of r.matches) {
    const j = matchJson(m);
    lines.push(`  ${j.status.padEnd(14)} ${(j.confidence * 100).toFixed(1).padStart(5)}%  ${j.bank.join('+')} ↔ ${j.books.join('+') || '(own account)'}  ${j.kind}${m.differenceMinor !== 0 ? `, difference ${j.difference} (${j.differenceTreatment})` : ''}`);
    for (const reason of j.reasons) lines.push(`      ${reason}`);
  }
  for (const u of r.unmatched) lines.push(`  unmatched      ${u.bankId ?? `#${u.id}`} ${formatMinor(u.amountMinor, u.currency)} ${u.currency} ${u.description}${u.suggestedTreatment ? ` — looks like ${u.suggestedTreatment.replace('_', ' ')}` : ''}`);
  for (const d of r.run.diagnostics) lines.push(`  ${d.level}: ${d.message}`);
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}

const reconcileCommand: CommandSpec = {
  name: 'reconcile',
  summary: 'Match the bank lines of a company against its books; prints the proposals with their confidence and reasons.',
  database: true,
  options: {
    company: { type: 'string', valueName: 'NAME', required: true, description: 'the company' },
    account: { type: 'string', valueName: 'ID', description: 'only this bank account (IBAN, number, name or id)' },
    threshold: { type: 'string', valueName: 'P', description: 'auto-approve at or above this confidence (default: the company\'s, 0.95)' },
    'tolerance-percent': { type: 'string', valueName: 'P', description: 'payment tolerance for fees and write-offs, percent of the amount, for this run' },
    'date-window-days': { type: 'string', valueName: 'N', description: 'how many days apart a payment and its item may be, for this run' },
    embedder: {
      type: 'string', valueName: 'local|openai',
      description: `embedder of the semantic pass for this run (default: the firm's setting); openai reads ${EMBEDDER_ENV.baseURL}, ${EMBEDDER_ENV.apiKey}, ${EMBEDDER_ENV.model} and optionally ${EMBEDDER_ENV.dimensions}`,
    },
  },
  async run(ctx) {
    const r = await runReconcile(ctx, await ctx.core());
    const c = r.run.counts;
    return {
      json: {
        company: { id: r.company.id, name: r.company.name },
        run: { id: r.run.id, resumed: r.run.resumed, engineVersion: r.run.engineVersion, parameters: r.run.parameters },
        counts: c,
        matches: r.matches.map(matchJson),
        unmatched: r.unmatched.map((u) => ({ bank: u.bankId ?? `#${u.id}`, date: u.bookingDate, amount: formatMinor(u.amountMinor, u.currency), description: u.description, suggestedTreatment: u.suggestedTreatment })),
        diagnostics: r.run.diagnostics,
      },
      text: reconcileText(r),
    };
  },
};

function outstandingJson(rows: MethodOutput<'reports.reconciliation'>['outstandingBank'], currency: string) {
  return rows.map((r) => ({ id: r.externalId ?? `#${r.id}`, date: r.date, amount: formatMinor(r.amountMinor, currency), description: r.description, ageDays: r.ageDays }));
}

const isoDate = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

const reportCommand: CommandSpec = {
  name: 'report',
  summary: 'The reconciliation of one bank account at a date: statement and books balances, outstanding items, the unexplained remainder.',
  database: true,
  options: {
    company: { type: 'string', valueName: 'NAME', required: true, description: 'the company' },
    account: { type: 'string', valueName: 'ID', required: true, description: 'the bank account (IBAN, number, name or id)' },
    to: { type: 'string', valueName: 'YYYY-MM-DD', required: true, description: 'the date of the reconciliation' },
    out: { type: 'string', valueName: 'FILE', description: 'also write the report to FILE (.csv, .xlsx, .html or .pdf)' },
    language: { type: 'string', valueName: 'es|en', description: 'language of the exported file (default en)' },
  },
  async run(ctx) {
    const to = ctx.required('to');
    if (!isoDate(to)) throw new UsageError(`--to must be a date as YYYY-MM-DD, not "${to}"`);
    const out = ctx.option('out');
    const language = ctx.option('language') ?? 'en';
    if (language !== 'es' && language !== 'en') throw new UsageError('--language must be es or en');
    const format = out === undefined ? null : (/\.(csv|xlsx|html|pdf)$/i.exec(out)?.[1]?.toLowerCase() ?? null);
    if (out !== undefined && format === null) throw new UsageError('--out must end in .csv, .xlsx, .html or .pdf');
    const core = await ctx.core();
    const company = await resolveCompany(core, ctx.required('company'));
    const accountRef = ctx.required('account');
    const account = await findAccount(core, company.id, accountRef);
    if (!account) throw new CliError(`company "${company.name}" has no account "${accountRef}"`);
    const report = await core.call('reports.reconciliation', { accountId: account.id, to });
    if (report.statementBalanceMinor === null || report.unexplainedMinor === null) {
      throw new CliError(`no statement of account "${account.name}" gives a balance on or before ${to}; import a statement with balances first`);
    }
    const cur = report.currency;
    const written = out !== undefined && format !== null ? await writeReport(ctx, report, format as 'csv' | 'xlsx' | 'html' | 'pdf', ctx.resolvePath(out), language, company.name) : null;
    const json = {
      account: account.iban ?? account.number ?? account.name,
      accountId: account.id,
      currency: cur,
      to,
      statementBalance: formatMinor(report.statementBalanceMinor, cur),
      statementBalanceDate: report.statementBalanceDate,
      booksBalance: report.booksBalanceMinor === null ? null : formatMinor(report.booksBalanceMinor, cur),
      outstandingBank: outstandingJson(report.outstandingBank, cur),
      outstandingBooks: outstandingJson(report.outstandingBooks, cur),
      unexplained: formatMinor(report.unexplainedMinor, cur),
      lockedThrough: report.lockedThrough,
      ...(written ? { file: written } : {}),
    };
    const text = [
      `Reconciliation of ${account.name} (${cur}) at ${to}`,
      `  statement balance      ${json.statementBalance}${report.statementBalanceDate !== to ? ` (statement of ${report.statementBalanceDate} plus later lines)` : ''}`,
      `  books balance          ${json.booksBalance ?? '(no ledger entries of this account imported)'}`,
      `  outstanding bank       ${formatMinor(report.outstandingBankTotalMinor, cur)} in ${report.outstandingBank.length} lines`,
      `  outstanding books      ${formatMinor(report.outstandingBooksTotalMinor, cur)} in ${report.outstandingBooks.length} entries`,
      `  unexplained            ${json.unexplained}${report.unexplainedMinor === 0 ? ' (reconciled)' : ''}`,
      ...json.outstandingBank.map((r) => `    bank  ${r.date} ${r.amount.padStart(14)}  ${r.id}  ${r.description}`),
      ...json.outstandingBooks.map((r) => `    books ${r.date} ${r.amount.padStart(14)}  ${r.id}  ${r.description}`),
      ...(written ? [`  written to ${written}`] : []),
    ];
    return { json, text: `${text.join('\n')}\n` };
  },
};

/** Writes the report file; PDF through headless Chromium (CHROMIUM_PATH or /usr/bin/chromium). */
async function writeReport(
  ctx: CommandContext,
  report: MethodOutput<'reports.reconciliation'>,
  format: 'csv' | 'xlsx' | 'html' | 'pdf',
  path: string,
  locale: 'es' | 'en',
  companyName: string,
): Promise<string> {
  const { writeFileSync } = await import('node:fs');
  const { exportReport } = await import('../core/reports/export.js');
  const context = { locale, companyName };
  let bytes: Uint8Array;
  if (format === 'pdf') {
    const html = await exportReport(report, { ...context, format: 'html' });
    const { htmlToPdfWithChromium } = await import('../core/reports/pdf-chromium.js');
    const chromiumPath = ctx.io.env['CHROMIUM_PATH'];
    bytes = await htmlToPdfWithChromium(new TextDecoder().decode(html.bytes), chromiumPath ? { chromiumPath } : {});
  } else {
    bytes = (await exportReport(report, { ...context, format })).bytes;
  }
  writeFileSync(path, bytes);
  return path;
}

/** The `reconcile` and `report` commands. */
export const reconcileCommands: readonly CommandSpec[] = [reconcileCommand, reportCommand];
