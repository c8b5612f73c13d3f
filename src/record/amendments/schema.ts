import { defineResource, opt, req } from '../common/resource.ts';
import { id, text } from '../common/fields.ts';

/**
 * An amendment to the outcome of a concluded round: the outcome itself is co-signed and never
 * changes, so a correction or addition is a record of its own, logged like any other.
 */
export const amendments = defineResource({
  kind: 'amendment',
  table: 'amendments',
  path: 'amendments',
  label: 'amendment',
  scope: 'mechanism',
  fields: {
    roundId: req(id),
    text: req(text(20000), 'json'),
    reason: opt(text(2000), 'json'),
  },
  texts: ['text', 'reason'],
  refs: [{ field: 'roundId', kind: 'round' }],
  parent: { field: 'roundId', kind: 'round' },
  filters: { roundId: { column: 'roundId', op: 'eq', schema: id } },
  sorts: ['createdAt'],
  defaultSort: 'createdAt',
  deletable: false,
  defaultMarking: 'joint',
  immutable: ['roundId'],
});
