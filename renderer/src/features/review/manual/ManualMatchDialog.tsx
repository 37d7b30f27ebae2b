import { Alert } from '../../../components/Alert.js';
import { Dialog } from '../../../components/Dialog.js';
import { useI18n } from '../../../i18n/use-i18n.js';
import { manualProblems } from '../../../stores/slices/manual-match-model.js';
import { useAppStore } from '../../../stores/store-context.js';
import type { ManualDraft } from '../../../stores/review-types.js';
import { ManualSearch } from './ManualSearch.js';
import { ManualSelection } from './ManualSelection.js';

/** "Save as rule": when the bank text contains … use counterparty … (and tax id). */
function RuleAndNote({ draft }: { draft: ManualDraft }) {
  const { t } = useI18n();
  const setRule = useAppStore((state) => state.setManualRule);
  const setField = useAppStore((state) => state.setManualField);
  const { rule } = draft;
  return (
    <div className="manual-extra">
      <label className="checkbox">
        <input type="checkbox" checked={rule.enabled} onChange={(e) => setRule({ enabled: e.target.checked })} />
        {t('manual.rule')}
      </label>
      {rule.enabled ? (
        <div className="manual-rule">
          <label className="field">
            <span className="field-label">{t('manual.rule.bankText')}</span>
            <input className="input input-small" value={rule.bankText} maxLength={200} onChange={(e) => setRule({ bankText: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('manual.rule.counterparty')}</span>
            <input className="input input-small" value={rule.counterpartyName} maxLength={200} onChange={(e) => setRule({ counterpartyName: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('manual.rule.taxId')} <span className="field-optional">({t('common.optional')})</span></span>
            <input className="input input-small" value={rule.taxId} maxLength={32} onChange={(e) => setRule({ taxId: e.target.value })} />
          </label>
        </div>
      ) : null}
      <label className="field">
        <span className="field-label">{t('manual.note')} <span className="field-optional">({t('common.optional')})</span></span>
        <textarea className="input manual-note" rows={2} maxLength={500} value={draft.note} onChange={(e) => setField({ note: e.target.value })} />
      </label>
    </div>
  );
}

/**
 * The manual match builder: one or more bank lines against one or more books items, partial
 * allocations, the running difference and its treatment, an optional rule; "Create match" sends it.
 */
export function ManualMatchDialog() {
  const { t, error: describe } = useI18n();
  const draft = useAppStore((state) => state.manualDraft);
  const close = useAppStore((state) => state.closeManualMatch);
  const submit = useAppStore((state) => state.submitManualMatch);
  if (!draft) return null;
  const problems = manualProblems(draft);

  const footer = (
    <>
      {problems.length > 0 ? <p className="manual-problem" role="status">{t(`manual.problem.${problems[0]!}`)}</p> : null}
      <button type="button" className="btn" onClick={close}>{t('common.cancel')}</button>
      <button type="button" className="btn btn-primary" disabled={problems.length > 0 || draft.submitting} onClick={() => void submit()}>
        {draft.submitting ? t('manual.submitting') : t('manual.submit')}
      </button>
    </>
  );

  return (
    <Dialog title={t('manual.title')} onClose={close} size="wide" footer={footer}>
      <div className="manual">
        <div className="manual-left">
          <ManualSelection draft={draft} />
          <RuleAndNote draft={draft} />
          {draft.error ? <Alert>{describe(draft.error)}</Alert> : null}
        </div>
        <ManualSearch draft={draft} />
      </div>
    </Dialog>
  );
}
