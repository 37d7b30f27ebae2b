import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { useAppStore } from '../stores/store-context.js';
import { Icon } from './Icon.js';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** Who is logged in, with the shortcuts list and Log out. */
export function UserMenu() {
  const { t } = useI18n();
  const user = useAppStore((state) => state.user);
  const logout = useAppStore((state) => state.logout);
  const showShortcuts = useAppStore((state) => state.setShortcutsOpen);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: MouseEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  if (!user) return null;

  const closeAndFocus = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>): void => {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeAndFocus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="user-menu" ref={root}>
      {open ? (
        <ul id={menuId} className="menu" role="menu" aria-label={t('userMenu.label', { name: user.displayName })} onKeyDown={onMenuKey}>
          <li role="none">
            <button type="button" role="menuitem" className="menu-item" onClick={() => { setOpen(false); showShortcuts(true); }}>
              <Icon name="keyboard" /> {t('userMenu.shortcuts')} <kbd className="menu-key">?</kbd>
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" className="menu-item" onClick={() => { setOpen(false); void logout(); }}>
              <Icon name="logout" /> {t('userMenu.logout')}
            </button>
          </li>
        </ul>
      ) : null}
      <button
        ref={button}
        type="button"
        className="user-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('userMenu.label', { name: user.displayName })}
        onClick={() => setOpen((value) => !value)}
        data-testid="user-menu"
      >
        <span className="avatar" aria-hidden="true">{initials(user.displayName)}</span>
        <span className="user-names">
          <span className="user-name">{user.displayName}</span>
          <span className="user-role">{t(`role.${user.role}`)}</span>
        </span>
        <Icon name="chevron" className="user-chevron" />
      </button>
    </div>
  );
}
