import type { StateCreator } from 'zustand/vanilla';
import type {
  AuditEntry,
  BankAccount,
  Company,
  CoreErrorData,
  Envelope,
  MethodInput,
  MethodName,
  MethodOutput,
  MethodParsedInput,
  User,
} from '../../../main/core/contract/index.js';
import type { Api } from '../../../preload/bridge.js';
import type { Language, MessageRef } from '../i18n/types.js';

/** Where the app is: before the core answered, first run, login, or inside. */
export type Phase = 'starting' | 'unreachable' | 'setup' | 'login' | 'ready';
/** The screens of the app frame. */
export type ScreenId =
  | 'inbox' | 'review' | 'accounts' | 'reports' | 'rules' | 'audit' | 'settings' | 'companies' | 'users';
export type Theme = 'light' | 'dark' | 'system';
export type AppInfo = MethodOutput<'app.info'>;
/** An error envelope's data, kept in state for a screen to show (or null). */
export type ErrorData = CoreErrorData | null;

/** Calls the core; never throws (a failed transport becomes an error envelope). */
export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Envelope<MethodOutput<M>>>;

/** What a slice needs from outside: the core, and somewhere to remember preferences. */
export interface SliceDeps {
  api: Api;
  call: Call;
  storage: KeyValueStorage;
  preferredLanguages: readonly string[];
}

/** The part of `Storage` the store uses (localStorage in the app, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SessionSlice {
  phase: Phase;
  appInfo: AppInfo | null;
  user: User | null;
  expiresAt: string | null;
  /** Why the login screen is shown, when it is not the first visit. */
  sessionNotice: 'expired' | 'logged_out' | null;
  startError: ErrorData;
  setupError: ErrorData;
  loginError: ErrorData;
  authPending: boolean;
  start(): Promise<void>;
  setup(input: MethodInput<'auth.setup'>): Promise<boolean>;
  login(input: MethodInput<'auth.login'>): Promise<boolean>;
  logout(): Promise<void>;
  /** The core said the session is gone: drop the user's data and ask for a login. */
  expireSession(): void;
}

export interface CompaniesSlice {
  companies: Company[];
  companiesLoaded: boolean;
  currentCompanyId: number | null;
  companiesErrors: { load: ErrorData; create: ErrorData; rename: { id: number; error: CoreErrorData } | null; archive: ErrorData };
  loadCompanies(): Promise<void>;
  createCompany(input: MethodInput<'companies.create'>): Promise<boolean>;
  renameCompany(id: number, name: string): Promise<boolean>;
  /** Optimistic; the toast offers Undo. */
  setCompanyArchived(id: number, archived: boolean): Promise<boolean>;
  selectCompany(id: number | null): void;
}

export type NewAccountInput = Omit<MethodParsedInput<'accounts.create'>, 'companyId'>;

export interface AccountsSlice {
  accounts: BankAccount[];
  /** The company the loaded accounts belong to (null: nothing loaded). */
  accountsCompanyId: number | null;
  accountsLoading: boolean;
  accountsErrors: { load: ErrorData; create: ErrorData; rename: { id: number; error: CoreErrorData } | null; archive: ErrorData };
  loadAccounts(): Promise<void>;
  createAccount(input: NewAccountInput): Promise<boolean>;
  renameAccount(id: number, name: string): Promise<boolean>;
  setAccountArchived(id: number, archived: boolean): Promise<boolean>;
}

export interface UsersSlice {
  users: User[];
  usersLoaded: boolean;
  /** When the list was fetched (ms): a lock is shown if it lasts past this moment. */
  usersCheckedAt: number;
  usersErrors: { load: ErrorData; create: ErrorData };
  loadUsers(): Promise<void>;
  createUser(input: MethodInput<'users.create'>): Promise<boolean>;
}

export interface AuditSlice {
  auditEntries: AuditEntry[];
  /** The company the entries are of (null: the whole firm); undefined until first loaded. */
  auditCompanyId: number | null | undefined;
  auditLoading: boolean;
  auditHasMore: boolean;
  auditError: ErrorData;
  loadAudit(options?: { more?: boolean }): Promise<void>;
}

export interface Toast {
  id: number;
  tone: 'info' | 'error';
  /** What happened, translated when shown so it follows the language. */
  message?: MessageRef;
  /** Reverses the change the toast reports; also bound to the `u` key. */
  undo?: () => Promise<unknown>;
  /** A failure, described from its code when shown. */
  error?: CoreErrorData;
}

export interface UiSlice {
  language: Language;
  /** BCP 47 locale for numbers and dates (es-MX stays es-MX). */
  locale: string;
  theme: Theme;
  screen: ScreenId;
  toasts: Toast[];
  shortcutsOpen: boolean;
  setLanguage(language: Language): void;
  setTheme(theme: Theme): void;
  navigate(screen: ScreenId): void;
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
  /** Runs the undo of the newest toast that has one. */
  undoLast(): Promise<void>;
  setShortcutsOpen(open: boolean): void;
}

export type AppState = SessionSlice & CompaniesSlice & AccountsSlice & UsersSlice & AuditSlice & UiSlice;

/** A slice creator with access to the whole state. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
