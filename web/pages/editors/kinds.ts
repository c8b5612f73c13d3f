/**
 * What each editable record kind is made of, as the form engine needs it: the API path, and
 * one small description per field (src/record/<kind>/schema.ts is the reference; the API
 * checks everything again, this only chooses the inputs).
 */

import type { Marking } from '../../api/types.ts';

/** The record kinds a reference picker lists (each from its own API list). */
export type RefKind = 'round' | 'event' | 'person' | 'consensusItem' | 'agreement' | 'commitment';

interface Base {
  name: string;
  /** The API refuses the record without it (shown as "required"). */
  required?: boolean;
  /** Fixed at creation: shown read-only when editing. */
  immutable?: boolean;
  /** Part of following up a commitment (delegates may change it: status). */
  followUp?: boolean;
}

export type FieldDesc =
  | (Base & { type: 'string'; inputType?: 'text' | 'url' })
  | (Base & { type: 'number' })
  /**
   * Multilingual text: one input per language, side by side. `columns`: one column per
   * language, aligned with the other fields that have them (a text drafted in parallel).
   */
  | (Base & { type: 'multilingual'; multiline?: boolean; columns?: boolean; rows?: number })
  /** ISO 8601 partial date: YYYY, YYYY-MM or YYYY-MM-DD. */
  | (Base & { type: 'date' })
  /** An instant (ISO 8601 in UTC), typed as a date and time of the reader's time zone. */
  | (Base & { type: 'instant' })
  /** One of fixed values; labels are messages `${labels}.${value}`. `numeric` values are sent as numbers. */
  | (Base & { type: 'select'; options: readonly string[]; labels: string; numeric?: boolean })
  /** One party of the mechanism. */
  | (Base & { type: 'party' })
  /** Several parties of the mechanism. */
  | (Base & { type: 'parties' })
  | (Base & { type: 'reference'; refKind: RefKind })
  | (Base & { type: 'references'; refKind: RefKind })
  /** One person per party of the mechanism: `[{ party, personId }]`. */
  | (Base & { type: 'coChairs' });

export type FieldType = FieldDesc['type'];

export interface KindDesc {
  /** The API collection: /api/v1/<path>. */
  path: string;
  fields: readonly FieldDesc[];
  /** The field `?parent=` fills (the record this one hangs from). */
  parent?: string;
  /** The workspace page of one record (`/m/:mechanismId/<page>/:id`): a new record lands there. */
  page?: string;
  /** The markings the form offers, when not all (default: public, joint, internal). */
  markings?: readonly Marking[];
  /** Only a record for which this holds is edited in the form (else a message says why). */
  editable?: (record: Record<string, unknown>) => boolean;
}

export const EDITOR_KINDS = ['round', 'agendaItem', 'statement', 'commitment', 'evidence', 'assessment', 'position', 'event', 'milestone', 'consensusItem', 'communique'] as const;
export type EditorKind = (typeof EDITOR_KINDS)[number];

export function isEditorKind(value: string | undefined): value is EditorKind {
  return (EDITOR_KINDS as readonly string[]).includes(value ?? '');
}

const roundRef = { name: 'roundId', type: 'reference', refKind: 'round' } as const;

