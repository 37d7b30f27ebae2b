import { useId, useState } from 'react';
import type { ReconciliationReport } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { Dialog } from '../../components/Dialog.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { useLockText } from './ReportBody.js';

/** Locking a period feels final, so it asks first and says what the report still leaves open. */
function LockDialog({ report, onClose }: { report: ReconciliationReport; onClose: () => void }) {
  const { t, date, minor, error: describe } = useI18n();
  const lockPeriod = useAppStore((state) => state.lockPeriod);
  const pending = useAppStore((state) => state.lockPending);
  const lockError = useAppStore((state) => state.lockError);
  const [tried, setTried] = useState(false);
  const day = date(report.to);
  const confirm = async (): Promise<void> => {
    setTried(true);
    if (await lockPeriod(report.accountId, report.to)) onClose();
  };
  return (
    <Dialog
      title={t('reports.lock.confirm.title', { name: report.accountName, date: day })}
      onClose={onClose}
      footer={(
        <div className="dialog-footer-actions">
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="btn btn-danger" disabled={pending} onClick={() => void confirm()}>
            {t('reports.lock.confirm.action')}
          </button>
        </div>
      )}
    >
      <div className="dialog-stack">
        <p>{t('reports.lock.confirm.body', { date: day })}</p>
        {report.unexplainedMinor !== null && report.unexplainedMinor !== 0 ? (
          <p className="proof-note proof-note-danger">
            {t('reports.lock.confirm.unexplained', { amount: minor(report.unexplainedMinor, report.currency) })}
          </p>
        ) : null}
        {report.booksBalanceMinor === null ? <p className="muted">{t('reports.lock.confirm.noBooks')}</p> : null}
        {tried && lockError ? <Alert>{describe(lockError)}</Alert> : null}
      </div>
    </Dialog>
  );
}

/** The account's period lock: who locked it through when; admins lock (after confirming) and unlock. */
export function PeriodLockPanel({ report }: { report: ReconciliationReport }) {
  const { t, date } = useI18n();
  const headingId = useId();
  const admin = useAppStore((state) => state.user?.role === 'admin');
  const unlockPeriod = useAppStore((state) => state.unlockPeriod);
  const pending = useAppStore((state) => state.lockPending);
  const lockedThrough = useAppStore(
    (state) => state.periodLocks.find((l) => l.accountId === report.accountId)?.lockedThrough ?? report.lockedThrough,
  );
  const lockText = useLockText(report);
  const [confirming, setConfirming] = useState(false);

  return (
    <section className="panel lock-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">{t('reports.lock.title')}</h2>
      <p className="lock-state" data-testid="lock-state">
        <StatusBadge tone={lockedThrough ? 'ok' : 'neutral'} label={t(lockedThrough ? 'reports.lock.locked' : 'reports.lock.open')} />
        <span>{lockText}</span>
      </p>
      {admin ? (
        <div className="toolbar">
          <button
            type="button"
            className="btn"
            disabled={pending || lockedThrough === report.to}
            onClick={() => setConfirming(true)}
          >
            {t('reports.lock.action', { date: date(report.to) })}
          </button>
          {lockedThrough ? (
            <button
              type="button"
              className="btn"
              disabled={pending}
              aria-label={t('reports.lock.unlockOf', { name: report.accountName })}
              onClick={() => void unlockPeriod(report.accountId)}
            >
              {t('reports.lock.unlock')}
            </button>
          ) : null}
        </div>
      ) : (
        <p className="muted">{t('reports.lock.adminOnly')}</p>
      )}
      {confirming ? <LockDialog report={report} onClose={() => setConfirming(false)} /> : null}
    </section>
  );
}
