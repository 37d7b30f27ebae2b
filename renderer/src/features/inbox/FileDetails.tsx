import { useState } from 'react';
import type { BooksSummary, ImportPreview, StatementSummary } from '../../../../main/core/contract/index.js';
import { Amount } from '../../components/Amount.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { formatIban } from '../accounts/format-iban.js';
import { describeDiagnostic } from './inbox-labels.js';

/** "1 Mar 2025 – 31 Mar 2025", one date when both are the same, a dash when unknown. */
export function Period({ from, to }: { from: string | null; to: string | null }) {
  const { date } = useI18n();
  if (!from && !to) return <span className="muted">—</span>;
  if (!from || !to || from === to) return <span className="nowrap">{date((from ?? to)!)}</span>;
  return <span className="nowrap">{`${date(from)} – ${date(to)}`}</span>;
}

function accountLabel(statement: StatementSummary): string {
  const r = statement.resolution;
  if (r.kind === 'existing') return r.name;
  if (statement.account.iban) return formatIban(statement.account.iban);
  return statement.account.number ?? (r.kind === 'create' ? r.name : '—');
}

/**
 * The statement's currency; a spreadsheet without a currency column takes the one of the
 * account it goes to ('XXX' is ISO's "no currency").
 */
function useStatementCurrency(statement: StatementSummary): string {
  const known = statement.currency && statement.currency !== 'XXX' ? statement.currency : null;
  const accountId = statement.resolution.kind === 'existing' ? statement.resolution.accountId : null;
  const ofAccount = useAppStore((state) => state.accounts.find((a) => a.id === accountId)?.currency ?? null);
  return known ?? ofAccount ?? statement.account.currency ?? 'XXX';
}

/** Opening and closing balance, and whether the movements add up from one to the other. */
function BalanceCheck({ statement }: { statement: StatementSummary }) {
  const { t } = useI18n();
  const currency = useStatementCurrency(statement);
  const figures = statement.openingBalance || statement.closingBalance ? (
    <span className="balance-figures">
      {statement.openingBalance ? <Amount minor={statement.openingBalance.amountMinor} currency={currency} /> : '—'}
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> {t('inbox.balance.to')} </span>
      {statement.closingBalance ? <Amount minor={statement.closingBalance.amountMinor} currency={currency} /> : '—'}
    </span>
  ) : null;
  if (statement.balanceChecked === true) {
    return (
      <span className="balance balance-ok">
        <Icon name="check" size={14} /> {t('inbox.balance.ok')} {figures}
      </span>
    );
  }
  if (statement.balanceChecked === false) {
    return (
      <span className="balance balance-bad">
        <Icon name="warning" size={14} /> {t('inbox.balance.mismatch')} {figures}
      </span>
    );
  }
  return <span className="balance muted">{t('inbox.balance.unchecked')} {figures}</span>;
}

function StatementCurrency({ statement }: { statement: StatementSummary }) {
  const currency = useStatementCurrency(statement);
  return currency === 'XXX' ? null : <span className="muted"> · {currency}</span>;
}

