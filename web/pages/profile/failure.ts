import { ApiError } from '../../api/client.ts';
import type { MessageId } from '../../i18n/catalogs.ts';

/** The type of the 403 that asks for a fresh re-authentication (src/access/reauth.ts). */
export const REAUTH_REQUIRED = 'urn:entente:reauth-required';

/** What to tell a person whose change to their account (or signature) was refused. */
export interface Failure {
  id: MessageId;
  detail?: string;
}

/**
 * A refused account change as one plain sentence. A 401 here is a wrong password or code
 * (re-authentication answers so), not an ended session: the forms never sign anyone out.
 */
export function accountFailure(err: unknown): Failure {
  if (!(err instanceof ApiError)) return { id: 'profile.error.other', detail: String(err) };
  if (err.type === ApiError.NETWORK) return { id: 'common.networkError' };
  if (err.status === 401) return { id: 'profile.error.credentials' };
  if (err.status === 429) return { id: 'signIn.error.throttled' };
  if (err.type === REAUTH_REQUIRED) return { id: 'profile.error.reauthExpired' };
  const detail = err.errors[0] ? `${err.errors[0].field} ${err.errors[0].message}` : err.detail || err.title || `HTTP ${err.status}`;
  if (err.status === 409) return { id: 'profile.error.conflict', detail };
  return { id: 'profile.error.other', detail };
}

/** The API's message for one field of a 422, when it names that field. */
export function fieldFailure(err: unknown, field: string): string | undefined {
  return err instanceof ApiError && err.status === 422 ? err.fieldError(field) : undefined;
}
