import { sql, type Kysely } from 'kysely';

/**
 * A second factor being set up waits in its own column, so that replacing a confirmed one
 * leaves the old one working until the new one is confirmed. Secrets pending under the
 * earlier layout (in totpSecret, unconfirmed) move there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totpPendingSecret', 'text').execute();
  await sql`UPDATE users SET "totpPendingSecret" = "totpSecret", "totpSecret" = NULL WHERE "totpSecret" IS NOT NULL AND "totpConfirmedAt" IS NULL`.execute(db);
}
