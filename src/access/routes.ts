import { z } from 'zod';
import { Problem } from '../http/problem.ts';
import { checkSignInAllowed, recordSignInFailure, recordSignInSuccess } from './login-throttle.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/index.ts';
import { closeSession, openSession, sessionReauthenticatedAt } from './accounts.ts';
import { sessionCookieName, sessionToken, type AppContext } from '../http/context.ts';
import { installSecondFactorGate } from './mfa-gate.ts';
import type { Principal } from './principal.ts';
import { provideReauth } from './reauth.ts';
import { authenticate, hasConfirmedSecondFactor, withSecondFactorFlag } from './second-factor.ts';
import { secondFactorRoutes } from './second-factor-routes.ts';

const principalView = z.object({
  signedIn: z.boolean(),
  username: z.string().optional(),
  party: z.string().optional(),
  admin: z.boolean().optional(),
  roles: z.array(z.object({ mechanismId: z.string(), role: z.string() })).optional(),
  /** Whether the account has a confirmed second factor. */
  secondFactor: z.boolean().optional(),
  /** A co-chair or admin without a second factor: this session may only set one up. */
  mfaRequired: z.boolean().optional(),
  /** When this session last re-authenticated (POST /api/v1/session/reauth), or null. */
  reauthenticatedAt: z.string().nullable().optional(),
});

/**
 * Sign in and out, and (src/access/second-factor-routes.ts) the second factor and
 * re-authentication, with the gate that keeps co-chairs and admins without one to enrolment.
 * CSRF and rate limits arrive with the rest of the accounts issue.
 */
export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  installSecondFactorGate(app, ctx.store.db);
  provideReauth(app, ctx.store.db);
  secondFactorRoutes(app, ctx);

  r.post('/api/v1/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign in',
      description:
        'With `totp` (the 6-digit code of the authenticator app, or a recovery code) when the account has a second factor; ' +
        'without it such an account gets 401 `urn:entente:totp-required` and no session. A co-chair or admin without a second ' +
        'factor is signed in with `mfaRequired`: that session may only set one up (POST /api/v1/me/totp).',
      body: z.strictObject({
        // No NUL: PostgreSQL text cannot hold it, and no username has one.
        username: z
          .string()
          .min(1)
          .max(100)
          .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters'),
        password: z.string().min(1).max(1000),
        totp: z.string().max(100).optional(),
      }),
      response: { 200: principalView },
    },
  }, async (req, reply) => {
    checkSignInAllowed(req.ip, req.body.username);
    let userId: string;
    try {
      userId = await authenticate(ctx.store.db, req.body.username, req.body.password, req.body.totp);
    } catch (err) {
      if (err instanceof Problem && err.status === 401) recordSignInFailure(req.ip, req.body.username);
      throw err;
    }
    recordSignInSuccess(req.body.username);
    const session = await openSession(ctx.store.db, userId);
    void reply.setCookie(sessionCookieName(req), session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      expires: new Date(session.expiresAt),
    });
    const principal = await withSecondFactorFlag(ctx.store.db, await ctx.principalFromToken(session.token));
    return view(ctx.store.db, principal, null);
  });

  r.get('/api/v1/session', {
    schema: { tags: ['session'], summary: 'Who am I', response: { 200: principalView } },
  }, async (req) => {
    const p = req.principal;
    return view(ctx.store.db, p, p.kind === 'user' ? await sessionReauthenticatedAt(ctx.store.db, sessionToken(req), p.userId) : null);
  });

  r.delete('/api/v1/session', {
    schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null() } },
  }, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await closeSession(ctx.store.db, token);
    void reply.clearCookie(sessionCookieName(req), { path: '/', secure: req.protocol === 'https' });
    return reply.status(204).send(null);
  });
}

async function view(db: Db, p: Principal, reauthenticatedAt: string | null): Promise<z.infer<typeof principalView>> {
  if (p.kind !== 'user') return { signedIn: false };
  return {
    signedIn: true,
    username: p.username,
    party: p.party,
    admin: p.admin,
    roles: [...p.roles].map(([mechanismId, role]) => ({ mechanismId, role })),
    secondFactor: await hasConfirmedSecondFactor(db, p.userId),
    mfaRequired: p.mfaRequired === true,
    reauthenticatedAt,
  };
}
