import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPairSync, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db, Tx } from '../db/index.ts';
import { conflict } from '../http/problem.ts';
import { newId } from '../record/common/id.ts';

/**
 * Each user's personal Ed25519 signing key, for co-signing outcomes. The private half is
 * sealed (AES-256-GCM) under a key derived from the user's password (scrypt), so the node
 * can use it only while the user gives their password: a copy of the database, or of the
 * database and the data directory, does not let anyone sign as a co-chair. What it does not
 * protect against: a node whose running code is compromised sees the password when the user
 * signs. The key is made when the account gets its password (and, for accounts older than
 * keys, at their next sign-in); a password change re-seals it; an admin's reset retires it.
 */

const run = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

interface Sealed {
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

async function seal(privateKey: KeyObject, password: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await run(password, salt, 32, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })), cipher.final()]);
  const sealed: Sealed = { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  return JSON.stringify(sealed);
}

async function unseal(text: string, password: string): Promise<KeyObject | undefined> {
  const s = JSON.parse(text) as Sealed;
  const key = await run(password, Buffer.from(s.salt, 'base64'), 32, SCRYPT);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(s.data, 'base64')), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return undefined; // another password
  }
}

function rawPublicKey(privateKey: KeyObject): string {
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string };
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

async function activeKey(db: Db | Tx, userId: string) {
  return db.selectFrom('signingKeys').selectAll().where('userId', '=', userId).where('retiredAt', 'is', null).executeTakeFirst();
}

/** Makes the user's signing key unless they have one. */
export async function ensureSigningKey(db: Db | Tx, userId: string, password: string): Promise<void> {
  if (await activeKey(db, userId)) return;
  const { privateKey } = generateKeyPairSync('ed25519');
  await db
    .insertInto('signingKeys')
    .values({ id: newId(), userId, publicKey: rawPublicKey(privateKey), sealed: await seal(privateKey, password), createdAt: new Date().toISOString(), retiredAt: null })
    .execute();
}

/** The user's private signing key and its public half, opened with their password. */
export async function openSigningKey(db: Db | Tx, userId: string, password: string): Promise<{ privateKey: KeyObject; publicKey: string }> {
  const row = await activeKey(db, userId);
  if (!row) throw conflict('you have no signing key yet: sign out and in again to make one');
  const privateKey = await unseal(row.sealed, password);
  if (!privateKey) throw conflict('the password does not open your signing key', 'password');
  return { privateKey, publicKey: row.publicKey };
}

/** After a password change: the same key, sealed under the new password. */
export async function resealSigningKey(db: Db | Tx, userId: string, oldPassword: string, newPassword: string): Promise<void> {
  const row = await activeKey(db, userId);
  if (!row) return ensureSigningKey(db, userId, newPassword);
  const privateKey = await unseal(row.sealed, oldPassword);
  if (!privateKey) {
    await retireSigningKeys(db, userId);
    return ensureSigningKey(db, userId, newPassword);
  }
  await db.updateTable('signingKeys').set({ sealed: await seal(privateKey, newPassword) }).where('id', '=', row.id).execute();
}

/** An admin's reset: the key cannot be opened any more; signatures made with it stay verifiable. */
export async function retireSigningKeys(db: Db | Tx, userId: string): Promise<void> {
  await db.updateTable('signingKeys').set({ retiredAt: new Date().toISOString() }).where('userId', '=', userId).where('retiredAt', 'is', null).execute();
}
