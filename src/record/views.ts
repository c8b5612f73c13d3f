import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { id } from './common/fields.ts';
import { schemasOf, type RecordData, type ResourceDef } from './common/resource.ts';
import { findVisible, findVisibleBy } from './store.ts';
import { problemSchema } from './routes.ts';
import { notFound } from '../http/problem.ts';
import { readable } from '../access/policy.ts';
import { fromRow } from './common/resource.ts';
import { mechanisms } from './mechanisms/schema.ts';
import { rounds } from './rounds/schema.ts';
import { agendaItems } from './agenda/schema.ts';
import { statements } from './statements/schema.ts';
import { assessments, commitments, compliancePercent, evidence } from './commitments/schema.ts';
import { consensusItems } from './consensus/schema.ts';
import { agreements } from './agreements/schema.ts';
import { people, titleAt } from './people/schema.ts';
import { events } from './events/schema.ts';
import { milestones } from './milestones/schema.ts';
import { positions, supports } from './positions/schema.ts';
import { anniversariesIn } from './milestones/anniversaries.ts';
import type { Principal } from '../access/principal.ts';
import type { Db } from '../db/index.ts';

/** The nested views people read: every part filtered by the same policy as the lists. */
export function viewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const rec = (def: ResourceDef) => schemasOf(def).record;
  const tags = ['views'];

  r.get('/api/v1/mechanisms/:id/overview', {
    schema: {
      tags,
      summary: 'A mechanism with its rounds',
      params: z.strictObject({ id }),
      response: { 200: z.object({ mechanism: rec(mechanisms), rounds: z.array(rec(rounds)) }), 404: problemSchema },
    },
  }, async (req) => {
    const mechanism = await mechanismOr404(db, req.principal, req.params.id);
    const list = await findVisibleBy(db, req.principal, rounds, 'mechanismId', [mechanism.id], 'number');
    return { mechanism, rounds: list };
  });

  const coChairView = z.object({ party: z.string(), person: rec(people).nullable(), title: z.record(z.string(), z.string()).nullable() });
  r.get('/api/v1/mechanisms/:id/rounds/:number', {
    schema: {
      tags,
      summary: 'A round with its agenda, co-chairs, statements, commitments, consensus items and agreements',
      params: z.strictObject({ id, number: z.coerce.number().int().min(1).max(100000) }),
      response: {
        200: z.object({
          round: rec(rounds),
          coChairs: z.array(coChairView),
          agenda: z.array(rec(agendaItems)),
          statements: z.array(rec(statements)),
          commitments: z.array(rec(commitments)),
          consensusItems: z.array(rec(consensusItems)),
          agreements: z.array(rec(agreements)),
        }),
        400: problemSchema,
        404: problemSchema,
      },
    },
  }, async (req) => {
    const p = req.principal;
    const mechanism = await mechanismOr404(db, p, req.params.id);
    const row = await db
      .selectFrom('rounds')
      .selectAll()
      .where('mechanismId', '=', mechanism.id)
      .where('number', '=', req.params.number)
      .where(readable(p, 'mechanism', 'rounds'))
      .executeTakeFirst();
    if (!row) throw notFound(`round ${req.params.number}`);
    const round = fromRow(rounds, row);
    const chairs = round.coChairs as Array<{ party: string; personId: string }>;
    const persons = await findVisibleBy(db, p, people, 'id', chairs.map((c) => c.personId));
    const [agenda, said, made, consensus, concluded] = await Promise.all([
      findVisibleBy(db, p, agendaItems, 'roundId', [round.id], 'position'),
      findVisibleBy(db, p, statements, 'roundId', [round.id]),
      findVisibleBy(db, p, commitments, 'roundId', [round.id]),
      findVisibleBy(db, p, consensusItems, 'id', round.consensusItemIds as string[]),
      findVisibleBy(db, p, agreements, 'roundId', [round.id]),
    ]);
    return {
      round,
      coChairs: chairs.map((c) => {
        const person = persons.find((x) => x.id === c.personId) ?? null;
        return { party: c.party, person, title: person ? titleAt(person, round.startDate as string | null) : null };
      }),
      agenda,
      statements: said,
      commitments: made,
      consensusItems: consensus,
      agreements: concluded,
    };
  });

  r.get('/api/v1/commitments/:id/trail', {
    schema: {
      tags,
      summary: 'A commitment with its source trail: consensus item → round → commitment → evidence',
      params: z.strictObject({ id }),
      response: {
        200: z.object({
          consensusItem: rec(consensusItems).nullable(),
          sourceEvent: rec(events).nullable(),
          round: rec(rounds).nullable(),
          agreement: rec(agreements).nullable(),
          commitment: rec(commitments),
          evidence: z.array(rec(evidence)),
          assessments: z.array(rec(assessments)),
          compliance: z.array(z.object({ party: z.string(), self: z.number().nullable(), partner: z.number().nullable(), agreed: z.number().nullable() })),
        }),
        404: problemSchema,
      },
    },
  }, async (req) => {
    const p = req.principal;
    const commitment = await findVisible(db, p, commitments, req.params.id);
    if (!commitment) throw notFound(`commitment ${req.params.id}`);
    const ref = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const get = async (def: ResourceDef, refId: string | undefined) => (refId ? ((await findVisible(db, p, def, refId)) ?? null) : null);
    const consensusItem = await get(consensusItems , ref(commitment.consensusItemId));
    const [sourceEvent, round, agreement, ev, scores] = await Promise.all([
      get(events , ref(consensusItem?.sourceEventId)),
      get(rounds, ref(commitment.roundId)),
      get(agreements , ref(commitment.agreementId)),
      findVisibleBy(db, p, evidence, 'commitmentId', [commitment.id], 'date'),
      findVisibleBy(db, p, assessments, 'commitmentId', [commitment.id]),
    ]);
    const compliance = (commitment.parties as string[]).map((party) => {
      const of = (assessor: string) => compliancePercent(scores.filter((s) => s.party === party && s.assessor === assessor).map((s) => Number(s.score)));
      return { party, self: of('self'), partner: of('partner'), agreed: of('agreed') };
    });
    return { consensusItem, sourceEvent, round, agreement, commitment, evidence: ev, assessments: scores, compliance };
  });

  r.get('/api/v1/mechanisms/:id/anniversaries', {
    schema: {
      tags,
      summary: 'The anniversaries of milestones falling in a year',
      params: z.strictObject({ id }),
      querystring: z.strictObject({ year: z.coerce.number().int().min(1000).max(9999) }),
      response: {
        200: z.object({
          year: z.number(),
          anniversaries: z.array(z.object({ milestone: rec(milestones), years: z.number(), date: z.string() })),
        }),
        400: problemSchema,
        404: problemSchema,
      },
    },
  }, async (req) => {
    const mechanism = await mechanismOr404(db, req.principal, req.params.id);
    const all = await findVisibleBy(db, req.principal, milestones, 'mechanismId', [mechanism.id], 'date');
    return { year: req.query.year, anniversaries: anniversariesIn(all, req.query.year) };
  });

  const cell = z.object({ party: z.string(), roundId: z.string().nullable(), eventId: z.string().nullable(), supportId: z.string(), wording: z.record(z.string(), z.string()) });
  r.get('/api/v1/mechanisms/:id/positions-matrix', {
    schema: {
      tags,
      summary: 'Positions matrix: issue × party × round, each cell with its wording and source',
      params: z.strictObject({ id }),
      response: {
        200: z.object({
          parties: z.array(z.string()),
          rounds: z.array(z.object({ id: z.string(), number: z.number() })),
          rows: z.array(z.object({ position: rec(positions), cells: z.array(cell) })),
        }),
        404: problemSchema,
      },
    },
  }, async (req) => {
    const p = req.principal;
    const mechanism = await mechanismOr404(db, p, req.params.id);
    const [held, backing, roundList] = await Promise.all([
      findVisibleBy(db, p, positions, 'mechanismId', [mechanism.id]),
      findVisibleBy(db, p, supports, 'mechanismId', [mechanism.id]),
      findVisibleBy(db, p, rounds, 'mechanismId', [mechanism.id], 'number'),
    ]);
    return {
      parties: mechanism.parties as string[],
      rounds: roundList.map((x) => ({ id: x.id, number: Number(x.number) })),
      rows: held.map((position) => ({
        position,
        cells: backing
          .filter((s) => s.positionId === position.id)
          .map((s) => ({
            party: String(s.party),
            roundId: (s.roundId as string | null) ?? null,
            eventId: (s.eventId as string | null) ?? null,
            supportId: s.id,
            wording: s.wording as Record<string, string>,
          })),
      })),
    };
  });
}

async function mechanismOr404(db: Db, p: Principal, mechanismId: string): Promise<RecordData> {
  const m = await findVisible(db, p, mechanisms, mechanismId);
  if (!m) throw notFound(`mechanism ${mechanismId}`);
  return m;
}
