import type { Session } from '../../api/types.ts';
import { roleIn } from '../editors/rights.ts';
import type { Approval, Communique } from './api.ts';

/**
 * Where a communiqué's approval stands, and what one reader may do with it. The API decides
 * (src/access/policy.ts canCommuniqueStep, src/record/communiques/workflow.ts); this only
 * chooses what the page offers.
 */

/** One party's approval: of the text as it is now, of an earlier text (lapsed), or none. */
export interface PartyApproval {
  party: string;
  state: 'current' | 'earlier' | 'none';
  approval?: Approval;
}

/** Each party of the mechanism with its approval of `c`. An approval counts only for the text whose hash it carries. */
export function approvalsOf(c: Pick<Communique, 'approvals' | 'contentHash'>, parties: readonly string[]): PartyApproval[] {
  return parties.map((party) => {
    const mine = c.approvals.filter((a) => a.party === party);
    const current = mine.find((a) => a.contentHash === c.contentHash);
    if (current) return { party, state: 'current', approval: current };
    // The latest approval of another text: the one a reader remembers.
    const earlier = mine.sort((a, b) => b.at.localeCompare(a.at))[0];
    return earlier ? { party, state: 'earlier', approval: earlier } : { party, state: 'none' };
  });
}

/** The parties whose co-chair has still to approve the text as it is now. */
export function waitingFor(c: Pick<Communique, 'approvals' | 'contentHash' | 'status'>, parties: readonly string[]): string[] {
  if (c.status !== 'draft') return [];
  return approvalsOf(c, parties)
    .filter((a) => a.state !== 'current')
    .map((a) => a.party);
}

/** What the page offers one reader. */
export interface Steps {
  /** Change the draft in the editor. */
  edit: boolean;
  /** Approve the text for the reader's party (a co-chair, after re-authentication). */
  approve: boolean;
  /** Take an approved or scheduled communiqué back to a draft. */
  reopen: boolean;
  /** Set, move or clear the embargo of an approved communiqué. */
  schedule: boolean;
  /** Start a correction of a published communiqué (none when a newer version exists). */
  correct: boolean;
}

/**
 * The owner party's secretariat (and co-chair) edit a draft, reopen, schedule and correct; any
 * co-chair of the mechanism approves for their party a draft whose current text their party
 * has not approved yet.
 */
export function stepsFor(c: Communique, session: Session | undefined, parties: readonly string[], hasNewerVersion: boolean): Steps {
  const role = roleIn(session, c.mechanismId);
  const party = session?.party;
  const owner = (role === 'secretariat' || role === 'co-chair') && party === c.ownerParty;
  const approvedByMe = approvalsOf(c, parties).some((a) => a.party === party && a.state === 'current');
  return {
    edit: owner && c.status === 'draft',
    approve: role === 'co-chair' && party !== undefined && parties.includes(party) && c.status === 'draft' && !approvedByMe,
    reopen: owner && (c.status === 'approved' || c.status === 'scheduled'),
    schedule: owner && (c.status === 'approved' || c.status === 'scheduled'),
    correct: owner && c.status === 'published' && !hasNewerVersion,
  };
}

/** What a step of the workflow said, carried to the page it leads to (a correction's new version). */
export interface StepNotice {
  notice?: string;
}

/** The versions of a communiqué's chain around `c`: the one it corrects and the one correcting it. */
export function versionsAround(c: Communique, all: readonly Communique[]): { previous: Communique | undefined; newer: Communique | undefined } {
  return {
    previous: c.previousId ? all.find((x) => x.id === c.previousId) : undefined,
    newer: all.find((x) => x.previousId === c.id),
  };
}
