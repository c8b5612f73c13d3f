import { z } from 'zod';
import { defineResource, dflt, opt, req } from '../common/resource.ts';
import { id, OPENNESS, partialDate, partyCode, text } from '../common/fields.ts';
import { conflict, invalid } from '../../http/problem.ts';
import { requireMechanismParty, requireOrder, requireUnique } from '../common/checks.ts';

export const ROUND_STATUSES = ['planned', 'held', 'concluded'] as const;

const coChair = z.strictObject({ party: partyCode, personId: id });

/** A numbered meeting of a mechanism, co-chaired by one person per party. */
export const rounds = defineResource({
  kind: 'round',
  table: 'rounds',
  path: 'rounds',
  label: 'round',
  scope: 'mechanism',
  fields: {
    number: req(z.number().int().min(1).max(100000), 'int'),
    startDate: opt(partialDate),
    endDate: opt(partialDate),
    place: dflt(text(200, { required: false }), {}, 'json'),
    hostParty: opt(partyCode),
    coChairs: dflt(z.array(coChair).max(20), [], 'json'),
    consensusItemIds: dflt(z.array(id).max(200), [], 'json'),
    status: dflt(z.enum(ROUND_STATUSES), 'planned'),
  },
  texts: ['place'],
  refs: [{ field: 'consensusItemIds', kind: 'consensusItem', many: true }],
  filters: {
    number: { column: 'number', op: 'eq', schema: z.coerce.number().int() },
    status: { column: 'status', op: 'eq', schema: z.enum(ROUND_STATUSES) },
    hostParty: { column: 'hostParty', op: 'eq', schema: partyCode },
    from: { column: 'startDate', op: 'from', schema: partialDate },
    to: { column: 'startDate', op: 'to', schema: partialDate },
  },
  sorts: ['number', 'startDate', 'createdAt'],
  defaultSort: 'number',
  deletable: true,
  defaultMarking: 'joint',
  immutable: ['number'],
  async rules(ctx, next) {
    const taken = await ctx.tx
      .selectFrom('rounds')
      .select('id')
      .where('mechanismId', '=', String(next.mechanismId))
      .where('number', '=', Number(next.number))
      .where('id', '!=', next.id)
      .executeTakeFirst();
    if (taken) throw conflict(`round ${String(next.number)} exists already in this mechanism`, 'number');
    // Concluding (status 'concluded') is the co-signing's alone: src/outcome/outcome.ts guards it.
    requireOrder(next, 'startDate', 'endDate');
    requireMechanismParty(ctx, 'hostParty', next.hostParty);
    const coChairs = next.coChairs as Array<{ party: string; personId: string }>;
    requireUnique('coChairs', coChairs.map((c) => c.party), 'party');
    for (const [i, c] of coChairs.entries()) {
      requireMechanismParty(ctx, `coChairs.${i}.party`, c.party);
      const person = await ctx.get('person', c.personId);
      if (!person) throw invalid(`coChairs.${i}.personId`, 'no such person');
      if (person.party !== c.party) throw invalid(`coChairs.${i}.personId`, `this person belongs to party "${String(person.party)}", not "${c.party}"`);
      if (OPENNESS[person.marking] < OPENNESS[next.marking]) {
        throw invalid(`coChairs.${i}.personId`, `this person's record is marked ${person.marking}, less open than the round (${next.marking})`);
      }
    }
  },
});
