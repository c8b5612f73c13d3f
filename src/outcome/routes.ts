import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { Problem } from '../http/problem.ts';
import { inTransaction } from '../db/index.ts';
import { problemSchema } from '../record/routes.ts';
import { id } from '../record/common/fields.ts';
import { requireRecentReauth } from '../access/reauth.ts';
import type { Principal, UserPrincipal } from '../access/principal.ts';
import { cosign, outcomeState } from './conclude.ts';

const params = z.strictObject({ id, number: z.coerce.number().int().min(1).max(100000) });
const cosignature = z.object({
  party: z.string(),
  username: z.string(),
  outcomeHash: z.string(),
  logSize: z.number(),
  root: z.string(),
  publicKey: z.string(),
  signature: z.string(),
  logIndex: z.number(),
  at: z.string(),
  /** Signed over the outcome as it is now. */
  current: z.boolean(),
  /** The signature verifies with its public key. */
  valid: z.boolean(),
});
const state = z.object({
  mechanismId: z.string(),
  round: z.number(),
  outcomeHash: z.string(),
  concluded: z.boolean(),
  parties: z.array(z.string()),
  cosignatures: z.array(cosignature),
});
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

function signedIn(p: Principal): UserPrincipal {
  if (p.kind !== 'user') throw new Problem(401, 'sign in first');
  return p;
}

/** The outcome of a round and its co-signing (src/outcome/conclude.ts). */
export function outcomeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/mechanisms/:id/rounds/:number/outcome', {
    schema: {
      tags: ['outcome'],
      summary: "A round's outcome hash (what its co-chairs sign) and the co-signatures so far",
      params,
      response: { 200: state, ...errors },
    },
  }, async (req) => {
    const p = signedIn(req.principal);
    return inTransaction(ctx.store.db, (tx) => outcomeState(tx, p, req.params.id, req.params.number));
  });

  r.post('/api/v1/mechanisms/:id/rounds/:number/conclude', {
    schema: {
      tags: ['outcome'],
      summary: "Co-sign the round's outcome (co-chairs); the round is concluded when every party's co-chair has signed it",
      description:
        'Needs a re-authentication within five minutes (POST /api/v1/session/reauth) and the password again, which opens your personal signing key. ' +
        'Signs {mechanismId, round, outcomeHash, logSize, root} with Ed25519; the signature is an entry of the joint log. ' +
        'After the conclusion the outcome cannot change (409); record an amendment instead.',
      params,
      body: z.strictObject({ password: z.string().min(1).max(1000) }),
      response: { 200: state, ...errors },
    },
  }, async (req) => {
    const p = signedIn(req.principal);
    if (p.roles.get(req.params.id) !== 'co-chair') throw new Problem(403, 'only the co-chairs of this mechanism co-sign its outcomes');
    await requireRecentReauth(req);
    return cosign({ ...ctx.writer(p), principal: p }, req.params.id, req.params.number, req.body.password);
  });
}
