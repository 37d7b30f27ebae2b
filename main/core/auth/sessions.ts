import { createHash, randomBytes } from 'node:crypto';
import type { CoreDeps } from '../core.js';
import type { SessionInfo } from '../rpc/dispatch.js';
import {
  deleteSession,
  deleteSessionsEndedBefore,
  deleteUserSessions,
  findSessionByTokenHash,
  insertSession,
  touchSession,
} from '../db/repos/sessions-repo.js';

/** A session ends after 2 hours without activity… */
export const SESSION_IDLE_MS = 2 * 3_600_000;
/** …and 12 hours after login at the latest. */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** Ended sessions are kept this long (answering 'expired' rather than unknown), then deleted. */
const ENDED_SESSION_RETENTION_MS = 24 * 3_600_000;

/** The session of a logged-in user: which row of `sessions` it is, so logout ends exactly it. */
export interface UserSession extends SessionInfo {
  userId: number;
  sessionId: number;
}

/** The SHA-256 (hex) of a session token: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Starts a session for a user (call inside the login's transaction); returns the token to hand to the host. */
export function createSession(deps: CoreDeps, userId: number): { token: string; sessionId: number; expiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock().getTime();
  const sessionId = insertSession(deps.db, {
    tokenHash: hashToken(token),
    userId,
    now: iso(now),
    expiresAt: iso(now + SESSION_ABSOLUTE_MS),
  });
  return { token, sessionId, expiresAt: iso(now + SESSION_IDLE_MS) };
}

/**
 * The session a token stands for, sliding its idle expiry; 'expired' for a known token past
 * either expiry; null for an unknown token or a user who has been deactivated.
 */
export function resolveSession(deps: CoreDeps, token: string): SessionInfo | 'expired' | null {
  const row = findSessionByTokenHash(deps.db, hashToken(token));
  if (!row) return null;
  if (row.active !== 1) {
    deleteSession(deps.db, row.id);
    return null;
  }
  const now = deps.clock().getTime();
  const absoluteEnd = Date.parse(row.expires_at);
  if (now >= Date.parse(row.last_seen_at) + SESSION_IDLE_MS || now >= absoluteEnd) return 'expired';
  touchSession(deps.db, row.id, iso(now));
  const session: UserSession = {
    userId: row.user_id,
    username: row.username,
    role: row.role,
    expiresAt: iso(Math.min(now + SESSION_IDLE_MS, absoluteEnd)),
    sessionId: row.id,
  };
  return session;
}

/** The id of the `sessions` row behind a call's session, when the host passed it through. */
export function sessionIdOf(session: SessionInfo): number | null {
  const id = (session as Partial<UserSession>).sessionId;
  return typeof id === 'number' ? id : null;
}

/**
 * Ends the session of a call. Without a session id (a host that copied the session fields)
 * every session of the user ends: logging out must never leave the session usable.
 */
export function endSession(deps: CoreDeps, session: SessionInfo): void {
  if (session.userId === null) return;
  const id = sessionIdOf(session);
  if (id !== null) {
    deleteSession(deps.db, id);
  } else {
    deps.logger.warn({ userId: session.userId }, 'logout without a session id: ending every session of the user');
    deleteUserSessions(deps.db, session.userId);
  }
}

/** Deletes sessions that ended more than a day ago. */
export function purgeEndedSessions(deps: CoreDeps): number {
  const cutoff = deps.clock().getTime() - ENDED_SESSION_RETENTION_MS;
  return deleteSessionsEndedBefore(deps.db, iso(cutoff), iso(cutoff - SESSION_IDLE_MS));
}
