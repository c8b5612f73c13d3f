import { z } from 'zod';
import { defineResource, dflt, req } from '../common/resource.ts';
import { partialDate, text } from '../common/fields.ts';

/** A dated event in the mechanism's history (a treaty signed, the mechanism founded). */
export const milestones = defineResource({
  kind: 'milestone',
  table: 'milestones',
  path: 'milestones',
  label: 'milestone',
  scope: 'mechanism',
  fields: {
    title: req(text(300), 'json'),
    date: req(partialDate),
    /** Anniversaries fall every `step` years. */
    step: dflt(z.number().int().min(1).max(100), 5, 'int'),
  },
  texts: ['title'],
  refs: [],
  filters: {
    from: { column: 'date', op: 'from', schema: partialDate },
    to: { column: 'date', op: 'to', schema: partialDate },
  },
  sorts: ['date', 'createdAt'],
  defaultSort: 'date',
  deletable: true,
  defaultMarking: 'joint',
});
