import { z } from 'zod';
import { defineResource, dflt, opt, req } from '../common/resource.ts';
import { canonicalLanguage, languageTag, partialDate, partyCode, text } from '../common/fields.ts';
import { invalid } from '../../http/problem.ts';
import { requireUnique } from '../common/checks.ts';

/** A standing consultation mechanism between parties. */
export const mechanisms = defineResource({
  kind: 'mechanism',
  table: 'mechanisms',
  path: 'mechanisms',
  label: 'mechanism',
  scope: 'root',
  fields: {
    name: req(text(300), 'json'),
    parties: req(z.array(partyCode).min(2).max(20), 'json'),
    languages: dflt(z.array(languageTag).max(16), [], 'json'),
    established: opt(partialDate),
    purpose: dflt(text(5000, { required: false }), {}, 'json'),
    cadence: opt(z.string().trim().min(1).max(200)),
    hostRotation: dflt(z.array(partyCode).max(20), [], 'json'),
  },
  texts: ['name', 'purpose'],
  refs: [],
  filters: { party: { column: 'parties', op: 'has', schema: partyCode } },
  sorts: ['createdAt', 'established'],
  defaultSort: 'createdAt',
  deletable: false,
  defaultMarking: 'joint',
  immutable: ['parties'],
  async rules(ctx, next) {
    const parties = next.parties as string[];
    requireUnique('parties', parties);
    const given = (next.languages as string[]).map((l) => canonicalLanguage(l) ?? l);
    requireUnique('languages', given);
    const languages = new Set(given);
    for (const [i, code] of parties.entries()) {
      const party = await ctx.party(code);
      if (!party) throw invalid(`parties.${i}`, `no party "${code}"`);
      for (const lang of party.workingLanguages as string[]) languages.add(lang);
    }
    // The mechanism's languages always include its parties' working languages.
    next.languages = [...languages];
    (next.hostRotation as string[]).forEach((code, i) => {
      if (!parties.includes(code)) throw invalid(`hostRotation.${i}`, `"${code}" is not a party of this mechanism`);
    });
  },
});
