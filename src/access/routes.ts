import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkPassword, closeSession, openSession } from './accounts.ts';
import { Problem } from '../http/problem.ts';
import { SESSION_COOKIE, type AppContext } from '../http/context.ts';

const principalView = z.object({
  signedIn: z.boolean(),
  username: z.string().optional(),
  party: z.string().optional(),
  admin: z.boolean().optional(),
  roles: z.array(z.object({ mechanismId: z.string(), role: z.string() })).optional(),
});

/** Sign in and out. Second factor, CSRF and rate limits arrive with the accounts issue. */
export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign in',
      body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }),
      response: { 200: principalView },
    },
  }, async (req, reply) => {
    const userId = await checkPassword(ctx.store.db, req.body.username, req.body.password);
    if (!userId) throw new Problem(401, 'unknown username or wrong password');
    const session = await openSession(ctx.store.db, userId);
    void reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      expires: new Date(session.expiresAt),
    });
    const principal = await ctx.principalFromToken(session.token);
    return view(principal);
  });

  r.get('/api/v1/session', {
    schema: { tags: ['session'], summary: 'Who am I', response: { 200: principalView } },
  }, async (req) => view(req.principal));

  r.delete('/api/v1/session', {
    schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null() } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await closeSession(ctx.store.db, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
}

function view(p: import('./principal.ts').Principal): z.infer<typeof principalView> {
  if (p.kind !== 'user') return { signedIn: false };
  return {
    signedIn: true,
    username: p.username,
    party: p.party,
    admin: p.admin,
    roles: [...p.roles].map(([mechanismId, role]) => ({ mechanismId, role })),
  };
}
