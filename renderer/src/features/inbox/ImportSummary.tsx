import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { ImportRun, InboxFile } from '../../stores/types.js';

/** The accounts a run's files went to (found, chosen or created), in the order first met. */
function accountsOf(files: readonly InboxFile[]): number[] {
  const ids: number[] = [];
  for (const file of files) {
    if (!file.result || file.result.side !== 'bank') continue;
    const found = file.preview?.statements.flatMap((s) => (s.resolution.kind === 'existing' ? [s.resolution.accountId] : [])) ?? [];
    for (const id of [...found, ...(file.accountId !== null ? [file.accountId] : []), ...file.result.createdAccounts.map((a) => a.id)]) {
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** While "Import all" runs: which file of how many, and Cancel. */
export function ImportRunning({ run, files }: { run: ImportRun; files: readonly InboxFile[] }) {
  const { t, number } = useI18n();
  const cancel = useAppStore((state) => state.cancelImport);
  const index = run.fileIds.findIndex((id) => id === run.currentId);
  const current = files.find((file) => file.id === run.currentId);
  // Files done plus the share of the current one, in percent of the whole run.
  const progress = current?.progress;
  const share = progress && progress.total ? Math.min(1, progress.done / progress.total) : 0;
  const percent = Math.round(((Math.max(0, index) + share) / Math.max(1, run.fileIds.length)) * 100);
  return (
    <section className="panel run-panel" aria-label={t('inbox.run.label')}>
      <div className="run-head">
        <p className="run-title">
          {run.cancelling
            ? t('inbox.run.cancelling')
            : t('inbox.run.importing', { index: number(Math.max(1, index + 1)), count: number(run.fileIds.length), file: current?.fileName ?? '' })}
        </p>
        <button type="button" className="btn btn-small" disabled={run.cancelling} onClick={() => void cancel()}>
          {t('inbox.run.cancel')}
        </button>
      </div>
      <ProgressBar label={t('inbox.run.label')} done={percent} total={100} />
    </section>
  );
}

/** After "Import all": what was added, skipped and created, with links to the account view. */
export function ImportSummary({ run, files }: { run: ImportRun; files: readonly InboxFile[] }) {
  const { t, tn, number } = useI18n();
  const open = useAppStore((state) => state.openAccountView);
  const clear = useAppStore((state) => state.clearFinished);
  const inRun = files.filter((file) => run.fileIds.includes(file.id));
  const imported = inRun.filter((file) => file.phase === 'imported' && file.result);
  const failed = inRun.filter((file) => file.phase === 'failed');
  const results = imported.map((file) => file.result!);
  const bank = results.filter((r) => r.side === 'bank');
  const sum = (pick: (r: (typeof results)[number]) => number): number => bank.reduce((total, r) => total + pick(r), 0);
  const created = results.flatMap((r) => r.createdAccounts);
  const accountIds = accountsOf(imported);
  const known = useAppStore(useShallow((state) => state.accounts.filter((a) => accountIds.includes(a.id))));
  // In the order the files named them, the first (the main one) as the primary action.
  const accounts = accountIds.flatMap((id) => known.filter((a) => a.id === id));
  const firstAccount = useAppStore((state) => state.accounts.find((a) => !a.archived && a.companyId === state.currentCompanyId)?.id ?? null);
  const books = results.filter((r) => r.side === 'books' && r.books);
  const booksTarget = accountIds[0] ?? firstAccount;

  return (
    <section className={run.cancelled ? 'panel summary-panel summary-cancelled' : 'panel summary-panel'} aria-labelledby="import-summary-title" data-testid="import-summary">
      <h2 id="import-summary-title" className="section-title">
        <Icon name={run.cancelled ? 'warning' : 'check'} className={run.cancelled ? 'text-pending' : 'text-ok'} />
        {run.cancelled ? t('inbox.summary.cancelled') : t('inbox.summary.title')}
      </h2>
      <dl className="summary-figures">
        <div><dt>{t('inbox.summary.files')}</dt><dd>{number(imported.length)}</dd></div>
        <div><dt>{t('inbox.summary.added')}</dt><dd>{number(sum((r) => r.added))}</dd></div>
        <div><dt>{t('inbox.summary.skipped')}</dt><dd>{number(sum((r) => r.skippedDuplicates))}</dd></div>
        <div><dt>{t('inbox.summary.possible')}</dt><dd>{number(sum((r) => r.possibleDuplicates))}</dd></div>
        {books.length > 0 ? (
          <div><dt>{t('inbox.summary.books')}</dt><dd>{t('inbox.summary.booksFigures', { new: number(books.reduce((n, r) => n + (r.books?.new ?? 0), 0)), updated: number(books.reduce((n, r) => n + (r.books?.updated ?? 0), 0)) })}</dd></div>
        ) : null}
        <div><dt>{t('inbox.summary.created')}</dt><dd>{created.length > 0 ? created.map((a) => a.name).join(', ') : number(0)}</dd></div>
      </dl>
      {failed.length > 0 ? <p className="text-danger">{tn('inbox.summary.failed', failed.length)}</p> : null}
      <div className="summary-actions">
        {accounts.map((account, index) => (
          <button key={account.id} type="button" className={index === 0 ? 'btn btn-primary' : 'btn'} onClick={() => open(account.id)}>
            {t('inbox.summary.open', { name: account.name })}
          </button>
        ))}
        {books.length > 0 && booksTarget !== null ? (
          <button type="button" className="btn" onClick={() => open(booksTarget, 'books')}>{t('inbox.summary.openBooks')}</button>
        ) : null}
        <button type="button" className="btn btn-ghost" onClick={clear}>{t('inbox.summary.clear')}</button>
      </div>
    </section>
  );
}
