/**
 * How sure the extractor is, on one scale for every field (docs/decisions/0021): an exact
 * match with a name the record knows is near certain; an explicit pattern where the text is
 * about the meeting is likely; the same pattern elsewhere, or a value completed from the
 * publication date, is plausible; what rests on a guess (a pronoun, a capitalised word after
 * "à", a name built from the text) is to be checked.
 */
export const CONFIDENCE = {
  /** A name the record knows, written as it knows it. */
  known: 0.95,
  /** A known name in another spelling, or a part of it ("Shoigu"). */
  knownVariant: 0.85,
  /** An explicit pattern in the sentence that reports the meeting. */
  explicit: 0.9,
  /** An explicit pattern elsewhere in the text. */
  pattern: 0.75,
  /** Completed from the publication date ("hier", "Tuesday", "2 December"). */
  resolved: 0.75,
  /** Inferred: a pronoun's speaker, a party by elimination, a heading's ordinal. */
  inferred: 0.6,
  /** A guess: a capitalised word after "à"/"in", a dateline taken for the meeting's. */
  guess: 0.45,
} as const;

export const clamp = (c: number): number => Math.max(0, Math.min(1, Math.round(c * 100) / 100));
