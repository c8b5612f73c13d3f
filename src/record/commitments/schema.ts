import { z } from 'zod';
import { defineResource, dflt, opt, req } from '../common/resource.ts';
import { id, partialDate, partyCode, text, url } from '../common/fields.ts';
import { invalid } from '../../http/problem.ts';
import { requireMechanismParty, requireUnique } from '../common/checks.ts';

export const COMMITMENT_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;

/** A commitment made at a round (or from a consensus item or an agreement article). */
export const commitments = defineResource({
  kind: 'commitment',
  table: 'commitments',
  path: 'commitments',
  label: 'commitment',
  scope: 'mechanism',
  fields: {
    text: req(text(5000), 'json'),
    parties: req(z.array(partyCode).min(1).max(20), 'json'),
    roundId: opt(id),
    consensusItemId: opt(id),
    agreementId: opt(id),
    article: opt(z.string().trim().min(1).max(100)),
    due: opt(partialDate),
    status: dflt(z.enum(COMMITMENT_STATUSES), 'open'),
  },
  texts: ['text'],
  refs: [
    { field: 'roundId', kind: 'round' },
    { field: 'consensusItemId', kind: 'consensusItem' },
    { field: 'agreementId', kind: 'agreement' },
  ],
  parent: { field: 'roundId', kind: 'round' },
  filters: {
    status: { column: 'status', op: 'eq', schema: z.enum(COMMITMENT_STATUSES) },
    roundId: { column: 'roundId', op: 'eq', schema: id },
    consensusItemId: { column: 'consensusItemId', op: 'eq', schema: id },
    agreementId: { column: 'agreementId', op: 'eq', schema: id },
    party: { column: 'parties', op: 'has', schema: partyCode },
    dueFrom: { column: 'due', op: 'from', schema: partialDate },
    dueTo: { column: 'due', op: 'to', schema: partialDate },
  },
  sorts: ['due', 'status', 'createdAt'],
  defaultSort: 'createdAt',
  deletable: true,
  defaultMarking: 'joint',
  async rules(ctx, next) {
    const parties = next.parties as string[];
    requireUnique('parties', parties);
    parties.forEach((p, i) => requireMechanismParty(ctx, `parties.${i}`, p));
    if (next.article != null && next.agreementId == null) throw invalid('article', 'an article needs the agreementId it belongs to');
  },
});

/** A dated note or link showing progress on a commitment. */
export const evidence = defineResource({
  kind: 'evidence',
  table: 'evidence',
  path: 'evidence',
  label: 'evidence',
  scope: 'mechanism',
  fields: {
    commitmentId: req(id),
    date: req(partialDate),
    note: req(text(5000), 'json'),
    url: opt(url),
  },
  texts: ['note'],
  refs: [{ field: 'commitmentId', kind: 'commitment' }],
  parent: { field: 'commitmentId', kind: 'commitment' },
  filters: { commitmentId: { column: 'commitmentId', op: 'eq', schema: id } },
  sorts: ['date', 'createdAt'],
  defaultSort: 'date',
  deletable: true,
  defaultMarking: 'joint',
  immutable: ['commitmentId'],
});

export const ASSESSORS = ['self', 'partner', 'agreed'] as const;

/**
 * A score of a party's compliance with a commitment in a cycle, on the G7/G20 Research
 * Group scale: −1 (no compliance), 0 (partial), +1 (full); percent = (score + 1) / 2.
 */
export const assessments = defineResource({
  kind: 'assessment',
  table: 'assessments',
  path: 'assessments',
  label: 'assessment',
  scope: 'mechanism',
  fields: {
    commitmentId: req(id),
    party: req(partyCode),
    roundId: opt(id),
    assessor: req(z.enum(ASSESSORS)),
    score: req(z.union([z.literal(-1), z.literal(0), z.literal(1)]), 'int'),
    reason: dflt(text(5000, { required: false }), {}, 'json'),
  },
  texts: ['reason'],
  refs: [
    { field: 'commitmentId', kind: 'commitment' },
    { field: 'roundId', kind: 'round' },
  ],
  parent: { field: 'commitmentId', kind: 'commitment' },
  filters: {
    commitmentId: { column: 'commitmentId', op: 'eq', schema: id },
    party: { column: 'party', op: 'eq', schema: partyCode },
    assessor: { column: 'assessor', op: 'eq', schema: z.enum(ASSESSORS) },
  },
  sorts: ['createdAt'],
  defaultSort: 'createdAt',
  deletable: true,
  defaultMarking: 'joint',
  immutable: ['commitmentId', 'party', 'assessor'],
  derived: {
    shape: { percent: z.number() },
    compute: (rec) => ({ percent: compliancePercent([Number(rec.score)]) }),
  },
  async rules(ctx, next) {
    const commitment = await ctx.get('commitment', String(next.commitmentId));
    const bound = (commitment?.parties as string[] | undefined) ?? [];
    if (!bound.includes(String(next.party))) throw invalid('party', 'the commitment does not bind this party');
    if (next.assessor === 'self' && next.party !== next.ownerParty) throw invalid('assessor', 'a self-assessment is made by the assessed party');
    if (next.assessor === 'partner' && next.party === next.ownerParty) throw invalid('assessor', 'a partner assessment is made by another party');
  },
});

/** Mean compliance in percent for scores on the −1/0/+1 scale; null without scores. */
export function compliancePercent(scores: number[]): number | null {
  if (scores.length === 0) return null;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return Math.round(((mean + 1) / 2) * 1000) / 10;
}
