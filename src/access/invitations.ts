import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import { conflict, invalid, Problem } from '../http/problem.ts';
import { createUser, forgetUser, grantRole, hashPassword } from './accounts.ts';
import { ensureSigningKey } from './signing-keys.ts';
import { logRoleChange } from './role-log.ts';
import { passwordProblem } from './passwords.ts';
import { ROLES, type Role } from './principal.ts';

/**
 * One-time invitations (a new account) and resets (a new password for an existing one).
 * The token is shown once; only its SHA-256 is stored. Valid seven days, used once.
 */
const VALID_MS = 7 * 24 * 3600_000;

export interface RoleGrant {
  mechanismId: string;
  role: Role;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createInvitation(
  db: Db | Tx,
  inv: { party: string; username: string; admin: boolean; roles: RoleGrant[]; createdBy: string | null; userId?: string },
): Promise<{ token: string; expiresAt: string }> {
  const token = `inv_${randomBytes(32).toString('base64url')}`;
  const now = Date.now();
  const expiresAt = new Date(now + VALID_MS).toISOString();
  await db
    .insertInto('invitations')
    .values({
      tokenHash: hashOf(token),
      userId: inv.userId ?? null,
      party: inv.party,
      username: inv.username,
      admin: inv.admin ? 1 : 0,
      roles: JSON.stringify(inv.roles),
      createdBy: inv.createdBy,
      createdAt: new Date(now).toISOString(),
      expiresAt,
      usedAt: null,
    })
    .execute();
  return { token, expiresAt };
}

/** Accepts an invitation or a reset with a new password; returns the account's id. */
export async function acceptInvitation(db: Db, token: string, password: string): Promise<{ userId: string; username: string }> {
  const problem = passwordProblem(password);
  if (problem) throw invalid('password', problem);
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const inv = await tx.selectFrom('invitations').selectAll().where('tokenHash', '=', hashOf(token)).executeTakeFirst();
    const now = new Date().toISOString();
    if (!inv || inv.usedAt || inv.expiresAt < now) {
      throw new Problem(400, 'token: this invitation is unknown, used or expired; ask your admin for a new one', [{ field: 'token', message: 'unknown, used or expired' }]);
    }
    await tx.updateTable('invitations').set({ usedAt: now }).where('tokenHash', '=', inv.tokenHash).execute();
    if (inv.userId) {
      await tx.updateTable('users').set({ passwordHash, passwordChangedAt: now, disabledAt: null }).where('id', '=', inv.userId).execute();
      await ensureSigningKey(tx, inv.userId, password);
      forgetUser(inv.userId);
      return { userId: inv.userId, username: inv.username };
    }
    const taken = await tx.selectFrom('users').select('id').where('username', '=', inv.username).executeTakeFirst();
    if (taken) throw conflict(`the username "${inv.username}" is taken`, 'username');
    const userId = await createUser(tx, { username: inv.username, party: inv.party, passwordHash, admin: inv.admin === 1 });
    // The roles the admin chose take effect now; each is an entry of its mechanism's log, made by that admin.
    const admin = inv.createdBy ? await tx.selectFrom('users').select(['username', 'party']).where('id', '=', inv.createdBy).executeTakeFirst() : undefined;
    for (const grant of JSON.parse(inv.roles) as RoleGrant[]) {
      if (!ROLES.includes(grant.role)) continue;
      await grantRole(tx, userId, grant.mechanismId, grant.role);
      await logRoleChange(tx, admin ?? { username: inv.username, party: inv.party }, { id: userId, username: inv.username, party: inv.party }, grant.mechanismId, grant.role);
    }
    await ensureSigningKey(tx, userId, password);
    return { userId, username: inv.username };
  });
}