export const KINDS: Record<EditorKind, KindDesc> = {
  round: {
    path: 'rounds',
    fields: [
      { name: 'number', type: 'number', required: true, immutable: true },
      { name: 'startDate', type: 'date' },
      { name: 'endDate', type: 'date' },
      { name: 'place', type: 'multilingual' },
      { name: 'hostParty', type: 'party' },
      { name: 'coChairs', type: 'coChairs' },
      { name: 'consensusItemIds', type: 'references', refKind: 'consensusItem' },
      // Concluded is the co-signing's alone (src/outcome/).
      { name: 'status', type: 'select', options: ['planned', 'held'], labels: 'round.status' },
    ],
  },
  agendaItem: {
    path: 'agenda-items',
    parent: 'roundId',
    fields: [
      { ...roundRef, required: true, immutable: true },
      { name: 'position', type: 'number', required: true },
      { name: 'title', type: 'multilingual', required: true },
    ],
  },
  statement: {
    path: 'statements',
    parent: 'roundId',
    fields: [
      roundRef,
      { name: 'eventId', type: 'reference', refKind: 'event' },
      { name: 'speakerId', type: 'reference', refKind: 'person' },
      { name: 'party', type: 'party' },
      { name: 'kind', type: 'select', options: ['remark', 'joint-statement', 'chair-summary', 'readout'], labels: 'statement.kind', required: true },
      { name: 'form', type: 'select', options: ['gist', 'quote'], labels: 'statement.form' },
      { name: 'text', type: 'multilingual', multiline: true, required: true },
    ],
  },
  commitment: {
    path: 'commitments',
    parent: 'roundId',
    fields: [
      { name: 'text', type: 'multilingual', multiline: true, required: true },
      { name: 'parties', type: 'parties', required: true },
      roundRef,
      { name: 'consensusItemId', type: 'reference', refKind: 'consensusItem' },
      { name: 'agreementId', type: 'reference', refKind: 'agreement' },
      { name: 'article', type: 'string' },
      { name: 'due', type: 'date' },
      { name: 'status', type: 'select', options: ['open', 'in-progress', 'done', 'dropped'], labels: 'commitment.status', followUp: true },
    ],
  },
  evidence: {
    path: 'evidence',
    parent: 'commitmentId',
    fields: [
      { name: 'commitmentId', type: 'reference', refKind: 'commitment', required: true, immutable: true },
      { name: 'date', type: 'date', required: true },
      { name: 'note', type: 'multilingual', multiline: true, required: true },
      { name: 'url', type: 'string', inputType: 'url' },
    ],
  },
  assessment: {
    path: 'assessments',
    parent: 'commitmentId',
    fields: [
      { name: 'commitmentId', type: 'reference', refKind: 'commitment', required: true, immutable: true },
      { name: 'party', type: 'party', required: true, immutable: true },
      { name: 'assessor', type: 'select', options: ['self', 'partner', 'agreed'], labels: 'editor.assessor', required: true, immutable: true },
      roundRef,
      { name: 'score', type: 'select', options: ['1', '0', '-1'], labels: 'editor.score', numeric: true, required: true },
      { name: 'reason', type: 'multilingual', multiline: true },
    ],
  },
  position: {
    path: 'positions',
    fields: [
      { name: 'issue', type: 'multilingual', required: true },
      { name: 'holderParty', type: 'party', required: true },
      { name: 'stance', type: 'multilingual', multiline: true },
    ],
  },
  event: {
    path: 'events',
    fields: [
      { name: 'kind', type: 'select', options: ['state-visit', 'summit', 'call', 'meeting'], labels: 'editor.eventKind', required: true },
      { name: 'date', type: 'date', required: true },
      { name: 'title', type: 'multilingual', required: true },
      { name: 'place', type: 'multilingual' },
      { name: 'participantIds', type: 'references', refKind: 'person' },
    ],
  },
  milestone: {
    path: 'milestones',
    fields: [
      { name: 'title', type: 'multilingual', required: true },
      { name: 'date', type: 'date', required: true },
      { name: 'step', type: 'number' },
    ],
  },
  consensusItem: {
    path: 'consensus-items',
    fields: [
      { name: 'text', type: 'multilingual', multiline: true, required: true },
      { name: 'sourceEventId', type: 'reference', refKind: 'event' },
      { name: 'leaderIds', type: 'references', refKind: 'person' },
    ],
  },
  communique: {
    path: 'communiques',
    parent: 'roundId',
    page: 'communiques',
    // Public is the publication's alone (src/record/communiques/workflow.ts).
    markings: ['joint', 'internal'],
    // Approved, scheduled and published communiqués move through their page's workflow.
    editable: (record) => record.status === 'draft',
    fields: [
      roundRef,
      { name: 'eventId', type: 'reference', refKind: 'event' },
      { name: 'title', type: 'multilingual', required: true, columns: true },
      { name: 'text', type: 'multilingual', multiline: true, required: true, columns: true, rows: 18 },
      { name: 'embargo', type: 'instant' },
    ],
  },
};
