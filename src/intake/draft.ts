/**
 * The draft the intake extracts from a communiqué's text (issue 7). Every extracted item says
 * where it came from (`span`: [start, end) offsets into the input text, in UTF-16 code units,
 * as JavaScript strings index) and how sure the extractor is (`confidence`, 0–1). The shape is
 * what `entente intake --json` prints and what `POST /api/v1/intake` answers.
 */

export const INTAKE_LANGUAGES = ['fr', 'en'] as const;
export type IntakeLanguage = (typeof INTAKE_LANGUAGES)[number];

export interface Item<T> {
  value: T;
  /** 0–1: how sure the extractor is; the review page shows the low ones first. */
  confidence: number;
  span: [number, number];
}

export interface MechanismValue {
  /** The mechanism's name as the text gives it (or the matched mechanism's name in the text's language). */
  name: string;
  /** Set when matched to an existing mechanism (by name and parties). */
  id?: string;
  /** Party codes (ISO 3166-1 alpha-2, lower case) where known. */
  parties: string[];
  /** Partial ISO date the text gives for its founding, e.g. "2005". */
  established?: string;
  isNew: boolean;
}

export interface PartyValue {
  /** The party as the text names it ("la Chine", "Russia"). */
  name: string;
  /** Lower-case ISO 3166-1 alpha-2 code, or the known party's code. */
  code?: string;
  isNew: boolean;
}

export interface PersonValue {
  name: string;
  /** The title as the text gives it, or null when it gives none. */
  title: string | null;
  /** Party code, or null when the text does not tell. */
  party: string | null;
  /** Set when matched to a known person. */
  personId?: string;
}

export const DRAFT_STATEMENT_KINDS = ['remark', 'joint-statement', 'chair-summary', 'readout'] as const;
export interface StatementValue {
  /** The speaker's name, or null for a joint statement. */
  speaker: string | null;
  kind: (typeof DRAFT_STATEMENT_KINDS)[number];
  /** The gist (reported speech) or the quote. */
  text: string;
  form: 'quote' | 'gist';
  party: string | null;
  personId?: string;
}

export interface CommitmentValue {
  text: string;
  /** Party codes committed; every party of the meeting when the text says "both sides". */
  parties: string[];
}

export interface ConsensusValue {
  /** What the leaders agreed, as the text puts it. */
  text: string;
  /** The leaders' names. */
  leaders: string[];
}

export interface PositionValue {
  /** The issue ("Taïwan", "the South China Sea"). */
  issue: string;
  /** Party code whose position it is. */
  holder: string | null;
  /** Party code that states its support, or null for a position merely stated. */
  supporter: string | null;
  /** The sentence's wording of the support. */
  text: string;
}

export interface MilestoneValue {
  /** What happened ("launch of their strategic coordination"). */
  event: string;
  /** The year it happened: given, or computed from an anniversary. */
  year: number;
  /** The anniversary the text marks (30 for "30 ans depuis …"), or null. */
  anniversary: number | null;
}

export const DRAFT_EVENT_KINDS = ['state-visit', 'summit', 'call', 'meeting'] as const;
export interface EventValue {
  kind: (typeof DRAFT_EVENT_KINDS)[number];
  title: string;
  /** Partial ISO date ("2025", "2025-05", "2025-05-08"), or null. */
  date: string | null;
  place: string | null;
  participants: string[];
}

export interface IntakeDraft {
  language: IntakeLanguage;
  mechanism: Item<MechanismValue> | null;
  round: Item<number> | null;
  /** Partial ISO date with its precision: "2025", "2025-12" or "2025-12-02". */
  date: Item<string> | null;
  /** The city; null for a video-conference or when the text names none. */
  place: Item<string> | null;
  parties: Item<PartyValue>[];
  coChairs: Item<PersonValue>[];
  statements: Item<StatementValue>[];
  commitments: Item<CommitmentValue>[];
  consensus: Item<ConsensusValue>[];
  positions: Item<PositionValue>[];
  milestones: Item<MilestoneValue>[];
  events: Item<EventValue>[];
  /** Plain messages for the reviewer: no meeting found, text cut, mixed languages, … */
  notes: string[];
}

/** What the record already knows, so that names are matched instead of duplicated. */
export interface KnownNames {
  mechanisms: Array<{ id: string; names: string[]; parties: string[]; established?: string | null }>;
  parties: Array<{ code: string; names: string[] }>;
  people: Array<{ id: string; party: string; names: string[]; titles: string[] }>;
}

export interface ExtractOptions {
  language?: IntakeLanguage;
  /** ISO date (YYYY-MM-DD) the text was published: resolves "Tuesday", "hier", "2 December". */
  published?: string;
  known?: KnownNames;
}
