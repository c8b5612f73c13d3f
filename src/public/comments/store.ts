import { sql } from 'kysely';
import { inTransaction, type Db, type Dialect, type Tx } from '../../db/index.ts';
import { runTemplate, slot, template } from '../../db/templates.ts';
import { newId } from '../../record/common/id.ts';
import type { PublicComment } from '../types.ts';
import type { CommentInput } from './form.ts';

/**
 * The comments table (decision 0014: not records, not log entries). The public reads approved
 * comments without their email; the email leaves only through the moderation queue
 * (./moderation.ts).
 */

/** At most this many approved comments are shown under a communiqué, the oldest first. */
export const SHOWN_COMMENTS = 1000;

/** The approved comments of a communiqué, oldest first, as the public sees them (never the email). */
export async function approvedComments(db: Db | Tx, communiqueId: string): Promise<PublicComment[]> {
  const t = template(db, 'comments|approved', () =>
    db
      .selectFrom('comments')
      .select(['id', 'name', 'website', 'body', 'createdAt'])
      .where('communiqueId', '=', slot('communiqueId'))
      .where('status', '=', 'approved')
      .orderBy('createdAt')
      .orderBy('id')
      .limit(SHOWN_COMMENTS),
  );
  return runTemplate<PublicComment>(db, t, { communiqueId });
}

export interface NewComment extends CommentInput {
  communiqueId: string;
  mechanismId: string;
  language: string;
  fingerprint: string;
}

/**
 * Stores a new comment, pending moderation, unless one with the same fingerprint exists
 * (whatever its status: a rejected comment sent again is the same comment).
 */
export async function storeComment(db: Db, dialect: Dialect, c: NewComment, now = new Date()): Promise<'stored' | 'duplicate'> {
  return inTransaction(db, async (tx) => {
    await lockFingerprint(tx, dialect, c.fingerprint);
    const same = await tx.selectFrom('comments').select('id').where('fingerprint', '=', c.fingerprint).limit(1).executeTakeFirst();
    if (same) return 'duplicate';
    await tx
      .insertInto('comments')
      .values({
        id: newId(now.getTime()),
        communiqueId: c.communiqueId,
        mechanismId: c.mechanismId,
        name: c.name,
        email: c.email,
        website: c.website,
        body: c.body,
        language: c.language,
        status: 'pending',
        fingerprint: c.fingerprint,
        createdAt: now.toISOString(),
        moderatedBy: null,
        moderatedAt: null,
      })
      .execute();
    return 'stored';
  });
}

/**
 * Two posts of the same comment at once must not both pass the duplicate check. SQLite runs one
 * writing transaction at a time; PostgreSQL takes a transaction-scoped advisory lock on the
 * fingerprint (the fingerprint index is not unique, see migration 0007).
 */
async function lockFingerprint(tx: Tx, dialect: Dialect, fingerprint: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${fingerprint}, 0))`.execute(tx);
}
