import { inTransaction, type Db } from '../db/index.ts';
import { conflict, invalid } from '../http/problem.ts';
import { deleteRecoveryCodes, replaceRecoveryCodes } from './recovery-codes.ts';
import { forgetSecondFactor, secondFactorOf } from './second-factor.ts';
import { matchingStep, newTotpSecret, otpauthUri, qrSvg, TOTP_CODE } from './totp.ts';

/**
 * Setting up, confirming and removing the second factor of an account. A new secret is
 * pending until a first code from the authenticator app confirms it; only then does sign-in
 * ask for its codes, and only then are recovery codes made. While a replacement is pending,
 * the confirmed secret and its recovery codes keep working.
 */

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/**
 * Stores a new pending secret, replacing a pending one. An account with a confirmed one may
 * start its replacement only when `replaceConfirmed` (the session re-authenticated).
 */
export async function startEnrolment(db: Db, user: { userId: string; username: string }, replaceConfirmed: boolean): Promise<Enrolment> {
  const secret = newTotpSecret();
  let update = db.updateTable('users').set({ totpPendingSecret: secret }).where('id', '=', user.userId);
  if (!replaceConfirmed) update = update.where((eb) => eb.or([eb('totpSecret', 'is', null), eb('totpConfirmedAt', 'is', null)]));
  const result = await update.executeTakeFirst();
  forgetSecondFactor(user.userId);
  if (result.numUpdatedRows !== 1n) {
    throw conflict('this account already has a second factor; to replace it, re-authenticate first (POST /api/v1/session/reauth)');
  }
  const uri = otpauthUri(secret, user.username);
  return { secret, otpauthUri: uri, qrSvg: await qrSvg(uri) };
}

/** Confirms the pending secret with a code of it; returns the new recovery codes (the only time they are shown). */
export async function confirmEnrolment(db: Db, userId: string, code: string, now = new Date()): Promise<string[]> {
  const state = await secondFactorOf(db, userId);
  if (!state?.pending) {
    throw conflict(state?.confirmed ? 'the second factor is already confirmed; to replace it, POST /api/v1/me/totp' : 'no second factor is being set up: POST /api/v1/me/totp first');
  }
  const secret = state.pending;
  const given = code.replace(/\s+/g, '');
  if (!TOTP_CODE.test(given)) throw invalid('code', 'must be the 6-digit code the authenticator app shows');
  const step = matchingStep(secret, given, now.getTime(), null);
  if (step === undefined) throw invalid('code', 'is not the current code of the secret being set up');

  const codes = await inTransaction(db, async (tx) => {
    const result = await tx
      .updateTable('users')
      .set({ totpSecret: secret, totpPendingSecret: null, totpConfirmedAt: now.toISOString(), totpLastStep: step })
      .where('id', '=', userId)
      .where('totpPendingSecret', '=', secret)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) return undefined;
    return replaceRecoveryCodes(tx, userId);
  });
  forgetSecondFactor(userId);
  if (!codes) throw conflict('the second factor changed meanwhile; set it up again');
  return codes;
}

/** Removes the second factor (confirmed or pending) and its recovery codes. */
export async function removeSecondFactor(db: Db, userId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.updateTable('users').set({ totpSecret: null, totpPendingSecret: null, totpConfirmedAt: null, totpLastStep: null }).where('id', '=', userId).execute();
    await deleteRecoveryCodes(tx, userId);
  });
  forgetSecondFactor(userId);
}
