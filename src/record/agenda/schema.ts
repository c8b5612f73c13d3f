import { z } from 'zod';
import { defineResource, req } from '../common/resource.ts';
import { id, text } from '../common/fields.ts';

/** An item of a round's agenda, in order. */
export const agendaItems = defineResource({
  kind: 'agendaItem',
  table: 'agendaItems',
  path: 'agenda-items',
  label: 'agenda item',
  scope: 'mechanism',
  fields: {
    roundId: req(id),
    position: req(z.number().int().min(1).max(1000), 'int'),
    title: req(text(500), 'json'),
  },
  texts: ['title'],
  refs: [{ field: 'roundId', kind: 'round' }],
  parent: { field: 'roundId', kind: 'round' },
  filters: { roundId: { column: 'roundId', op: 'eq', schema: id } },
  sorts: ['position', 'createdAt'],
  defaultSort: 'position',
  deletable: true,
  defaultMarking: 'joint',
  immutable: ['roundId'],
});
