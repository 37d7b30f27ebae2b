/**
 * Reconciliation runs: feed the pure engine from the database, checkpoint its state at every
 * stage boundary (and every few seconds inside long stages), and store what it proposes in
 * one transaction at the end.
 *
 * Interruptions: a run killed before its final transaction leaves its row 'running' with its
 * last checkpoint and no proposals; the next start over the same data and parameters resumes
 * from that checkpoint, otherwise it marks the row 'abandoned' and starts afresh. A run killed
 * inside the final transaction leaves nothing of it (SQLite rolls back). So proposals are never
 * duplicated or lost.
 *
 * Re-runs: decided matches (approved, auto-approved, rejected) are kept; their lines and items
 * leave the input (rejections become rejected pairs); pending proposals of earlier runs are
 * replaced by the new run's.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CoreDeps } from '../core.js';
import { CoreError, type ReconcileRun } from '../contract/index.js';
import { appendAudit, appendAuditMany, type AuditActor, type AuditInput } from '../audit/audit-log.js';
import { writeTransaction } from '../db/repos/transaction.js';
import {
  ENGINE_VERSION,
  DEFAULT_MODEL,
  advanceRun,
  canResume,
  prepareRun,
  runProgress,
  startRun,
  type MatchInput,
  type MatchParameterOverrides,
  type MatchProposal,
  type MatchResult,
  type MatchRunState,
} from '../matching/index.js';
import { loadEngineInput, scopeAccountIds, type RunScope } from './engine-input.js';
import { companySettingsOverrides } from './settings.js';
import { PENDING_STATUSES_SQL } from './statuses.js';
import { toReconcileRun, type RunRow } from './runs-repo.js';
import { runSemanticPass } from './semantic-run.js';
import type { Embedder } from '../embed/index.js';

export const RECONCILE_CANCELLED_MESSAGE = 'Reconciliation cancelled; the proposals of the last finished run are unchanged.';

/** What a caller asks for. */
export interface StartReconcileInput {
  companyId: number;
  accountIds: readonly number[] | null;
  threshold: number | null;
  tolerancePercent: number | null;
  dateWindowDays: number | null;
  taskId: string | null;
  actor: AuditActor;
  /** Run the semantic pass over what the deterministic stages left (default true). */
  semantic?: boolean;
}

/** Knobs for tests and benchmarks. */
export interface RunHooks {
  /** Lines per engine step (progress and cancellation granularity). */
  chunk?: number;
  /** Milliseconds between checkpoints inside a long stage. */
  checkpointEveryMs?: number;
  /** Work between checkpoints must be worth this many times the last checkpoint's cost (0: no such limit). */
  checkpointCostFactor?: number;
  /** Called after every checkpoint (the crash test prints it). */
  onCheckpoint?: (runId: number, stage: string) => void;
  /** The firm's remote embedder, when it configured one (else the local embedder is used). */
  remoteEmbedder?: () => Promise<Embedder | null>;
  /** Called once the run is taken: fresh, or resumed at `stage`. */
  onStart?: (runId: number, stage: string, resumed: boolean) => void;
}

const DEFAULT_CHUNK = 2000;
const DEFAULT_CHECKPOINT_MS = 3000;
const DEFAULT_CHECKPOINT_FACTOR = 10;

/** The company's settings with this run's flags on top. */
function runOverrides(db: Database, input: StartReconcileInput): MatchParameterOverrides {
  const overrides = companySettingsOverrides(db, input.companyId);
  if (input.threshold !== null) overrides.threshold = input.threshold;
  if (input.tolerancePercent !== null) overrides.tolerancePercent = input.tolerancePercent;
  if (input.dateWindowDays !== null) overrides.dateWindowDays = { before: input.dateWindowDays, after: input.dateWindowDays };
  return overrides;
}

