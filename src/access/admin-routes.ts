import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { forbidden, invalid, notFound, Problem } from '../http/problem.ts';
import { id } from '../record/common/fields.ts';
import { problemSchema } from '../record/routes.ts';
import { inTransaction, type Db } from '../db/index.ts';
import { forgetUser, grantRole, hashPassword } from './accounts.ts';
import { acceptInvitation, createInvitation, type RoleGrant } from './invitations.ts';
import { recordAudit } from './audit.ts';
import { retireSigningKeys } from './signing-keys.ts';
import { logRoleChange } from './role-log.ts';
import { forgetSecondFactor } from './second-factor.ts';
import { ROLES, type UserPrincipal } from './principal.ts';

/**
 * Account administration. An admin manages the accounts of their own party only: invites,
 * assigns roles in mechanisms their party belongs to, resets access. Every change is audited.
 */
const username = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be 2 to 63 characters: lower-case letters, digits, dot, dash, underscore');
const roleGrant = z.strictObject({ mechanismId: id, role: z.enum(ROLES) });
const roleList = z.array(roleGrant).max(100);
const userView = z.object({
  id: z.string(),
  username: z.string(),
  party: z.string(),
  admin: z.boolean(),
  secondFactor: z.boolean(),
  disabled: z.boolean(),
  roles: z.array(z.object({ mechanismId: z.string(), role: z.string() })),
});
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

function adminOf(req: FastifyRequest): UserPrincipal {
  const p = req.principal;
  if (p.kind !== 'user') throw new Problem(401, 'sign in first');
  if (!p.admin || p.readOnly) throw forbidden('only an admin may manage accounts');
  if (req.headers.authorization !== undefined) throw forbidden('manage accounts from a signed-in session, not with an API token');
  return p;
}

/** Roles may be given only in mechanisms the admin's party belongs to. */
async function checkGrants(db: Db, party: string, roles: RoleGrant[]): Promise<void> {
  for (const [i, grant] of roles.entries()) {
    const m = await db.selectFrom('mechanisms').select('parties').where('id', '=', grant.mechanismId).executeTakeFirst();
    if (!m || !(JSON.parse(String(m.parties)) as string[]).includes(party)) {
      throw invalid(`roles.${i}.mechanismId`, 'no mechanism of your party with this id');
    }
  }
  const seen = new Set<string>();
  roles.forEach((g, i) => {
    if (seen.has(g.mechanismId)) throw invalid(`roles.${i}.mechanismId`, 'one role per mechanism');
    seen.add(g.mechanismId);
  });
}

async function userOfParty(db: Db, party: string, userId: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).where('party', '=', party).executeTakeFirst();
  if (!user) throw notFound(`user ${userId}`);
  return user;
}

