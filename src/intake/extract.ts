import { findCoChairs } from './cochairs.ts';
import { commitmentsIn } from './commitments.ts';
import { consensusIn } from './consensus.ts';
import { datesIn, parseIsoDay } from './dates.ts';
import { NO_KNOWN, prepare, type Doc, type Ymd } from './doc.ts';
import type { ExtractOptions, IntakeDraft, IntakeLanguage, Item, StatementValue } from './draft.ts';
import { eventsIn } from './events.ts';
import { isMixed } from './language.ts';
import { aliasesIn, findMechanism } from './mechanism.ts';
import { DateIndex, findMeeting, openingSentences } from './meeting.ts';
import { milestonesIn } from './milestones.ts';
import { Parties } from './parties.ts';
import { People } from './people.ts';
import { positionsIn } from './positions.ts';
import { Statements } from './statements.ts';
import { binaryShare, type Span } from './text.ts';

/**
 * The intake's extractor (issue 7; docs/decisions/0021): a communiqué's text → a draft of the
 * round it reports, every item with its source span and a confidence. Rule-based and
 * deterministic: chrono-node for dates, patterns for the rest, and the names the record
 * already knows. It never throws: bad input gives notes and an empty or partial draft.
 */

/** Texts are read up to this many characters: a communiqué is a few thousand. */
export const MAX_CHARS = 100_000;
/** A text with more control or replacement characters than this is taken for binary data. */
const BINARY_SHARE = 0.05;

export function emptyDraft(language: IntakeLanguage, notes: string[]): IntakeDraft {
  return {
    language,
    mechanism: null,
    round: null,
    date: null,
    place: null,
    parties: [],
    coChairs: [],
    statements: [],
    commitments: [],
    consensus: [],
    positions: [],
    milestones: [],
    events: [],
    notes,
  };
}

export function extract(text: string, opts: ExtractOptions = {}): IntakeDraft {
  const fallback: IntakeLanguage = opts.language ?? 'en';
  try {
    return run(typeof text === 'string' ? text : '', opts);
  } catch (err) {
    // A safety net, not a path: every input is meant to go through `run`.
    return emptyDraft(fallback, [`Extraction failed on this text (${err instanceof Error ? err.message : String(err)}): nothing extracted.`]);
  }
}

function run(input: string, opts: ExtractOptions): IntakeDraft {
  const notes: string[] = [];
  if (input.trim() === '') return emptyDraft(opts.language ?? 'en', ['The text is empty.']);
  let text = input;
  if (text.length > MAX_CHARS) {
    // Cut at a paragraph or sentence end near the limit, never inside a surrogate pair.
    let cut = text.lastIndexOf('\n', MAX_CHARS);
    if (cut < MAX_CHARS * 0.9) cut = text.lastIndexOf('. ', MAX_CHARS) + 1;
    if (cut < MAX_CHARS * 0.9) cut = MAX_CHARS;
    if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
    text = text.slice(0, cut);
    notes.push(`Text cut at ${cut.toLocaleString('en-US')} characters for extraction (of ${input.length.toLocaleString('en-US')}): the rest was not read.`);
  }
  const share = binaryShare(text);
  if (share > BINARY_SHARE) {
    return emptyDraft(opts.language ?? 'en', [...notes, `The text looks like binary data (${Math.round(share * 100)}% control or invalid characters): nothing extracted.`]);
  }
  let published: Ymd | null = null;
  if (opts.published !== undefined) {
    published = parseIsoDay(opts.published);
    if (!published) notes.push(`The publication date "${opts.published}" is not a YYYY-MM-DD date: ignored.`);
  }
  const doc = prepare(text, { language: opts.language, published, known: opts.known ?? NO_KNOWN });
  if (opts.language === undefined && doc.counts.fr + doc.counts.en < 3) notes.push(`The language could not be told: read as ${doc.language === 'fr' ? 'French' : 'English'}.`);
  if (isMixed(doc.counts) || doc.otherLanguageChars >= Math.min(200, text.length * 0.1)) notes.push(`The text mixes French and English: read as ${doc.language === 'fr' ? 'French' : 'English'}, each sentence in its own language.`);
  if (!published) {
    const dateline = datelineDate(doc);
    if (dateline) {
      doc.published = dateline;
      notes.push(`The publication date is taken from the dateline: ${isoOf(dateline)}.`);
    }
  }
  return draftOf(doc, notes);
}

