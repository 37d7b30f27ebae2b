import { randomUUID } from 'node:crypto';
import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { CoreError } from '../contract/index.js';
import { actorOf } from '../audit/audit-log.js';
import { startReconcile } from '../reconcile/run-service.js';
import { listRuns } from '../reconcile/runs-repo.js';
import { listMatches, matchCounts, matchDetail, matchWhere, summaries } from '../reconcile/matches-repo.js';
import { approveMany, approveMatch, chooseAlternative, createManualMatch, rejectMatch, undoDecision } from '../reconcile/decisions.js';
import { listUnmatched } from '../reconcile/unmatched.js';
import { similarLines } from '../reconcile/similar.js';

type ReconcileMethods =
  | 'reconcile.start' | 'reconcile.runs' | 'matches.list' | 'matches.counts' | 'matches.get' | 'matches.approve' | 'matches.reject'
  | 'matches.chooseAlternative' | 'matches.createManual' | 'matches.undo' | 'matches.bandSample' | 'matches.approveBand' | 'matches.unmatched'
  | 'matches.similar';

/** A spot-check sample shown to one user: the band's pending matches at that moment. */
interface BandSample {
  userKey: string;
  companyId: number;
  matchIds: number[];
  expiresAt: number;
}

const SAMPLE_TTL_MS = 30 * 60_000;

/** Handlers of runs, the review queue and decisions. */
export function reconcileHandlers(deps: CoreDeps): Pick<Handlers, ReconcileMethods> {
  const samples = new Map<string, BandSample>();
  const changed = (companyId: number): void => deps.emit('data.changed', { entity: 'matches', companyId });
  const companyOfMatch = (id: number): number => {
    const row = deps.db.prepare('SELECT company_id FROM matches WHERE id = ?').get(id) as { company_id: number } | undefined;
    if (!row) throw new CoreError('not_found', 'That match does not exist (it may have been replaced by a newer run).');
    return row.company_id;
  };
  return {
    'reconcile.start': async (input, ctx) => {
      // Resolved before the run: a run asking for a server that is not configured fails now, not after the first stages.
      const remote = await deps.embedding.remote(input.embedder);
      return startReconcile(deps, { ...input, actor: actorOf(ctx.session!) }, { remoteEmbedder: async () => remote });
    },
    'reconcile.runs': (input) => listRuns(deps.db, input.companyId, input.limit),
    'matches.list': (input) => listMatches(deps.db, input),
    'matches.counts': (input) => matchCounts(deps.db, input.companyId, input.accountId),
    'matches.get': (input) => matchDetail(deps.db, input.id),
    'matches.approve': (input, ctx) => {
      approveMatch(deps, actorOf(ctx.session!), input.id);
      changed(companyOfMatch(input.id));
      return matchDetail(deps.db, input.id);
    },
    'matches.reject': (input, ctx) => {
      rejectMatch(deps, actorOf(ctx.session!), input.id);
      changed(companyOfMatch(input.id));
      return matchDetail(deps.db, input.id);
    },
    'matches.chooseAlternative': (input, ctx) => {
      const id = chooseAlternative(deps, actorOf(ctx.session!), input.id, input.index);
      changed(companyOfMatch(id));
      return matchDetail(deps.db, id);
    },
    'matches.createManual': (input, ctx) => {
      const id = createManualMatch(deps, actorOf(ctx.session!), input);
      changed(input.companyId);
      return matchDetail(deps.db, id);
    },
    'matches.undo': (input, ctx) => {
      const id = undoDecision(deps, actorOf(ctx.session!), input.id);
      changed(companyOfMatch(id));
      return matchDetail(deps.db, id);
    },
    'matches.bandSample': (input, ctx) => {
      const { sql, params } = matchWhere({ companyId: input.companyId, accountId: input.accountId, filter: 'review', band: input.band });
      const ids = (deps.db.prepare(`SELECT m.id FROM matches m WHERE ${sql} ORDER BY m.id`).all(params) as Array<{ id: number }>).map((r) => r.id);
      // A uniform random sample (partial Fisher-Yates over a copy).
      const pool = [...ids];
      const size = Math.min(input.size, pool.length);
      for (let i = 0; i < size; i++) {
        const j = i + Math.floor(Math.random() * (pool.length - i));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      const now = deps.clock().getTime();
      for (const [key, s] of samples) if (s.expiresAt < now) samples.delete(key);
      const token = randomUUID();
      samples.set(token, { userKey: `${ctx.session!.userId}:${ctx.session!.username}`, companyId: input.companyId, matchIds: ids, expiresAt: now + SAMPLE_TTL_MS });
      return { token, total: ids.length, sample: summaries(deps.db, pool.slice(0, size)) };
    },
    'matches.approveBand': (input, ctx) => {
      const sample = samples.get(input.token);
      const userKey = `${ctx.session!.userId}:${ctx.session!.username}`;
      if (!sample || sample.userKey !== userKey || sample.expiresAt < deps.clock().getTime()) {
        throw new CoreError('conflict', 'Show the band\'s sample again before approving it (the spot check expired or was made by someone else).');
      }
      samples.delete(input.token);
      const result = approveMany(deps, actorOf(ctx.session!), sample.matchIds);
      changed(sample.companyId);
      return result;
    },
    'matches.unmatched': (input) => listUnmatched(deps.db, input),
    'matches.similar': (input) => similarLines(deps, input),
  };
}
