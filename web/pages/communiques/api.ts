import { allPages, api } from '../../api/entente.ts';
import type { Page, RecordBase, Text } from '../../api/types.ts';

/**
 * The communiqués and comments API as the workspace reads it (src/record/communiques/routes.ts,
 * src/public/comments/moderation-routes.ts; GET /api/v1/openapi.json is the reference).
 */

export const COMMUNIQUE_STATUSES = ['draft', 'approved', 'scheduled', 'published'] as const;
export type CommuniqueStatus = (typeof COMMUNIQUE_STATUSES)[number];

/** One co-chair's approval of a communiqué's content, by its hash. */
export interface Approval {
  party: string;
  username: string;
  at: string;
  contentHash: string;
}

export interface Communique extends RecordBase {
  mechanismId: string;
  roundId: string | null;
  eventId: string | null;
  title: Text;
  text: Text;
  embargo: string | null;
  status: CommuniqueStatus;
  approvals: Approval[];
  publishedAt: string | null;
  version: number;
  previousId: string | null;
  correctionNote: Text | null;
  /** The hash of what the co-chairs approve (derived by the API). */
  contentHash: string;
}

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export const MODERATION_ACTIONS = ['approve', 'reject', 'spam'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** The status each moderation action gives. */
export const ACTION_STATUS: Record<ModerationAction, CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };

/** A comment as its moderators see it: the only answer that carries the email. */
export interface ModeratedComment {
  id: string;
  communiqueId: string;
  mechanismId: string;
  name: string;
  email: string;
  website: string | null;
  body: string;
  language: string;
  status: CommentStatus;
  createdAt: string;
  moderatedBy: string | null;
  moderatedAt: string | null;
}

/** A round's or event's label source for a list of communiqués. */
export interface EventRef {
  id: string;
  title: Text;
  date: string;
}

const enc = encodeURIComponent;
const step = (id: string, name: string, body?: unknown) => api.post<Communique>(`/communiques/${enc(id)}/${name}`, body);

export const communiquesApi = {
  /** Every communiqué of the mechanism the reader may see, newest first. */
  list: (mechanismId: string, signal?: AbortSignal) => allPages<Communique>('/communiques', { mechanismId, sort: '-createdAt' }, signal),
  forRound: (mechanismId: string, roundId: string, signal?: AbortSignal) => allPages<Communique>('/communiques', { mechanismId, roundId, sort: '-createdAt' }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Communique>(`/communiques/${enc(id)}`, undefined, signal),
  events: (mechanismId: string, signal?: AbortSignal) => allPages<EventRef>('/events', { mechanismId }, signal),

  /** A co-chair's approval (after POST /session/reauth). Answers the communiqué as it is now: published at once when its embargo has passed. */
  approve: (id: string) => step(id, 'approve'),
  reopen: (id: string) => step(id, 'reopen'),
  /** Sets, moves (an ISO instant) or clears (null) the embargo of an approved communiqué. */
  schedule: (id: string, embargo: string | null) => step(id, 'schedule', { embargo }),
  /** A correction of a published communiqué: the new version, a draft. */
  correct: (id: string, body: { correctionNote: Text; title?: Text; text?: Text }) => step(id, 'correct', body),

  comments: (query: { mechanismId: string; status: CommentStatus; cursor?: string | undefined }, signal?: AbortSignal) =>
    api.get<Page<ModeratedComment>>('/comments', { ...query, limit: 50 }, signal),
  moderate: (ids: readonly string[], action: ModerationAction) =>
    api.post<{ items: Array<Pick<ModeratedComment, 'id' | 'status' | 'moderatedBy' | 'moderatedAt'>> }>('/comments/moderate', { ids, action }),
};