export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const tags = ['accounts'];

  r.post('/api/v1/admin/invitations', {
    schema: {
      tags,
      summary: 'Invite a user of your party (one-time token, valid seven days)',
      body: z.strictObject({ username, admin: z.boolean().default(false), roles: roleList.default([]) }),
      response: { 201: z.object({ token: z.string(), acceptPath: z.string(), expiresAt: z.string() }), ...errors },
    },
  }, async (req, reply) => {
    const admin = adminOf(req);
    await checkGrants(db, admin.party, req.body.roles);
    const taken = await db.selectFrom('users').select('id').where('username', '=', req.body.username).executeTakeFirst();
    if (taken) throw invalid('username', 'is taken');
    const inv = await createInvitation(db, { party: admin.party, username: req.body.username, admin: req.body.admin, roles: req.body.roles, createdBy: admin.userId });
    await recordAudit(db, admin, { action: 'invite', target: req.body.username, detail: { admin: req.body.admin, roles: req.body.roles } });
    return reply.status(201).send({ token: inv.token, acceptPath: '/api/v1/invitations/accept', expiresAt: inv.expiresAt });
  });

  r.post('/api/v1/invitations/accept', {
    schema: {
      tags,
      summary: 'Accept an invitation or a reset: set your password',
      body: z.strictObject({ token: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
      response: { 201: z.object({ username: z.string() }), ...errors },
    },
  }, async (req, reply) => {
    const done = await acceptInvitation(db, req.body.token, req.body.password);
    return reply.status(201).send({ username: done.username });
  });

  r.get('/api/v1/admin/users', {
    schema: { tags, summary: "Your party's accounts and their roles", response: { 200: z.object({ items: z.array(userView) }), ...errors } },
  }, async (req) => {
    const admin = adminOf(req);
    const users = await db.selectFrom('users').selectAll().where('party', '=', admin.party).orderBy('username').execute();
    const roles = users.length
      ? await db.selectFrom('memberships').selectAll().where('userId', 'in', users.map((u) => u.id)).execute()
      : [];
    return {
      items: users.map((u) => ({
        id: u.id,
        username: u.username,
        party: u.party,
        admin: u.admin === 1,
        secondFactor: u.totpConfirmedAt != null,
        disabled: u.disabledAt != null,
        roles: roles.filter((m) => m.userId === u.id).map((m) => ({ mechanismId: m.mechanismId, role: m.role })),
      })),
    };
  });

  r.put('/api/v1/admin/users/:id/roles', {
    schema: {
      tags,
      summary: "Set a user's roles (replaces them)",
      params: z.strictObject({ id }),
      body: z.strictObject({ roles: roleList }),
      response: { 204: z.null(), ...errors },
    },
  }, async (req, reply) => {
    const admin = adminOf(req);
    const user = await userOfParty(db, admin.party, req.params.id);
    await checkGrants(db, admin.party, req.body.roles);
    await inTransaction(db, async (tx) => {
      const before = new Map((await tx.selectFrom('memberships').select(['mechanismId', 'role']).where('userId', '=', user.id).execute()).map((m) => [m.mechanismId, m.role]));
      const after = new Map(req.body.roles.map((g) => [g.mechanismId, g.role]));
      await tx.deleteFrom('memberships').where('userId', '=', user.id).execute();
      for (const g of req.body.roles) await grantRole(tx, user.id, g.mechanismId, g.role);
      // In id order, like every transaction that appends to several logs (src/ledger/append.ts lockLogs).
      for (const mechanismId of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const role = after.get(mechanismId) ?? null;
        if (before.get(mechanismId) !== role) await logRoleChange(tx, admin, user, mechanismId, role);
      }
      await recordAudit(tx, admin, { action: 'set-roles', target: user.username, detail: { roles: req.body.roles } });
    });
    forgetUser(user.id);
    return reply.status(204).send(null);
  });

  r.post('/api/v1/admin/users/:id/reset', {
    schema: {
      tags,
      summary: "Reset a user's access: sessions, tokens and second factor revoked; a one-time token sets a new password",
      params: z.strictObject({ id }),
      response: { 201: z.object({ token: z.string(), acceptPath: z.string(), expiresAt: z.string() }), ...errors },
    },
  }, async (req, reply) => {
    const admin = adminOf(req);
    const user = await userOfParty(db, admin.party, req.params.id);
    const unusable = await hashPassword(randomBytes(32).toString('base64url'));
    const inv = await inTransaction(db, async (tx) => {
      const now = new Date().toISOString();
      await tx.updateTable('users').set({ passwordHash: unusable, totpSecret: null, totpPendingSecret: null, totpConfirmedAt: null, totpLastStep: null, passwordChangedAt: now }).where('id', '=', user.id).execute();
      await tx.deleteFrom('sessions').where('userId', '=', user.id).execute();
      await tx.deleteFrom('recoveryCodes').where('userId', '=', user.id).execute();
      await retireSigningKeys(tx, user.id);
      await tx.updateTable('apiTokens').set({ revokedAt: now }).where('userId', '=', user.id).where('revokedAt', 'is', null).execute();
      await recordAudit(tx, admin, { action: 'reset', target: user.username });
      return createInvitation(tx, { party: user.party, username: user.username, admin: user.admin === 1, roles: [], createdBy: admin.userId, userId: user.id });
    });
    forgetUser(user.id);
    forgetSecondFactor(user.id);
    return reply.status(201).send({ token: inv.token, acceptPath: '/api/v1/invitations/accept', expiresAt: inv.expiresAt });
  });
}
