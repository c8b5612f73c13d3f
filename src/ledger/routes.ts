import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { Problem, invalid } from '../http/problem.ts';
import { problemSchema } from '../record/routes.ts';
import { canReadLog } from '../access/policy.ts';
import { ID_PATTERN } from '../record/common/id.ts';
import { leafHash } from './merkle.ts';
import { consistencyProof, inclusionProofWithRoot, rootAt } from './tree-store.ts';
import type { Db } from '../db/index.ts';

/**
 * The log API (DESIGN §4): the node's verifier key, the latest checkpoint, entries by range,
 * inclusion and consistency proofs. Logs are named in URLs as `<mechanism id>` (joint log),
 * `<mechanism id>.<party>` (a party's internal log), `directory` and `directory.<party>`.
 * Everything but the public key answers only for logs the principal may read; a log it may
 * not read is answered as one that does not exist.
 */

const LOG_NAME = new RegExp(`^(directory|${ID_PATTERN.source.replace(/^\^|\$$/g, '')})(\\.[a-z]{2,8})?$`);
const MAX_ENTRIES = 1000;
const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema };

const logParam = z.strictObject({ log: z.string().max(100).regex(LOG_NAME, 'must name a log: <mechanism id>, <mechanism id>.<party>, directory or directory.<party>') });
// Sizes and indices: decimal, at most 15 digits (tree sizes stay far below 2^53).
const count = z.string().regex(/^(0|[1-9][0-9]{0,14})$/, 'must be a whole number (0 or more, decimal digits)').transform(Number);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export function logIdOf(name: string): string {
  return name.replace('.', '/');
}

