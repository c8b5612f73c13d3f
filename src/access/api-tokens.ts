import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { newId } from '../record/common/id.ts';
import { principalOf, recalledPrincipal, rememberPrincipal } from './accounts.ts';
import { ANONYMOUS, type Principal } from './principal.ts';

/**
 * Personal API tokens for scripts: `Authorization: Bearer ent_…`. Shown once, stored as a
 * SHA-256 hash, scoped to `read` or `read-write`, revocable, with the time of last use.
 */
export type TokenScope = 'read' | 'read-write';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiToken(db: Db, userId: string, name: string, scope: TokenScope) {
  const token = `ent_${randomBytes(32).toString('base64url')}`;
  const row = { id: newId(), userId, name, tokenHash: hashOf(token), scope, createdAt: new Date().toISOString(), lastUsedAt: null, revokedAt: null };
  await db.insertInto('apiTokens').values(row).execute();
  return { id: row.id, name, scope, createdAt: row.createdAt, token };
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'scope', 'createdAt', 'lastUsedAt'])
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt')
    .execute();
}

export async function revokeApiToken(db: Db, userId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('apiTokens').select('tokenHash').where('id', '=', id).where('userId', '=', userId).where('revokedAt', 'is', null).executeTakeFirst();
  if (!row) return false;
  await db.updateTable('apiTokens').set({ revokedAt: new Date().toISOString() }).where('id', '=', id).execute();
  rememberPrincipal(`token:${row.tokenHash}`, ANONYMOUS);
  return true;
}

/** The principal an API token stands for (read-only when so scoped), or anonymous. */
export async function principalForApiToken(db: Db, token: string): Promise<Principal> {
  if (!/^ent_[A-Za-z0-9_-]{43}$/.test(token)) return ANONYMOUS;
  const h = hashOf(token);
  const key = `token:${h}`;
  const hit = recalledPrincipal(key);
  if (hit) return hit;
  const row = await db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', h).where('revokedAt', 'is', null).executeTakeFirst();
  if (!row) return ANONYMOUS;
  const user = await db.selectFrom('users').select('disabledAt').where('id', '=', row.userId).executeTakeFirst();
  const principal = user && !user.disabledAt ? await principalOf(db, row.userId) : undefined;
  if (!principal) return ANONYMOUS;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000) {
    await db.updateTable('apiTokens').set({ lastUsedAt: now.toISOString() }).where('id', '=', row.id).execute();
  }
  const scoped: Principal = { ...principal, readOnly: row.scope === 'read' };
  rememberPrincipal(key, scoped);
  return scoped;
}
