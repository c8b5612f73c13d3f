import type { Marking } from '../../api/types.ts';
import type {
  AcceptRequest,
  CommitmentValue,
  ConsensusValue,
  EventValue,
  IntakeDraft,
  IntakeLanguage,
  MechanismValue,
  MilestoneValue,
  PartyValue,
  PersonValue,
  PositionValue,
  StatementValue,
} from './api.ts';

/**
 * The review of a draft, without React: every extracted item with its (editable) value and
 * whether the reviewer keeps it; the accept request made of the kept ones; where the API's
 * field errors belong; and the source text cut into highlighted segments.
 */

export interface FieldValues {
  mechanism: MechanismValue;
  round: number;
  date: string;
  place: string;
  parties: PartyValue;
  coChairs: PersonValue;
  statements: StatementValue;
  commitments: CommitmentValue;
  consensus: ConsensusValue;
  positions: PositionValue;
  milestones: MilestoneValue;
  events: EventValue;
}
export type FieldName = keyof FieldValues;

/** The fields in the order the page shows them. */
export const FIELDS: readonly FieldName[] = ['mechanism', 'round', 'date', 'place', 'parties', 'coChairs', 'statements', 'commitments', 'consensus', 'positions', 'milestones', 'events'];
/** The fields of one item at most. */
export const SINGLE_FIELDS: ReadonlySet<FieldName> = new Set(['mechanism', 'round', 'date', 'place']);

export interface ReviewItem<F extends FieldName = FieldName> {
  /** `round`, `coChairs.1`: the item's place in the draft. */
  key: string;
  field: F;
  value: FieldValues[F];
  confidence: number;
  span: [number, number];
  accepted: boolean;
  /** False for a round, date or place the text did not give: an empty item for the reviewer to fill. */
  found: boolean;
}

export type Review = { [F in FieldName]: Array<ReviewItem<F>> };

export function reviewOf(draft: IntakeDraft): Review {
  type Extracted<F extends FieldName> = { value: FieldValues[F]; confidence: number; span: [number, number] };
  const single = <F extends FieldName>(field: F, item: Extracted<F> | null, empty?: FieldValues[F]): Array<ReviewItem<F>> => {
    if (item) return [{ key: field, field, value: item.value, confidence: item.confidence, span: item.span, accepted: true, found: true }];
    return empty === undefined ? [] : [{ key: field, field, value: empty, confidence: 0, span: [0, 0], accepted: false, found: false }];
  };
  const many = <F extends FieldName>(field: F, items: Array<Extracted<F>>): Array<ReviewItem<F>> =>
    items.map((item, i) => ({ key: `${field}.${i}`, field, value: item.value, confidence: item.confidence, span: item.span, accepted: true, found: true }));
  return {
    mechanism: single('mechanism', draft.mechanism),
    // What the text did not give, the reviewer may: an empty item, kept once filled in.
    round: single('round', draft.round, Number.NaN),
    date: single('date', draft.date, ''),
    place: single('place', draft.place, ''),
    parties: many('parties', draft.parties),
    coChairs: many('coChairs', draft.coChairs),
    statements: many('statements', draft.statements),
    commitments: many('commitments', draft.commitments),
    consensus: many('consensus', draft.consensus),
    positions: many('positions', draft.positions),
    milestones: many('milestones', draft.milestones),
    events: many('events', draft.events),
  };
}

export function allItems(review: Review): ReviewItem[] {
  return FIELDS.flatMap((f) => review[f] as ReviewItem[]);
}

/** The review with one item changed. */
export function updateItem<F extends FieldName>(review: Review, field: F, key: string, change: (item: ReviewItem<F>) => ReviewItem<F>): Review {
  const list = review[field] as Array<ReviewItem<F>>;
  return { ...review, [field]: list.map((item) => (item.key === key ? change(item) : item)) };
}

export interface AcceptOptions {
  mechanismId: string;
  language: IntakeLanguage;
  marking: Marking;
  /** A party code, null for none, undefined to let the server take it from an earlier round at the place. */
  hostParty: string | null | undefined;
}

