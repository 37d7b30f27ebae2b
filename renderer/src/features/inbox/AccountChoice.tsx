import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImportPreview } from '../../../../main/core/contract/index.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { InboxFile } from '../../stores/types.js';

/** The one account the file's statements already go to, when the company has it. */
function matchedAccountId(preview: ImportPreview): number | null {
  const ids = new Set(preview.statements.flatMap((s) => (s.resolution.kind === 'existing' ? [s.resolution.accountId] : [])));
  return ids.size === 1 ? [...ids][0]! : null;
}

/**
 * Which account a bank file goes to: the one it names (found), a new one the file names
 * (created on import), or one the person chooses (required when the file does not say).
 */
export function AccountChoice({ file, preview, disabled }: { file: InboxFile; preview: ImportPreview; disabled: boolean }) {
  const { t, tn, language } = useI18n();
  const navigate = useAppStore((state) => state.navigate);
  const id = useId();
  const setAccount = useAppStore((state) => state.setFileAccount);
  const accounts = useAppStore(useShallow((state) => state.accounts.filter((a) => a.companyId === file.companyId && !a.archived)));
  const named = file.namedAccount;
  const matched = matchedAccountId(preview);
  const value = file.accountId !== null ? String(file.accountId) : file.createAccount && named ? 'create' : matched !== null ? String(matched) : '';
  const choose = preview.statements.map((s) => s.resolution).find((r) => r.kind === 'choose');
  const creating = value === 'create';
  const how = preview.statements.map((s) => s.resolution).find((r) => r.kind === 'existing');

  return (
    <div className="file-account">
      <label htmlFor={id} className="field-label">{t('inbox.account')}</label>
      <select
        id={id}
        className="input select input-small"
        value={value}
        disabled={disabled}
        aria-invalid={value === '' || choose ? true : undefined}
        onChange={(event) => {
          const next = event.target.value;
          void setAccount(file.id, next === 'create' ? 'create' : next === '' ? null : Number(next));
        }}
      >
        {value === '' ? <option value="">{t('inbox.account.choose')}</option> : null}
        {named ? (
          <option value="create">
            {named.count > 1 ? tn('inbox.account.createMany', named.count) : t('inbox.account.create', { name: named.name, currency: named.currency })}
          </option>
        ) : null}
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>{`${account.name} · ${account.currency}`}</option>
        ))}
      </select>
      {choose && accounts.length === 0 && !named ? (
        <p className="field-error">
          {t('inbox.account.none')}{' '}
          <button type="button" className="btn btn-link" onClick={() => navigate('accounts')}>{t('accounts.empty.action')}</button>
        </p>
      ) : choose ? (
        // The core's reason is English: shown in English, a tooltip in other languages.
        <p className="field-error" title={language === 'en' ? undefined : choose.reason}>
          {t('inbox.account.needed')} {language === 'en' ? <span className="detail">{choose.reason}</span> : null}
        </p>
      ) : creating ? (
        <p className="field-hint">{t('inbox.account.willCreate')}</p>
      ) : how?.kind === 'existing' && how.how === 'matched' && file.accountId === null ? (
        <p className="field-hint">{t('inbox.account.found')}</p>
      ) : null}
    </div>
  );
}
