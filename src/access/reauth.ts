import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../db/index.ts';
import { Problem } from '../http/problem.ts';
import { sessionToken } from '../http/context.ts';
import { sessionReauthenticatedAt } from './accounts.ts';

/**
 * Re-authentication: before signing, approving or changing the second factor, the session
 * must have given its password (and code) again within the last five minutes
 * (`POST /api/v1/session/reauth`). Checked against the database at each use, never cached.
 */
export const REAUTH_REQUIRED = 'urn:entente:reauth-required';
export const REAUTH_WINDOW_MS = 5 * 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** The database `requireRecentReauth` reads sessions from (set by `sessionRoutes`). */
    ententeReauthDb: Db;
  }
}

/** Makes `requireRecentReauth` work for every route of `app` (and of its child contexts). */
export function provideReauth(app: FastifyInstance, db: Db): void {
  if (!app.hasDecorator('ententeReauthDb')) app.decorate('ententeReauthDb', db);
}

/** Whether an instant (ISO) lies within the re-authentication window before `now`. */
export function isRecent(reauthenticatedAt: string | null, now: Date): boolean {
  if (!reauthenticatedAt) return false;
  const age = now.getTime() - Date.parse(reauthenticatedAt);
  return age >= 0 && age <= REAUTH_WINDOW_MS;
}

/**
 * Throws 401 for a request of no one signed in and 403
 * `urn:entente:reauth-required` unless its session re-authenticated within five minutes.
 */
export async function requireRecentReauth(req: FastifyRequest, now = new Date()): Promise<void> {
  if (req.principal.kind !== 'user') throw new Problem(401, 'sign in first');
  // Only a session of this very user counts: an API token alone is refused, and so is a
  // token sent along with someone else's session cookie.
  const token = sessionToken(req);
  const at = token ? await sessionReauthenticatedAt(req.server.ententeReauthDb, token, req.principal.userId) : null;
  if (!isRecent(at, now)) {
    throw new Problem(403, 'confirm your password (and code) again first: POST /api/v1/session/reauth', [], REAUTH_REQUIRED);
  }
}

/** The same as a route's `preHandler`. */
export const recentReauthRequired: preHandlerAsyncHookHandler = async function (req) {
  await requireRecentReauth(req);
};
