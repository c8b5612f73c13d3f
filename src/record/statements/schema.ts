import { z } from 'zod';
import { defineResource, dflt, opt, req } from '../common/resource.ts';
import { id, partyCode, text } from '../common/fields.ts';
import { invalid } from '../../http/problem.ts';
import { requireExactlyOne, requireMechanismParty } from '../common/checks.ts';

export const STATEMENT_KINDS = ['remark', 'joint-statement', 'chair-summary', 'readout'] as const;

/** What was said at a round or an event: by a speaker, or a party's readout. */
export const statements = defineResource({
  kind: 'statement',
  table: 'statements',
  path: 'statements',
  label: 'statement',
  scope: 'mechanism',
  fields: {
    speakerId: opt(id),
    party: opt(partyCode),
    roundId: opt(id),
    eventId: opt(id),
    kind: req(z.enum(STATEMENT_KINDS)),
    form: dflt(z.enum(['quote', 'gist']), 'gist'),
    text: req(text(20000), 'json'),
  },
  texts: ['text'],
  refs: [
    { field: 'speakerId', kind: 'person' },
    { field: 'roundId', kind: 'round' },
    { field: 'eventId', kind: 'event' },
  ],
  parent: { field: 'roundId', kind: 'round' },
  filters: {
    roundId: { column: 'roundId', op: 'eq', schema: id },
    eventId: { column: 'eventId', op: 'eq', schema: id },
    speakerId: { column: 'speakerId', op: 'eq', schema: id },
    kind: { column: 'kind', op: 'eq', schema: z.enum(STATEMENT_KINDS) },
  },
  sorts: ['createdAt'],
  defaultSort: 'createdAt',
  deletable: true,
  defaultMarking: 'joint',
  async rules(ctx, next) {
    requireExactlyOne(next, 'roundId', 'eventId');
    requireMechanismParty(ctx, 'party', next.party);
    if (next.kind !== 'joint-statement' && next.speakerId == null && next.party == null) {
      throw invalid('speakerId', 'a statement needs a speaker or the party it speaks for');
    }
    if (typeof next.speakerId === 'string') {
      const speaker = await ctx.get('person', next.speakerId);
      if (speaker && next.party != null && speaker.party !== next.party) {
        throw invalid('party', `the speaker belongs to party "${String(speaker.party)}"`);
      }
      if (speaker) requireMechanismParty(ctx, 'speakerId', speaker.party);
    }
  },
});
