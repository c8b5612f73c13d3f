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

/**
 * The node itself reading every record: verification and benchmarks. Never the answer to a
 * cookie or a token; only code running in the node can hold it. It writes nothing.
 */
export interface SystemPrincipal {
  kind: 'system';
}

export type Principal = UserPrincipal | AnonymousPrincipal | SystemPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };
export const SYSTEM: SystemPrincipal = { kind: 'system' };
