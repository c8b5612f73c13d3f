import { api } from '../../api/entente.ts';
import type { Marking } from '../../api/types.ts';

/**
 * The intake API as the review page uses it (src/intake/routes.ts; the draft's shape is
 * src/intake/draft.ts, GET /api/v1/openapi.json the reference).
 */

export type IntakeLanguage = 'fr' | 'en';

export interface Item<T> {
  value: T;
  confidence: number;
  span: [number, number];
}

export interface MechanismValue {
  name: string;
  id?: string;
  parties: string[];
  established?: string;
  isNew: boolean;
}
export interface PartyValue {
  name: string;
  code?: string;
  isNew: boolean;
}
export interface PersonValue {
  name: string;
  title: string | null;
  party: string | null;
  personId?: string;
}
export const STATEMENT_KINDS = ['remark', 'joint-statement', 'chair-summary', 'readout'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];
export interface StatementValue {
  speaker: string | null;
  kind: StatementKind;
  text: string;
  form: 'quote' | 'gist';
  party: string | null;
  personId?: string;
}
export interface CommitmentValue {
  text: string;
  parties: string[];
}
export interface ConsensusValue {
  text: string;
  leaders: string[];
}
export interface PositionValue {
  issue: string;
  holder: string | null;
  supporter: string | null;
  text: string;
}
export interface MilestoneValue {
  event: string;
  year: number;
  anniversary: number | null;
}
export const EVENT_KINDS = ['state-visit', 'summit', 'call', 'meeting'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export interface EventValue {
  kind: EventKind;
  title: string;
  date: string | null;
  place: string | null;
  participants: string[];
}

export interface IntakeDraft {
  language: IntakeLanguage;
  mechanism: Item<MechanismValue> | null;
  round: Item<number> | null;
  date: Item<string> | null;
  place: Item<string> | null;
  parties: Item<PartyValue>[];
  coChairs: Item<PersonValue>[];
  statements: Item<StatementValue>[];
  commitments: Item<CommitmentValue>[];
  consensus: Item<ConsensusValue>[];
  positions: Item<PositionValue>[];
  milestones: Item<MilestoneValue>[];
  events: Item<EventValue>[];
  notes: string[];
}

export interface ExtractRequest {
  text: string;
  language?: IntakeLanguage;
  published?: string;
}

/** The reviewed draft: accepted items only, as `POST /api/v1/intake/accept` takes them. */
export interface AcceptRequest {
  language: IntakeLanguage;
  mechanism: { value: { id: string } };
  marking: Marking;
  hostParty?: string | null;
  round: { value: number };
  date: { value: string } | null;
  place: { value: string } | null;
  parties: Array<{ value: PartyValue }>;
  coChairs: Array<{ value: PersonValue }>;
  statements: Array<{ value: StatementValue }>;
  commitments: Array<{ value: CommitmentValue }>;
  consensus: Array<{ value: ConsensusValue }>;
  positions: Array<{ value: PositionValue }>;
  milestones: Array<{ value: MilestoneValue }>;
  events: Array<{ value: EventValue }>;
}

export interface AcceptResult {
  mechanismId: string;
  round: { id: string; number: number };
  created: Record<'people' | 'events' | 'consensusItems' | 'statements' | 'commitments' | 'positions' | 'supports' | 'milestones', string[]>;
  linked: Record<'people' | 'events' | 'positions' | 'milestones', string[]>;
}

export const intakeApi = {
  extract: (body: ExtractRequest, signal?: AbortSignal) => api.post<IntakeDraft>('/intake', body, signal),
  accept: (body: AcceptRequest) => api.post<AcceptResult>('/intake/accept', body),
};
