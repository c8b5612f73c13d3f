import { api } from './entente.ts';
import type { Outcome } from './types.ts';

/** The signed-in user's own account (src/access/me-routes.ts, second-factor-routes.ts) and co-signing. */

export interface AccountSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export type TokenScope = 'read' | 'read-write';

export interface ApiToken {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A new token: its secret is in this answer only. */
export interface NewApiToken {
  id: string;
  name: string;
  scope: string;
  createdAt: string;
  token: string;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as an SVG QR code. */
  qrSvg: string;
}

export const account = {
  sessions: (signal?: AbortSignal) => api.get<{ items: AccountSession[] }>('/me/sessions', undefined, signal).then((r) => r.items),
  endSession: (id: string) => api.delete(`/me/sessions/${encodeURIComponent(id)}`),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/me/password', body),

  tokens: (signal?: AbortSignal) => api.get<{ items: ApiToken[] }>('/me/tokens', undefined, signal).then((r) => r.items),
  createToken: (body: { name: string; scope: TokenScope }) => api.post<NewApiToken>('/me/tokens', body),
  revokeToken: (id: string) => api.delete(`/me/tokens/${encodeURIComponent(id)}`),

  startEnrolment: () => api.post<Enrolment>('/me/totp'),
  confirmEnrolment: (code: string) => api.post<{ recoveryCodes: string[] }>('/me/totp/confirm', { code }),
  removeSecondFactor: () => api.delete('/me/totp'),

  /** Password and code again: for five minutes the session may sign and change its second factor. */
  reauthenticate: (body: { password: string; totp?: string }) => api.post<{ reauthenticatedAt: string }>('/session/reauth', body),

  /** Co-signs a round's outcome (after `reauthenticate`); the password opens the signing key. */
  conclude: (mechanismId: string, number: number, password: string) =>
    api.post<Outcome>(`/mechanisms/${encodeURIComponent(mechanismId)}/rounds/${number}/conclude`, { password }),
};
