import type { ColumnType } from 'kysely';

/**
 * Tables with a fixed shape used by typed queries. Record tables are described by their
 * resource definitions (src/record/*) and reached through the generic record store.
 */
export interface UsersTable {
  id: string;
  username: string;
  party: string;
  passwordHash: string;
  admin: number;
  createdAt: string;
}

export interface MembershipsTable {
  userId: string;
  mechanismId: string;
  role: string;
}

export interface SessionsTable {
  tokenHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface LogsTable {
  id: string;
  mechanismId: string;
  party: string | null;
  size: number;
}

export interface LogEntriesTable {
  logId: string;
  idx: number;
  entry: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface TypedTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  logs: LogsTable;
  logEntries: LogEntriesTable;
  meta: MetaTable;
}

/** A record row: common columns plus the resource's own; JSON-valued columns are stored as text. */
export type RecordRow = Record<string, ColumnType<unknown, unknown, unknown>>;

/**
 * The database as Kysely sees it. Record tables are keyed by name at run time, so they are
 * typed as rows of unknown values and converted by their resource definition.
 */
export type Database = TypedTables & Record<string, RecordRow>;
