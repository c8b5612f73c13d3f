import { z } from 'zod';
import { Problem } from '../http/problem.ts';
import { checkSignInAllowed, recordSignInFailure, recordSignInSuccess } from './login-throttle.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/index.ts';
import { closeSession, openSession, principalOf, sessionReauthenticatedAt } from './accounts.ts';
import { ANONYMOUS } from './principal.ts';
import { sessionCookieName, sessionToken, type AppContext } from '../http/context.ts';
import { csrfTokenFor } from '../http/csrf.ts';
import { recordAudit } from './audit.ts';
import { ensureSigningKey } from './signing-keys.ts';
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
  /** The session's CSRF token: send it in `X-CSRF-Token` with every change made with the session cookie. */
  csrfToken: z.string().optional(),
});

/**
 * Sign in and out, and (src/access/second-factor-routes.ts) the second factor and
 * re-authentication, with the gate that keeps co-chairs and admins without one to enrolment.
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
      const signedIn = await authenticate(ctx.store.db, req.body.username, req.body.password, req.body.totp);
      userId = signedIn.userId;
      if (signedIn.with === 'recovery-code') {
        await recordAudit(ctx.store.db, (await principalOf(ctx.store.db, userId)) ?? ANONYMOUS, { action: 'recovery-code-used', target: req.body.username, detail: { at: 'sign-in' } });
      }
    } catch (err) {
      if (err instanceof Problem && err.status === 401) recordSignInFailure(req.ip, req.body.username);
      throw err;
    }
    recordSignInSuccess(req.body.username);
    // Accounts older than signing keys get theirs now, while the password is at hand.
    await ensureSigningKey(ctx.store.db, userId, req.body.password);
    const session = await openSession(ctx.store.db, userId);
    void reply.setCookie(sessionCookieName(req), session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      expires: new Date(session.expiresAt),
    });
    const principal = await withSecondFactorFlag(ctx.store.db, await ctx.principalFromToken(session.token));
    return view(ctx.store.db, principal, null, csrfTokenFor(session.token));
  });

  r.get('/api/v1/session', {
    schema: { tags: ['session'], summary: 'Who am I', response: { 200: principalView } },
  }, async (req) => {
    const p = req.principal;
    if (p.kind !== 'user') return view(ctx.store.db, p, null, undefined);
    // A token only for a session: a request made with an API token has none to protect.
    const session = req.headers.authorization === undefined ? sessionToken(req) : undefined;
    return view(ctx.store.db, p, await sessionReauthenticatedAt(ctx.store.db, session, p.userId), session && csrfTokenFor(session));
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

async function view(db: Db, p: Principal, reauthenticatedAt: string | null, csrfToken: string | undefined): Promise<z.infer<typeof principalView>> {
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
    ...(csrfToken ? { csrfToken } : {}),
  };
}
