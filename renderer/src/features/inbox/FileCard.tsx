import { useId } from 'react';
import { canEdit } from '../../app/screens.js';
import { Alert } from '../../components/Alert.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { fileReadiness } from '../../stores/slices/inbox-readiness.js';
import { useAppStore } from '../../stores/store-context.js';
import type { ImportSide, InboxFile } from '../../stores/types.js';
import { AccountChoice } from './AccountChoice.js';
import { LedgerAccountChoice } from './LedgerAccountChoice.js';
import { BooksFacts, Diagnostics, PossibleDuplicates, StatementsTable } from './FileDetails.js';
import { describeFileError, formatName, formatSize, readinessBadge, stageLabel } from './inbox-labels.js';

/** Bank statement or books file, as two radio buttons. */
function SideChoice({ file, side, disabled }: { file: InboxFile; side: ImportSide; disabled: boolean }) {
  const { t } = useI18n();
  const name = useId();
  const setSide = useAppStore((state) => state.setFileSide);
  return (
    <div className="segmented segmented-small" role="radiogroup" aria-label={t('inbox.side.label', { file: file.fileName })}>
      {(['bank', 'books'] as const).map((value) => (
        <label key={value} className="segmented-option">
          <input type="radio" name={name} value={value} checked={side === value} disabled={disabled} onChange={() => void setSide(file.id, value)} />
          <span>{t(`inbox.side.${value}`)}</span>
        </label>
      ))}
    </div>
  );
}

/** Text encodings a bank or an accounting system may write (the core's names). */
const encodings: readonly [string, string][] = [
  ['utf-8', 'UTF-8'], ['windows-1252', 'Windows-1252 (Latin-1)'], ['iso-8859-15', 'ISO-8859-15'], ['cp850', 'CP850 (MS-DOS)'],
  ['cp437', 'CP437'], ['utf-16le', 'UTF-16'],
];

/** The text encoding Cuadra read the file with, and another one to try when accents look wrong. */
function EncodingChoice({ file, detected, disabled }: { file: InboxFile; detected: string; disabled: boolean }) {
  const { t } = useI18n();
  const setEncoding = useAppStore((state) => state.setFileEncoding);
  const value = file.encoding ?? detected;
  const options = encodings.some(([name]) => name === value) ? encodings : [[value, value] as [string, string], ...encodings];
  return (
    <select
      className="chip chip-select"
      aria-label={t('inbox.encodingOf', { file: file.fileName })}
      title={t('inbox.encoding.hint')}
      value={value}
      disabled={disabled}
      onChange={(event) => void setEncoding(file.id, event.target.value)}
    >
      {options.map(([name, label]) => <option key={name} value={name}>{label}</option>)}
    </select>
  );
}

/** How the import of a file goes, or what it did. */
function Outcome({ file }: { file: InboxFile }) {
  const { t, tn, number } = useI18n();
  if (file.phase === 'importing') {
    const progress = file.progress;
    const text = progress
      ? progress.total !== null && progress.total > 0
        ? t('inbox.progress.counts', { stage: stageLabel(t, progress.stage), done: number(progress.done), total: number(progress.total) })
        : stageLabel(t, progress.stage)
      : t('inbox.stage.start');
    return <ProgressBar label={t('inbox.progress.label', { file: file.fileName })} done={progress?.done ?? 0} total={progress?.total ?? null} text={text} />;
  }
  if (file.phase === 'imported' && file.result) {
    const r = file.result;
    if (r.alreadyImported) return <p className="file-outcome muted">{t('inbox.result.already')}</p>;
    const parts = r.side === 'books' && r.books
      ? [t('inbox.result.booksNew', { count: number(r.books.new) }), t('inbox.result.booksUpdated', { count: number(r.books.updated) })]
      : [tn('inbox.result.added', r.added), t('inbox.result.skipped', { count: number(r.skippedDuplicates) })];
    if (r.possibleDuplicates > 0) parts.push(t('inbox.result.possible', { count: number(r.possibleDuplicates) }));
    return (
      <p className="file-outcome text-ok">
        <Icon name="check" size={14} /> {parts.join(' · ')}
      </p>
    );
  }
  if (file.phase === 'cancelled') return <p className="file-outcome muted">{t('inbox.result.cancelled')}</p>;
  return null;
}

