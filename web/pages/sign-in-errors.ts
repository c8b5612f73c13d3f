import { ApiError } from '../api/client.ts';
import type { MessageId } from '../i18n/catalogs.ts';

/** The type of the 401 that asks for the second factor's code (src/access/second-factor.ts). */
export const TOTP_REQUIRED = 'urn:entente:totp-required';

/** What to tell a person whose sign-in failed: a message id, and the server's words when nothing fits. */
export function signInFailure(err: unknown): { id: MessageId; detail?: string } {
  if (!(err instanceof ApiError)) return { id: 'signIn.error.other', detail: String(err) };
  if (err.status === 401) return { id: 'signIn.error.credentials' };
  if (err.status === 429) return { id: 'signIn.error.throttled' };
  if (err.type === ApiError.NETWORK) return { id: 'common.networkError' };
  return { id: 'signIn.error.other', detail: err.detail || err.title || `HTTP ${err.status}` };
}

/** Only a path of this app is a place to go back to after signing in (never another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
