import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ReconciliationReport } from '../../../../main/core/contract/index.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { ReportBody } from './ReportBody.js';

/**
 * The report laid out for paper over the whole window: no sidebar, no controls, signature lines.
 * It lives directly under <body> so the print style sheet can print it alone.
 */
export function PrintView({ report, onClose }: { report: ReconciliationReport; onClose: () => void }) {
  const { t, date, dateTime } = useI18n();
  const titleId = useId();
  const printButton = useRef<HTMLButtonElement>(null);
  const close = useRef(onClose);
  const firm = useAppStore((state) => state.appInfo?.firmName ?? null);
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId)?.name ?? null);
  const user = useAppStore((state) => state.user?.displayName ?? '');
  const [openedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    printButton.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      close.current();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      previous?.focus();
    };
  }, []);

  return createPortal(
    <div className="print-view" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <div className="print-toolbar">
        <button ref={printButton} type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('reports.printView.print')}
        </button>
        <button type="button" className="btn" onClick={onClose} title={`${t('reports.printView.close')} (Esc)`}>
          <Icon name="close" /> {t('reports.printView.close')}
        </button>
      </div>
      <article className="print-sheet">
        <header className="print-header">
          {firm ? <p className="muted">{t('reports.printView.firm', { firm })}</p> : null}
          {company ? <p className="print-company">{company}</p> : null}
          <h2 id={titleId} className="print-title">{t('reports.title')}</h2>
          <p className="print-subtitle">{t('reports.heading', { name: report.accountName, date: date(report.to) })}</p>
        </header>
        <ReportBody report={report} level={3} />
        <footer className="print-footer">
          <div className="print-signatures">
            <p className="print-signature">{t('reports.printView.reviewedBy')}</p>
            <p className="print-signature">{t('reports.printView.signedOn')}</p>
          </div>
          <p className="muted">{t('reports.printView.preparedBy', { name: user, time: dateTime(openedAt) })}</p>
        </footer>
      </article>
    </div>,
    document.body,
  );
}
