import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { defineResource, dflt, opt, req, type RecordData } from '../common/resource.ts';
import { id, partyCode, text } from '../common/fields.ts';
import { requireExactlyOne } from '../common/checks.ts';
import { conflict, invalid } from '../../http/problem.ts';

export const COMMUNIQUE_STATUSES = ['draft', 'approved', 'scheduled', 'published'] as const;
export type CommuniqueStatus = (typeof COMMUNIQUE_STATUSES)[number];

/** One co-chair's approval of a communiqué's content (its hash, see ./workflow.ts). */
export const approval = z.strictObject({
  party: partyCode,
  username: z.string().min(1).max(100),
  at: z.iso.datetime(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
});
export type Approval = z.infer<typeof approval>;

/** What the co-chairs approve: the content and where it belongs, canonical, hashed. */
export function contentHash(rec: RecordData): string {
  const content = {
    mechanismId: rec.mechanismId ?? null,
    roundId: rec.roundId ?? null,
    eventId: rec.eventId ?? null,
    title: rec.title,
    text: rec.text,
    version: rec.version ?? 1,
    previousId: rec.previousId ?? null,
    correctionNote: rec.correctionNote ?? null,
  };
  return createHash('sha256').update(canonicalize(content)!, 'utf8').digest('hex');
}

/** The fields only the workflow (./workflow.ts) sets: approval, scheduling, publication. */
export const WORKFLOW_FIELDS = ['status', 'approvals', 'publishedAt', 'version', 'previousId', 'correctionNote'] as const;
/** What the co-chairs approve: a change of any of these needs their approval again. */
export const CONTENT_FIELDS = ['title', 'text', 'roundId', 'eventId'] as const;

/**
 * A round's or an event's public communiqué (DESIGN §2): title and text per language, status
 * draft → approved (every co-chair) → scheduled (embargo set) → published (public, at the
 * embargo). The workflow moves it; a plain write may change a draft only. A published text never changes: a correction is a new version (previousId).
 */
export const communiques = defineResource({
  kind: 'communique',
  table: 'communiques',
  path: 'communiques',
  label: 'communiqué',
  scope: 'mechanism',
  fields: {
    roundId: opt(id),
    eventId: opt(id),
    title: req(text(300), 'json'),
    text: req(text(100_000), 'json'),
    embargo: opt(z.iso.datetime()),
    status: dflt(z.enum(COMMUNIQUE_STATUSES), 'draft'),
    approvals: dflt(z.array(approval).max(20), [], 'json'),
    publishedAt: opt(z.iso.datetime()),
    version: dflt(z.number().int().min(1).max(1000), 1, 'int'),
    previousId: opt(id),
    correctionNote: opt(text(2000), 'json'),
  },
  texts: ['title', 'text', 'correctionNote'],
  refs: [
    { field: 'roundId', kind: 'round' },
    { field: 'eventId', kind: 'event' },
    { field: 'previousId', kind: 'communique' },
  ],
  filters: {
    status: { column: 'status', op: 'eq', schema: z.enum(COMMUNIQUE_STATUSES) },
    roundId: { column: 'roundId', op: 'eq', schema: id },
    eventId: { column: 'eventId', op: 'eq', schema: id },
  },
  sorts: ['createdAt', 'publishedAt', 'status'],
  defaultSort: 'createdAt',
  deletable: true,
  refuseDelete: (prev) =>
    prev.status === 'draft'
      ? undefined
      : prev.status === 'published'
        ? `communiqué ${prev.id} is published and stays so: publish a correction (POST /api/v1/communiques/${prev.id}/correct)`
        : `communiqué ${prev.id} is ${String(prev.status)}: reopen it as a draft first (POST /api/v1/communiques/${prev.id}/reopen)`,
  defaultMarking: 'joint',
  immutable: ['previousId', 'version'],
  // The hash an approval must carry to count: approvals of an earlier text have lapsed.
  derived: { shape: { contentHash: z.string() }, compute: (rec) => ({ contentHash: contentHash(rec) }) },
  async rules(ctx, next, prev) {
    requireExactlyOne(next, 'roundId', 'eventId');
    if (ctx.workflow !== 'communique') plainWriteRules(next, prev);
    if (next.status === 'published' && next.marking !== 'public') throw invalid('marking', 'a published communiqué is public');
    if (next.status !== 'published' && next.marking === 'public') throw invalid('marking', 'a communiqué becomes public when it is published, not before');
    if (next.status === 'scheduled' && !next.embargo) throw invalid('embargo', 'a scheduled communiqué needs its embargo time');
  },
});

/** What a write outside the workflow may do: create and edit a draft. */
function plainWriteRules(next: RecordData, prev: RecordData | undefined): void {
  if (!prev) {
    for (const f of WORKFLOW_FIELDS) {
      const v = next[f];
      const unset = v === null || v === undefined || (f === 'status' && v === 'draft') || (f === 'approvals' && Array.isArray(v) && v.length === 0) || (f === 'version' && v === 1);
      if (!unset) throw invalid(f, f === 'previousId' || f === 'correctionNote' ? 'a correction is made from the published communiqué (POST …/correct)' : 'is set by the approval and publication workflow, not written');
    }
    return;
  }
  if (prev.status === 'published') {
    throw conflict(`communiqué ${String(prev.id)} is published and never changes: publish a correction as a new version (POST /api/v1/communiques/${String(prev.id)}/correct)`);
  }
  for (const f of WORKFLOW_FIELDS) {
    if (JSON.stringify(next[f] ?? null) !== JSON.stringify(prev[f] ?? null)) throw invalid(f, 'is set by the approval and publication workflow, not written');
  }
  if (prev.status !== 'draft') {
    // The marking too: the other party approved a communiqué it could read.
    const fields = [...CONTENT_FIELDS, 'embargo', 'marking'];
    if (fields.some((f) => JSON.stringify(next[f] ?? null) !== JSON.stringify(prev[f] ?? null))) {
      throw conflict(
        `communiqué ${String(prev.id)} is ${String(prev.status)}: move its embargo with POST /api/v1/communiques/${String(prev.id)}/schedule, ` +
          `or reopen it as a draft (POST /api/v1/communiques/${String(prev.id)}/reopen) to change its text, which the co-chairs then approve again`,
      );
    }
  }
}
