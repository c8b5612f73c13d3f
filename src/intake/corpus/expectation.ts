/**
 * What a careful reader extracts from one corpus communiqué (src/intake/corpus/<slug>.txt), as
 * src/intake/corpus.test.ts checks it: numbers and dates exactly, names folded (case, accents,
 * dashes, whitespace), phrases by containment. A field left out is not checked; list
 * expectations name items that must be found, and `count` (where the text is unambiguous) how many.
 */
import type { EventValue, IntakeLanguage, KnownNames, StatementValue } from '../draft.ts';

export interface CorpusCase {
  /** The text's language: passed to `extract`, and expected when `extract` detects it. */
  language: IntakeLanguage;
  /** YYYY-MM-DD, for texts that say "Tuesday", "hier" or a day without a year. */
  published?: string;
  known?: KnownNames;
  /** Adversarial text (mixed languages, …): a field may be missing (null, fewer items), never wrong. */
  partial?: boolean;
  expect: Expected;
}

/** What a span must contain (folded); with several, any one of them. */
export type Cue = string | string[];

export interface Expected {
  mechanism?: {
    /** A phrase the mechanism's name contains. */
    name?: string;
    /** The matched mechanism of `known`. */
    id?: string;
    isNew?: boolean;
    parties?: string[];
    established?: string;
  };
  /** `cue`: what the round's span must contain ("seventh", "XIVe", "12th"). */
  round?: { value: number; cue: Cue } | null;
  /** Partial ISO date; `cue`: what the date's span must contain ("14 mars", "Tuesday", "hier"). */
  date?: { value: string; cue: Cue } | null;
  /** The city as the text writes it; null for a video-conference or no meeting. */
  place?: string | null;
  /** Party codes of the meeting, exactly (ISO 3166-1 alpha-2, lower case). */
  parties?: string[];
  /** Exactly these co-chairs (name as the text first writes it, without "M."/"H.E."). */
  coChairs?: Array<{
    name: string;
    party: string | null;
    /** A phrase the extracted title contains (with several, any one), or null when the text gives none. */
    title: Cue | null;
    personId?: string;
  }>;
  /** Statements to find: speaker (a surname alone also names them; null: no speaker), and a phrase of the text. */
  statements?: Array<{
    speaker: string | null;
    kind: StatementValue['kind'];
    form?: StatementValue['form'];
    phrase: string;
    party?: string | null;
    personId?: string;
  }>;
  commitments?: { count?: number; items: Array<{ phrase: string; parties?: string[] }> };
  consensus?: Array<{ leaders: string[]; phrase?: string }>;
  /** `issue`: a phrase the extracted issue contains. */
  positions?: Array<{ issue: string; holder: string | null; supporter: string | null }>;
  /** `cue`: what the milestone's span must contain. */
  milestones?: Array<{ year: number; anniversary: number | null; cue?: Cue }>;
  /** `participant`: a phrase one participant contains (a surname); `cue`: what the span contains. */
  events?: Array<{ kind: EventValue['kind']; date: string | null; participant?: string; cue?: Cue }>;
  /** 'some': the draft must carry at least one note for the reviewer. */
  notes?: 'some';
}