/** One dropped file: what Cuadra found in it, the choices to make, and its import. */
export function FileCard({ file, onMap }: { file: InboxFile; onMap: (id: string) => void }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const titleId = useId();
  const role = useAppStore((state) => state.user?.role);
  const running = useAppStore((state) => state.importRun?.running === true);
  const setSkipped = useAppStore((state) => state.setFileSkipped);
  const remove = useAppStore((state) => state.removeFile);
  const readiness = fileReadiness(file);
  const badge = readinessBadge[readiness];
  const preview = file.preview;
  const busy = running || file.phase === 'reading' || file.phase === 'checking' || file.phase === 'importing';
  const done = file.phase === 'imported';
  const locked = busy || done || file.skipped;
  const error = describeFileError(i18n, file);
  const side = file.side ?? preview?.side ?? null;
  const layout = preview?.layout ?? null;

  return (
    <li className={`file-card card${file.skipped ? ' file-skipped' : ''}`} aria-labelledby={titleId} data-testid="inbox-file">
      <header className="file-head">
        <Icon name="file" className="file-icon" />
        <div className="file-title">
          <h3 id={titleId} className="file-name" title={file.fileName}>{file.fileName}</h3>
          <p className="file-meta">
            <span>{formatSize(file.size, locale)}</span>
            {preview ? <span className="chip">{formatName(preview.format)}</span> : null}
            {preview && preview.encoding !== 'binary' ? <EncodingChoice file={file} detected={preview.encoding} disabled={locked} /> : null}
          </p>
        </div>
        {side && !done ? <SideChoice file={file} side={side} disabled={locked} /> : null}
        <StatusBadge tone={badge.tone} label={t(badge.key)} />
        <div className="file-actions">
          {layout && !done ? (
            <button type="button" className={readiness === 'needsMapping' ? 'btn btn-small btn-primary' : 'btn btn-small'} disabled={locked} onClick={() => onMap(file.id)}>
              <Icon name="columns" size={14} /> {readiness === 'needsMapping' ? t('inbox.mapColumns') : t('inbox.fixMapping')}
            </button>
          ) : null}
          {!done ? (
            <button type="button" className="btn btn-small" disabled={busy} aria-pressed={file.skipped} onClick={() => setSkipped(file.id, !file.skipped)}>
              {file.skipped ? t('inbox.include') : t('inbox.skip')}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-small btn-ghost btn-icon-small"
            disabled={busy}
            aria-label={t('inbox.remove', { file: file.fileName })}
            title={t('inbox.remove', { file: file.fileName })}
            onClick={() => remove(file.id)}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      </header>

      {file.phase === 'reading' || file.phase === 'checking' ? (
        <ProgressBar label={t('inbox.status.checking')} done={0} total={null} />
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {readiness === 'alreadyImported' && preview?.alreadyImported ? (
        <Alert tone="info">{t('inbox.alreadyImported', { date: i18n.dateTime(preview.alreadyImported.importedAt) })}</Alert>
      ) : null}
      {readiness === 'needsMapping' ? <Alert tone="info">{t('inbox.needsMapping')}</Alert> : null}

      {preview && !file.skipped ? (
        <div className="file-body">
          {preview.side === 'bank' && !done ? <AccountChoice file={file} preview={preview} disabled={locked || !canEdit(role)} /> : null}
          {preview.side === 'bank' && preview.statements.length > 0 ? (
            <StatementsTable preview={preview} label={t('inbox.statements', { file: file.fileName })} />
          ) : null}
          {preview.side === 'books' && preview.format !== 'cfdi' && !done ? <LedgerAccountChoice file={file} disabled={locked || !canEdit(role)} /> : null}
          {preview.side === 'books' && preview.books ? <BooksFacts books={preview.books} /> : null}
          <PossibleDuplicates preview={preview} />
          <Diagnostics preview={preview} label={t('inbox.diagnostics', { file: file.fileName })} />
        </div>
      ) : null}
      <Outcome file={file} />
    </li>
  );
}
