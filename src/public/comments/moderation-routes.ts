import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.ts';
import { id } from '../../record/common/fields.ts';
import { problemSchema } from '../../record/routes.ts';
import { COMMENT_STATUSES, MODERATION_ACTIONS, moderateComments, moderationQueue, type ModerationAction } from './moderation.ts';

const status = z.enum(COMMENT_STATUSES);

const moderatedComment = z.object({
  id: z.string(),
  communiqueId: z.string(),
  mechanismId: z.string(),
  name: z.string(),
  email: z.string(),
  website: z.string().nullable(),
  body: z.string(),
  language: z.string(),
  status,
  createdAt: z.string(),
  moderatedBy: z.string().nullable(),
  moderatedAt: z.string().nullable(),
});

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** The moderation queue of the workspace (./moderation.ts): the only answers carrying an email. */
export function moderationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['comments'];

  r.get('/api/v1/comments', {
    schema: {
      tags,
      summary: "Comments on your party's communiqués, newest first, email included (the owner party's secretariat and co-chair)",
      querystring: z.strictObject({
        mechanismId: id.optional(),
        communiqueId: id.optional(),
        status: status.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: id.optional(),
      }),
      response: { 200: z.object({ items: z.array(moderatedComment), nextCursor: z.string().nullable() }), ...errors },
    },
  }, async (req) => moderationQueue(ctx.store.db, req.principal, req.query));

  const actions = Object.keys(MODERATION_ACTIONS) as [ModerationAction, ...ModerationAction[]];
  r.post('/api/v1/comments/moderate', {
    schema: {
      tags,
      summary: 'Approve, reject or mark as spam up to 200 comments at once: all of them, or none when one may not be',
      body: z.strictObject({
        ids: z.array(id).min(1).max(200).refine((ids) => new Set(ids).size === ids.length, 'must not name a comment twice'),
        action: z.enum(actions),
      }),
      response: {
        200: z.object({ items: z.array(moderatedComment.pick({ id: true, status: true, moderatedBy: true, moderatedAt: true })) }),
        ...errors,
      },
    },
  }, async (req) => ({ items: await moderateComments(ctx.store.db, req.principal, req.body.ids, req.body.action) }));
}
