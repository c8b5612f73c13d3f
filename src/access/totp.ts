import { timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * TOTP as RFC 6238 and every authenticator app have it: HMAC-SHA-1, 6 digits, 30-second
 * steps. A code is accepted for the current step and one step either side (clock drift), and
 * only for a step later than the last one accepted for the account (no replay, RFC 6238 §5.2).
 */
export const TOTP_ISSUER = 'Entente';
export const TOTP_PERIOD_S = 30;
const TOTP_DIGITS = 6;
const WINDOW = 1;

/** A six-digit string: what a TOTP code looks like (recovery codes never do). */
export const TOTP_CODE = /^\d{6}$/;

function totp(secretBase32: string, label = ''): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, the size RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** Whether a string is a usable base32 secret (at least 80 bits, as RFC 4226 requires). */
export function isTotpSecret(secretBase32: string): boolean {
  if (!/^[A-Z2-7]+=*$/i.test(secretBase32)) return false;
  try {
    return Secret.fromBase32(secretBase32).bytes.length >= 10;
  } catch {
    return false;
  }
}

/** The `otpauth://totp/Entente:<username>?…` URI an authenticator app reads. */
export function otpauthUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}

/** The URI as a QR code, an SVG document. */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The time step of an instant. */
export function totpStep(now: number = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_S);
}

/** The code of one time step (tests and the demo harness compute codes with it). */
export function totpCode(secretBase32: string, step: number): string {
  return totp(secretBase32).generate({ timestamp: step * TOTP_PERIOD_S * 1000 });
}

/**
 * The time step whose code `code` is, within the window around `now` and later than
 * `lastStep`; undefined when there is none. The earliest such step is taken, so that a code
 * that happens to match two steps (one chance in a million) burns as little as possible.
 */
export function matchingStep(secretBase32: string, code: string, now: number, lastStep: number | null): number | undefined {
  if (!TOTP_CODE.test(code)) return undefined;
  const current = totpStep(now);
  const given = Buffer.from(code);
  let found: number | undefined;
  // Every step of the window is computed and compared, whatever matched: constant work.
  for (let step = current + WINDOW; step >= current - WINDOW; step--) {
    const same = timingSafeEqual(Buffer.from(totpCode(secretBase32, step)), given);
    if (same && (lastStep === null || step > lastStep)) found = step;
  }
  return found;
}
