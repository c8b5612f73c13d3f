import { z } from 'zod';
import { defineResource, dflt, opt, req } from '../common/resource.ts';
import { id, partyCode, text } from '../common/fields.ts';
import { invalid } from '../../http/problem.ts';
import { requireMechanismParty, requireUnique } from '../common/checks.ts';

export const AGREEMENT_KINDS = ['treaty', 'agreement', 'memorandum', 'protocol', 'joint-declaration', 'other'] as const;
export const AGREEMENT_STATUSES = ['drafting', 'agreed', 'initialled', 'signed', 'in-force'] as const;

/**
 * An agreement between parties, with its authentic texts per language. `titleDisclosed`
 * false records that an agreement was concluded whose title was not published.
 */
export const agreements = defineResource({
  kind: 'agreement',
  table: 'agreements',
  path: 'agreements',
  label: 'agreement',
  scope: 'mechanism',
  fields: {
    title: dflt(text(500, { required: false }), {}, 'json'),
    titleDisclosed: dflt(z.boolean(), true, 'bool'),
    parties: req(z.array(partyCode).min(1).max(20), 'json'),
    kind: req(z.enum(AGREEMENT_KINDS)),
    status: dflt(z.enum(AGREEMENT_STATUSES), 'drafting'),
    roundId: opt(id),
    authenticTexts: dflt(text(200000, { required: false }), {}, 'json'),
  },
  texts: ['title', 'authenticTexts'],
  refs: [{ field: 'roundId', kind: 'round' }],
  parent: { field: 'roundId', kind: 'round' },
  filters: {
    status: { column: 'status', op: 'eq', schema: z.enum(AGREEMENT_STATUSES) },
    kind: { column: 'kind', op: 'eq', schema: z.enum(AGREEMENT_KINDS) },
    roundId: { column: 'roundId', op: 'eq', schema: id },
  },
  sorts: ['status', 'createdAt'],
  defaultSort: 'createdAt',
  deletable: true,
  defaultMarking: 'joint',
  async rules(ctx, next) {
    const parties = next.parties as string[];
    requireUnique('parties', parties);
    parties.forEach((p, i) => requireMechanismParty(ctx, `parties.${i}`, p));
    const titled = Object.keys(next.title as object).length > 0;
    if (next.titleDisclosed && !titled) throw invalid('title', 'give the title, or set titleDisclosed to false');
    if (!next.titleDisclosed && titled) throw invalid('titleDisclosed', 'an agreement with a title has it disclosed');
  },
});
