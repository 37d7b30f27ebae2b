import { useEffect, useId, useRef, useState } from 'react';
import type { TabularProfile } from '../../../../main/core/contract/index.js';
import { Dialog } from '../../components/Dialog.js';
import { SelectField, TextField } from '../../components/Field.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { InboxFile } from '../../stores/types.js';
import { dateOrders, draftFromLayout, mappingProblems, signConventions, withRole } from './mapping-model.js';
import { MappingPreview, type LivePreview } from './MappingPreview.js';
import { MappingTable } from './MappingTable.js';

/** How long the person may keep changing the mapping before the core is asked again. */
export const LIVE_PREVIEW_DELAY_MS = 350;

/**
 * The mapping screen: a role above each column of the file's first rows, the date order, the
 * decimal separator and the sign convention, a live preview from the core, and "Save as profile".
 */
export function MappingDialog({ file, onClose }: { file: InboxFile; onClose: () => void }) {
  const { t } = useI18n();
  const previewMapping = useAppStore((state) => state.previewMapping);
  const applyMapping = useAppStore((state) => state.applyMapping);
  const loadProfiles = useAppStore((state) => state.loadProfiles);
  const profiles = useAppStore((state) => state.profiles);
  const layout = file.preview?.layout ?? null;
  const side = file.side ?? file.preview?.side ?? 'bank';
  const [draft, setDraft] = useState<TabularProfile | null>(() => (layout ? draftFromLayout(layout, side, file.fileName, file.mapping) : null));
  const [save, setSave] = useState(file.saveProfileAs !== null);
  const [profileName, setProfileName] = useState(file.saveProfileAs ?? draft?.name ?? '');
  const [live, setLive] = useState<LivePreview>({ pending: true, preview: null, error: null });
  const ledgerId = useId();
  const askedFor = useRef(0);
  const firstRun = useRef(true);

  useEffect(() => {
    void loadProfiles();
  }, [loadProfiles]);

  useEffect(() => {
    if (!draft) return;
    const ask = ++askedFor.current;
    // The first preview goes at once; later ones wait until the person pauses.
    const delay = firstRun.current ? 0 : LIVE_PREVIEW_DELAY_MS;
    firstRun.current = false;
    const timer = setTimeout(() => {
      void previewMapping(file.id, draft).then((result) => {
        if (ask !== askedFor.current) return;
        setLive(result.ok ? { pending: false, preview: result.value, error: null } : { pending: false, preview: null, error: result.error });
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [draft, file.id, previewMapping]);

  if (!layout || !draft) return null;

  const problems = mappingProblems(draft);
  const nameMissing = save && profileName.trim() === '';
  const sideProfiles = profiles.filter((profile) => profile.side === draft.side);
  // Every change of the draft marks the preview as pending until the core answers for it.
  const change = (next: TabularProfile): void => {
    setDraft(next);
    setLive((value) => ({ ...value, pending: true }));
  };
  const update = (patch: Partial<TabularProfile>): void => change({ ...draft, ...patch });
  const apply = (): void => {
    if (problems.length > 0 || nameMissing) return;
    const name = save ? profileName.trim() : draft.name;
    void applyMapping(file.id, { ...draft, name }, save ? name : null);
    onClose();
  };

  const footer = (
    <>
      <label className="checkbox">
        <input type="checkbox" checked={save} onChange={(event) => setSave(event.target.checked)} />
        {t('mapping.saveProfile')}
      </label>
      {save ? (
        <TextField
          label={t('mapping.profileName')}
          className="mapping-profile-name"
          value={profileName}
          maxLength={100}
          onChange={(event) => setProfileName(event.target.value)}
          error={nameMissing ? t('field.required') : null}
        />
      ) : null}
      <div className="dialog-footer-actions">
        <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
        <button type="button" className="btn btn-primary" disabled={problems.length > 0 || nameMissing} onClick={apply}>
          {t('mapping.apply')}
        </button>
      </div>
    </>
  );

  return (
    <Dialog title={t('mapping.title', { file: file.fileName })} onClose={onClose} size="wide" footer={footer}>
      <div className="mapping">
        <p className="muted">{t('mapping.intro')}</p>
        <div className="form-row mapping-options">
          <SelectField label={t('mapping.side')} value={draft.side} onChange={(e) => update({ side: e.target.value === 'books' ? 'books' : 'bank' })}>
            <option value="bank">{t('inbox.side.bank')}</option>
            <option value="books">{t('inbox.side.books')}</option>
          </SelectField>
          <SelectField label={t('mapping.dateOrder')} value={draft.dateOrder ?? ''} onChange={(e) => update({ dateOrder: dateOrders.find((o) => o === e.target.value) ?? null })}>
            <option value="">{t('mapping.auto')}</option>
            {dateOrders.map((order) => <option key={order} value={order}>{t(`mapping.dateOrder.${order}`)}</option>)}
          </SelectField>
          <SelectField
            label={t('mapping.decimal')}
            value={draft.decimalSeparator ?? ''}
            onChange={(e) => update({ decimalSeparator: e.target.value === ',' ? ',' : e.target.value === '.' ? '.' : null })}
          >
            <option value="">{t('mapping.auto')}</option>
            <option value=",">{t('mapping.decimal.comma')}</option>
            <option value=".">{t('mapping.decimal.point')}</option>
          </SelectField>
          <SelectField label={t('mapping.sign')} value={draft.signConvention} onChange={(e) => update({ signConvention: signConventions.find((s) => s === e.target.value) ?? 'signed' })}>
            {signConventions.map((sign) => <option key={sign} value={sign}>{t(`mapping.sign.${sign}`)}</option>)}
          </SelectField>
          {sideProfiles.length > 0 ? (
            <SelectField
              label={t('mapping.startFrom')}
              value=""
              onChange={(e) => {
                const chosen = sideProfiles.find((p) => String(p.id) === e.target.value);
                if (!chosen) return;
                const { name, side: profileSide, columns, dateOrder, decimalSeparator, signConvention, ledger } = chosen;
                change({ name, side: profileSide, columns, dateOrder, decimalSeparator, signConvention, ledger });
                setProfileName(name);
              }}
            >
              <option value="">{t('mapping.startFrom.none')}</option>
              {sideProfiles.map((profile) => <option key={profile.id} value={profile.id}>{profile.name}</option>)}
            </SelectField>
          ) : null}
          {draft.side === 'books' ? (
            <div className="field mapping-ledger">
              <span className="field-label" aria-hidden="true">&nbsp;</span>
              <label className="checkbox" htmlFor={ledgerId}>
                <input id={ledgerId} type="checkbox" checked={draft.ledger} onChange={(e) => update({ ledger: e.target.checked })} />
                {t('mapping.ledger')}
              </label>
            </div>
          ) : null}
        </div>
        {layout.reasons.length > 0 ? (
          <details className="mapping-reasons">
            <summary>{t('mapping.reasons')}</summary>
            <ul>{layout.reasons.map((reason, index) => <li key={index}>{reason}</li>)}</ul>
          </details>
        ) : null}
        <MappingTable draft={draft} layout={layout} onRole={(index, role) => change(withRole(draft, index, role, layout.headers))} />
        {problems.length > 0 ? (
          <ul className="mapping-problems" role="alert">
            {problems.map((problem) => <li key={problem}>{t(`mapping.problem.${problem}`)}</li>)}
          </ul>
        ) : null}
        <MappingPreview draft={draft} layout={layout} live={live} fileName={file.fileName} />
      </div>
    </Dialog>
  );
}
