import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../db/index.ts';

/**
 * Recovery codes: ten single-use codes, shown once when the second factor is confirmed, each
 * standing in for one TOTP code at sign-in or re-authentication.
 *
 * A code is 16 characters of base32 (80 random bits), written `xxxx-xxxx-xxxx-xxxx`. They are
 * stored as SHA-256 of the account id and the code, not with argon2 like passwords: a
 * password is chosen by a person and needs a slow hash against guessing, but 2^80 random
 * values cannot be searched even at GPU SHA-256 rates, and the account id in the input stops
 * any precomputation across accounts. A fast hash also lets a code be found by its hash in
 * one indexed statement that marks it used at the same time (single use even under
 * concurrent sign-ins), where argon2 would cost one slow verification per stored code (ten
 * for every wrong code given: CPU any caller could make us spend, and a timing signal).
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const LENGTH = 16;

/** Case, spaces and dashes do not matter when a code is typed back. */
function normalize(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

function codeHash(userId: string, code: string): string {
  return createHash('sha256').update(`${userId}:${normalize(code)}`).digest('hex');
}

function newCode(): string {
  const bytes = randomBytes(LENGTH);
  let s = '';
  // 256 is a multiple of 32: `b % 32` is uniform.
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return s.match(/.{4}/g)!.join('-');
}

/** Replaces the account's recovery codes with ten new ones; returns them (the only time they exist in clear). */
export async function replaceRecoveryCodes(tx: Tx | Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  await tx
    .insertInto('recoveryCodes')
    .values(codes.map((code) => ({ userId, codeHash: codeHash(userId, code), usedAt: null })))
    .execute();
  return codes;
}

export async function deleteRecoveryCodes(tx: Tx | Db, userId: string): Promise<void> {
  await tx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
}

/** Uses up a recovery code: true when it was the account's and not used before. */
export async function useRecoveryCode(db: Db | Tx, userId: string, code: string, now = new Date()): Promise<boolean> {
  const normalized = normalize(code);
  if (normalized.length !== LENGTH || ![...normalized].every((c) => ALPHABET.includes(c))) return false;
  const result = await db
    .updateTable('recoveryCodes')
    .set({ usedAt: now.toISOString() })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash(userId, normalized))
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** How many unused recovery codes the account has left. */
export async function recoveryCodesLeft(db: Db | Tx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
