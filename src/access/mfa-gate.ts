import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.ts';
import { Problem } from '../http/problem.ts';
import { withSecondFactorFlag } from './second-factor.ts';

/**
 * Co-chairs and admins must have a second factor. One who signs in without one gets a session
 * marked `mfaRequired`, and that session reaches only what enrolling needs: who am I, sign
 * out, the /api/v1/me/totp routes, health, the API docs and the workspace's files. Everything
 * else answers 403 `urn:entente:second-factor-required`. Signing in again (as anyone) stays
 * open: it does not act as the session at all.
 */
export const SECOND_FACTOR_REQUIRED = 'urn:entente:second-factor-required';

const OPEN: Record<string, readonly string[]> = {
  '/api/v1/session': ['GET', 'HEAD', 'DELETE', 'POST'],
  '/api/v1/me/totp': ['POST', 'DELETE'],
  '/api/v1/me/totp/confirm': ['POST'],
  '/api/v1/health': ['GET', 'HEAD'],
  '/api/v1/openapi.json': ['GET', 'HEAD'],
  '/': ['GET', 'HEAD'],
};

function isOpen(req: FastifyRequest): boolean {
  const route = req.routeOptions.url;
  if (route === undefined) return false;
  if (route === '/api/docs' || route.startsWith('/api/docs/')) return true;
  // The workspace's files hold no record: its enrolment page must load.
  if (route === '/workspace' || route.startsWith('/workspace/')) return true;
  return OPEN[route]?.includes(req.method) ?? false;
}

/**
 * Registered once, after the hook that resolves `req.principal` (src/http/app.ts): marks the
 * principal and refuses what it may not reach. For anyone but co-chairs and admins it costs a
 * look at the principal's roles; for those, a lookup kept two seconds.
 */
export function installSecondFactorGate(app: FastifyInstance, db: Db): void {
  app.addHook('onRequest', async (req) => {
    if (req.principal.kind !== 'user') return;
    req.principal = await withSecondFactorFlag(db, req.principal);
    if (req.principal.kind === 'user' && req.principal.mfaRequired && !isOpen(req)) {
      throw new Problem(
        403,
        'co-chairs and admins must set up a second factor before anything else: POST /api/v1/me/totp, then POST /api/v1/me/totp/confirm',
        [],
        SECOND_FACTOR_REQUIRED,
      );
    }
  });
}
