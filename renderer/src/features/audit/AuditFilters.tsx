import type { AuditEntry } from '../../../../main/core/contract/index.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { auditUsers, COMMAND_LINE, isFiltering, noAuditFilter, type AuditFilter } from './audit-filter.js';

/** The audit screen's filters: text in the action or item, user, and a range of days. */
export function AuditFilters({
  entries, filter, onChange,
}: { entries: readonly AuditEntry[]; filter: AuditFilter; onChange: (filter: AuditFilter) => void }) {
  const { t } = useI18n();
  const users = auditUsers(entries);
  const set = (patch: Partial<AuditFilter>): void => onChange({ ...filter, ...patch });
  return (
    <form className="lines-toolbar" role="search" aria-label={t('audit.filter.label')} onSubmit={(event) => event.preventDefault()}>
      <label className="filter">
        <span className="filter-label">{t('audit.filter.text')}</span>
        <input className="input" type="search" value={filter.text} spellCheck={false} onChange={(e) => set({ text: e.target.value })} />
      </label>
      <label className="filter">
        <span className="filter-label">{t('audit.filter.user')}</span>
        <select className="input select" value={filter.user} onChange={(e) => set({ user: e.target.value })}>
          <option value="">{t('audit.filter.anyone')}</option>
          {users.names.map((name) => <option key={name} value={name}>{name}</option>)}
          {users.commandLine ? <option value={COMMAND_LINE}>{t('audit.commandLine')}</option> : null}
          {filter.user !== '' && filter.user !== COMMAND_LINE && !users.names.includes(filter.user) ? (
            <option value={filter.user}>{filter.user}</option>
          ) : null}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">{t('audit.filter.from')}</span>
        <input className="input" type="date" value={filter.from} max={filter.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="filter">
        <span className="filter-label">{t('audit.filter.to')}</span>
        <input className="input" type="date" value={filter.to} min={filter.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </label>
      {isFiltering(filter) ? (
        <button type="button" className="btn" onClick={() => onChange(noAuditFilter)}>{t('audit.filter.clear')}</button>
      ) : null}
    </form>
  );
}
