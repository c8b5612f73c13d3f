/**
 * The access rules of DESIGN §3, written out again for the authorisation matrix. This is an
 * independent oracle: it never imports the policy module (src/access/policy.ts), so that the
 * matrix checks the server against the rules as stated, not against itself.
 */

export const MARKINGS = ['public', 'joint', 'internal'] as const;
export type Marking = (typeof MARKINGS)[number];

export type Party = 'cn' | 'ru';
export type Role = 'observer' | 'delegate' | 'secretariat' | 'co-chair';
export type Scope = 'directory' | 'root' | 'mechanism';

/** Who asks: signed out, or one of the demo accounts. */
export type Who =
  | { kind: 'anon'; label: string }
  | { kind: 'user'; label: string; username: string; party: Party; admin: boolean; role: Role | null };

const ACCOUNTS: Array<[string, Role | null]> = [
  ['observer', 'observer'],
  ['delegate', 'delegate'],
  ['secretariat', 'secretariat'],
  ['cochair', 'co-chair'],
  ['admin', null],
];

/** Signed out, then every role as a cn user (the owner party of the targets) and as a ru user. */
export const PRINCIPALS: readonly Who[] = [
  { kind: 'anon', label: 'signed-out' },
  ...(['cn', 'ru'] as const).flatMap((party) =>
    ACCOUNTS.map(([name, role]): Who => ({
      kind: 'user',
      label: `${party}-${name}`,
      username: `${party}-${name}`,
      party,
      admin: role === null,
      role,
    })),
  ),
];

export const username = (who: Who): string | null => (who.kind === 'user' ? who.username : null);
export const other = (party: Party): Party => (party === 'cn' ? 'ru' : 'cn');

/** The scope of each record kind. */
export const SCOPE: Record<string, Scope> = {
  party: 'directory',
  person: 'directory',
  mechanism: 'root',
  event: 'mechanism',
  consensusItem: 'mechanism',
  round: 'mechanism',
  agendaItem: 'mechanism',
  amendment: 'mechanism',
  agreement: 'mechanism',
  statement: 'mechanism',
  commitment: 'mechanism',
  evidence: 'mechanism',
  assessment: 'mechanism',
  position: 'mechanism',
  support: 'mechanism',
  milestone: 'mechanism',
  communique: 'mechanism',
};

/** What the oracle needs to know of a record. */
export interface Subject {
  id: string;
  scope: Scope;
  /** The mechanism of a mechanism-scoped record; a mechanism's own id for a mechanism. */
  mechanismId: string | null;
  ownerParty: string;
  marking: Marking;
}

/**
 * The mechanisms in which every demo account holds the role its name says (the demo mechanism
 * and those the matrix creates and staffs); admins hold no role anywhere.
 */
export class World {
  readonly staffed = new Set<string>();

  roleIn(who: Who, mechanismId: string | null): Role | null {
    if (who.kind !== 'user' || mechanismId === null || !this.staffed.has(mechanismId)) return null;
    return who.role;
  }

  /** public → everyone; joint → members (directory: any signed-in user); internal → the owner party's members. */
  canSee(who: Who, r: Subject): boolean {
    if (r.marking === 'public') return true;
    if (who.kind !== 'user') return false;
    const member = r.scope === 'directory' ? true : this.roleIn(who, r.mechanismId) !== null;
    if (!member) return false;
    return r.marking === 'joint' || r.ownerParty === who.party;
  }

  /** A secretariat or co-chair of the record's owner party in its mechanism. */
  ownerEditor(who: Who, r: Subject): boolean {
    return who.kind === 'user' && who.party === r.ownerParty && isEditor(this.roleIn(who, r.mechanismId));
  }

  /**
   * May `who` change (update) `r`? Mechanism records: the owner party's secretariat or co-chair.
   * Parties: an admin of that party. People: an admin, or a secretariat or co-chair of any
   * mechanism, of the person's party. Mechanisms: the owner party's admin, or its secretariat
   * or co-chair in the mechanism.
   */
  mayUpdate(who: Who, r: Subject, kind: string): boolean {
    if (who.kind !== 'user') return false;
    if (kind === 'party') return who.admin && who.party === r.ownerParty;
    if (kind === 'person') return who.party === r.ownerParty && (who.admin || (isEditor(who.role) && this.staffed.size > 0));
    if (kind === 'mechanism') return who.party === r.ownerParty && (who.admin || isEditor(this.roleIn(who, r.id)));
    return this.ownerEditor(who, r);
  }

