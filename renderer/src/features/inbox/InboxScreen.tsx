import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { canEdit } from '../../app/screens.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { fileReadiness, isImportable } from '../../stores/slices/inbox-readiness.js';
import { useAppStore } from '../../stores/store-context.js';
import { FileCard } from './FileCard.js';
import { FilePickers } from './FilePickers.js';
import { ImportRunning, ImportSummary } from './ImportSummary.js';
import { MappingDialog } from './MappingDialog.js';

/** The Inbox: drop or choose files, see what each would do, fix what needs fixing, import all. */
export function InboxScreen() {
  const { t, tn } = useI18n();
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId) ?? null);
  const files = useAppStore(useShallow((state) => state.inboxFiles.filter((file) => file.companyId === state.currentCompanyId)));
  const run = useAppStore((state) => state.importRun);
  const role = useAppStore((state) => state.user?.role);
  const importAll = useAppStore((state) => state.importAll);
  const navigate = useAppStore((state) => state.navigate);
  const [mappingId, setMappingId] = useState<string | null>(null);

  if (!company) {
    return (
      <>
        <TopBar title={t('nav.inbox')} />
        <div className="content">
          <EmptyState
            icon="companies"
            title={t('accounts.noCompany.title')}
            action={<button type="button" className="btn btn-primary" onClick={() => navigate('companies')}>{t('nav.companies')}</button>}
          >
            <p>{t('inbox.noCompany.body')}</p>
          </EmptyState>
        </div>
      </>
    );
  }

  const ready = files.filter(isImportable);
  const attention = files.filter((file) => ['needsMapping', 'needsAccount', 'error', 'failed'].includes(fileReadiness(file)));
  const running = run?.running === true;
  const allowed = canEdit(role);
  const figures = files.length > 0
    ? [tn('inbox.figures.files', files.length), tn('inbox.figures.ready', ready.length), ...(attention.length > 0 ? [tn('inbox.figures.attention', attention.length)] : [])]
    : [];
  const mapping = mappingId ? files.find((file) => file.id === mappingId) : undefined;

  const importButton = (
    <button
      type="button"
      className="btn btn-primary"
      data-primary-action
      aria-keyshortcuts="N"
      title={allowed ? `${t('inbox.importAll')} (N)` : t('inbox.readOnly')}
      disabled={!allowed || running || ready.length === 0}
      onClick={() => void importAll()}
    >
      <Icon name="upload" /> {ready.length > 0 ? t('inbox.importAllCount', { count: ready.length }) : t('inbox.importAll')}
    </button>
  );

  return (
    <>
      <TopBar
        title={t('nav.inbox')}
        context={company.name}
        figures={figures}
        actions={
          <>
            {files.length > 0 ? <FilePickers /> : null}
            {files.length > 0 ? importButton : null}
          </>
        }
      />
      <div className="content">
        {run?.running ? <ImportRunning run={run} files={files} /> : null}
        {run && !run.running ? <ImportSummary run={run} files={files} /> : null}
        {files.length === 0 ? (
          <EmptyState icon="inbox" title={t('inbox.empty.title')} action={<div className="empty-buttons"><FilePickers /></div>}>
            <p>{t('inbox.empty.body')}</p>
            <p className="muted">{t('inbox.empty.formats')}</p>
          </EmptyState>
        ) : (
          <>
            {!allowed ? <p className="muted">{t('inbox.readOnly')}</p> : null}
            <ul className="inbox-list" aria-label={t('inbox.list')}>
              {files.map((file) => (
                <FileCard key={file.id} file={file} onMap={setMappingId} />
              ))}
            </ul>
            <p className="inbox-hint muted">{t('inbox.dropMore')}</p>
          </>
        )}
      </div>
      {mapping ? <MappingDialog file={mapping} onClose={() => setMappingId(null)} /> : null}
    </>
  );
}
