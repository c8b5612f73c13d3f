import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';
import { lockDataDir } from './lock.ts';
import { GroupCommit } from './group-commit.ts';
import { SplitSqliteDialect } from './sqlite-driver.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface Store {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
  /**
   * A number that changes whenever a transaction commits (SQLite's data_version on the reading
   * connection: one pragma, no table read). Lets a reader skip re-reading what cannot have
   * changed. Absent on PostgreSQL, whose writers may be other processes.
   */
  committed?: () => number;
}

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Take the data directory lock (servers and writers). Read-only tools may skip it. */
  lock?: boolean;
  /**
   * Migrate to this version's schema (default). `entente verify` does not: it must check the
   * database as it is, so one at another schema is refused with a plain message.
   */
  migrate?: boolean;
}

// PostgreSQL returns int8 as text to avoid precision loss; our counts and sizes fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens (creating and migrating when needed) the database the configuration names. */
export async function openStore(opts: OpenOptions): Promise<Store> {
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const release = opts.lock === false ? () => {} : lockDataDir(opts.dataDir);
  try {
    const store = opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.dataDir);
    if (opts.migrate === false) {
      const pending = await pendingMigrations(store.db as Kysely<unknown>, store.dialect);
      if (pending.length) {
        await store.close();
        throw new Error(`the database is not at this version's schema (missing ${pending.join(', ')}): start the server or run entente init to migrate it, then verify again`);
      }
    } else {
      await migrateToLatest(store.db as Kysely<unknown>, store.dialect);
    }
    return {
      ...store,
      async close() {
        try {
          await store.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Transactions on the embedded database go through group commit (group-commit.ts). */
const groupCommits = new WeakMap<Db, GroupCommit<Database>>();

function openSqlite(dataDir: string): Store {
  const file = path.join(dataDir, 'entente.db');
  const writer = new SQLite(file);
  // 16 KiB pages for a new database (an existing one keeps its own): a quarter of the pages
  // to write and split for the same rows; a bulk import of 20k records took 12% less time,
  // its commit a third, and reads measured no slower (decision 0024).
  writer.pragma('page_size = 16384');
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.pragma('foreign_keys = ON');
  writer.pragma('busy_timeout = 5000');
  const reader = new SQLite(file);
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SplitSqliteDialect(writer, reader) });
  groupCommits.set(db, new GroupCommit(db));
  // Every commit is the writer's (or another process's): the reader's data_version moves with each.
  const version = reader.prepare('pragma data_version').pluck();
  return { db, dialect: 'sqlite', close: () => db.destroy(), committed: () => Number(version.get()) };
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is
  // reported here instead of crashing the process; the pool opens a new one when needed.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL connection lost: ${err.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * The one transaction helper. Every write runs inside it. It settles once the work is
 * committed (durably) or rolled back; on SQLite, concurrent callers share one commit.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const whole = async (tx: Tx) => {
    const value = await work(tx);
    await runBeforeCommit(tx);
    return value;
  };
  const group = groupCommits.get(db);
  return group ? group.run(whole) : db.transaction().execute(whole);
}

const pending = new WeakMap<Tx, Array<() => Promise<void>>>();

/**
 * Registers a write that `tx` must make once its work is done, before it commits: a value
 * many statements of the transaction change, written once instead of at each (the head of a
 * log a bulk import appends to). Only transactions begun with inTransaction run these.
 */
export function beforeCommit(tx: Tx, write: () => Promise<void>): void {
  const list = pending.get(tx);
  if (list) list.push(write);
  else pending.set(tx, [write]);
}

async function runBeforeCommit(tx: Tx): Promise<void> {
  const list = pending.get(tx);
  if (!list) return;
  pending.delete(tx);
  for (const write of list) await write();
}
