import type { Kysely } from 'kysely';

/**
 * Co-signed outcomes: each user's personal Ed25519 signing key (the private half sealed with
 * a key derived from their password), and the co-signatures of rounds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signingKeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull())
    .addColumn('publicKey', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('retiredAt', 'text')
    .execute();
  await db.schema.createIndex('signingKeys_userId').on('signingKeys').columns(['userId']).execute();

  await db.schema
    .createTable('cosignatures')
    .addColumn('roundId', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('outcomeHash', 'text', (c) => c.notNull())
    .addColumn('logSize', 'integer', (c) => c.notNull())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('publicKey', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('logIndex', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cosignatures_pk', ['roundId', 'party'])
    .execute();
}