/**
 * The accept request of the kept items, and where each of its list entries came from
 * (`coChairs.0` of the request → `coChairs.2` of the review, when the first two were dropped).
 */
export function acceptRequest(review: Review, opts: AcceptOptions): { body: AcceptRequest; origin: Map<string, string> } {
  const origin = new Map<string, string>();
  const kept = <F extends FieldName>(field: F) => (review[field] as Array<ReviewItem<F>>).filter((i) => i.accepted);
  const list = <F extends FieldName>(field: F) =>
    kept(field).map((item, i) => {
      origin.set(`${field}.${i}`, item.key);
      return { value: item.value };
    });
  const one = <F extends FieldName>(field: F) => {
    const item = kept(field)[0];
    return item ? { value: item.value } : null;
  };
  const round = one('round');
  const body = {
    language: opts.language,
    mechanism: { value: { id: opts.mechanismId } },
    marking: opts.marking,
    ...(opts.hostParty === undefined ? {} : { hostParty: opts.hostParty }),
    // Without a kept round the server names the field (400 at `round`).
    ...(round ? { round } : {}),
    date: one('date'),
    place: one('place'),
    parties: list('parties'),
    coChairs: list('coChairs'),
    statements: list('statements'),
    commitments: list('commitments'),
    consensus: list('consensus'),
    positions: list('positions'),
    milestones: list('milestones'),
    events: list('events'),
  } as AcceptRequest;
  return { body, origin };
}

/** Where an API field error belongs: a review item (and the name of its value's field), or a setting of the page. */
export interface Placed {
  /** A review item's key, or `marking`, `hostParty`, `mechanism`, `form`. */
  target: string;
  /** The item's value field (`party` of `coChairs.1.value.party`), if the error names one. */
  sub?: string;
}

export function placeError(field: string, origin: ReadonlyMap<string, string>): Placed {
  const parts = field.split('.');
  const [head = ''] = parts;
  if (head === 'marking' || head === 'hostParty' || head === 'mechanism') return { target: head };
  // A round, date or place has one input: its errors are that input's.
  if (SINGLE_FIELDS.has(head as FieldName)) return { target: head, sub: 'value' };
  const key = parts[1] !== undefined ? origin.get(`${head}.${parts[1]}`) : undefined;
  if (!key) return { target: 'form' };
  return { target: key, ...(parts[2] === 'value' && parts[3] ? { sub: parts[3] } : {}) };
}

export type Confidence = 'high' | 'medium' | 'low';
export function confidenceLevel(c: number): Confidence {
  return c >= 0.8 ? 'high' : c >= 0.5 ? 'medium' : 'low';
}

/** A stretch of the source text and the items whose spans cover it, the narrowest first. */
export interface Segment {
  start: number;
  end: number;
  keys: string[];
}

/**
 * The text cut at every span's ends: each piece with the items covering it (narrowest span
 * first, so that a co-chair's name inside a statement's sentence leads to the co-chair).
 */
export function segments(length: number, items: ReadonlyArray<{ key: string; span: [number, number] }>): Segment[] {
  const valid = items.filter((i) => Number.isInteger(i.span[0]) && Number.isInteger(i.span[1]) && i.span[0] >= 0 && i.span[1] <= length && i.span[0] < i.span[1]);
  const cuts = [...new Set([0, length, ...valid.flatMap((i) => i.span)])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let c = 0; c + 1 < cuts.length; c++) {
    const start = cuts[c]!;
    const end = cuts[c + 1]!;
    const covering = valid.filter((i) => i.span[0] <= start && i.span[1] >= end).sort((a, b) => a.span[1] - a.span[0] - (b.span[1] - b.span[0]));
    out.push({ start, end, keys: covering.map((i) => i.key) });
  }
  return out;
}

/** The names a comma-separated input holds. */
export function namesOf(input: string): string[] {
  return input
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
