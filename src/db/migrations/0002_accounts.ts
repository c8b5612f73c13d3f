import type { Kysely } from 'kysely';

/** Accounts: second factor, recovery codes, invitations, API tokens, the audit trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totpSecret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totpConfirmedAt', 'text').execute();
  // The last TOTP time step accepted: a code is never accepted twice.
  await db.schema.alterTable('users').addColumn('totpLastStep', 'integer').execute();
  await db.schema.alterTable('users').addColumn('disabledAt', 'text').execute();
  await db.schema.alterTable('users').addColumn('passwordChangedAt', 'text').execute();

  await db.schema.alterTable('sessions').addColumn('reauthenticatedAt', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('userAgent', 'text').execute();

  await db.schema
    .createTable('recoveryCodes')
    .addColumn('userId', 'text', (c) => c.notNull())
    .addColumn('codeHash', 'text', (c) => c.notNull())
    .addColumn('usedAt', 'text')
    .addPrimaryKeyConstraint('recoveryCodes_pk', ['userId', 'codeHash'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('tokenHash', 'text', (c) => c.primaryKey())
    // Set for a reset of an existing account; null for an invitation to a new one.
    .addColumn('userId', 'text')
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('admin', 'integer', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('createdBy', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('expiresAt', 'text', (c) => c.notNull())
    .addColumn('usedAt', 'text')
    .execute();

  await db.schema
    .createTable('apiTokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tokenHash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('lastUsedAt', 'text')
    .addColumn('revokedAt', 'text')
    .execute();

  await db.schema
    .createTable('audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('party', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_at').on('audit').column('at').execute();
}
