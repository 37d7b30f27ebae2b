import { useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { filterAudit, isFiltering, noAuditFilter } from './audit-filter.js';
import { AuditFilters } from './AuditFilters.js';

/** Details as short `key: value` pairs; nested values as compact JSON. */
function summarize(details: AuditEntry['details']): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

/** The audit log of the current company, newest first, page by page. */
export function AuditScreen() {
  const { t, tn, number, dateTime, error: describe } = useI18n();
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId) ?? null);
  const currentId = useAppStore((state) => state.currentCompanyId);
  const entries = useAppStore((state) => state.auditEntries);
  const loadedFor = useAppStore((state) => state.auditCompanyId);
  const loading = useAppStore((state) => state.auditLoading);
  const hasMore = useAppStore((state) => state.auditHasMore);
  const loadError = useAppStore((state) => state.auditError);
  const loadAudit = useAppStore((state) => state.loadAudit);
  const [filter, setFilter] = useState(noAuditFilter);
  const filtering = isFiltering(filter);
  const shown = useMemo(() => filterAudit(entries, filter), [entries, filter]);

  useEffect(() => {
    void loadAudit();
  }, [currentId, loadAudit]);

  const loaded = loadedFor === currentId;
  const scope = company ? t('audit.scope.company', { company: company.name }) : t('audit.scope.firm');

  return (
    <>
      <TopBar title={t('audit.title')} context={scope} figures={!loaded ? [] : filtering
          ? [t('audit.filter.shown', { shown: number(shown.length), loaded: number(entries.length) })]
          : [tn('audit.shown', entries.length)]} />
      <div className="content">
        {loadError ? <Alert>{describe(loadError)}</Alert> : null}
        {loaded && entries.length === 0 ? (
          <EmptyState icon="audit" title={t('audit.empty.title')}>
            <p>{t('audit.empty.body')}</p>
          </EmptyState>
        ) : null}
        {loaded && entries.length > 0 ? (
          <AuditFilters entries={entries} filter={filter} onChange={setFilter} />
        ) : null}
        {loaded && entries.length > 0 && filtering ? (
          <p className="muted">{shown.length === 0 ? t('audit.filter.none') : t('audit.filter.scope')}</p>
        ) : null}
        {loaded && shown.length > 0 ? (
          <table className="table table-audit" aria-label={t('audit.title')}>
            <thead>
              <tr>
                <th scope="col" className="num">{t('audit.col.when')}</th>
                <th scope="col">{t('audit.col.who')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.entity')}</th>
                <th scope="col">{t('audit.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => {
                const details = summarize(entry.details);
                return (
                  <tr key={entry.id}>
                    <td className="num nowrap">{dateTime(entry.at)}</td>
                    <td>{entry.username ?? <span className="muted">{t('audit.commandLine')}</span>}</td>
                    <td className="mono">{entry.action}</td>
                    <td className="mono">{entry.entityId ? `${entry.entity} #${entry.entityId}` : entry.entity}</td>
                    <td className="cell-details" title={details}>{details}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {!loaded && loading ? <p className="muted" aria-busy="true">{t('common.loading')}</p> : null}
        {loaded && hasMore ? (
          <div className="toolbar">
            <button type="button" className="btn" disabled={loading} onClick={() => void loadAudit({ more: true })}>
              {t('audit.loadMore')}
            </button>
          </div>
        ) : null}
      </div>
    </>
  );
}