function companyExists(db: Database, companyId: number): boolean {
  return db.prepare('SELECT 1 FROM companies WHERE id = ?').get(companyId) !== undefined;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Runs (or resumes) the reconciliation of a company and returns the finished run. Throws
 * CoreError('cancelled') when the caller cancels; the run is then marked cancelled.
 */
export async function startReconcile(deps: CoreDeps, input: StartReconcileInput, hooks: RunHooks = {}): Promise<ReconcileRun & { resumed: boolean }> {
  const { db, clock } = deps;
  if (!companyExists(db, input.companyId)) throw new CoreError('not_found', 'That company does not exist.');
  const scope: RunScope = { companyId: input.companyId, accountIds: input.accountIds === null ? null : [...input.accountIds].sort((a, b) => a - b) };
  if (scope.accountIds !== null && scopeAccountIds(db, scope).length !== scope.accountIds.length) {
    throw new CoreError('not_found', 'One of the accounts does not belong to this company.');
  }
  const overrides = runOverrides(db, input);
  const engineInput = loadEngineInput(db, scope);
  const owner = randomUUID();
  const now = (): string => clock().toISOString();

  // Take over an interrupted run, or start one.
  const { runId, state, resumed } = writeTransaction(db, () => {
    const running = db.prepare("SELECT * FROM reconcile_runs WHERE company_id = ? AND status = 'running'").get(input.companyId) as RunRow | undefined;
    const fresh = startRun(engineInput, overrides);
    if (running) {
      const stored = running.state ? (JSON.parse(running.state) as MatchRunState) : null;
      const sameScope = (running.account_ids ?? null) === (scope.accountIds === null ? null : JSON.stringify(scope.accountIds));
      if (stored && sameScope && canResume(stored, engineInput) && sameJson(stored.params, fresh.params)) {
        db.prepare('UPDATE reconcile_runs SET owner = ?, resumed_count = resumed_count + 1, updated_at = ? WHERE id = ?').run(owner, now(), running.id);
        return { runId: running.id, state: stored, resumed: true };
      }
      db.prepare("UPDATE reconcile_runs SET status = 'abandoned', state = NULL, owner = NULL, updated_at = ?, finished_at = ?, error = ? WHERE id = ?")
        .run(now(), now(), 'interrupted; the data or the parameters changed since, so a new run started', running.id);
    }
    const id = Number(db.prepare(`
      INSERT INTO reconcile_runs (company_id, status, parameters, overrides, account_ids, engine_version, model_version, input_digest, stage, state,
                                  owner, started_by_user_id, started_by, started_at, updated_at)
      VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      input.companyId, JSON.stringify(fresh.params), JSON.stringify(overrides), scope.accountIds === null ? null : JSON.stringify(scope.accountIds),
      ENGINE_VERSION, DEFAULT_MODEL.version, fresh.inputDigest, fresh.stage, JSON.stringify(fresh), owner,
      input.actor.userId, input.actor.username ?? 'unknown', now(), now(),
    ).lastInsertRowid);
    return { runId: id, state: fresh, resumed: false };
  });

  hooks.onStart?.(runId, state.stage, resumed);
  const taskId = input.taskId ?? `reconcile-${runId}`;
  const emitProgress = (stage: string, done: number, total: number | null): void =>
    deps.emit('task.progress', { taskId, kind: 'reconcile', stage, done, total });
  const checkpoint = (s: MatchRunState): void => {
    const changes = db.prepare("UPDATE reconcile_runs SET stage = ?, state = ?, progress_done = ?, progress_total = ?, updated_at = ? WHERE id = ? AND owner = ? AND status = 'running'")
      .run(s.stage, JSON.stringify(s), s.cursor, engineInput.bankLines.length, now(), runId, owner).changes;
    if (changes === 0) throw new CoreError('conflict', 'Another reconciliation of this company took over this run; its result will show when it finishes.');
    hooks.onCheckpoint?.(runId, s.stage);
  };

  try {
    emitProgress('prepare', 0, engineInput.bankLines.length);
    const ctx = prepareRun(engineInput, state, { clock });
    // A checkpoint serialises the whole state (tens of MB at 100k lines): take one when the work
    // since the last is worth at least `factor` times what the last one cost, so they stay a
    // small share of the run, and inside a stage no more often than every `checkpointEveryMs`.
    const factor = hooks.checkpointCostFactor ?? DEFAULT_CHECKPOINT_FACTOR;
    const every = hooks.checkpointEveryMs ?? DEFAULT_CHECKPOINT_MS;
    let lastCheckpoint = clock().getTime();
    let lastCost = 0;
    while (state.stage !== 'done') {
      if (deps.cancellation.isCancelled(input.taskId)) throw new CoreError('cancelled', RECONCILE_CANCELLED_MESSAGE);
      const before = state.stage;
      advanceRun(ctx, state, { clock, maxUnits: hooks.chunk ?? DEFAULT_CHUNK });
      const p = runProgress(ctx, state);
      emitProgress(p.stage, p.done, p.total);
      const worth = clock().getTime() - lastCheckpoint;
      const due = worth >= Math.max(every, factor * lastCost) || (state.stage !== before && worth >= factor * lastCost);
      if (due && (state.stage as string) !== 'done') {
        const t0 = clock().getTime();
        checkpoint(state);
        lastCheckpoint = clock().getTime();
        lastCost = lastCheckpoint - t0;
      }
    }
    if (!state.result) throw new Error('matching run finished without a result');
    let result = state.result;
    if (input.semantic !== false) {
      emitProgress('semantic', 0, result.unmatchedBank.length);
      const semantic = await runSemanticPass(deps, input.companyId, engineInput, result, (await hooks.remoteEmbedder?.()) ?? null);
      result = semantic.result;
      if (semantic.stats.fallback !== null) {
        result = { ...result, diagnostics: [...result.diagnostics, { level: 'warning', code: 'semantic_fallback', message: `The embedding server failed (${semantic.stats.fallback}); the semantic pass used the local embedder.` }] };
      }
      emitProgress('semantic', semantic.stats.linesConsidered, result.unmatchedBank.length + semantic.stats.proposals);
    }
    const counts = persistResult(deps, { runId, owner, scope, input: engineInput, result, actor: input.actor });
    emitProgress('done', engineInput.bankLines.length, engineInput.bankLines.length);
    deps.emit('data.changed', { entity: 'matches', companyId: input.companyId });
    deps.logger.info({ runId, companyId: input.companyId, resumed, ...counts }, 'reconciliation run finished');
  } catch (error) {
    const cancelled = error instanceof CoreError && error.code === 'cancelled';
    const conflict = error instanceof CoreError && error.code === 'conflict';
    if (!conflict) {
      db.prepare("UPDATE reconcile_runs SET status = ?, state = NULL, owner = NULL, error = ?, updated_at = ?, finished_at = ? WHERE id = ? AND owner = ?")
        .run(cancelled ? 'cancelled' : 'failed', cancelled ? RECONCILE_CANCELLED_MESSAGE : error instanceof Error ? error.message : String(error), now(), now(), runId, owner);
    }
    throw error;
  }
  const row = db.prepare('SELECT * FROM reconcile_runs WHERE id = ?').get(runId) as RunRow;
  return { ...toReconcileRun(row), resumed };
}

interface PersistInput {
  runId: number;
  owner: string;
  scope: RunScope;
  input: MatchInput;
  result: MatchResult;
  actor: AuditActor;
}

/** Counts stored with a finished run. */
export interface RunCounts {
  bankLines: number;
  bookItems: number;
  proposals: number;
  autoApproved: number;
  pendingReview: number;
  unmatchedBank: number;
  refreshed: number;
}

/** The earliest and latest booking dates of a proposal's lines, and their currency and total. */
function bankFacts(byId: ReadonlyMap<string, MatchInput['bankLines'][number]>, ids: readonly string[]) {
  let first = '9999-12-31';
  let last = '0000-01-01';
  let total = 0;
  let currency = 'XXX';
  for (const id of ids) {
    const line = byId.get(id);
    if (!line) throw new Error(`proposal names unknown bank line ${id}`);
    if (line.bookingDate < first) first = line.bookingDate;
    if (line.bookingDate > last) last = line.bookingDate;
    total += line.amountMinor;
    currency = line.currency;
  }
  return { first, last, total, currency };
}

/**
 * Writes a finished run in one transaction: earlier pending proposals of the scope are
 * replaced, the new proposals and unmatched suggestions stored, auto-approvals audited.
 */
function persistResult(deps: CoreDeps, p: PersistInput): RunCounts {
  const { db, clock } = deps;
  const at = clock().toISOString();
  const accountIds = JSON.stringify(scopeAccountIds(db, p.scope));
  const byId = new Map(p.input.bankLines.map((l) => [l.id, l]));
  const insertMatch = db.prepare(`
    INSERT INTO matches (company_id, run_id, proposal_key, kind, status, confidence, currency, bank_total_minor, difference_minor, difference_treatment,
                         reasons, alternatives, first_date, last_date, engine_version, created_by, created_at, decided_by, decided_at)
    VALUES (@companyId, @runId, @key, @kind, @status, @confidence, @currency, @total, @difference, @treatment, @reasons, @alternatives, @first, @last,
            @engineVersion, 'engine', @at, @decidedBy, @decidedAt)`);
  const insertBank = db.prepare('INSERT INTO match_lines (match_id, bank_line_id, amount_minor) VALUES (?, ?, ?)');
  const insertItem = db.prepare('INSERT INTO match_lines (match_id, ledger_item_id, amount_minor) VALUES (?, ?, ?)');
  const insertDecision = db.prepare(`INSERT INTO match_decisions (match_id, action, from_status, to_status, user_id, username, at) VALUES (?, 'auto_approve', 'proposed', 'auto_approved', NULL, 'engine', ?)`);
  const insertUnmatched = db.prepare(`INSERT INTO unmatched_suggestions (bank_line_id, run_id, treatment, reasons, candidates) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(bank_line_id) DO UPDATE SET run_id = excluded.run_id, treatment = excluded.treatment, reasons = excluded.reasons, candidates = excluded.candidates`);

  return writeTransaction(db, () => {
    const owned = db.prepare("SELECT 1 FROM reconcile_runs WHERE id = ? AND owner = ? AND status = 'running'").get(p.runId, p.owner);
    if (!owned) throw new CoreError('conflict', 'Another reconciliation of this company took over this run; its result will show when it finishes.');

    // Pending proposals of earlier runs over these accounts: forget the untouched ones, mark the rest superseded.
    const stale = `SELECT DISTINCT m.id FROM matches m JOIN match_lines ml ON ml.match_id = m.id JOIN bank_lines l ON l.id = ml.bank_line_id
      WHERE m.company_id = ? AND m.status IN ${PENDING_STATUSES_SQL} AND l.account_id IN (SELECT value FROM json_each(?))`;
    const staleIds = (db.prepare(stale).all(p.scope.companyId, accountIds) as Array<{ id: number }>).map((r) => r.id);
    const undecided = db.prepare('SELECT 1 FROM match_decisions WHERE match_id = ? LIMIT 1');
    const dropLines = db.prepare('DELETE FROM match_lines WHERE match_id = ?');
    const dropMatch = db.prepare('DELETE FROM matches WHERE id = ?');
    const supersede = db.prepare("UPDATE matches SET status = 'superseded' WHERE id = ?");
    for (const id of staleIds) {
      if (undecided.get(id)) supersede.run(id);
      else {
        db.prepare('UPDATE rejected_pairs SET match_id = NULL WHERE match_id = ?').run(id);
        db.prepare('UPDATE matches SET replaces_match_id = NULL WHERE replaces_match_id = ?').run(id);
        dropLines.run(id);
        dropMatch.run(id);
      }
    }
    db.prepare('DELETE FROM unmatched_suggestions WHERE bank_line_id IN (SELECT id FROM bank_lines WHERE account_id IN (SELECT value FROM json_each(?)))').run(accountIds);

    let autoApproved = 0;
    const autoAudit: AuditInput[] = [];
    for (const proposal of p.result.proposals) {
      const facts = bankFacts(byId, proposal.bankIds);
      const auto = proposal.status === 'auto_approved';
      const matchId = Number(insertMatch.run({
        companyId: p.scope.companyId, runId: p.runId, key: proposal.id, kind: proposal.kind, status: proposal.status,
        confidence: clamp01(proposal.confidence), currency: facts.currency, total: facts.total, difference: proposal.differenceMinor,
        treatment: proposal.differenceTreatment, reasons: JSON.stringify(proposal.reasons), alternatives: JSON.stringify(proposal.alternatives),
        first: facts.first, last: facts.last, engineVersion: p.result.engineVersion, at, decidedBy: auto ? 'engine' : null, decidedAt: auto ? at : null,
      }).lastInsertRowid);
      for (const id of proposal.bankIds) insertBank.run(matchId, Number(id), byId.get(id)?.amountMinor ?? 0);
      for (const a of proposal.allocations) insertItem.run(matchId, Number(a.bookId), a.amountMinor);
      if (auto) {
        autoApproved++;
        insertDecision.run(matchId, at);
        autoAudit.push(autoApprovalEntry(p, proposal, matchId));
      }
    }
    appendAuditMany(db, clock, autoAudit);
    for (const u of p.result.unmatchedBank) {
      insertUnmatched.run(Number(u.bankId), p.runId, u.suggestedTreatment, JSON.stringify(u.reasons), JSON.stringify(u.candidates));
    }
    const counts: RunCounts = {
      bankLines: p.input.bankLines.length,
      bookItems: p.input.bookItems.length,
      proposals: p.result.proposals.length,
      autoApproved,
      pendingReview: p.result.proposals.length - autoApproved,
      unmatchedBank: p.result.unmatchedBank.length,
      refreshed: staleIds.length,
    };
    db.prepare(`UPDATE reconcile_runs SET status = 'done', stage = 'done', state = NULL, owner = NULL, stats = ?, diagnostics = ?, progress_done = progress_total,
      updated_at = ?, finished_at = ? WHERE id = ?`).run(
      JSON.stringify({ counts, engine: { ...p.result.stats } }), JSON.stringify(p.result.diagnostics), at, at, p.runId,
    );
    appendAudit(db, clock, {
      actor: p.actor, companyId: p.scope.companyId, action: 'reconcile.run', entity: 'reconcile_run', entityId: p.runId,
      details: { engineVersion: p.result.engineVersion, modelVersion: p.result.modelVersion, ...counts },
    });
    return counts;
  });
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** One audit entry per auto-approval, naming the run and the engine version that made it. */
function autoApprovalEntry(p: PersistInput, proposal: MatchProposal, matchId: number): AuditInput {
  return {
    actor: { userId: null, username: 'engine' },
    companyId: p.scope.companyId,
    action: 'match.auto_approve',
    entity: 'match',
    entityId: matchId,
    details: {
      runId: p.runId,
      engineVersion: p.result.engineVersion,
      modelVersion: p.result.modelVersion,
      confidence: Math.round(proposal.confidence * 10000) / 10000,
      kind: proposal.kind,
      bankLineIds: proposal.bankIds.map(Number),
      allocations: proposal.allocations.map((a) => ({ bookItemId: Number(a.bookId), amountMinor: a.amountMinor })),
      differenceMinor: proposal.differenceMinor,
    },
  };
}
