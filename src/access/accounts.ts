import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db, Tx } from '../db/index.ts';
import { runTemplate, slot, template } from '../db/templates.ts';
import { newId } from '../record/common/id.ts';
import type { Principal, Role, UserPrincipal } from './principal.ts';

/** Accounts, roles and sessions. Tokens are random and stored only as SHA-256 hashes. */

const SESSION_IDLE_MS = 8 * 3600_000;
const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes).
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export async function createUser(
  tx: Tx | Db,
  u: { username: string; party: string; passwordHash: string; admin?: boolean },
): Promise<string> {
  const id = newId();
  await tx
    .insertInto('users')
    .values({ id, username: u.username, party: u.party, passwordHash: u.passwordHash, admin: u.admin ? 1 : 0, createdAt: new Date().toISOString() })
    .execute();
  return id;
}

export async function grantRole(tx: Tx | Db, userId: string, mechanismId: string, role: Role): Promise<void> {
  await tx
    .insertInto('memberships')
    .values({ userId, mechanismId, role })
    .onConflict((oc) => oc.columns(['userId', 'mechanismId']).doUpdateSet({ role }))
    .execute();
  forgetUser(userId);
}

/** Drops the resolved principals of a user whose roles or account changed. */
export function forgetUser(userId: string): void {
  for (const [key, entry] of recent) {
    if (entry.principal.kind === 'user' && entry.principal.userId === userId) recent.delete(key);
  }
}

export async function principalOf(db: Db | Tx, userId: string): Promise<UserPrincipal | undefined> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return undefined;
  const memberships = await db.selectFrom('memberships').select(['mechanismId', 'role']).where('userId', '=', userId).execute();
  return toPrincipal(user, memberships);
}

function toPrincipal(
  user: { id: string; username: string; party: string; admin: number },
  memberships: ReadonlyArray<{ mechanismId: string; role: string }>,
): UserPrincipal {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    party: user.party,
    admin: user.admin === 1,
    roles: new Map(memberships.map((m) => [m.mechanismId, m.role as Role])),
  };
}

export async function principalByName(db: Db | Tx, username: string): Promise<UserPrincipal | undefined> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return user ? principalOf(db, user.id) : undefined;
}

// A fixed hash to verify against when the user does not exist, so that both answers take
// the same time (no account enumeration).
let decoyHash: Promise<string> | undefined;

export async function checkPassword(db: Db, username: string, password: string): Promise<string | undefined> {
  const user = await db.selectFrom('users').select(['id', 'passwordHash']).where('username', '=', username).executeTakeFirst();
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const ok = await verify(user?.passwordHash ?? (await decoyHash), password).catch(() => false);
  return ok && user ? user.id : undefined;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function openSession(db: Db, userId: string, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({ tokenHash: tokenHash(token), userId, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function closeSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash(token)).execute();
  forgetSession(token);
}

/**
 * Resolved principals by token hash, kept for two seconds: a request burst from one client
 * costs one lookup. Signing out or revoking here drops the entry at once; another process
 * sharing the database sees a revocation within those two seconds (docs/decisions/0004).
 */
const PRINCIPAL_TTL_MS = 2000;

interface SessionRow {
  tokenHash: string;
  lastSeenAt: string;
  expiresAt: string;
  id: string;
  username: string;
  party: string;
  admin: number;
}
const recent = new Map<string, { principal: Principal; until: number }>();

export function forgetSession(token: string): void {
  recent.delete(tokenHash(token));
}

/**
 * The principal a session token stands for, or anonymous. Sessions end after eight idle
 * hours or seven days. `lastSeenAt` is written at most once a minute to keep reads cheap.
 */
export async function principalForToken(db: Db, token: string | undefined, now = new Date()): Promise<Principal> {
  if (!token || token.length > 128) return { kind: 'anonymous' };
  const h = tokenHash(token);
  const t = now.getTime();
  const hit = recent.get(h);
  if (hit && hit.until > t) return hit.principal;

  const sessionQuery = template(db, 'session|principal', () =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select(['sessions.tokenHash', 'sessions.lastSeenAt', 'sessions.expiresAt', 'users.id', 'users.username', 'users.party', 'users.admin'])
      .where('sessions.tokenHash', '=', slot('h')),
  );
  const [s] = await runTemplate<SessionRow>(db, sessionQuery, { h });
  if (!s || !timingSafeEqual(Buffer.from(s.tokenHash), Buffer.from(h))) return { kind: 'anonymous' };
  const idle = t - Date.parse(s.lastSeenAt);
  if (now.toISOString() > s.expiresAt || idle > SESSION_IDLE_MS) {
    await db.deleteFrom('sessions').where('tokenHash', '=', h).execute();
    recent.delete(h);
    return { kind: 'anonymous' };
  }
  if (idle > 60_000) await db.updateTable('sessions').set({ lastSeenAt: now.toISOString() }).where('tokenHash', '=', h).execute();
  const rolesQuery = template(db, 'session|roles', () => db.selectFrom('memberships').select(['mechanismId', 'role']).where('userId', '=', slot('userId')));
  const memberships = await runTemplate<{ mechanismId: string; role: string }>(db, rolesQuery, { userId: s.id });
  const principal = toPrincipal(s, memberships);
  rememberPrincipal(h, principal, t);
  return principal;
}

/** For other ways in (API tokens): the principal remembered under `key`, if still fresh. */
export function recalledPrincipal(key: string, now = Date.now()): Principal | undefined {
  const hit = recent.get(key);
  return hit && hit.until > now ? hit.principal : undefined;
}

export function rememberPrincipal(key: string, principal: Principal, now = Date.now()): void {
  if (recent.size >= 10_000) recent.clear();
  recent.set(key, { principal, until: now + PRINCIPAL_TTL_MS });
}

/**
 * The session of `token` if it is one of user `userId`, with when it last re-authenticated
 * (password and second factor again).
 */
export async function sessionOfUser(db: Db, token: string | undefined, userId: string): Promise<{ reauthenticatedAt: string | null } | undefined> {
  if (!token || token.length > 128) return undefined;
  return db
    .selectFrom('sessions')
    .select('reauthenticatedAt')
    .where('tokenHash', '=', tokenHash(token))
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** When the session of `token`, a session of user `userId`, last re-authenticated, or null. */
export async function sessionReauthenticatedAt(db: Db, token: string | undefined, userId: string): Promise<string | null> {
  return (await sessionOfUser(db, token, userId))?.reauthenticatedAt ?? null;
}

/** Records a re-authentication on the session of `token` of user `userId`; false when there is no such session. */
export async function markSessionReauthenticated(db: Db, token: string, userId: string, now = new Date()): Promise<boolean> {
  if (token.length > 128) return false;
  const result = await db
    .updateTable('sessions')
    .set({ reauthenticatedAt: now.toISOString() })
    .where('tokenHash', '=', tokenHash(token))
    .where('userId', '=', userId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
