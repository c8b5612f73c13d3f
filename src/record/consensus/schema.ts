import { z } from 'zod';
import { defineResource, dflt, opt, req } from '../common/resource.ts';
import { id, text } from '../common/fields.ts';

/** What the parties' leaders agreed at an event, which rounds then implement. */
export const consensusItems = defineResource({
  kind: 'consensusItem',
  table: 'consensusItems',
  path: 'consensus-items',
  label: 'consensus item',
  scope: 'mechanism',
  fields: {
    text: req(text(5000), 'json'),
    sourceEventId: opt(id),
    leaderIds: dflt(z.array(id).max(20), [], 'json'),
  },
  texts: ['text'],
  refs: [
    { field: 'sourceEventId', kind: 'event' },
    { field: 'leaderIds', kind: 'person', many: true },
  ],
  filters: { sourceEventId: { column: 'sourceEventId', op: 'eq', schema: id } },
  sorts: ['createdAt'],
  defaultSort: 'createdAt',
  deletable: true,
  defaultMarking: 'joint',
});
