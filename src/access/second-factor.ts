import type { Db, Tx } from '../db/index.ts';
import { Problem } from '../http/problem.ts';
import { checkPassword } from './accounts.ts';
import type { Principal, UserPrincipal } from './principal.ts';
import { useRecoveryCode } from './recovery-codes.ts';
import { matchingStep, TOTP_CODE } from './totp.ts';

/**
 * The second factor of an account: its confirmed TOTP secret, one being set up (pending until
 * confirmed by a first code),
 * the last time step accepted, and its recovery codes. Checking credentials — password, then
 * code — happens here for sign-in and re-authentication alike.
 */

export const TOTP_REQUIRED = 'urn:entente:totp-required';

/**
 * One answer for an unknown username, a wrong password and a wrong or replayed code: which
 * of them was wrong is not told (no account enumeration). Only a correct password without a
 * code gets another answer, `totpRequired`.
 */
export const wrongCredentials = () => new Problem(401, 'wrong username, password or code');
export const totpRequired = () =>
  new Problem(401, 'this account has a second factor: give the code of the authenticator app, or a recovery code, as "totp"', [], TOTP_REQUIRED);

export interface SecondFactorState {
  /** The confirmed secret that sign-in asks codes of, or null. */
  secret: string | null;
  confirmed: boolean;
  /** A secret being set up (a first one, or the replacement of the confirmed one), or null. */
  pending: string | null;
  lastStep: number | null;
}

export async function secondFactorOf(db: Db | Tx, userId: string): Promise<SecondFactorState | undefined> {
  const row = await db.selectFrom('users').select(['totpSecret', 'totpConfirmedAt', 'totpPendingSecret', 'totpLastStep']).where('id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  const confirmed = row.totpSecret !== null && row.totpConfirmedAt !== null;
  return {
    secret: confirmed ? row.totpSecret : null,
    confirmed,
    pending: row.totpPendingSecret,
    lastStep: row.totpLastStep === null ? null : Number(row.totpLastStep),
  };
}

/** Co-chairs (of any mechanism) and admins must have a second factor. */
export function mustHaveSecondFactor(p: UserPrincipal): boolean {
  if (p.admin) return true;
  for (const role of p.roles.values()) if (role === 'co-chair') return true;
  return false;
}

/**
 * Whether an account has a confirmed second factor, kept two seconds like resolved principals
 * (docs/decisions/0004): the gate asks it on every request of a co-chair or admin. A change
 * made here drops the entry at once.
 */
const CACHE_TTL_MS = 2000;
const confirmedCache = new Map<string, { confirmed: boolean; until: number }>();

export async function hasConfirmedSecondFactor(db: Db, userId: string, now = Date.now()): Promise<boolean> {
  const hit = confirmedCache.get(userId);
  if (hit && hit.until > now) return hit.confirmed;
  const confirmed = (await secondFactorOf(db, userId))?.confirmed ?? false;
  if (confirmedCache.size >= 10_000) confirmedCache.clear();
  confirmedCache.set(userId, { confirmed, until: now + CACHE_TTL_MS });
  return confirmed;
}

export function forgetSecondFactor(userId: string): void {
  confirmedCache.delete(userId);
}

/** The principal, marked `mfaRequired` when it must have a second factor and has none. */
export async function withSecondFactorFlag(db: Db, p: Principal): Promise<Principal> {
  if (p.kind !== 'user' || !mustHaveSecondFactor(p)) return p;
  if (await hasConfirmedSecondFactor(db, p.userId)) return p;
  return { ...p, mfaRequired: true };
}

/**
 * Checks a code against a confirmed second factor and uses it up: a TOTP code moves the
 * account's last accepted step forward (in one conditional statement, so two requests cannot
 * both use one code); a recovery code is marked used.
 */
export async function useSecondFactor(db: Db, userId: string, state: SecondFactorState, code: string, now = new Date()): Promise<'totp' | 'recovery-code' | false> {
  if (!state.confirmed || state.secret === null) return false;
  if (!TOTP_CODE.test(code)) return (await useRecoveryCode(db, userId, code, now)) && 'recovery-code';
  const step = matchingStep(state.secret, code, now.getTime(), state.lastStep);
  if (step === undefined) return false;
  const result = await db
    .updateTable('users')
    .set({ totpLastStep: step })
    .where('id', '=', userId)
    .where('totpSecret', '=', state.secret)
    .where('totpConfirmedAt', 'is not', null)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n && 'totp';
}

/**
 * Password, then (when the account has a second factor) a code. Returns the account id and
 * what the second step was, or throws `wrongCredentials` or, after a correct password only,
 * `totpRequired`.
 */
export async function authenticate(
  db: Db,
  username: string,
  password: string,
  code: string | undefined,
  now = new Date(),
): Promise<{ userId: string; with: 'password' | 'totp' | 'recovery-code' }> {
  const userId = await checkPassword(db, username, password);
  if (!userId) throw wrongCredentials();
  const state = await secondFactorOf(db, userId);
  if (!state) throw wrongCredentials();
  if (!state.confirmed) return { userId, with: 'password' };
  const given = code?.trim();
  if (!given) throw totpRequired();
  const used = await useSecondFactor(db, userId, state, given, now);
  if (!used) throw wrongCredentials();
  return { userId, with: used };
}
