import { inTransaction, type Db } from '../../db/index.ts';
import { canCommuniqueStep, type Subject } from '../../access/policy.ts';
import type { Principal, UserPrincipal } from '../../access/principal.ts';
import { recordAudit } from '../../access/audit.ts';
import { findVisible } from '../../record/store.ts';
import { mechanisms } from '../../record/mechanisms/schema.ts';
import { communiques } from '../../record/communiques/schema.ts';
import type { Marking } from '../../record/common/fields.ts';
import type { CommentsTable } from '../../db/schema.ts';
import { forbidden, notFound, Problem } from '../../http/problem.ts';

/**
 * The moderation queue (DESIGN §2): the owner party's secretariat (and co-chair) of a
 * communiqué reads its comments, email included, and approves, rejects or marks them spam. The
 * one policy decides (`canCommuniqueStep(p, 'moderate', communiqué)`); the queue's SQL asks for
 * exactly the communiqués it allows: those of the principal's party in the mechanisms where the
 * policy lets the principal moderate.
 */

export type CommentStatus = CommentsTable['status'];
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const satisfies readonly CommentStatus[];
export const MODERATION_ACTIONS = { approve: 'approved', reject: 'rejected', spam: 'spam' } as const satisfies Record<string, CommentStatus>;
export type ModerationAction = keyof typeof MODERATION_ACTIONS;

/** A comment as its moderators see it (the only answer that carries the email): its row but the fingerprint. */
export type ModeratedComment = Omit<CommentsTable, 'fingerprint'>;

const communiqueSubject = (c: { mechanismId: string; ownerParty: string; marking: string }): Subject => ({
  kind: 'communique',
  scope: 'mechanism',
  mechanismId: c.mechanismId,
  ownerParty: c.ownerParty,
  marking: c.marking as Marking,
});

/** Why `p` moderates nothing at all, or the mechanisms where it moderates its party's communiqués. */
function moderatedMechanisms(p: Principal): { user: UserPrincipal; mechanismIds: string[] } {
  if (p.kind !== 'user') throw new Problem(401, 'sign in to moderate comments');
  const mechanismIds = [...p.roles.keys()].filter((m) => !canCommuniqueStep(p, 'moderate', communiqueSubject({ mechanismId: m, ownerParty: p.party, marking: 'public' })));
  if (mechanismIds.length === 0) throw forbidden(canCommuniqueStep(p, 'moderate', communiqueSubject({ mechanismId: '', ownerParty: p.party, marking: 'public' })) ?? 'only the secretariat moderates comments');
  return { user: p, mechanismIds };
}

export interface QueueQuery {
  mechanismId?: string | undefined;
  communiqueId?: string | undefined;
  status?: CommentStatus | undefined;
  limit: number;
  /** The id of the last comment of the previous page. */
  cursor?: string | undefined;
}

/** A page of the comments `p` moderates, newest first. */
export async function moderationQueue(db: Db, p: Principal, q: QueueQuery): Promise<{ items: ModeratedComment[]; nextCursor: string | null }> {
  const { user, mechanismIds } = moderatedMechanisms(p);
  let scope = mechanismIds;
  if (q.mechanismId !== undefined) {
    if (!mechanismIds.includes(q.mechanismId)) {
      // A mechanism the principal cannot see is not named; one it sees but may not moderate is refused.
      if (!(await findVisible(db, user, mechanisms, q.mechanismId))) throw notFound(`mechanism ${q.mechanismId}`);
      throw forbidden(canCommuniqueStep(user, 'moderate', communiqueSubject({ mechanismId: q.mechanismId, ownerParty: user.party, marking: 'public' })) ?? 'you may not moderate here');
    }
    scope = [q.mechanismId];
  }
  if (q.communiqueId !== undefined) {
    const c = await findVisible(db, user, communiques, q.communiqueId);
    if (!c) throw notFound(`communiqué ${q.communiqueId}`);
    const why = canCommuniqueStep(user, 'moderate', communiqueSubject({ mechanismId: String(c.mechanismId), ownerParty: c.ownerParty, marking: c.marking }));
    if (why) throw forbidden(why);
  }
  let query = db
    .selectFrom('comments as c')
    .innerJoin('communiques as q', 'q.id', 'c.communiqueId')
    .select(['c.id', 'c.communiqueId', 'c.mechanismId', 'c.name', 'c.email', 'c.website', 'c.body', 'c.language', 'c.status', 'c.createdAt', 'c.moderatedBy', 'c.moderatedAt'])
    .select(['q.ownerParty as ownerParty', 'q.marking as marking', 'q.mechanismId as communiqueMechanismId'])
    .where('c.mechanismId', 'in', scope)
    .where('q.ownerParty', '=', user.party);
  if (q.communiqueId !== undefined) query = query.where('c.communiqueId', '=', q.communiqueId);
  if (q.status !== undefined) query = query.where('c.status', '=', q.status);
  if (q.cursor !== undefined) query = query.where('c.id', '<', q.cursor);
  const rows = await query.orderBy('c.id', 'desc').limit(q.limit + 1).execute();
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows)
    // The SQL above is the policy's condition; each row is still put to the policy itself.
    .filter((r) => !canCommuniqueStep(user, 'moderate', communiqueSubject({ mechanismId: String(r.communiqueMechanismId), ownerParty: String(r.ownerParty), marking: String(r.marking) })))
    .map(({ ownerParty: _o, marking: _m, communiqueMechanismId: _c, ...comment }) => comment as ModeratedComment);
  return { items, nextCursor: more ? String(rows[q.limit - 1]!.id) : null };
}

/**
 * Sets the status of every comment in `ids`, or of none: each must exist and be one `p` may
 * moderate. A comment `p` may not moderate is "not found" unless it is approved (then it is on
 * a public page already, and the refusal says why), so that the queue's contents do not leak.
 */
export async function moderateComments(db: Db, p: Principal, ids: readonly string[], action: ModerationAction, now = new Date()): Promise<Array<Pick<ModeratedComment, 'id' | 'status' | 'moderatedBy' | 'moderatedAt'>>> {
  const { user } = moderatedMechanisms(p);
  const status = MODERATION_ACTIONS[action];
  const at = now.toISOString();
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .selectFrom('comments as c')
      .innerJoin('communiques as q', 'q.id', 'c.communiqueId')
      .select(['c.id', 'c.status', 'q.mechanismId', 'q.ownerParty', 'q.marking'])
      .where('c.id', 'in', [...ids])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      const row = byId.get(id);
      const why = row && canCommuniqueStep(user, 'moderate', communiqueSubject({ mechanismId: String(row.mechanismId), ownerParty: String(row.ownerParty), marking: String(row.marking) }));
      if (!row || (why && row.status !== 'approved')) throw new Problem(404, `comment ${id} was not found or is not visible to you`, [{ field: `ids.${i}`, message: 'no such comment among those you moderate' }]);
      if (why) throw new Problem(403, why, [{ field: `ids.${i}`, message: why }]);
    });
    await tx.updateTable('comments').set({ status, moderatedBy: user.username, moderatedAt: at }).where('id', 'in', [...ids]).execute();
    // The row keeps the latest decision; the audit trail keeps each one.
    await recordAudit(tx, user, { action: 'comments.moderate', target: `comments/${status}`, detail: { action, ids } });
    return ids.map((id) => ({ id, status, moderatedBy: user.username, moderatedAt: at }));
  });
}
