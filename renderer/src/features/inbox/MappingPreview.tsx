import type { CoreErrorData, ImportPreview, TabularLayout, TabularProfile } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { Amount } from '../../components/Amount.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { BooksFacts, Diagnostics, StatementsTable } from './FileDetails.js';
import { readRows, type ReadRow } from './mapping-read.js';

export interface LivePreview {
  pending: boolean;
  preview: ImportPreview | null;
  error: CoreErrorData | null;
}

/** What the draft mapping gives, re-asked from the core as the person changes it. */
/** A cell the choices could not read: the file's text, marked. */
function Unread({ text, title }: { text: string; title: string }) {
  return text === '' ? null : <span className="unread" title={title}>{text}</span>;
}

/** The first rows as the draft reads them: dates in the locale, signed amounts. */
function FirstRows({ rows, currency, draft }: { rows: readonly ReadRow[]; currency: string | null; draft: TabularProfile }) {
  const { t, date, locale } = useI18n();
  const unread = t('mapping.unread');
  const money = (value: string | null, text: string) => {
    if (value === null || draft.signConvention === 'dc_flag') return <Unread text={text} title={draft.signConvention === 'dc_flag' ? '' : unread} />;
    if (currency) return <Amount value={value} currency={currency} />;
    return <span className="amount num">{new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(value as `${number}`)}</span>;
  };
  const hasBalance = draft.columns.some((c) => c.role === 'balance');
  return (
    <table className="table table-compact mapping-mapped" aria-label={t('mapping.firstRows')}>
      <thead>
        <tr>
          <th scope="col">{t('column.role.date')}</th>
          <th scope="col">{t('column.role.description')}</th>
          <th scope="col">{t('column.role.reference')}</th>
          <th scope="col" className="num">{t('column.role.amount')}</th>
          {hasBalance ? <th scope="col" className="num">{t('column.role.balance')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            <td className="nowrap">{row.date ? date(row.date) : <Unread text={row.dateText} title={unread} />}</td>
            <td className="cell-details" title={row.description}>{row.description}</td>
            <td className="mono cell-details">{row.reference}</td>
            <td className="num">{money(row.amount, row.amountText)}</td>
            {hasBalance ? <td className="num muted">{row.balance !== null && currency ? <Amount value={row.balance} currency={currency} /> : null}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MappingPreview({ draft, layout, live, fileName }: { draft: TabularProfile; layout: TabularLayout; live: LivePreview; fileName: string }) {
  const { t, error: describe } = useI18n();
  const preview = live.preview;
  const spreadsheet = preview?.format === 'xlsx' || preview?.format === 'xls';
  const rows = readRows(draft, layout.sampleRows, spreadsheet);
  // 'XXX' is ISO's "no currency": amounts then show as plain numbers.
  const currency = preview?.statements.find((s) => s.currency && s.currency !== 'XXX')?.currency ?? preview?.books?.currencies[0] ?? null;

  return (
    <section className="mapping-preview" aria-labelledby="mapping-preview-title" aria-busy={live.pending}>
      <h3 id="mapping-preview-title" className="subsection-title">
        {t('mapping.preview')}
        {live.pending ? <span className="muted mapping-pending"> · {t('inbox.status.checking')}</span> : null}
      </h3>
      {rows.length > 0 ? <FirstRows rows={rows} currency={currency} draft={draft} /> : null}
      {live.error ? <Alert>{describe(live.error)}</Alert> : null}
      {preview && !live.error ? (
        <div className="mapping-result" data-testid="mapping-result">
          {preview.side === 'bank' && preview.statements.length > 0 ? (
            <StatementsTable preview={preview} label={t('inbox.statements', { file: fileName })} showAccount={false} />
          ) : null}
          {preview.side === 'bank' && preview.statements.length === 0 ? <p className="muted">{t('mapping.noLines')}</p> : null}
          {preview.side === 'books' && preview.books ? <BooksFacts books={preview.books} /> : null}
          <Diagnostics preview={preview} label={t('inbox.diagnostics', { file: fileName })} />
        </div>
      ) : null}
    </section>
  );
}
