import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './index.ts';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_accounts.ts';
import * as m0003 from './migrations/0003_pending_second_factor.ts';
import * as m0004 from './migrations/0004_tree.ts';
import * as m0005 from './migrations/0005_cosigning.ts';
import * as m0006 from './migrations/0006_amendments.ts';
import * as m0007 from './migrations/0007_communiques.ts';

/**
 * The versioned migrations, in order. One set for SQLite and PostgreSQL; a migration is told
 * the dialect for the rare statement that must differ (index null ordering).
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': { up: (db) => m0001.up(db, dialect) },
    '0002_accounts': m0002,
    '0003_pending_second_factor': m0003,
    '0004_tree': { up: (db) => m0004.up(db, dialect) },
    '0005_cosigning': m0005,
    '0006_amendments': m0006,
    '0007_communiques': m0007,
  };
}

function migratorOf(db: Kysely<unknown>, dialect: Dialect): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  return new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

/** The migrations not yet applied to this database (all of them for an empty one). */
export async function pendingMigrations(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  return (await migratorOf(db, dialect).getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const migrator = migratorOf(db, dialect);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const why = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${why}`);
  }
}
