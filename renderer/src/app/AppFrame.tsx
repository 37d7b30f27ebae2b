import { useEffect, useRef } from 'react';
import { ShortcutsDialog } from '../components/ShortcutsDialog.js';
import { Sidebar } from '../components/Sidebar.js';
import { Toasts } from '../components/Toasts.js';
import { AccountViewScreen } from '../features/account-view/AccountViewScreen.js';
import { AccountsScreen } from '../features/accounts/AccountsScreen.js';
import { AuditScreen } from '../features/audit/AuditScreen.js';
import { CompaniesScreen } from '../features/companies/CompaniesScreen.js';
import { InboxScreen } from '../features/inbox/InboxScreen.js';
import { WindowDropTarget } from '../features/inbox/WindowDropTarget.js';
import { ReportsScreen } from '../features/reports/ReportsScreen.js';
import { ReviewScreen } from '../features/review/ReviewScreen.js';
import { RulesScreen } from '../features/rules/RulesScreen.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { UsersScreen } from '../features/users/UsersScreen.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useAppStore } from '../stores/store-context.js';
import type { ScreenId } from '../stores/types.js';
import { useShortcuts } from './use-shortcuts.js';

function Screen({ id }: { id: ScreenId }) {
  switch (id) {
    case 'inbox':
      return <InboxScreen />;
    case 'review':
      return <ReviewScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'rules':
      return <RulesScreen />;
    case 'accounts':
      return <AccountsScreen />;
    case 'account':
      return <AccountViewScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'companies':
      return <CompaniesScreen />;
    case 'users':
      return <UsersScreen />;
  }
}

/** The logged-in window: sidebar, the current screen, toasts, the shortcuts dialog and the file drop target. */
export function AppFrame() {
  const { t } = useI18n();
  const screen = useAppStore((state) => state.screen);
  const main = useRef<HTMLElement>(null);
  const firstScreen = useRef(true);
  useShortcuts();

  useEffect(() => {
    // After a screen change, put focus on its title so keyboard and screen-reader users land there.
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('#screen-title')?.focus();
  }, [screen]);

  return (
    <div className="frame">
      {/* A button, not an #anchor: in browser mode the URL's fragment carries the access token. */}
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        {t('app.skipToContent')}
      </button>
      <Sidebar />
      <main id="main" ref={main} className="workspace" aria-labelledby="screen-title" tabIndex={-1}>
        <Screen id={screen} />
      </main>
      <Toasts />
      <ShortcutsDialog />
      <WindowDropTarget />
    </div>
  );
}
