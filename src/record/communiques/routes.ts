import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.ts';
import { requireRecentReauth } from '../../access/reauth.ts';
import { id, text } from '../common/fields.ts';
import { schemasOf } from '../common/resource.ts';
import { problemSchema } from '../routes.ts';
import { findVisible } from '../store.ts';
import { communiques } from './schema.ts';
import { approveCommunique, correctCommunique, reopenCommunique, scheduleCommunique } from './workflow.ts';

/**
 * The steps of a communiqué's workflow (./workflow.ts). Creating and editing a draft are the
 * generic record routes (/api/v1/communiques); publication is the node's, at the embargo.
 */
export function communiqueRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { record } = schemasOf(communiques);
  const params = z.strictObject({ id });
  const tags = ['communiques'];
  const response = { 200: record, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const base = '/api/v1/communiques/:id';

  r.post(`${base}/approve`, {
    schema: {
      tags,
      summary: "Approve the communiqué's current text for your party (co-chairs, after re-authentication)",
      description:
        'Needs a re-authentication within five minutes (POST /api/v1/session/reauth). When a co-chair of every party has approved the same text, ' +
        'the communiqué is approved, and scheduled if it has an embargo; any change of its text makes approvals lapse.',
      params,
      response,
    },
  }, async (req) => {
    await requireRecentReauth(req);
    const approved = await approveCommunique(ctx.writer(req.principal), req.params.id);
    if (approved.status !== 'scheduled') return approved;
    // Approved after its embargo: it goes out at once.
    await ctx.publisher.now();
    return (await findVisible(ctx.store.db, req.principal, communiques, req.params.id)) ?? approved;
  });

  r.post(`${base}/reopen`, {
    schema: { tags, summary: 'Take an approved or scheduled communiqué back to a draft (its approvals lapse)', params, response },
  }, async (req) => reopenCommunique(ctx.writer(req.principal), req.params.id));

  r.post(`${base}/schedule`, {
    schema: {
      tags,
      summary: 'Set, move or clear the embargo of an approved communiqué; it is published at that time (at once if it has passed)',
      params,
      body: z.strictObject({ embargo: z.iso.datetime().nullable() }),
      response,
    },
  }, async (req) => {
    const scheduled = await scheduleCommunique(ctx.writer(req.principal), req.params.id, req.body.embargo);
    if (scheduled.status !== 'scheduled') return scheduled;
    await ctx.publisher.now();
    return (await findVisible(ctx.store.db, req.principal, communiques, req.params.id)) ?? scheduled;
  });

  r.post(`${base}/correct`, {
    schema: {
      tags,
      summary: 'Start a correction of a published communiqué: a new version, drafted, approved and published like the first',
      params,
      body: z.strictObject({ title: text(300).optional(), text: text(100_000).optional(), correctionNote: text(2000) }),
      response: { ...response, 201: record },
    },
  }, async (req, reply) => reply.status(201).send(await correctCommunique(ctx.writer(req.principal), req.params.id, req.body)));
}