  /**
   * May `who` change the marking of `r`? Mechanism records: the owner party's secretariat or
   * co-chair. Parties, people and mechanisms: the owner party's admin (as implemented; see the
   * report: DESIGN §3 names the secretariat).
   */
  mayChangeMarking(who: Who, r: Subject, kind: string): boolean {
    if (who.kind !== 'user') return false;
    if (kind === 'party' || kind === 'person' || kind === 'mechanism') return who.admin && who.party === r.ownerParty && this.mayUpdate(who, r, kind);
    return this.ownerEditor(who, r);
  }

  /**
   * May `who` read the log named `name` (DESIGN §4; URL names: `<mechanism id>` the joint log,
   * `<mechanism id>.<party>` a party's internal log, `directory`, `directory.<party>`)?
   * Only signed-in users; a party's internal log only its own party's users; a mechanism's
   * logs only its members (any role; admins hold none), the directory's any signed-in user.
   */
  canReadLog(who: Who, name: string): boolean {
    if (who.kind !== 'user') return false;
    const [base, party, ...rest] = name.split('.');
    if (rest.length > 0 || (party !== undefined && party !== who.party)) return false;
    return base === 'directory' || this.roleIn(who, base!) !== null;
  }

  /** The status of a request about log `name` (which `exists` or not): 401 signed out, 404 unreadable or absent. */
  logStatus(who: Who, name: string, exists: boolean): number {
    if (who.kind !== 'user') return 401;
    return exists && this.canReadLog(who, name) ? 200 : 404;
  }

  /**
   * May `who` take a step of a communiqué's workflow (DESIGN §2–3)? Approving: a co-chair of
   * its mechanism, of either party. Reopening, scheduling, correcting: the owner party's
   * secretariat or co-chair. (Publishing is the node's alone: no route.)
   */
  mayStep(who: Who, r: Subject, step: CommuniqueStep): boolean {
    if (who.kind !== 'user') return false;
    return step === 'approve' ? this.roleIn(who, r.mechanismId) === 'co-chair' : this.ownerEditor(who, r);
  }

  /**
   * The status of a workflow step on communiqué `r` (in workflow status `status`), the
   * re-authentication an approval needs given: 404 unseen, 403 not allowed, 409 when the step
   * does not start from that status, else `ok`.
   */
  stepStatus(who: Who, r: Subject, step: CommuniqueStep, status: string, ok = 200): number {
    if (!this.canSee(who, r)) return 404;
    if (!this.mayStep(who, r, step)) return 403;
    return STEP_FROM[step].includes(status) ? ok : 409;
  }

  /** The status of a PATCH or DELETE of a record: 404 unseen, 403 not allowed, else `ok`. */
  writeStatus(who: Who, r: Subject, allowed: boolean, ok = 200): number {
    if (!this.canSee(who, r)) return 404;
    if (who.kind !== 'user') return 403;
    return allowed ? ok : 403;
  }
}

/**
 * The log that holds the entries of a record (DESIGN §4), by its URL name: public and joint
 * records → their mechanism's joint log (`directory` for parties and people); internal ones →
 * the owner party's log of it.
 */
export function logOf(r: Subject): string {
  const base = r.scope === 'directory' ? 'directory' : r.mechanismId!;
  return r.marking === 'internal' ? `${base}.${r.ownerParty}` : base;
}

export function isEditor(role: Role | null): boolean {
  return role === 'secretariat' || role === 'co-chair';
}

/** The next marking for a marking change: public → joint → internal → joint. */
export function otherMarking(m: Marking): Marking {
  return m === 'public' ? 'joint' : m === 'joint' ? 'internal' : 'joint';
}

/** The steps of a communiqué's workflow that have a route, and the statuses each starts from. */
export type CommuniqueStep = 'approve' | 'reopen' | 'schedule' | 'correct';
const STEP_FROM: Record<CommuniqueStep, readonly string[]> = {
  // Approving again (an approved one, by the other party's co-chair anew) is allowed.
  approve: ['draft', 'approved'],
  reopen: ['approved', 'scheduled'],
  schedule: ['approved', 'scheduled'],
  correct: ['published'],
};

/**
 * Does a plain write (the record routes, not the workflow) of a communiqué conflict with its
 * workflow status (409)? A draft takes any change; a non-draft no change of its content; a
 * published one no change at all (a correction is a new version); and only a draft is deleted.
 */
export function workflowConflict(kind: string, r: { status?: string }, change: 'content' | 'marking' | 'delete'): boolean {
  if (kind !== 'communique' || r.status === 'draft') return false;
  return change !== 'marking' || r.status === 'published';
}
