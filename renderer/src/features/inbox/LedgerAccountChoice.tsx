import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { InboxFile } from '../../stores/types.js';

/**
 * Where a books file goes: the company's open items (no account), or the ledger of one of its
 * bank accounts (libro de bancos) — the core reads the rows as that account's ledger entries.
 */
export function LedgerAccountChoice({ file, disabled }: { file: InboxFile; disabled: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const setAccount = useAppStore((state) => state.setFileAccount);
  const accounts = useAppStore(useShallow((state) => state.accounts.filter((a) => a.companyId === file.companyId && !a.archived)));
  return (
    <div className="file-account">
      <label htmlFor={id} className="field-label">{t('inbox.books.target')}</label>
      <select
        id={id}
        className="input select input-small"
        value={file.accountId === null ? '' : String(file.accountId)}
        disabled={disabled}
        onChange={(event) => void setAccount(file.id, event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">{t('inbox.books.openItems')}</option>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>{t('inbox.books.ledgerOf', { name: `${account.name} · ${account.currency}` })}</option>
        ))}
      </select>
      <p className="field-hint">{t(file.accountId === null ? 'inbox.books.openItems.hint' : 'inbox.books.ledger.hint')}</p>
    </div>
  );
}
