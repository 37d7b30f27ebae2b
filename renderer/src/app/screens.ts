import type { IconName } from '../components/Icon.js';
import type { PlainKey } from '../i18n/types.js';
import type { Role } from '../../../main/core/contract/index.js';
import type { ScreenId } from '../stores/types.js';

export interface ScreenEntry {
  id: ScreenId;
  label: PlainKey;
  icon: IconName;
  /** The key after `g` that opens the screen. */
  chord: string;
  /** Roles that see the screen (all when absent). */
  roles?: readonly Role[];
}

/** The sidebar's main list, in the order of an accountant's month. */
export const mainScreens: readonly ScreenEntry[] = [
  { id: 'inbox', label: 'nav.inbox', icon: 'inbox', chord: 'i' },
  { id: 'review', label: 'nav.review', icon: 'review', chord: 'r' },
  { id: 'accounts', label: 'nav.accounts', icon: 'accounts', chord: 'a' },
  { id: 'reports', label: 'nav.reports', icon: 'reports', chord: 'p' },
  { id: 'rules', label: 'nav.rules', icon: 'rules', chord: 'l' },
  { id: 'audit', label: 'nav.audit', icon: 'audit', chord: 't' },
  { id: 'settings', label: 'nav.settings', icon: 'settings', chord: 's' },
];

/** Firm-wide screens below the main list. */
export const firmScreens: readonly ScreenEntry[] = [
  { id: 'companies', label: 'nav.companies', icon: 'companies', chord: 'c' },
  { id: 'users', label: 'nav.users', icon: 'users', chord: 'u', roles: ['admin'] },
];

/** The screens a role may open. */
export function visibleScreens(entries: readonly ScreenEntry[], role: Role | undefined): ScreenEntry[] {
  return entries.filter((entry) => !entry.roles || (role !== undefined && entry.roles.includes(role)));
}

/** Which roles may create, rename and archive companies and accounts (mirrors the contract's access lists). */
export const canEdit = (role: Role | undefined): boolean => role === 'admin' || role === 'preparer';
export const canArchive = (role: Role | undefined): boolean => role === 'admin';
