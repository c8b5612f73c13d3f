import type { Kysely } from 'kysely';
import { recordTable } from './0001_initial.ts';

/** Amendments to concluded outcomes (src/record/amendments). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await recordTable(db, 'amendments')
    .addColumn('roundId', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('amendments_roundId').on('amendments').columns(['roundId']).execute();
}
