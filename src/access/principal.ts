/** Who is asking. Every read and write is decided for a principal by the policy. */
export const ROLES = ['observer', 'delegate', 'secretariat', 'co-chair'] as const;
export type Role = (typeof ROLES)[number];

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  party: string;
  admin: boolean;
  /** Role per mechanism id. */
  roles: ReadonlyMap<string, Role>;
  /**
   * Set on a session of a co-chair or admin who has no second factor yet: until one is
   * enrolled, the session reaches only sign-out and enrolment (src/access/mfa-gate.ts).
   */
  mfaRequired?: boolean;
  /** Signed in with an API token scoped to reading: the policy refuses every write. */
  readOnly?: boolean;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export type Principal = UserPrincipal | AnonymousPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };
