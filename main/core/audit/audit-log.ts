import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '../contract/index.js';
import type { Clock } from '../clock.js';
import type { SessionInfo } from '../rpc/dispatch.js';
import { insertAuditRow, iterateAuditRows, lastAuditLink, toAuditEntry, type AuditRow } from '../db/repos/audit-repo.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { canonicalJson } from './canonical-json.js';

/** The previous hash of the first entry of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who did something: a user, the command line (userId null, username 'cli') or nobody known (both null). */
export interface AuditActor {
  userId: number | null;
  username: string | null;
}

/** One thing that happened, as the caller describes it. */
export interface AuditInput {
  actor: AuditActor;
  companyId: number | null;
  /** Dotted verb, e.g. 'company.create', 'auth.login_failed'. */
  action: string;
  /** What kind of thing changed, e.g. 'company', 'bank_account', 'user', 'session'. */
  entity: string;
  entityId: string | number | null;
  details?: Record<string, unknown>;
}

/** Result of checking the chain: how many entries, and the first one whose hash does not hold. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  firstBrokenId: number | null;
}

/** The actor a call runs as. */
export function actorOf(session: SessionInfo): AuditActor {
  return { userId: session.userId, username: session.username };
}

/** sha256(prevHash + canonical JSON of the entry): the entry's place in the chain. */
export function hashAuditEntry(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/**
 * Appends an entry to the hash-chained log and returns it. Call it inside the transaction of
 * the change it records, so the change and its entry are written together or not at all.
 */
export function appendAudit(db: Database, clock: Clock, input: AuditInput): AuditEntry {
  const [entry] = appendAuditMany(db, clock, [input]);
  return entry!;
}

/**
 * Appends many entries in one go (e.g. every auto-approval of a run): the last link is read once
 * and the chain is carried in memory. Call it inside the transaction of the change it records.
 */
export function appendAuditMany(db: Database, clock: Clock, inputs: readonly AuditInput[]): AuditEntry[] {
  if (inputs.length === 0) return [];
  return writeTransaction(db, () => {
    const last = lastAuditLink(db);
    let id = last?.id ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const at = clock().toISOString();
    return inputs.map((input) => {
      const entry: AuditEntry = {
        id: ++id,
        at,
        userId: input.actor.userId,
        username: input.actor.username,
        companyId: input.companyId,
        action: input.action,
        entity: input.entity,
        entityId: input.entityId === null ? null : String(input.entityId),
        details: JSON.parse(canonicalJson(input.details ?? {})) as Record<string, unknown>,
      };
      const hash = hashAuditEntry(prevHash, entry);
      insertAuditRow(db, { ...fromEntry(entry), prev_hash: prevHash, hash });
      prevHash = hash;
      return entry;
    });
  });
}

function fromEntry(entry: AuditEntry): Omit<AuditRow, 'prev_hash' | 'hash'> {
  return {
    id: entry.id,
    at: entry.at,
    user_id: entry.userId,
    username: entry.username,
    company_id: entry.companyId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    details: canonicalJson(entry.details),
  };
}

/** Recomputes the whole chain from the genesis hash; an edited, removed or reordered entry breaks it. */
export function verifyAuditLog(db: Database): AuditVerification {
  let expectedPrev = GENESIS_HASH;
  let entries = 0;
  let firstBrokenId: number | null = null;
  for (const row of iterateAuditRows(db)) {
    entries++;
    if (firstBrokenId !== null) continue;
    let hash: string | null = null;
    try {
      hash = hashAuditEntry(row.prev_hash, toAuditEntry(row));
    } catch {
      hash = null; // details that no longer parse as JSON: tampered
    }
    if (row.prev_hash !== expectedPrev || hash !== row.hash) firstBrokenId = row.id;
    expectedPrev = row.hash;
  }
  return { ok: firstBrokenId === null, entries, firstBrokenId };
}
