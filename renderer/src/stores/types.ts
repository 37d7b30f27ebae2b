import type { StateCreator } from 'zustand/vanilla';
import type {
  AuditEntry,
  BankAccount,
  BankLineRow,
  BookItemRow,
  Company,
  CoreErrorData,
  Envelope,
  ImportPreview,
  ImportResult,
  MethodInput,
  MethodName,
  MethodOutput,
  MethodParsedInput,
  SavedProfile,
  TabularProfile,
  User,
} from '../../../main/core/contract/index.js';
import type { Api } from '../../../preload/bridge.js';
import type { Language, MessageRef } from '../i18n/types.js';
import type { MatchingSettingsSlice, OverviewSlice, ReportsSlice, RulesSlice } from './reconcile-types.js';
import type { ManualMatchSlice, ReconcileSlice, ReviewSlice } from './review-types.js';
import type { EmbeddingSlice } from './embedding-types.js';

/** Where the app is: before the core answered, first run, login, or inside. */
export type Phase = 'starting' | 'unreachable' | 'setup' | 'login' | 'ready';
/** The screens of the app frame. */
export type ScreenId =
  | 'inbox' | 'review' | 'accounts' | 'account' | 'reports' | 'rules' | 'audit' | 'settings' | 'companies' | 'users';
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

export type ImportSide = 'bank' | 'books';

/** Where a dropped file is in its life: being read, checked by the core, imported, or given up. */
export type InboxPhase = 'reading' | 'checking' | 'checked' | 'importing' | 'imported' | 'cancelled' | 'failed';

/** One file in the Inbox: its bytes, the choices made about it and what the core said. */
export interface InboxFile {
  /** Local id, also the task id of its import (progress events, cancel). */
  id: string;
  companyId: number;
  fileName: string;
  size: number;
  contentBase64: string | null;
  /** The person's choice; null lets Cuadra decide from the content. */
  side: ImportSide | null;
  /** A text encoding chosen by the person (accents looked wrong); null lets Cuadra detect it. */
  encoding: string | null;
  /** An account chosen for the file (null: the one the file names). */
  accountId: number | null;
  /** Create the account(s) the file names that the company has not got. */
  createAccount: boolean;
  /** The account the file names when the company has not got it, remembered across previews. */
  namedAccount: { name: string; currency: string; count: number } | null;
  mapping: TabularProfile | null;
  saveProfileAs: string | null;
  skipped: boolean;
  phase: InboxPhase;
  preview: ImportPreview | null;
  /** Why reading, checking or importing failed. */
  error: CoreErrorData | null;
  progress: { stage: string; done: number; total: number | null } | null;
  result: ImportResult | null;
}

/** The last "Import all": which files it covered and whether it was cancelled. */
export interface ImportRun {
  fileIds: string[];
  running: boolean;
  cancelling: boolean;
  cancelled: boolean;
  currentId: string | null;
}

/** A file as the browser gives it (File satisfies it; tests pass plain objects). */
export interface DroppedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ImportsSlice {
  inboxFiles: InboxFile[];
  importRun: ImportRun | null;
  /** Saved spreadsheet profiles of the current company and the firm (for the mapping screen). */
  profiles: SavedProfile[];
  loadProfiles(): Promise<void>;
  /** Reads files, adds them to the Inbox of the current company and previews each. */
  addFiles(files: readonly DroppedFile[]): Promise<void>;
  setFileSide(id: string, side: ImportSide | null): Promise<void>;
  setFileEncoding(id: string, encoding: string | null): Promise<void>;
  /** An existing account, 'create' (the one the file names), or null (as the file says). */
  setFileAccount(id: string, choice: number | 'create' | null): Promise<void>;
  /** Uses a mapping from the mapping screen; `saveAs` names the profile saved at import. */
  applyMapping(id: string, mapping: TabularProfile, saveAs: string | null): Promise<void>;
  /** The preview a draft mapping would give, without storing anything (live preview). */
  previewMapping(id: string, mapping: TabularProfile): Promise<Envelope<ImportPreview>>;
  setFileSkipped(id: string, skipped: boolean): void;
  removeFile(id: string): void;
  /** Removes imported and skipped files and the last run's summary. */
  clearFinished(): void;
  /** Imports every ready file of the current company, one commit each, in order. */
  importAll(): Promise<void>;
  /** Cancels the import in progress; files not started stay in the Inbox. */
  cancelImport(): Promise<void>;
  onTaskProgress(progress: { taskId: string; stage: string; done: number; total: number | null }): void;
}

export type LinesTab = 'bank' | 'books';
export type LinesSort = 'date' | 'amount' | 'description';

/** The filters and order of the account view's tables (the contract's page query, minus paging). */
export interface LinesFilter {
  search: string;
  from: string | null;
  to: string | null;
  minAmountMinor: number | null;
  maxAmountMinor: number | null;
  status: 'all' | 'unmatched' | 'matched' | 'pending';
  sort: LinesSort;
  direction: 'asc' | 'desc';
}

/** Rows fetched page by page; a page absent from `pages` is not loaded yet. */
export interface PagedRows<R> {
  filter: LinesFilter;
  total: number | null;
  pages: Readonly<Record<number, readonly R[]>>;
  loading: boolean;
  error: ErrorData;
  /** Bumped on every filter change: answers for an older generation are dropped. */
  generation: number;
}

export interface LinesSlice {
  viewAccountId: number | null;
  viewTab: LinesTab;
  /** Books tab: every item of the company, or the ledger of the account on screen. */
  booksScope: 'company' | 'account';
  bankLines: PagedRows<BankLineRow>;
  bookItems: PagedRows<BookItemRow>;
  openAccountView(accountId: number, tab?: LinesTab): void;
  setViewTab(tab: LinesTab): void;
  setBooksScope(scope: 'company' | 'account'): void;
  setLinesFilter(tab: LinesTab, patch: Partial<LinesFilter>): void;
  /** Loads the pages that hold rows [start, end) of a table, if not loaded yet. */
  ensureRows(tab: LinesTab, start: number, end: number): Promise<void>;
  /** Drops what was loaded and fetches again (data changed). */
  reloadLines(): void;
}

export type AppState = SessionSlice & CompaniesSlice & AccountsSlice & UsersSlice & AuditSlice & UiSlice & ImportsSlice & LinesSlice
  & ReportsSlice & OverviewSlice & RulesSlice & MatchingSettingsSlice & ReviewSlice & ReconcileSlice & ManualMatchSlice & EmbeddingSlice;

/** A slice creator with access to the whole state. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
