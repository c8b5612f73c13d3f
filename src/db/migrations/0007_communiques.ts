import type { Kysely } from 'kysely';
import { recordTable } from './0001_initial.ts';

/**
 * Communiqués (a record kind, logged like the others) and the public's comments on them
 * (not records: see docs/decisions/0014-comments-outside-the-log.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await recordTable(db, 'communiques')
    .addColumn('roundId', 'text')
    .addColumn('eventId', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('embargo', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approvals', 'text', (c) => c.notNull())
    .addColumn('publishedAt', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('previousId', 'text')
    .addColumn('correctionNote', 'text')
    .execute();
  await db.schema.createIndex('communiques_status').on('communiques').columns(['status', 'publishedAt']).execute();
  await db.schema.createIndex('communiques_previousId').on('communiques').columns(['previousId']).execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('communiqueId', 'text', (c) => c.notNull())
    .addColumn('mechanismId', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('website', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('moderatedBy', 'text')
    .addColumn('moderatedAt', 'text')
    .execute();
  await db.schema.createIndex('comments_communique').on('comments').columns(['communiqueId', 'status', 'createdAt']).execute();
  await db.schema.createIndex('comments_queue').on('comments').columns(['mechanismId', 'status', 'createdAt']).execute();
  await db.schema.createIndex('comments_fingerprint').on('comments').columns(['fingerprint']).execute();
}