/** One row per statement of a bank file: account, period, lines, balances, what is new. */
export function StatementsTable({ preview, label, showAccount = true }: { preview: ImportPreview; label: string; showAccount?: boolean }) {
  const { t, number } = useI18n();
  return (
    <table className="table table-compact file-statements" aria-label={label}>
      <thead>
        <tr>
          {showAccount ? <th scope="col">{t('inbox.col.account')}</th> : null}
          <th scope="col">{t('inbox.col.period')}</th>
          <th scope="col" className="num">{t('inbox.col.lines')}</th>
          <th scope="col">{t('inbox.col.balance')}</th>
          <th scope="col" className="num">{t('inbox.col.new')}</th>
          <th scope="col" className="num">{t('inbox.col.duplicates')}</th>
          <th scope="col" className="num">{t('inbox.col.possible')}</th>
        </tr>
      </thead>
      <tbody>
        {preview.statements.map((statement, index) => (
          <tr key={index}>
            {showAccount ? (
              <td>
                <span className="cell-strong">{accountLabel(statement)}</span>
                {statement.resolution.kind === 'create' ? <span className="tag">{t('inbox.account.newTag')}</span> : null}
                <StatementCurrency statement={statement} />
              </td>
            ) : null}
            <td><Period from={statement.periodFrom} to={statement.periodTo} /></td>
            <td className="num" title={t('inbox.debitsCredits', { debits: number(statement.debitCount), credits: number(statement.creditCount) })}>
              {number(statement.lineCount)}
            </td>
            <td><BalanceCheck statement={statement} /></td>
            <td className="num">{number(statement.newLines)}</td>
            <td className="num">{statement.duplicateLines > 0 ? number(statement.duplicateLines) : <span className="muted">0</span>}</td>
            <td className="num">{statement.possibleDuplicates > 0 ? <strong className="text-pending">{number(statement.possibleDuplicates)}</strong> : <span className="muted">0</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a books file holds and what importing it does: new, updated, unchanged items. */
export function BooksFacts({ books }: { books: BooksSummary }) {
  const { t, number } = useI18n();
  const kinds = [
    books.invoices > 0 ? t('inbox.books.invoices', { count: number(books.invoices) }) : null,
    books.creditNotes > 0 ? t('inbox.books.creditNotes', { count: number(books.creditNotes) }) : null,
    books.ledgerEntries > 0 ? t('inbox.books.ledgerEntries', { count: number(books.ledgerEntries) }) : null,
    books.payments > 0 ? t('inbox.books.payments', { count: number(books.payments) }) : null,
  ].filter((text): text is string => text !== null);
  return (
    <dl className="file-facts">
      <div><dt>{t('inbox.books.items')}</dt><dd className="num">{number(books.items)}</dd></div>
      <div><dt>{t('inbox.books.new')}</dt><dd className="num">{number(books.new)}</dd></div>
      <div><dt>{t('inbox.books.updated')}</dt><dd className="num">{number(books.updated)}</dd></div>
      <div><dt>{t('inbox.books.unchanged')}</dt><dd className="num">{number(books.unchanged)}</dd></div>
      <div><dt>{t('inbox.col.period')}</dt><dd><Period from={books.periodFrom} to={books.periodTo} /></dd></div>
      {kinds.length > 0 ? <div><dt>{t('inbox.books.kinds')}</dt><dd>{kinds.join(' · ')}</dd></div> : null}
      {books.currencies.length > 0 ? <div><dt>{t('inbox.books.currencies')}</dt><dd className="mono">{books.currencies.join(', ')}</dd></div> : null}
    </dl>
  );
}

const SHOWN = 4;

/** Warnings and errors of a file, each with its line, in the user's language; long lists fold. */
export function Diagnostics({ preview, label }: { preview: ImportPreview; label: string }) {
  const { t, number, language } = useI18n();
  const [all, setAll] = useState(false);
  // Two codes may say the same in the person's language: show each sentence once per line.
  const seen = new Set<string>();
  const list = preview.diagnostics.filter((d) => {
    if (d.level === 'info' && d.line !== undefined) return false;
    const key = `${describeDiagnostic(t, d).text}|${d.line ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (list.length === 0) return null;
  const shown = all ? list : list.slice(0, SHOWN);
  return (
    <div className="diagnostics">
      <ul className="diagnostic-list" aria-label={label}>
        {shown.map((diagnostic, index) => {
          const { text, detail } = describeDiagnostic(t, diagnostic);
          return (
            <li key={index} className={`diagnostic diagnostic-${diagnostic.level}`}>
              <span className="diagnostic-level">{t(`inbox.level.${diagnostic.level}`)}</span>
              {diagnostic.line !== undefined ? <span className="diagnostic-line">{t('inbox.line', { line: number(diagnostic.line) })}</span> : null}
              {/* The core's detail is English: shown in English, a tooltip in other languages. */}
              <span className="diagnostic-text" title={detail && language !== 'en' ? detail : undefined}>
                {text}
                {detail && language === 'en' ? <span className="detail"> {detail}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
      {list.length > SHOWN ? (
        <button type="button" className="btn btn-link btn-small" aria-expanded={all} onClick={() => setAll((value) => !value)}>
          {all ? t('inbox.diagnostics.fewer') : t('inbox.diagnostics.all', { count: number(list.length) })}
        </button>
      ) : null}
    </div>
  );
}

/** The first possible duplicates: the file's line beside the one already in Cuadra. */
export function PossibleDuplicates({ preview }: { preview: ImportPreview }) {
  const { t, date, number } = useI18n();
  if (preview.possibleDuplicates.length === 0) return null;
  return (
    <details className="possible-duplicates">
      <summary>{t('inbox.possible.summary', { count: number(preview.lines.possibleDuplicates) })}</summary>
      <table className="table table-compact">
        <tbody>
          {preview.possibleDuplicates.slice(0, 20).map((pair, index) => (
            <tr key={index}>
              <td className="nowrap">{pair.line.sourceLine !== null ? t('inbox.line', { line: number(pair.line.sourceLine) }) : ''}</td>
              <td className="nowrap">{date(pair.line.bookingDate)}</td>
              <td className="num"><Amount minor={pair.line.amountMinor} currency={pair.line.currency} /></td>
              <td className="cell-details" title={pair.line.description}>{pair.line.description}</td>
              <td className="muted cell-details" title={pair.existing.description}>{t('inbox.possible.existing', { date: date(pair.existing.bookingDate) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
