import type { BankLineRow, BookItemRow } from '../../../../main/core/contract/index.js';
import { Amount } from '../../components/Amount.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { I18n } from '../../i18n/use-i18n.js';
import type { Column } from './VirtualTable.js';

type Status = BankLineRow['status'];
const statusTone: Record<Status, 'ok' | 'pending' | 'neutral'> = { matched: 'ok', pending: 'pending', unmatched: 'neutral' };

function Status({ status, t }: { status: Status; t: I18n['t'] }) {
  return <StatusBadge tone={statusTone[status]} label={t(`lines.status.${status}`)} />;
}

/** Text that may be long: one line, cut with an ellipsis, whole in the tooltip. */
function Clip({ text, sub }: { text: string; sub?: string | null }) {
  return (
    <span className="clip" title={sub ? `${text}\n${sub}` : text}>
      {text}
      {sub ? <span className="clip-sub"> · {sub}</span> : null}
    </span>
  );
}

/** The columns of the bank lines table. */
export function bankColumns(i18n: I18n): Column<BankLineRow>[] {
  const { t, date } = i18n;
  return [
    { id: 'date', header: t('lines.col.date'), width: '120px', sortKey: 'date', cell: (row) => <span className="nowrap num-date">{date(row.bookingDate)}</span> },
    { id: 'valueDate', header: t('lines.col.valueDate'), width: '120px', cell: (row) => (row.valueDate ? <span className="nowrap muted">{date(row.valueDate)}</span> : null) },
    {
      id: 'description', header: t('lines.col.description'), width: 'auto', sortKey: 'description',
      cell: (row) => (
        <>
          <Clip text={row.description} sub={row.counterpartyName} />
          {row.provisional ? <span className="tag">{t('lines.provisional')}</span> : null}
        </>
      ),
    },
    { id: 'reference', header: t('lines.col.reference'), width: '180px', cell: (row) => (row.reference ? <span className="mono clip" title={row.reference}>{row.reference}</span> : null) },
    { id: 'amount', header: t('lines.col.amount'), width: '160px', numeric: true, sortKey: 'amount', cell: (row) => <Amount minor={row.amountMinor} currency={row.currency} /> },
    { id: 'status', header: t('lines.col.status'), width: '130px', cell: (row) => <Status status={row.status} t={t} /> },
  ];
}

/** The columns of the books items table. */
export function bookColumns(i18n: I18n): Column<BookItemRow>[] {
  const { t, date } = i18n;
  return [
    { id: 'date', header: t('lines.col.date'), width: '112px', sortKey: 'date', cell: (row) => <span className="nowrap">{date(row.date)}</span> },
    {
      id: 'document', header: t('lines.col.document'), width: '140px',
      // Exports without a document number still carry the reference the payer will quote.
      cell: (row) => <span className={row.documentNumber ? 'mono clip' : 'mono clip muted'} title={row.documentNumber ?? row.paymentReference ?? ''}>{row.documentNumber ?? row.paymentReference ?? ''}</span>,
    },
    { id: 'kind', header: t('lines.col.kind'), width: '112px', cell: (row) => <span className="muted">{t(`lines.kind.${row.kind}`)}</span> },
    // The description (the export's text) is in the tooltip and in the selected item's details.
    { id: 'counterparty', header: t('lines.col.counterparty'), width: 'auto', cell: (row) => <Clip text={row.counterpartyName ?? row.description} sub={row.taxId} /> },
    { id: 'due', header: t('lines.col.due'), width: '112px', cell: (row) => (row.dueDate ? <span className="nowrap muted">{date(row.dueDate)}</span> : null) },
    { id: 'amount', header: t('lines.col.amount'), width: '140px', numeric: true, sortKey: 'amount', cell: (row) => <Amount minor={row.amountMinor} currency={row.currency} /> },
    { id: 'open', header: t('lines.col.open'), width: '140px', numeric: true, cell: (row) => <Amount minor={row.openAmountMinor} currency={row.currency} /> },
    { id: 'status', header: t('lines.col.status'), width: '136px', cell: (row) => <Status status={row.status} t={t} /> },
  ];
}
