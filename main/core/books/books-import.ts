/**
 * The books half of the import service: open items and ledger entries from spreadsheets, and
 * CFDI invoices with their payment complements. Items are deduplicated by document identity
 * (identity.ts): a re-imported export adds the new items, updates the open amounts and due
 * dates of known ones, and leaves the rest; nothing is deleted. The commit runs inside the
 * service's transaction with its batch row, so a file lands whole or not at all.
 */
import { CoreError, type ImportDiagnostic, type ImportPreview } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import type { AccountRow } from '../db/repos/accounts-repo.js';
import type { CompanyRow } from '../db/repos/companies-repo.js';
import type { BookItem, PaymentEvidence } from '../importers/books-types.js';
import type { BooksFileRead } from '../imports/import-file.js';
import type { CommitContext, PreviewBase, SideResult } from '../imports/import-context.js';
import { keptWarnings, toImportDiagnostics } from '../imports/statement-file.js';
import { planBooks, type BooksPlan } from './books-plan.js';
import { writeBooks } from './books-write.js';

/** The items and payments of a books file that can be imported for this company, and why others cannot. */
interface Selection {
  items: BookItem[];
  payments: PaymentEvidence[];
  notes: ImportDiagnostic[];
  /** Set when the file cannot be committed as it is (the preview shows it as a warning). */
  blocker: string | null;
  ledgerAccountId: number | null;
}

/** What importing a books file would do: items new / updated / unchanged, payments, warnings. Writes nothing. */
export function previewBooksFile(deps: CoreDeps, company: CompanyRow, chosen: AccountRow | null, file: BooksFileRead, base: PreviewBase): ImportPreview {
  const selection = selectBooks(company, chosen, file);
  const plan = planBooks(deps.db, company.id, selection.items, selection.payments, selection.ledgerAccountId);
  const blocker: ImportDiagnostic[] = selection.blocker ? [{ level: 'warning', code: 'books_not_importable', message: selection.blocker }] : [];
  return {
    ...base,
    statements: [],
    lines: { total: plan.summary.items, new: plan.summary.new, duplicates: plan.summary.updated + plan.summary.unchanged, possibleDuplicates: 0 },
    possibleDuplicates: [],
    diagnostics: [...file.notes, ...toImportDiagnostics(file.parsed.diagnostics), ...selection.notes, ...blocker, ...plan.warnings],
    books: plan.summary,
  };
}

/** Imports a books file inside the caller's transaction; refuses (`invalid_input`) what the preview warned cannot be imported. */
export function commitBooksFile(deps: CoreDeps, ctx: CommitContext, file: BooksFileRead): SideResult {
  const selection = selectBooks(ctx.company, ctx.chosen, file);
  if (selection.blocker !== null) throw new CoreError('invalid_input', selection.blocker);
  ctx.progress('check', 0, selection.items.length);
  const plan = planBooks(deps.db, ctx.company.id, selection.items, selection.payments, selection.ledgerAccountId, (done, total) =>
    ctx.progress('check', done, total),
  );
  const warnings = keptWarnings([...file.notes, ...toImportDiagnostics(file.parsed.diagnostics), ...selection.notes, ...plan.warnings]);
  const batchId = writeBooks(deps, ctx, { plan, format: file.format, encoding: file.encoding, accountId: selection.ledgerAccountId, warnings });
  const s = plan.summary;
  return {
    batchId,
    alreadyImported: false,
    message: booksMessage(ctx.fileName, plan),
    format: file.format,
    encoding: file.encoding,
    added: s.new,
    skippedDuplicates: s.updated + s.unchanged,
    possibleDuplicates: 0,
    warnings,
    createdAccounts: [],
    side: 'books',
    books: s,
  };
}

function booksMessage(fileName: string, plan: BooksPlan): string {
  const s = plan.summary;
  const newPayments = plan.knownPayments.reduce((n, known) => n + (known ? 0 : 1), 0);
  const payments = s.payments > 0 ? `, ${newPayments} payment(s) of CFDI complements added (${s.payments - newPayments} already known)` : '';
  return `Imported ${fileName}: ${s.new} items added, ${s.updated} updated (open amount or due date), ${s.unchanged} unchanged${payments}.`;
}

/**
 * Decides what of a books file can be stored: a ledger needs its bank account, items need a
 * currency, CFDI need the company's RFC (it decides receivable or payable) and documents the
 * company is not a party to are left out.
 */
function selectBooks(company: CompanyRow, chosen: AccountRow | null, file: BooksFileRead): Selection {
  const { parsed } = file;
  const notes: ImportDiagnostic[] = [];
  let blocker: string | null = null;
  const ledgerAccountId = file.ledger && chosen ? chosen.id : null;
  let items = parsed.items;
  let payments = parsed.payments;
  if (file.format === 'cfdi') {
    if (!company.tax_id) {
      blocker = `${company.name} has no RFC: set it first, because it decides whether each CFDI is a receivable (issued by the company) or a payable (received).`;
    } else {
      const foreign = items.filter((i) => i.cfdi?.direction === 'unknown').length + payments.filter((p) => p.direction === 'unknown').length;
      if (foreign > 0) {
        notes.push({
          level: 'warning',
          code: 'cfdi_not_a_party',
          message: `${foreign} document(s) or payment(s) were neither issued nor received by ${company.name} (RFC ${company.tax_id}); they were left out.`,
        });
        items = items.filter((i) => i.cfdi?.direction !== 'unknown');
        payments = payments.filter((p) => p.direction !== 'unknown');
      }
    }
  }
  if (items.some((i) => i.kind === 'ledger_entry') && ledgerAccountId === null) {
    blocker ??= 'These are entries of a bank account in the ledger (libro de bancos): choose the bank account they belong to.';
  }
  const noCurrency = items.filter((i) => !/^[A-Z]{3}$/.test(i.amount.currency) || i.amount.currency === 'XXX').length;
  if (noCurrency > 0) {
    blocker ??= `${noCurrency} item(s) have no currency and the file does not name one: add a currency column, or give ${company.name} a bank account in the currency of its books.`;
  }
  if (items.length === 0 && payments.length === 0 && !parsed.diagnostics.some((d) => d.level === 'error')) {
    notes.push({ level: 'warning', code: 'books_empty', message: 'The file holds no invoices, credit notes, ledger entries or payments.' });
  }
  return { items, payments, notes, blocker, ledgerAccountId };
}
