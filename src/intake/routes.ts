import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { canIntake } from '../access/policy.ts';
import { Problem } from '../http/problem.ts';
import { problemSchema } from '../record/routes.ts';
import { acceptDraft } from './accept.ts';
import { extract } from './extract.ts';
import { knownNames } from './known.ts';
import { acceptBody, acceptResult, draftSchema, extractBody, MAX_TEXT_BYTES } from './schema.ts';

/** The request may hold the largest text and its JSON escapes (a fifth more), and the other fields. */
const EXTRACT_BODY_LIMIT = MAX_TEXT_BYTES + MAX_TEXT_BYTES / 5;

const tooLarge = () => new Problem(413, `text: must be at most ${MAX_TEXT_BYTES / 1024 / 1024} MiB`, [{ field: 'text', message: `must be at most ${MAX_TEXT_BYTES / 1024 / 1024} MiB` }]);

/** Refused before the body is read: signed out → 401; no right to create records anywhere (or there) → 403. */
async function mayIntake(req: FastifyRequest): Promise<void> {
  if (req.principal.kind !== 'user') throw new Problem(401, 'sign in to use the intake');
  const refusal = canIntake(req.principal);
  if (refusal) throw new Problem(403, refusal);
}

/** The intake (issue 7): a communiqué's text → a draft to review (./extract.ts); a reviewed draft → records (./accept.ts). */
export function intakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['intake'];
  const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

  r.post('/api/v1/intake', {
    bodyLimit: EXTRACT_BODY_LIMIT,
    preParsing: async (req) => {
      await mayIntake(req);
      if (Number(req.headers['content-length'] ?? 0) > EXTRACT_BODY_LIMIT) throw tooLarge();
    },
    schema: {
      tags,
      summary: "A communiqué's text (French or English, at most 10 MiB) → a draft of its round to review (secretariats and co-chairs)",
      description:
        'Rule-based and deterministic. Each extracted item has its value, a confidence (0–1) and the span [start, end) of the text it comes from ' +
        '(UTF-16 offsets). Names are matched against the mechanisms, parties and people you may read. `language` is detected when not given; ' +
        '`published` (YYYY-MM-DD) resolves dates such as "Tuesday" or "2 December". Nothing is written: accept the reviewed draft with POST /api/v1/intake/accept.',
      body: extractBody,
      response: { 200: draftSchema, ...errors, 413: problemSchema },
    },
  }, async (req) => {
    const { text, language, published } = req.body;
    if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) throw tooLarge();
    const known = await knownNames(ctx.store, req.principal);
    return extract(text, { ...(language ? { language } : {}), ...(published ? { published } : {}), known });
  });

  r.post('/api/v1/intake/accept', {
    preValidation: mayIntake,
    schema: {
      tags,
      summary: 'Record a reviewed draft: the round and its records, in one transaction, through the write path',
      description:
        'The body is the draft with the items the reviewer accepted (possibly edited), the mechanism (an existing one, by `mechanism.value.id`), ' +
        'the `marking` of the records made (default joint) and optionally the `hostParty`. People, positions, milestones and events the record ' +
        'already holds are linked, not duplicated. A refusal names the draft field (`coChairs.1.value.party`) and writes nothing; a round number ' +
        'the mechanism has already → 409 at `round`. People of another party who are not in the directory cannot be registered by you (403 naming each item).',
      body: acceptBody,
      response: { 201: acceptResult, ...errors, 409: problemSchema, 422: problemSchema },
    },
  }, async (req, reply) => reply.status(201).send(await acceptDraft(ctx.writer(req.principal), req.body)));
}
