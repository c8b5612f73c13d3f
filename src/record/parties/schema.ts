import { z } from 'zod';
import { defineResource, req } from '../common/resource.ts';
import { canonicalLanguage, languageTag, partyCode, text } from '../common/fields.ts';
import { conflict, invalid } from '../../http/problem.ts';
import { requireUnique } from '../common/checks.ts';

/** A party to mechanisms: a country or an organisation. Its code is its identity. */
export const parties = defineResource({
  kind: 'party',
  table: 'parties',
  path: 'parties',
  label: 'party',
  scope: 'directory',
  fields: {
    code: req(partyCode),
    name: req(text(200), 'json'),
    workingLanguages: req(z.array(languageTag).min(1).max(8), 'json'),
  },
  texts: ['name'],
  refs: [],
  filters: { code: { column: 'code', op: 'eq', schema: partyCode } },
  sorts: ['code', 'createdAt'],
  defaultSort: 'code',
  deletable: false,
  defaultMarking: 'public',
  immutable: ['code'],
  async rules(ctx, next, prev) {
    if (next.code !== next.ownerParty) throw invalid('code', "a party's record is created by that party's own admin");
    if (!prev) {
      const taken = await ctx.tx.selectFrom('parties').select('id').where('code', '=', String(next.code)).executeTakeFirst();
      if (taken) throw conflict(`party "${String(next.code)}" exists already`, 'code');
    }
    next.workingLanguages = (next.workingLanguages as string[]).map((l) => canonicalLanguage(l) ?? l);
    requireUnique('workingLanguages', next.workingLanguages as string[]);
  },
});
