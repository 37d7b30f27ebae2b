/**
 * The account view's lists: bank lines of an account and books items of a company. Every user
 * of the firm sees every company (a firm app), so the only check is that the account or company
 * exists — and, for books items of an account, that the account is the company's. A page that
 * searches or sorts by description first brings the search table up to date (search-index.ts).
 */
import { CoreError, type MethodParsedInput } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { findAccountById } from '../db/repos/accounts-repo.js';
import { findCompanyById } from '../db/repos/companies-repo.js';
import { listBankLines, type BankLinesPage } from './bank-lines-query.js';
import { listBookItems, type BookItemsPage } from './book-items-query.js';
import { usesSearchTable } from './page-sql.js';
import { refreshSearchIndex } from './search-index.js';

/** A page of an account's bank lines; `not_found` for an unknown account. */
export function bankLinesPage(deps: CoreDeps, input: MethodParsedInput<'bankLines.list'>): BankLinesPage {
  const { accountId, ...query } = input;
  if (!findAccountById(deps.db, accountId)) throw new CoreError('not_found', `There is no bank account with id ${accountId}.`);
  if (usesSearchTable(query)) refreshSearchIndex(deps.db, 'bank');
  return listBankLines(deps.db, accountId, query);
}

/** A page of a company's books items; `not_found` for an unknown company, or an account not the company's. */
export function bookItemsPage(deps: CoreDeps, input: MethodParsedInput<'bookItems.list'>): BookItemsPage {
  const { companyId, accountId, kind, ...query } = input;
  const company = findCompanyById(deps.db, companyId);
  if (!company) throw new CoreError('not_found', `There is no company with id ${companyId}.`);
  if (accountId !== null) {
    const account = findAccountById(deps.db, accountId);
    if (!account || account.company_id !== companyId) {
      throw new CoreError('not_found', `${company.name} has no bank account with id ${accountId}.`);
    }
  }
  if (usesSearchTable(query)) refreshSearchIndex(deps.db, 'books');
  return listBookItems(deps.db, companyId, { accountId, kind }, query);
}
