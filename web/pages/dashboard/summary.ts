import type { Commitment, CommitmentStatus, Round } from '../../api/types.ts';
import { isNotPast } from '../../i18n/partial-date.ts';

/**
 * The next round: the earliest planned one whose date has not passed (an undated planned
 * round comes after the dated ones); by number among equals.
 */
export function nextRound(rounds: readonly Round[], now: Date): Round | undefined {
  return rounds
    .filter((r) => r.status === 'planned' && (r.startDate === null || isNotPast(r.endDate ?? r.startDate, now)))
    .sort((a, b) => (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999') || a.number - b.number)[0];
}

/** The last round held (or concluded): the highest number among them. */
export function lastRound(rounds: readonly Round[]): Round | undefined {
  return rounds.filter((r) => r.status !== 'planned').sort((a, b) => b.number - a.number)[0];
}

export const OPEN_STATUSES = ['open', 'in-progress'] as const satisfies readonly CommitmentStatus[];

export interface CommitmentTally {
  /** Per open status: how many commitments bind each party, and how many there are in all. */
  rows: Array<{ status: (typeof OPEN_STATUSES)[number]; byParty: Record<string, number>; total: number }>;
  done: number;
  dropped: number;
}

/** Open commitments by status and by the party they bind (one binding two parties counts for each, once in the total). */
export function tallyCommitments(commitments: readonly Commitment[], parties: readonly string[]): CommitmentTally {
  const rows = OPEN_STATUSES.map((status) => {
    const these = commitments.filter((c) => c.status === status);
    const byParty = Object.fromEntries(parties.map((p) => [p, these.filter((c) => c.parties.includes(p)).length]));
    return { status, byParty, total: these.length };
  });
  return {
    rows,
    done: commitments.filter((c) => c.status === 'done').length,
    dropped: commitments.filter((c) => c.status === 'dropped').length,
  };
}
