import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionToken, type AppContext } from '../http/context.ts';
import { Problem } from '../http/problem.ts';
import { problemSchema } from '../record/routes.ts';
import type { Db } from '../db/index.ts';
import { markSessionReauthenticated, sessionOfUser } from './accounts.ts';
import { confirmEnrolment, removeSecondFactor, startEnrolment } from './enrolment.ts';
import type { UserPrincipal } from './principal.ts';
import { isRecent, requireRecentReauth } from './reauth.ts';
import { recordAudit } from './audit.ts';
import { authenticate, mustHaveSecondFactor, wrongCredentials } from './second-factor.ts';

/**
 * The signed-in user's second factor (set up, confirm, remove) and re-authentication.
 * Registered by `sessionRoutes`. All of them need a session: an API token (even one that may
 * write) does not change how its owner signs in.
 */
export function secondFactorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema, 422: problemSchema };

  r.post('/api/v1/me/totp', {
    schema: {
      tags: ['session'],
      summary: 'Set up a second factor (TOTP)',
      description:
        'Makes a new TOTP secret for the signed-in user, pending until confirmed with a code (POST /api/v1/me/totp/confirm); ' +
        'replaces a pending one. An account with a confirmed second factor must re-authenticate first (409 otherwise).',
      response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }), ...problems },
    },
  }, async (req) => {
    const { p, session } = await bySession(db, req);
    const enrolment = await startEnrolment(db, p, isRecent(session.reauthenticatedAt, new Date()));
    await recordAudit(db, p, { action: 'second-factor-start', target: p.username });
    return enrolment;
  });

  r.post('/api/v1/me/totp/confirm', {
    schema: {
      tags: ['session'],
      summary: 'Confirm the second factor being set up',
      description: 'Checks a code of the pending secret and turns the second factor on. Answers ten single-use recovery codes, shown only this once.',
      body: z.strictObject({ code: z.string().max(20) }),
      response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...problems },
    },
  }, async (req) => {
    const { p } = await bySession(db, req);
    const recoveryCodes = await confirmEnrolment(db, p.userId, req.body.code);
    await recordAudit(db, p, { action: 'second-factor-confirm', target: p.username });
    return { recoveryCodes };
  });

  r.delete('/api/v1/me/totp', {
    schema: {
      tags: ['session'],
      summary: 'Remove the second factor',
      description: 'Needs a re-authentication within five minutes. Refused to co-chairs and admins, who must keep one.',
      response: { 204: z.null(), ...problems },
    },
  }, async (req, reply) => {
    const { p } = await bySession(db, req);
    if (mustHaveSecondFactor(p)) throw new Problem(403, 'co-chairs and admins must keep a second factor; set up a new one instead (POST /api/v1/me/totp)');
    await requireRecentReauth(req);
    await removeSecondFactor(db, p.userId);
    await recordAudit(db, p, { action: 'second-factor-remove', target: p.username });
    return reply.status(204).send(null);
  });

  r.post('/api/v1/session/reauth', {
    schema: {
      tags: ['session'],
      summary: 'Re-authenticate',
      description:
        'Gives the password, and the second factor code when the account has one, again. For five minutes afterwards the session ' +
        'may do what needs a recent re-authentication (signing, approving, changing the second factor).',
      body: z.strictObject({ password: z.string().min(1).max(1000), totp: z.string().max(100).optional() }),
      response: { 200: z.object({ reauthenticatedAt: z.string() }), ...problems },
    },
  }, async (req) => {
    const { p, token } = await bySession(db, req);
    const now = new Date();
    const { userId, with: used } = await authenticate(db, p.username, req.body.password, req.body.totp, now);
    if (userId !== p.userId) throw wrongCredentials();
    if (!(await markSessionReauthenticated(db, token, p.userId, now))) throw new Problem(401, 'the session has ended; sign in again');
    await recordAudit(db, p, { action: 'reauthenticate', target: p.username, detail: { with: used } });
    return { reauthenticatedAt: now.toISOString() };
  });
}

/** The signed-in user and their session (the request's cookie, a session of that user). */
async function bySession(db: Db, req: FastifyRequest): Promise<{ p: UserPrincipal; token: string; session: { reauthenticatedAt: string | null } }> {
  const p = req.principal;
  if (p.kind !== 'user') throw new Problem(401, 'sign in first');
  const token = sessionToken(req);
  const session = token ? await sessionOfUser(db, token, p.userId) : undefined;
  if (!token || !session) throw new Problem(403, 'manage your second factor from a signed-in session, not with an API token');
  return { p, token, session };
}
