import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { id } from './common/fields.ts';
import { schemasOf, type ResourceDef } from './common/resource.ts';
import { RESOURCES } from './registry.ts';
import { findVisible, list } from './store.ts';
import { createRecord, deleteRecord, updateRecord } from './write.ts';
import { notFound } from '../http/problem.ts';

/** Create, read, update, list and (where it makes sense) delete, for every record kind. */
export function recordRoutes(app: FastifyInstance, ctx: AppContext): void {
  for (const def of RESOURCES) resourceRoutes(app, ctx, def);
}

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

function listQuery(def: ResourceDef) {
  const sorts = def.sorts.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  const filters: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(def.filters)) filters[name] = f.schema.optional();
  return z.strictObject({
    ...(def.scope === 'mechanism' ? { mechanismId: id.optional() } : {}),
    ...filters,
    sort: z.enum(sorts).default(def.defaultSort),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(1000).optional(),
  });
}

function resourceRoutes(app: FastifyInstance, ctx: AppContext, def: ResourceDef): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { create, update, record } = schemasOf(def);
  const base = `/api/v1/${def.path}`;
  const tags = [def.path];
  const params = z.strictObject({ id });
  const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

  r.get(base, {
    schema: {
      tags,
      summary: `List ${def.label} records`,
      querystring: listQuery(def),
      response: { 200: z.object({ items: z.array(record), nextCursor: z.string().nullable() }), 400: problemSchema },
    },
  }, async (req) => {
    const { sort, limit, cursor, ...filters } = req.query as Record<string, unknown> & { sort: string; limit: number; cursor?: string };
    return list(ctx.store.db, ctx.store.dialect, req.principal, def, { sort, limit, cursor, filters });
  });

  r.get(`${base}/:id`, {
    schema: { tags, summary: `Read a ${def.label}`, params, response: { 200: record, 404: problemSchema } },
  }, async (req) => {
    const found = await findVisible(ctx.store.db, req.principal, def, req.params.id);
    if (!found) throw notFound(`${def.label} ${req.params.id}`);
    return found;
  });

  r.post(base, {
    schema: { tags, summary: `Create a ${def.label}`, body: create, response: { 201: record, ...errors } },
  }, async (req, reply) => {
    const created = await createRecord(ctx.writer(req.principal), def, req.body);
    return reply.status(201).send(created);
  });

  r.patch(`${base}/:id`, {
    schema: { tags, summary: `Change a ${def.label}`, params, body: update, response: { 200: record, ...errors } },
  }, async (req) => updateRecord(ctx.writer(req.principal), def, req.params.id, req.body));

  if (def.deletable) {
    r.delete(`${base}/:id`, {
      schema: {
        tags,
        summary: `Delete a ${def.label}`,
        params,
        response: { 200: z.object({ id: z.string(), logIndex: z.number() }), ...errors },
      },
    }, async (req) => deleteRecord(ctx.writer(req.principal), def, req.params.id));
  }
}
