import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The comment form's anti-replay token (decision 0018): `v1.<communiqué id>.<issued, ms,
 * base 36>.<nonce>.<HMAC-SHA256>`, signed with a secret made at first start in the data
 * directory (mode 0600, like the node key; never in the database or the repository). A token
 * is good for one communiqué, for a day, and for one stored comment.
 *
 * `formToken` takes no key because the page renderer calls it while writing the form: the key
 * is module state, set once by `useFormKey` when the server starts.
 */
export const FORM_KEY_FILE = 'comment-form-key';
export const FORM_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** A token issued this far in the future (clock skew between server processes) still counts. */
const SKEW_MS = 60_000;
const MAX_TOKEN_LENGTH = 200;
const DOMAIN = 'entente comment form v1\n';

/**
 * Keys tokens are checked against, newest first; the newest signs. More than one only when a
 * process serves several data directories (test suites); bounded so it cannot grow.
 */
const keys: Buffer[] = [];
const MAX_KEYS = 8;

/** The data directory's form key, made there at first start. */
export function loadFormKey(dataDir: string): Buffer {
  const file = path.join(dataDir, FORM_KEY_FILE);
  try {
    return decodeKey(fs.readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const made = randomBytes(32);
  try {
    // 'wx': of two processes starting at once, one writes; the other reads what it wrote.
    fs.writeFileSync(file, `${made.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return made;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return decodeKey(fs.readFileSync(file, 'utf8'), file);
  }
}

function decodeKey(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} is not a comment form key (32 bytes, base64): remove it to make a new one`);
  return key;
}

/** Signs new tokens with `key` and keeps accepting those of keys used before in this process. */
export function useFormKey(key: Buffer): void {
  const at = keys.findIndex((k) => k.equals(key));
  if (at >= 0) keys.splice(at, 1);
  keys.unshift(key);
  keys.length = Math.min(keys.length, MAX_KEYS);
}

function signingKey(): Buffer {
  // Rendering a form before any server started (a renderer's own tests): a key of this process only.
  if (keys.length === 0) keys.push(randomBytes(32));
  return keys[0]!;
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(DOMAIN).update(payload).digest();

/** A fresh token for the form of communiqué `communiqueId`. */
export function formToken(communiqueId: string, now = Date.now()): string {
  const payload = `v1.${communiqueId}.${now.toString(36)}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${mac(signingKey(), payload).toString('base64url')}`;
}

export type TokenRefusal = 'missing' | 'malformed' | 'forged' | 'other-communique' | 'expired' | 'used';
export type TokenCheck = { ok: true; nonce: string; expiresAt: number } | { ok: false; reason: TokenRefusal };

const SHAPE = /^v1\.([0-9a-f-]{36})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** Is `token` a token this node made, for this communiqué, within a day, and not spent? */
export function checkFormToken(token: string | undefined, communiqueId: string, now = Date.now()): TokenCheck {
  if (token === undefined || token === '') return { ok: false, reason: 'missing' };
  const m = token.length <= MAX_TOKEN_LENGTH ? SHAPE.exec(token) : null;
  if (!m) return { ok: false, reason: 'malformed' };
  const [, id, issued, nonce, sig] = m as unknown as [string, string, string, string, string];
  // Compared as text, so that one signature has one spelling (base64 leaves spare bits).
  const given = Buffer.from(sig);
  const payload = token.slice(0, token.length - sig.length - 1);
  if (!keys.some((k) => timingSafeEqual(Buffer.from(mac(k, payload).toString('base64url')), given))) return { ok: false, reason: 'forged' };
  if (id !== communiqueId) return { ok: false, reason: 'other-communique' };
  const issuedAt = parseInt(issued, 36);
  if (issuedAt > now + SKEW_MS || now - issuedAt > FORM_TOKEN_TTL_MS) return { ok: false, reason: 'expired' };
  if (spent.has(nonce)) return { ok: false, reason: 'used' };
  return { ok: true, nonce, expiresAt: issuedAt + FORM_TOKEN_TTL_MS };
}

/**
 * Spent tokens: nonce → when the token would expire anyway. In memory (decision 0018): a token
 * lives a day, and a replay after a restart of the same post is still refused as a duplicate
 * (its fingerprint is stored). Bounded: past the bound the oldest spent tokens are forgotten
 * first (they are the nearest to expiring).
 */
const spent = new Map<string, number>();
const MAX_SPENT = 200_000;

/** Marks a checked token spent; false when it already was (two posts of it at once). */
export function spendFormToken(check: { nonce: string; expiresAt: number }, now = Date.now()): boolean {
  if (spent.has(check.nonce)) return false;
  if (spent.size >= MAX_SPENT) forgetSpent(now);
  spent.set(check.nonce, check.expiresAt);
  return true;
}

/** Gives a spent token back (the comment it carried could not be stored). */
export function unspendFormToken(check: { nonce: string }): void {
  spent.delete(check.nonce);
}

function forgetSpent(now: number): void {
  for (const [nonce, expiresAt] of spent) if (expiresAt <= now) spent.delete(nonce);
  // Insertion order is spending order: drop the oldest tenth when none has expired.
  if (spent.size >= MAX_SPENT) {
    let drop = Math.ceil(MAX_SPENT / 10);
    for (const nonce of spent.keys()) {
      if (drop-- <= 0) break;
      spent.delete(nonce);
    }
  }
}
