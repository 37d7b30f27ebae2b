import { firmScreens, mainScreens, visibleScreens, type ScreenEntry } from '../app/screens.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useAppStore } from '../stores/store-context.js';
import { CompanySwitcher } from './CompanySwitcher.js';
import { Icon } from './Icon.js';
import { UserMenu } from './UserMenu.js';

function NavList({ entries }: { entries: readonly ScreenEntry[] }) {
  const { t } = useI18n();
  // An account's page belongs to Accounts in the sidebar.
  const screen = useAppStore((state) => (state.screen === 'account' ? 'accounts' : state.screen));
  const navigate = useAppStore((state) => state.navigate);
  return (
    <ul className="nav-list">
      {entries.map((entry) => {
        const label = t(entry.label);
        return (
          <li key={entry.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === entry.id ? 'page' : undefined}
              title={`${label} (G ${entry.chord.toUpperCase()})`}
              onClick={() => navigate(entry.id)}
            >
              <Icon name={entry.icon} />
              <span>{label}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The left column: firm and company at the top, the screens, and the user at the bottom. */
export function Sidebar() {
  const { t } = useI18n();
  const firmName = useAppStore((state) => state.appInfo?.firmName ?? 'Cuadra');
  const role = useAppStore((state) => state.user?.role);
  return (
    <aside className="sidebar">
      <div className="sidebar-top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">C</span>
          <span className="brand-firm" title={firmName}>{firmName}</span>
        </div>
        <CompanySwitcher />
      </div>
      <nav className="nav" aria-label={t('nav.label')}>
        <NavList entries={mainScreens} />
      </nav>
      <nav className="nav nav-secondary" aria-label={t('nav.firm')}>
        <h2 className="nav-heading" aria-hidden="true">{t('nav.firm')}</h2>
        <NavList entries={visibleScreens(firmScreens, role)} />
      </nav>
      <div className="sidebar-bottom">
        <UserMenu />
      </div>
    </aside>
  );
}
