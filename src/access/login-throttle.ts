import { Problem } from '../http/problem.ts';

/**
 * Limits on failed sign-ins, counted in this process (DESIGN §3: rate-limited login):
 * - per account: after 5 failures in a row, each further attempt waits 2^(n−5) seconds
 *   (1 s, 2 s, 4 s … up to 15 minutes); a success clears the count;
 * - per client address: at most 20 failures in 5 minutes.
 * Only failures count, so people who sign in correctly are never slowed down. The answer
 * is the same 429 for known and unknown usernames (no account enumeration).
 */
export interface SignInLimits {
  /** Failures in a row an account may have before the back-off starts. */
  freeFailures: number;
  /** Failures a client address may have in five minutes. */
  perAddress: number;
}
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { freeFailures: 5, perAddress: 20 };

let FREE_FAILURES = DEFAULT_SIGN_IN_LIMITS.freeFailures;
let IP_MAX_FAILURES = DEFAULT_SIGN_IN_LIMITS.perAddress;
const MAX_DELAY_MS = 15 * 60_000;
const IP_WINDOW_MS = 5 * 60_000;

/** Sets the limits (the server passes the defaults; test suites that sign in a lot relax them). */
export function configureSignInLimits(limits: SignInLimits): void {
  FREE_FAILURES = limits.freeFailures;
  IP_MAX_FAILURES = limits.perAddress;
  accounts.clear();
  addresses.clear();
}

const accounts = new Map<string, { failures: number; lastAt: number }>();
const addresses = new Map<string, number[]>();

function tooMany(retryAfterMs: number): Problem {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const p = new Problem(429, `too many failed sign-ins; try again in ${seconds} s`);
  (p as Problem & { retryAfter?: number }).retryAfter = seconds;
  return p;
}

export function checkSignInAllowed(ip: string, username: string, now = Date.now()): void {
  const recent = (addresses.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
  if (recent.length >= IP_MAX_FAILURES) throw tooMany(recent[0]! + IP_WINDOW_MS - now);
  const a = accounts.get(username);
  if (a && a.failures >= FREE_FAILURES) {
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (a.failures - FREE_FAILURES));
    if (now - a.lastAt < delay) throw tooMany(a.lastAt + delay - now);
  }
}

export function recordSignInFailure(ip: string, username: string, now = Date.now()): void {
  const list = (addresses.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
  list.push(now);
  addresses.set(ip, list);
  const a = accounts.get(username) ?? { failures: 0, lastAt: now };
  accounts.set(username, { failures: a.failures + 1, lastAt: now });
  if (accounts.size > 100_000) accounts.clear();
  if (addresses.size > 100_000) addresses.clear();
}

export function recordSignInSuccess(username: string): void {
  accounts.delete(username);
}
