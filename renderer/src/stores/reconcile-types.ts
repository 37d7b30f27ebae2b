import type {
  ImportBatch,
  MatchCounts,
  MethodInput,
  MethodOutput,
  ReconcileRun,
  ReconciliationReport,
} from '../../../main/core/contract/index.js';
import type { ErrorData } from './types.js';

/*
 * State of the screens that look at reconciliation results: the account overview and company
 * dashboard, the reconciliation report with its period locks and exports, the rules and learned
 * aliases, and the per-company matching settings. Kept apart from types.ts so each stays readable.
 */

export type PeriodLock = MethodOutput<'periodLocks.list'>[number];
export type LearnedAlias = MethodOutput<'learning.list'>['aliases'][number];
export type RejectedPair = MethodOutput<'learning.list'>['rejectedPairs'][number];
export type MatchingSettingsValue = MethodOutput<'matchingSettings.get'>;
export type NewRuleInput = Omit<MethodInput<'learning.addRule'>, 'companyId'>;

/** The file formats a report is exported to. */
export type ReportFormat = MethodInput<'reports.export'>['format'];

/** An exported report as `reports.export` answers it: bytes as base64 with a name and a type. */
export type ReportFile = MethodOutput<'reports.export'>;

export interface ReportsSlice {
  /** The account and date the report screen shows (null: none chosen yet). */
  reportAccountId: number | null;
  /** ISO date; empty until the screen first opens (then today). */
  reportTo: string;
  report: ReconciliationReport | null;
  reportLoading: boolean;
  reportError: ErrorData;
  /** The period locks of the current company's accounts. */
  periodLocks: PeriodLock[];
  periodLocksCompanyId: number | null;
  lockPending: boolean;
  lockError: ErrorData;
  /** The format being exported, while the core writes the file. */
  exporting: ReportFormat | null;
  /** Shows the report in its printable layout. */
  printView: boolean;
  /** Chooses what the report shows and loads it. */
  showReport(accountId: number | null, to: string): Promise<void>;
  loadReport(): Promise<void>;
  loadPeriodLocks(): Promise<void>;
  /** Admins: refuses decisions on the account's lines dated on or before `through`. */
  lockPeriod(accountId: number, through: string): Promise<boolean>;
  /** Admins: lifts the lock; the toast offers to put it back. */
  unlockPeriod(accountId: number): Promise<boolean>;
  /** The report on screen as a file (null when it failed; the failure is a toast). */
  exportReport(format: ReportFormat): Promise<ReportFile | null>;
  setPrintView(open: boolean): void;
}

/** What the dashboard knows about one account: its counts and its report at the dashboard's date. */
export interface AccountStatus {
  counts: MatchCounts | null;
  report: ReconciliationReport | null;
  error: ErrorData;
}

/** The bank lines of one account: how many and the first and last booking dates. */
export interface LineSpan {
  total: number;
  first: string | null;
  last: string | null;
}

export interface OverviewSlice {
  /** The company the statuses are of (null: nothing loaded). */
  overviewCompanyId: number | null;
  /** The date the statuses were computed at (ISO). */
  overviewTo: string;
  accountStatuses: Readonly<Record<number, AccountStatus>>;
  overviewLoading: boolean;
  lastRun: ReconcileRun | null;
  /** The account whose overview is open below the dashboard (null: none). */
  overviewAccountId: number | null;
  /** The company's imported files (for the statement periods of the open account). */
  importBatches: ImportBatch[];
  lineSpan: LineSpan | null;
  overviewDetailError: ErrorData;
  /** Loads counts and the report at today of every active account of the current company. */
  loadOverview(): Promise<void>;
  /** Opens (or, with null, closes) one account's overview and loads what only it shows. */
  openAccountOverview(accountId: number | null): Promise<void>;
}

export interface RulesSlice {
  aliases: LearnedAlias[];
  rejectedPairs: RejectedPair[];
  /** The company the rules are of (null: nothing loaded). */
  learningCompanyId: number | null;
  learningLoading: boolean;
  learningErrors: { load: ErrorData; add: ErrorData };
  loadLearning(): Promise<void>;
  addRule(input: NewRuleInput): Promise<boolean>;
  /** Optimistic; the toast offers Undo (the alias comes back as a rule). */
  deleteAlias(id: number): Promise<boolean>;
  deleteRejected(id: number): Promise<boolean>;
}

/** The matching settings form as typed: percentages, an amount and day counts, all text. */
export interface MatchingSettingsDraft {
  thresholdPercent: string;
  tolerancePercent: string;
  feeTolerance: string;
  dateWindowBefore: string;
  dateWindowAfter: string;
}
export type MatchingDraftField = keyof MatchingSettingsDraft;
/** Why a field of the draft is refused, by field. */
export type MatchingDraftErrors = Partial<Record<MatchingDraftField, 'required' | 'number' | 'range' | 'whole'>>;

export interface MatchingSettingsSlice {
  matchingSettings: MatchingSettingsValue | null;
  matchingSettingsCompanyId: number | null;
  matchingSettingsErrors: { load: ErrorData; save: ErrorData };
  matchingSaving: boolean;
  loadMatchingSettings(): Promise<void>;
  /** Checks the draft, then saves it; answers the fields refused (empty when saved or failed in the core). */
  saveMatchingSettings(draft: MatchingSettingsDraft): Promise<{ saved: boolean; errors: MatchingDraftErrors }>;
}
