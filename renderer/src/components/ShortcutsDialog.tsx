import { Fragment } from 'react';
import { firmScreens, mainScreens, visibleScreens } from '../app/screens.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useAppStore } from '../stores/store-context.js';
import { Dialog } from './Dialog.js';

function Keys({ keys, then }: { keys: readonly string[]; then: string }) {
  return (
    <span className="keys">
      {keys.map((key, index) => (
        <Fragment key={key}>
          {index > 0 ? <span className="keys-then"> {then} </span> : null}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/** The list of every keyboard shortcut, opened with `?`. */
export function ShortcutsDialog() {
  const { t } = useI18n();
  const open = useAppStore((state) => state.shortcutsOpen);
  const setOpen = useAppStore((state) => state.setShortcutsOpen);
  const role = useAppStore((state) => state.user?.role);
  if (!open) return null;

  const then = t('shortcuts.then');
  const screens = [...mainScreens, ...visibleScreens(firmScreens, role)];
  const rows: { keys: readonly string[]; label: string }[] = [
    { keys: ['?'], label: t('shortcuts.show') },
    ...screens.map((screen) => ({ keys: ['G', screen.chord.toUpperCase()], label: t('shortcuts.goTo', { screen: t(screen.label) }) })),
    { keys: ['N'], label: t('shortcuts.new') },
    { keys: ['U'], label: t('shortcuts.undo') },
    { keys: ['J'], label: t('shortcuts.nextRow') },
    { keys: ['K'], label: t('shortcuts.previousRow') },
    { keys: ['A'], label: t('shortcuts.approve') },
    { keys: ['R'], label: t('shortcuts.reject') },
    { keys: ['1–9'], label: t('shortcuts.chooseAlternative') },
    { keys: ['M'], label: t('shortcuts.manualMatch') },
    { keys: ['/'], label: t('shortcuts.search') },
    { keys: ['Enter'], label: t('shortcuts.submit') },
    { keys: ['Esc'], label: t('shortcuts.escape') },
  ];
  return (
    <Dialog title={t('shortcuts.title')} onClose={() => setOpen(false)}>
      <table className="shortcuts">
        <tbody>
          {rows.map((row) => (
            <tr key={row.keys.join('+')}>
              <td className="shortcuts-keys"><Keys keys={row.keys} then={then} /></td>
              <td>{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