export function logRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.get('/.well-known/entente/node-key', {
    schema: { tags: ['log'], summary: "The node's verifier key (C2SP signed-note form)", response: { 200: z.string() } },
  }, async (_req, reply) => reply.type('text/plain; charset=utf-8').send(`${ctx.ledger.key.verifierKey}\n`));

  r.get('/api/v1/logs', {
    schema: {
      tags: ['log'],
      summary: 'The logs you may read, with their size and latest checkpoint',
      response: {
        200: z.object({
          node: z.object({ name: z.string(), verifierKey: z.string() }),
          items: z.array(z.object({ log: z.string(), size: z.number(), checkpointSize: z.number().nullable(), checkpointAt: z.string().nullable() })),
        }),
        401: problemSchema,
      },
    },
  }, async (req) => {
    if (req.principal.kind === 'anonymous') throw new Problem(401, 'sign in to read logs');
    const logs = await db.selectFrom('logs').select(['id', 'size']).orderBy('id').execute();
    const latest = await db.selectFrom('checkpoints').select(['logId', (eb) => eb.fn.max('size').as('size'), (eb) => eb.fn.max('at').as('at')]).groupBy('logId').execute();
    const byLog = new Map(latest.map((c) => [c.logId, c]));
    return {
      node: { name: ctx.ledger.key.name, verifierKey: ctx.ledger.key.verifierKey },
      items: logs
        .filter((l) => canReadLog(req.principal, l.id))
        .map((l) => ({ log: l.id.replace('/', '.'), size: Number(l.size), checkpointSize: byLog.has(l.id) ? Number(byLog.get(l.id)!.size) : null, checkpointAt: byLog.get(l.id)?.at ?? null })),
    };
  });

  /** The log's current size, after the read check; 404 for a log that is not there or not readable. */
  const sizeOf = async (principal: Parameters<typeof canReadLog>[0], name: string): Promise<{ logId: string; size: number }> => {
    if (principal.kind === 'anonymous') throw new Problem(401, 'sign in to read logs');
    const logId = logIdOf(name);
    const row = canReadLog(principal, logId) ? await db.selectFrom('logs').select('size').where('id', '=', logId).executeTakeFirst() : undefined;
    if (!row) throw new Problem(404, `log ${name} was not found or is not visible to you`);
    return { logId, size: Number(row.size) };
  };

  r.get('/api/v1/logs/:log/checkpoint', {
    schema: { tags: ['log'], summary: 'The latest signed checkpoint (C2SP tlog-checkpoint, signed note)', params: logParam, response: { 200: z.string(), ...errors } },
  }, async (req, reply) => {
    const { logId } = await sizeOf(req.principal, req.params.log);
    const note = await latestCheckpoint(db, logId);
    if (!note) throw new Problem(404, `log ${req.params.log} has no checkpoint yet`);
    return reply.type('text/plain; charset=utf-8').send(note);
  });

  r.post('/api/v1/logs/:log/checkpoint', {
    schema: { tags: ['log'], summary: 'Sign a checkpoint now (when the log grew since the latest)', params: logParam, response: { 200: z.string(), ...errors } },
  }, async (req, reply) => {
    const { logId } = await sizeOf(req.principal, req.params.log);
    await ctx.ledger.checkpointer.now(logId);
    const note = await latestCheckpoint(db, logId);
    if (!note) throw new Problem(404, `log ${req.params.log} has no entries to sign`);
    return reply.type('text/plain; charset=utf-8').send(note);
  });

  r.get('/api/v1/logs/:log/entries', {
    schema: {
      tags: ['log'],
      summary: `Entries [start, end) of a log, at most ${MAX_ENTRIES} at a time`,
      description: 'Each entry is its canonical JSON text (RFC 8785) exactly as hashed: leaf hash = SHA-256(0x00 ‖ UTF-8 text).',
      params: logParam,
      querystring: z.strictObject({ start: count, end: count.optional() }),
      response: { 200: z.object({ log: z.string(), size: z.number(), start: z.number(), entries: z.array(z.string()) }), ...errors },
    },
  }, async (req) => {
    const { logId, size } = await sizeOf(req.principal, req.params.log);
    const { start } = req.query;
    const end = req.query.end ?? Math.min(size, start + MAX_ENTRIES);
    if (start > size) throw invalid('start', `is beyond the end of the log (size ${size})`);
    if (end < start) throw invalid('end', 'must not be below start');
    if (end > size) throw invalid('end', `is beyond the end of the log (size ${size})`);
    if (end - start > MAX_ENTRIES) throw invalid('end', `at most ${MAX_ENTRIES} entries at a time`);
    const rows = await db.selectFrom('logEntries').select('entry').where('logId', '=', logId).where('idx', '>=', start).where('idx', '<', end).orderBy('idx').execute();
    return { log: req.params.log, size, start, entries: rows.map((row) => row.entry) };
  });

  r.get('/api/v1/logs/:log/proof/inclusion', {
    schema: {
      tags: ['log'],
      summary: 'Inclusion proof of an entry in the tree of a given size (default: the latest checkpoint)',
      params: logParam,
      querystring: z.strictObject({ index: count, size: count.optional() }),
      response: { 200: z.object({ index: z.number(), size: z.number(), leafHash: z.string(), root: z.string(), proof: z.array(z.string()) }), ...errors },
    },
  }, async (req) => {
    const { logId, size: current } = await sizeOf(req.principal, req.params.log);
    const size = await treeSize(db, logId, current, 'size', req.query.size);
    if (req.query.index >= size) throw invalid('index', `must be below the tree size ${size}`);
    const entry = await db.selectFrom('logEntries').select('entry').where('logId', '=', logId).where('idx', '=', req.query.index).executeTakeFirstOrThrow();
    const { proof, root } = await inclusionProofWithRoot(db, logId, req.query.index, size);
    return { index: req.query.index, size, leafHash: b64(leafHash(Buffer.from(entry.entry, 'utf8'))), root: b64(root), proof: proof.map(b64) };
  });

  r.get('/api/v1/logs/:log/proof/consistency', {
    schema: {
      tags: ['log'],
      summary: 'Consistency proof between two sizes of a log (default size2: the latest checkpoint)',
      params: logParam,
      querystring: z.strictObject({ size1: count, size2: count.optional() }),
      response: { 200: z.object({ size1: z.number(), size2: z.number(), root1: z.string(), root2: z.string(), proof: z.array(z.string()) }), ...errors },
    },
  }, async (req) => {
    const { logId, size: current } = await sizeOf(req.principal, req.params.log);
    const size2 = await treeSize(db, logId, current, 'size2', req.query.size2);
    if (req.query.size1 > size2) throw invalid('size1', `must not be above size2 (${size2})`);
    const [proof, root1, root2] = await Promise.all([
      consistencyProof(db, logId, req.query.size1, size2),
      rootAt(db, logId, req.query.size1),
      rootAt(db, logId, size2),
    ]);
    return { size1: req.query.size1, size2, root1: b64(root1), root2: b64(root2), proof: proof.map(b64) };
  });
}

async function latestCheckpoint(db: Db, logId: string): Promise<string | undefined> {
  return (await db.selectFrom('checkpoints').select('note').where('logId', '=', logId).orderBy('size', 'desc').limit(1).executeTakeFirst())?.note;
}

/** The tree size a proof is asked for: as given, else the latest checkpoint's, else the log's; never beyond the log. */
async function treeSize(db: Db, logId: string, current: number, field: string, asked: number | undefined): Promise<number> {
  const checkpoint = asked === undefined ? await db.selectFrom('checkpoints').select('size').where('logId', '=', logId).orderBy('size', 'desc').limit(1).executeTakeFirst() : undefined;
  const size = asked ?? (checkpoint ? Number(checkpoint.size) : current);
  if (size > current) throw invalid(field, `is beyond the end of the log (size ${current})`);
  return size;
}
