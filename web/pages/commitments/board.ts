import { COMMITMENT_STATUSES, type CommitmentStatus } from '../../api/types.ts';
import { isNotPast } from '../../i18n/partial-date.ts';
import type { CommitmentRecord } from './api.ts';

/**
 * The commitments board's filters and what they select. The filters live in the URL query
 * (`?status=open&party=ru&round=20&overdue=1`) so that a view can be shared and survives a
 * reload; anything unknown in the query is ignored rather than refused.
 */
export interface BoardFilters {
  status?: CommitmentStatus;
  party?: string;
  /** A round's number, as people name rounds. */
  round?: number;
  overdue: boolean;
}

const isStatus = (s: string | null): s is CommitmentStatus => (COMMITMENT_STATUSES as readonly string[]).includes(s ?? '');

export function parseFilters(query: URLSearchParams): BoardFilters {
  const status = query.get('status');
  const party = query.get('party');
  const round = Number(query.get('round'));
  return {
    ...(isStatus(status) ? { status } : {}),
    ...(party && /^[a-z]{2,8}$/.test(party) ? { party } : {}),
    ...(Number.isInteger(round) && round >= 1 ? { round } : {}),
    overdue: query.get('overdue') === '1',
  };
}

/** The query for some filters, in a stable order; empty filters are left out. */
export function filtersQuery(f: BoardFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.party) q.set('party', f.party);
  if (f.round !== undefined) q.set('round', String(f.round));
  if (f.overdue) q.set('overdue', '1');
  return q;
}

/** Still to be done: open or in progress (a dropped commitment is closed, not late). */
export const PENDING: readonly CommitmentStatus[] = ['open', 'in-progress'];

/**
 * Overdue: pending and its due date over. A partial date is over once its whole span has
 * passed: due "2025-12" is overdue from 1 January 2026, not from 1 December.
 */
export function isOverdue(c: Pick<CommitmentRecord, 'due' | 'status'>, now: Date): boolean {
  return c.due !== null && PENDING.includes(c.status) && !isNotPast(c.due, now);
}

export interface BoardContext {
  /** Round id → number, for the rounds the reader may see. */
  roundNumbers: ReadonlyMap<string, number>;
  now: Date;
}

function matches(c: CommitmentRecord, f: BoardFilters, ctx: BoardContext, withStatus: boolean): boolean {
  if (withStatus && f.status && c.status !== f.status) return false;
  if (f.party && !c.parties.includes(f.party)) return false;
  if (f.round !== undefined && (c.roundId === null || ctx.roundNumbers.get(c.roundId) !== f.round)) return false;
  if (f.overdue && !isOverdue(c, ctx.now)) return false;
  return true;
}

export interface Board {
  rows: CommitmentRecord[];
  /** Per status, how many match the other filters: what choosing that status would show. */
  counts: Record<CommitmentStatus, number>;
  /** How many match the other filters, whatever their status. */
  total: number;
}

export function selectCommitments(all: readonly CommitmentRecord[], f: BoardFilters, ctx: BoardContext): Board {
  const others = all.filter((c) => matches(c, f, ctx, false));
  const counts = Object.fromEntries(COMMITMENT_STATUSES.map((s) => [s, others.filter((c) => c.status === s).length])) as Record<CommitmentStatus, number>;
  return { rows: others.filter((c) => matches(c, f, ctx, true)), counts, total: others.length };
}
