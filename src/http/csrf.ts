import { createHash } from 'node:crypto';
import Tokens from '@fastify/csrf';
import type { FastifyRequest } from 'fastify';
import { Problem } from './problem.ts';
import { sessionToken } from './context.ts';

/**
 * The synchronizer token of a session (decision 0007). A page gets it with the session
 * (sign-in, GET /api/v1/session) and sends it back in `X-CSRF-Token` with every
 * state-changing request that rides on the session cookie; another site can neither read
 * it nor compute it.
 *
 * The token's secret is derived from the session token itself (domain-separated, so it is
 * not the hash the database keeps): nothing more to store, the same on every server
 * process, gone when the session ends. `@fastify/csrf` salts each token (a fresh token per
 * answer, so compression cannot leak it) and compares in constant time.
 */
export const CSRF_HEADER = 'x-csrf-token';
const tokens = Tokens({ algorithm: 'sha256', saltLength: 16 });
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function secretOf(session: string): string {
  return createHash('sha256').update('entente csrf secret\n').update(session).digest('base64url');
}

export function csrfTokenFor(session: string): string {
  return tokens.create(secretOf(session));
}

/**
 * Refuses a state-changing request made with a live session cookie unless it carries the
 * session's token. Signing in is exempt (there is no session yet; a forged sign-in needs
 * the password and meets the Origin check); a dead cookie is no session and the request
 * goes on as signed out.
 */
export function checkCsrf(req: FastifyRequest): void {
  if (!UNSAFE.has(req.method) || req.principal.kind !== 'user') return;
  const session = sessionToken(req);
  if (session === undefined) return;
  if (req.method === 'POST' && req.url.split('?')[0] === '/api/v1/session') return;
  // A route that acts as no one (the public comment form: a signed-in reader posts like anyone
  // else) is guarded by its own form token and the Origin rule (decision 0018).
  if (req.routeOptions.config.actsAsNoOne) return;
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent.length > 200 || !tokens.verify(secretOf(session), sent)) {
    throw new Problem(
      403,
      `a change made with the session cookie needs the session's CSRF token in the X-CSRF-Token header; sign-in and GET /api/v1/session give it as csrfToken`,
      [],
      'urn:entente:csrf-token',
    );
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route never uses the session: a session's CSRF token is not asked for. */
    actsAsNoOne?: boolean;
  }
}
