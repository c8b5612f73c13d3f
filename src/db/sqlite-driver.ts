import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { withStatementCache, type CachedDatabase } from './statement-cache.ts';

/**
 * SQLite for a server: one writer connection and one reader connection on the same WAL file
 * (decision 0011).
 *
 * Kysely's own SQLite driver has one connection behind a mutex, so every read waits while any
 * transaction is open, and a transaction's commit (an fsync) serialises the whole server. Here
 * a query outside a transaction runs on the reader, which sees the last committed state and
 * never waits for the writer; transactions (and the rare write outside one) take the writer
 * under a FIFO lock. That is what lets group commit (group-commit.ts) gather the writes of many
 * requests into one transaction while the requests still being authenticated keep reading.
 */
export class SplitSqliteDialect implements Dialect {
  constructor(
    readonly writer: SQLite.Database,
    readonly reader: SQLite.Database,
  ) {}

  createDriver(): Driver {
    return new SplitSqliteDriver(withStatementCache(this.writer), withStatementCache(this.reader));
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class FifoLock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves, in call order, with the function that releases the lock. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return turn;
  }
}

/** A connection as Kysely sees it: a handle that reads from the reader until it begins a transaction. */
class Session implements DatabaseConnection {
  release: (() => void) | undefined;

  constructor(readonly driver: SplitSqliteDriver) {}

  get inTransaction(): boolean {
    return this.release !== undefined;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, reader, lock } = this.driver;
    if (this.inTransaction) return run<R>(writer, query);
    if (reader.prepare(query.sql).readonly) return run<R>(reader, query);
    // A write outside a transaction (DDL of the migrations, autocommit statements).
    const release = await lock.acquire();
    try {
      return run<R>(writer, query);
    } finally {
      release();
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const db = this.inTransaction ? this.driver.writer : this.driver.reader;
    for (const row of db.prepare(query.sql).iterate(query.parameters)) yield { rows: [row as R] };
  }
}

function run<R>(db: CachedDatabase, query: CompiledQuery): QueryResult<R> {
  const stmt = db.prepare(query.sql);
  if (stmt.reader) return { rows: stmt.all(query.parameters) as R[] };
  const { changes, lastInsertRowid } = stmt.run(query.parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

class SplitSqliteDriver implements Driver {
  readonly lock = new FifoLock();

  constructor(
    readonly writer: CachedDatabase,
    readonly reader: CachedDatabase,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Session(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    const release = await this.lock.acquire();
    try {
      // IMMEDIATE: take the write lock now, so that another process (a CLI on the same file)
      // makes this wait at the start (busy_timeout), never fail halfway.
      session.driver.writer.prepare('begin immediate').run([]);
    } catch (err) {
      release();
      throw err;
    }
    session.release = release;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.writer.prepare('commit').run([]);
    this.#end(connection as Session);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      // A failed COMMIT may have rolled back already; then there is nothing left to undo.
      if (!this.writer.inTransaction()) return;
      this.writer.prepare('rollback').run([]);
    } finally {
      this.#end(connection as Session);
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quote(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quote(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quote(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#end(connection as Session);
  }

  async destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }

  #end(session: Session): void {
    const release = session.release;
    session.release = undefined;
    release?.();
  }
}

function quote(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`savepoint name ${name} is not a plain identifier`);
  return name;
}
