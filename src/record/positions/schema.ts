import { defineResource, dflt, opt, req } from '../common/resource.ts';
import { id, partyCode, text } from '../common/fields.ts';
import { invalid } from '../../http/problem.ts';
import { requireExactlyOne, requireMechanismParty } from '../common/checks.ts';

/** What a party holds on an issue. */
export const positions = defineResource({
  kind: 'position',
  table: 'positions',
  path: 'positions',
  label: 'position',
  scope: 'mechanism',
  fields: {
    issue: req(text(300), 'json'),
    holderParty: req(partyCode),
    stance: dflt(text(5000, { required: false }), {}, 'json'),
  },
  texts: ['issue', 'stance'],
  refs: [],
  filters: { holderParty: { column: 'holderParty', op: 'eq', schema: partyCode } },
  sorts: ['createdAt'],
  defaultSort: 'createdAt',
  deletable: true,
  defaultMarking: 'joint',
  async rules(ctx, next) {
    requireMechanismParty(ctx, 'holderParty', next.holderParty);
  },
});

/** Another party's stated support for a position, at a round or an event. */
export const supports = defineResource({
  kind: 'support',
  table: 'supports',
  path: 'supports',
  label: 'support record',
  scope: 'mechanism',
  fields: {
    positionId: req(id),
    party: req(partyCode),
    roundId: opt(id),
    eventId: opt(id),
    wording: req(text(5000), 'json'),
  },
  texts: ['wording'],
  refs: [
    { field: 'positionId', kind: 'position' },
    { field: 'roundId', kind: 'round' },
    { field: 'eventId', kind: 'event' },
  ],
  parent: { field: 'positionId', kind: 'position' },
  filters: {
    positionId: { column: 'positionId', op: 'eq', schema: id },
    party: { column: 'party', op: 'eq', schema: partyCode },
    roundId: { column: 'roundId', op: 'eq', schema: id },
  },
  sorts: ['createdAt'],
  defaultSort: 'createdAt',
  deletable: true,
  defaultMarking: 'joint',
  immutable: ['positionId'],
  async rules(ctx, next) {
    requireMechanismParty(ctx, 'party', next.party);
    requireExactlyOne(next, 'roundId', 'eventId');
    const position = await ctx.get('position', String(next.positionId));
    if (position && position.holderParty === next.party) throw invalid('party', 'a party does not support its own position; edit the stance instead');
  },
});
