import { z } from 'zod';
import { defineResource, dflt, req } from '../common/resource.ts';
import { partialDate, partyCode, text } from '../common/fields.ts';
import { invalid } from '../../http/problem.ts';

/** A person with their titles over time (a title per language, from, to). */
const title = z.strictObject({
  title: text(300),
  from: partialDate.optional(),
  to: partialDate.optional(),
});

export const people = defineResource({
  kind: 'person',
  table: 'people',
  path: 'people',
  label: 'person',
  scope: 'directory',
  fields: {
    party: req(partyCode),
    name: req(text(200), 'json'),
    titles: dflt(z.array(title).max(50), [], 'json'),
  },
  texts: ['name', 'titles[].title'],
  refs: [],
  filters: { party: { column: 'party', op: 'eq', schema: partyCode } },
  sorts: ['party', 'createdAt'],
  defaultSort: 'createdAt',
  deletable: false,
  defaultMarking: 'public',
  immutable: ['party'],
  async rules(ctx, next) {
    if (next.party !== next.ownerParty) throw invalid('party', 'people are registered by their own party');
    if (!(await ctx.party(String(next.party)))) throw invalid('party', `no party "${next.party}"`);
    const titles = next.titles as Array<{ from?: string; to?: string }>;
    titles.forEach((t, i) => {
      if (t.from && t.to && t.to < t.from.slice(0, t.to.length)) throw invalid(`titles.${i}.to`, 'must not be before from');
    });
  },
});

/** The title a person held at `date` (a partial date), in the record's own form. */
export function titleAt(person: Record<string, unknown>, date: string | null | undefined): Record<string, string> | null {
  const titles = (person.titles as Array<{ title: Record<string, string>; from?: string; to?: string }>) ?? [];
  const on = date ?? '9999';
  const held = titles.filter((t) => (!t.from || t.from.slice(0, on.length) <= on) && (!t.to || on.slice(0, t.to.length) <= t.to));
  return (held.at(-1) ?? titles.at(-1))?.title ?? null;
}
