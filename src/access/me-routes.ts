import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../db/index.ts';
import { sessionToken, type AppContext } from '../http/context.ts';
import { invalid, notFound, Problem } from '../http/problem.ts';
import { problemSchema } from '../record/routes.ts';
import { checkPassword, forgetUser, hashPassword, tokenHash } from './accounts.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { passwordProblem } from './passwords.ts';
import { resealSigningKey } from './signing-keys.ts';
import type { UserPrincipal } from './principal.ts';

/** The signed-in user's own sessions, password and API tokens. */
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };
const SESSION_ID = /^[0-9a-f]{16}$/;

function me(req: FastifyRequest): UserPrincipal {
  const p = req.principal;
  if (p.kind !== 'user') throw new Problem(401, 'sign in first');
  return p;
}

/** Managing one's own account needs a session, not an API token. */
function meBySession(req: FastifyRequest): UserPrincipal & { sessionHash: string } {
  const p = me(req);
  const token = sessionToken(req);
  // With an Authorization header the principal is the API token's, whatever cookie comes along:
  // only a request that was signed in by its session cookie may manage the account.
  if (!token || req.headers.authorization !== undefined) throw new Problem(403, 'manage your account from a signed-in session, not with an API token');
  return { ...p, sessionHash: tokenHash(token) };
}

export function meRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const tags = ['me'];

  r.get('/api/v1/me/sessions', {
    schema: {
      tags,
      summary: 'Your sessions',
      response: {
        200: z.object({ items: z.array(z.object({ id: z.string(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string(), current: z.boolean() })) }),
        ...errors,
      },
    },
  }, async (req) => {
    const p = meBySession(req);
    const rows = await db.selectFrom('sessions').select(['tokenHash', 'createdAt', 'lastSeenAt', 'expiresAt']).where('userId', '=', p.userId).orderBy('createdAt').execute();
    return {
      items: rows.map((s) => ({ id: s.tokenHash.slice(0, 16), createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, current: s.tokenHash === p.sessionHash })),
    };
  });

  r.delete('/api/v1/me/sessions/:id', {
    schema: { tags, summary: 'Revoke one of your sessions', params: z.strictObject({ id: z.string().regex(SESSION_ID) }), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const p = meBySession(req);
    const rows = await db.selectFrom('sessions').select('tokenHash').where('userId', '=', p.userId).execute();
    const target = rows.find((s) => s.tokenHash.startsWith(req.params.id));
    if (!target) throw notFound(`session ${req.params.id}`);
    await db.deleteFrom('sessions').where('tokenHash', '=', target.tokenHash).execute();
    forgetUser(p.userId);
    return reply.status(204).send(null);
  });

  r.post('/api/v1/me/password', {
    schema: {
      tags,
      summary: 'Change your password; your other sessions end',
      body: z.strictObject({ currentPassword: z.string().min(1).max(1000), newPassword: z.string().min(1).max(1000) }),
      response: { 204: z.null(), ...errors },
    },
  }, async (req, reply) => {
    const p = meBySession(req);
    if (!(await checkPassword(db, p.username, req.body.currentPassword))) throw invalid('currentPassword', 'is wrong');
    const problem = passwordProblem(req.body.newPassword);
    if (problem) throw invalid('newPassword', problem);
    const passwordHash = await hashPassword(req.body.newPassword);
    await inTransaction(db, async (tx) => {
      await tx.updateTable('users').set({ passwordHash, passwordChangedAt: new Date().toISOString() }).where('id', '=', p.userId).execute();
      await tx.deleteFrom('sessions').where('userId', '=', p.userId).where('tokenHash', '!=', p.sessionHash).execute();
      await resealSigningKey(tx, p.userId, req.body.currentPassword, req.body.newPassword);
    });
    forgetUser(p.userId);
    return reply.status(204).send(null);
  });

  const tokenView = z.object({ id: z.string(), name: z.string(), scope: z.enum(['read', 'read-write']), createdAt: z.string(), lastUsedAt: z.string().nullable() });

  r.post('/api/v1/me/tokens', {
    schema: {
      tags,
      summary: 'Create a personal API token (shown once)',
      body: z.strictObject({ name: z.string().trim().min(1).max(100), scope: z.enum(['read', 'read-write']) }),
      response: { 201: z.object({ id: z.string(), name: z.string(), scope: z.string(), createdAt: z.string(), token: z.string() }), ...errors },
    },
  }, async (req, reply) => {
    const p = meBySession(req);
    return reply.status(201).send(await createApiToken(db, p.userId, req.body.name, req.body.scope));
  });

  r.get('/api/v1/me/tokens', {
    schema: { tags, summary: 'Your API tokens, with their last use', response: { 200: z.object({ items: z.array(tokenView) }), ...errors } },
  }, async (req) => ({ items: await listApiTokens(db, meBySession(req).userId) }));

  r.delete('/api/v1/me/tokens/:id', {
    schema: { tags, summary: 'Revoke an API token', params: z.strictObject({ id: z.string().max(40) }), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const p = meBySession(req);
    if (!(await revokeApiToken(db, p.userId, req.params.id))) throw notFound(`token ${req.params.id}`);
    return reply.status(204).send(null);
  });
}
