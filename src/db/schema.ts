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
  totpSecret: string | null;
  totpConfirmedAt: string | null;
  /** A TOTP secret being set up, until a first code confirms it (it then becomes totpSecret). */
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  disabledAt: string | null;
  passwordChangedAt: string | null;
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
  reauthenticatedAt: string | null;
  userAgent: string | null;
}

export interface RecoveryCodesTable {
  userId: string;
  codeHash: string;
  usedAt: string | null;
}

export interface InvitationsTable {
  tokenHash: string;
  userId: string | null;
  party: string;
  username: string;
  admin: number;
  /** JSON: [{ mechanismId, role }] */
  roles: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  scope: 'read' | 'read-write';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditTable {
  id: string;
  at: string;
  actor: string;
  party: string | null;
  action: string;
  target: string | null;
  /** JSON */
  detail: string;
}

export interface LogsTable {
  id: string;
  mechanismId: string;
  party: string | null;
  size: number;
  /** The hashes of the perfect subtrees that make up the tree of `size` leaves, largest first, concatenated. */
  frontier: Buffer | null;
}

export interface LogNodesTable {
  logId: string;
  level: number;
  idx: number;
  hash: Buffer;
}

export interface CheckpointsTable {
  logId: string;
  size: number;
  root: Buffer;
  /** The signed note (C2SP checkpoint) as served. */
  note: string;
  at: string;
}

export interface SigningKeysTable {
  id: string;
  userId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  /** The private key (PKCS#8), sealed: JSON {salt, iv, tag, data} (base64), AES-256-GCM under scrypt(password). */
  sealed: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface CosignaturesTable {
  roundId: string;
  party: string;
  userId: string;
  username: string;
  outcomeHash: string;
  logSize: number;
  root: string;
  publicKey: string;
  signature: string;
  logIndex: number;
  at: string;
}

/** A visitor's comment on a published communiqué (not a record: decision 0014). */
export interface CommentsTable {
  id: string;
  communiqueId: string;
  mechanismId: string;
  name: string;
  /** Shown to the moderating secretariat only, never on a page, feed or other response. */
  email: string;
  website: string | null;
  body: string;
  /** The page's language when it was written. */
  language: string;
  status: 'pending' | 'approved' | 'rejected' | 'spam';
  /** SHA-256 of communiqué, normalised email and body: the same comment twice is refused. */
  fingerprint: string;
  createdAt: string;
  moderatedBy: string | null;
  moderatedAt: string | null;
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
  logNodes: LogNodesTable;
  checkpoints: CheckpointsTable;
  signingKeys: SigningKeysTable;
  cosignatures: CosignaturesTable;
  meta: MetaTable;
  recoveryCodes: RecoveryCodesTable;
  invitations: InvitationsTable;
  apiTokens: ApiTokensTable;
  audit: AuditTable;
  comments: CommentsTable;
}

/** A record row: common columns plus the resource's own; JSON-valued columns are stored as text. */
export type RecordRow = Record<string, ColumnType<unknown, unknown, unknown>>;

/**
 * The database as Kysely sees it. Record tables are keyed by name at run time, so they are
 * typed as rows of unknown values and converted by their resource definition.
 */
export type Database = TypedTables & Record<string, RecordRow>;