const isoOf = (d: Ymd) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** A full date at the top of the text ("June 5, 2025", "Alger, le 9 octobre 2022 –"): the publication's. */
function datelineDate(doc: Doc): Ymd | null {
  for (const s of openingSentences(doc).slice(0, 6)) {
    for (const d of datesIn(doc, s)) {
      if (d.precision !== 'day' || d.source !== 'text' || !d.iso) continue;
      if (d.span[0] - s.start > 40) continue;
      const after = doc.folded.slice(d.span[1], Math.min(s.end, d.span[1] + 4));
      if (s.heading || /^\s*(?:[-–—]|\(|$)/u.test(after) || d.span[1] >= s.end - 1) return parseIsoDay(d.iso);
    }
  }
  return null;
}

function draftOf(doc: Doc, notes: string[]): IntakeDraft {
  const people = new People(doc);
  const partyIndex = new Parties(doc, people);
  const dates = new DateIndex(doc);
  // People are remembered in reading order: a surname later refers to a name met before.
  for (const s of doc.sentences) people.inSentence(s);

  const meeting = findMeeting(doc, people, dates);
  if (!meeting) notes.push('No meeting found in this text: no round, date, place or co-chairs taken.');
  else notes.push(...meeting.notes);

  const consensus = doc.sentences.flatMap((s) => consensusIn(doc, s, people));
  const leaderSpans: Span[] = consensus.map((c) => c.span);
  // Parties first from the meeting sentence, then the co-chairs fill in and are filled in.
  const firstParties = partyIndex.find(meeting?.sentence ?? null, []);
  const chairs = findCoChairs(doc, people, meeting?.sentence ?? null, leaderSpans, firstParties.map((p) => p.value.code ?? '').filter(Boolean));
  const parties = meeting ? partyIndex.find(meeting.sentence, chairs.mentions) : [];
  const codes = parties.map((p) => p.value.code).filter((c): c is string => c !== undefined);

  const baseYear = meeting?.date ? Number(meeting.date.value.slice(0, 4)) : (doc.published?.year ?? null);
  const milestones = doc.sentences.flatMap((s) => milestonesIn(doc, s, { baseYear, notes }));
  const established = milestones.find((m) => m.establishes)?.item.value.year;

  const positions = [];
  let previousSubject: string | null = null;
  for (const s of doc.sentences) {
    const found = positionsIn(doc, s, { people, parties: partyIndex, previousSubject });
    positions.push(...found);
    const subject = partyIndex.mentions(s)[0];
    if (subject && subject.span[0] - s.start < 30) previousSubject = subject.code;
  }
  const positionSentences = new Set(positions.map((p) => doc.sentences.findIndex((s) => s.start <= p.span[0] && p.span[0] < s.end)));

  const statements = new Statements(doc, people, (s) => positionSentences.has(s.index));
  const said: Item<StatementValue>[] = [];
  for (const s of doc.sentences) {
    if (meeting && s.index === meeting.sentence.index) continue;
    for (const x of statements.in(s)) said.push(x.item);
  }
  // A speaker's party the co-chairs give (by elimination, "pour la France").
  for (const st of said) {
    if (st.value.party !== null || st.value.speaker === null) continue;
    const chair = chairs.items.find((c) => c.value.name === st.value.speaker || (st.value.personId !== undefined && c.value.personId === st.value.personId));
    if (chair) st.value.party = chair.value.party;
  }

  const commitments = doc.sentences
    .flatMap((s) => commitmentsIn(doc, s, { parties: codes, people, partyIndex }))
    // "se sont engagés à mettre en œuvre le consensus …": the consensus item says it already.
    .filter((c) => !leaderSpans.some((l) => l[0] >= c.span[0] && l[1] <= c.span[1]));

  const events = doc.sentences.flatMap((s) =>
    eventsIn(doc, s, { people, parties: partyIndex, dates, baseYear, meeting: meeting?.sentence ?? null, roundSpan: meeting?.round?.span ?? null }),
  );

  const mechanism = findMechanism(doc, {
    meeting,
    parties: codes,
    established: established !== undefined ? String(established) : undefined,
    aliases: aliasesIn(doc),
  });
  if (meeting && !mechanism) notes.push('The mechanism could not be named from the text.');

  return {
    language: doc.language,
    mechanism,
    round: meeting?.round ?? null,
    date: meeting?.date ?? null,
    place: meeting?.place ?? null,
    parties,
    coChairs: chairs.items,
    statements: said,
    commitments,
    consensus,
    positions,
    milestones: milestones.map((m) => m.item),
    events,
    notes,
  };
}
