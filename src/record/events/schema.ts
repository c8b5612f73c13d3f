import { z } from 'zod';
import { defineResource, dflt, req } from '../common/resource.ts';
import { id, partialDate, text } from '../common/fields.ts';

export const EVENT_KINDS = ['state-visit', 'summit', 'call', 'meeting'] as const;

/** A high-level event (state visit, summit, call, meeting) where leaders reach consensus. */
export const events = defineResource({
  kind: 'event',
  table: 'events',
  path: 'events',
  label: 'event',
  scope: 'mechanism',
  fields: {
    kind: req(z.enum(EVENT_KINDS)),
    date: req(partialDate),
    title: req(text(300), 'json'),
    place: dflt(text(200, { required: false }), {}, 'json'),
    participantIds: dflt(z.array(id).max(100), [], 'json'),
  },
  texts: ['title', 'place'],
  refs: [{ field: 'participantIds', kind: 'person', many: true }],
  filters: {
    kind: { column: 'kind', op: 'eq', schema: z.enum(EVENT_KINDS) },
    from: { column: 'date', op: 'from', schema: partialDate },
    to: { column: 'date', op: 'to', schema: partialDate },
  },
  sorts: ['date', 'createdAt'],
  defaultSort: 'date',
  deletable: true,
  defaultMarking: 'joint',
});
