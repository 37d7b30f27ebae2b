import { useId, useMemo, type KeyboardEvent } from 'react';
import type { BankLineRow, BookItemRow } from '../../../../main/core/contract/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n, type I18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { LinesTab } from '../../stores/types.js';
import { formatIban } from '../accounts/format-iban.js';
import { bankColumns, bookColumns } from './line-columns.js';
import { LinesPanel, NoLinesYet } from './LinesPanel.js';

const tabs: readonly LinesTab[] = ['bank', 'books'];

function Facts({ items }: { items: readonly (readonly [string, string | null])[] }) {
  return (
    <dl className="detail-facts">
      {items.filter(([, value]) => value !== null && value !== '').map(([label, value]) => (
        <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
      ))}
    </dl>
  );
}

function bankDetail({ t, date }: I18n, row: BankLineRow) {
  return (
    <Facts
      items={[
        [t('lines.col.description'), row.description],
        [t('lines.col.counterparty'), row.counterpartyName],
        [t('lines.col.reference'), row.reference],
        [t('lines.col.valueDate'), row.valueDate ? date(row.valueDate) : null],
        [t('lines.col.bankId'), row.bankId],
      ]}
    />
  );
}

function bookDetail({ t, date, minor }: I18n, row: BookItemRow) {
  return (
    <Facts
      items={[
        [t('lines.col.document'), row.documentNumber],
        [t('lines.col.description'), row.description],
        [t('lines.col.taxId'), row.taxId],
        [t('lines.col.paymentReference'), row.paymentReference],
        [t('lines.col.due'), row.dueDate ? date(row.dueDate) : null],
        [t('lines.col.open'), minor(row.openAmountMinor, row.currency)],
        [t('lines.col.cfdi'), row.cfdiUuid],
      ]}
    />
  );
}

/**
 * One bank account's page (reached from Accounts and from the import summary): its bank lines
 * and the books items, in virtual tables with search, filters and sorting.
 */
export function AccountViewScreen() {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const baseId = useId();
  const account = useAppStore((state) => state.accounts.find((a) => a.id === state.viewAccountId && a.companyId === state.currentCompanyId) ?? null);
  const tab = useAppStore((state) => state.viewTab);
  const setTab = useAppStore((state) => state.setViewTab);
  const navigate = useAppStore((state) => state.navigate);
  const bankLines = useAppStore((state) => state.bankLines);
  const bookItems = useAppStore((state) => state.bookItems);
  const booksScope = useAppStore((state) => state.booksScope);
  const setBooksScope = useAppStore((state) => state.setBooksScope);
  const bank = useMemo(() => bankColumns(i18n), [i18n]);
  const books = useMemo(() => bookColumns(i18n), [i18n]);

  const back = (
    <button type="button" className="btn" onClick={() => navigate('accounts')}>
      <Icon name="back" /> {t('lines.back')}
    </button>
  );
  if (!account) {
    return (
      <>
        <TopBar title={t('accounts.title')} actions={back} />
        <div className="content">
          <EmptyState icon="accounts" title={t('lines.gone.title')}>
            <p>{t('lines.gone.body')}</p>
          </EmptyState>
        </div>
      </>
    );
  }

  const current = tab === 'bank' ? bankLines : bookItems;
  const figures = current.total === null ? [] : [tab === 'bank' ? tn('lines.count', current.total) : tn('lines.items', current.total)];
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = tabs[(tabs.indexOf(tab) + 1) % tabs.length]!;
    setTab(next);
    document.getElementById(`${baseId}-tab-${next}`)?.focus();
  };
  const inbox = (
    <NoLinesYet
      title={tab === 'bank' ? t('lines.empty.title') : t('lines.empty.books.title')}
      body={tab === 'bank' ? t('lines.empty.body') : t('lines.empty.books.body')}
      onInbox={() => navigate('inbox')}
      inboxLabel={t('lines.empty.action')}
    />
  );

  return (
    <>
      <TopBar
        title={account.name}
        context={[account.iban ? formatIban(account.iban) : account.number, account.currency].filter(Boolean).join(' · ')}
        figures={figures}
        actions={back}
      />
      <div className="content content-fill">
        <div className="tabs-row">
          <div className="tabs" role="tablist" aria-label={t('lines.tabs')} onKeyDown={onTabKey}>
            {tabs.map((value) => (
              <button
                key={value}
                id={`${baseId}-tab-${value}`}
                type="button"
                role="tab"
                className="tab"
                aria-selected={tab === value}
                aria-controls={`${baseId}-panel`}
                tabIndex={tab === value ? 0 : -1}
                onClick={() => setTab(value)}
              >
                {value === 'bank' ? t('lines.tab.bank') : t('lines.tab.books')}
              </button>
            ))}
          </div>
          {tab === 'books' ? (
            <label className="tabs-extra">
              <span className="filter-label">{t('lines.scope')}</span>
              <select className="input select input-small" value={booksScope} onChange={(e) => setBooksScope(e.target.value === 'account' ? 'account' : 'company')}>
                <option value="company">{t('lines.scope.company')}</option>
                <option value="account">{t('lines.scope.account', { name: account.name })}</option>
              </select>
            </label>
          ) : null}
        </div>
        <div id={`${baseId}-panel`} role="tabpanel" className="tabpanel" aria-labelledby={`${baseId}-tab-${tab}`}>
          {tab === 'bank' ? (
            <LinesPanel
              key="bank"
              tab="bank"
              rows={bankLines}
              columns={bank}
              rowKey={(row) => row.id}
              currency={account.currency}
              label={t('lines.table.bank', { name: account.name })}
              detail={(row) => bankDetail(i18n, row)}
              empty={inbox}
            />
          ) : (
            <LinesPanel
              key="books"
              tab="books"
              rows={bookItems}
              columns={books}
              rowKey={(row) => row.id}
              currency={account.currency}
              label={t('lines.table.books')}
              detail={(row) => bookDetail(i18n, row)}
              empty={inbox}
            />
          )}
        </div>
      </div>
    </>
  );
}
