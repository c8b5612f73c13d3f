import type { Kysely } from 'kysely';

/** Amendments to concluded outcomes (src/record/amendments). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mechanismId', 'text')
    .addColumn('ownerParty', 'text', (c) => c.notNull())
    .addColumn('marking', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('logIndex', 'integer', (c) => c.notNull())
    .addColumn('roundId', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('amendments_roundId').on('amendments').columns(['roundId']).execute();
}
