import { CONFIDENCE } from './confidence.ts';
import { datesIn, type DateMention } from './dates.ts';
import type { Doc, Sentence } from './doc.ts';
import type { Item } from './draft.ts';
import { findRoundOrdinals, type RoundMention } from './ordinals.ts';
import type { People } from './people.ts';
import { datelineCity, placesIn, videoConference, type PlaceMention } from './places.ts';
import type { Span } from './text.ts';

/**
 * The meeting the text is about: the sentence that reports it — among the headings and the
 * first body sentences, the one with a round's ordinal, a date, a place and a meeting verb —
 * and from it the round's number, date and place. Other meetings the text mentions (an
 * earlier session, the next one, a summit) live in other sentences or after words like
 * "previous" or "prochaine", and are not this round.
 */

/** How many body sentences (not headings) may hold the meeting: a communiqué opens with it. */
const OPENING = 4;

const MEETING_VERB =
  /(?<![\p{L}])(?:se sont reuni(?:e)?s|s'est tenue?|se sont tenue?s|a eu lieu|ont eu lieu|s'est deroulee?|se sont rencontre(?:e)?s|ont tenu|a tenu|tiennent|tient|copresid|co-presid|sous la (?:co-?)?presidence|held|hold|holds|met|meet|took place|takes place|convened|co-chaired|cochaired|co-chair|co-hosted|hosted|was chaired|were held|was held|gathered|a recu|ont recu|a accueilli|ont accueilli)(?![\p{L}])/u;
/** Words that make a round mention another meeting than this one. */
const OTHER_MEETING =
  /(?<![\p{L}])(?:precedente?s?|derniere?s?|prochaine?s?|suivante?s?|previous|last|prior|earlier|next|upcoming|following|followed|follows|future|preceding|since|depuis|suite|suivait)(?![\p{L}])/u;
/** A sentence that speaks of the meeting just reported: "It was the 15th …", "Il s'agissait de la …". */
const BACK_REFERENCE = /^\s*(?:it|this|that|il|elle|c'|cette (?:reunion|session|rencontre)|ce (?:cycle|dialogue)|the (?:meeting|session|talks|consultations?))(?![\p{L}])/u;
const FORWARD = /(?<![\p{L}])(?:to hold|de tenir|tiendra|se tiendra|will be held|will hold|shall hold|agreed to|convenu|convenues|convenus|decide|decided)(?![\p{L}])/u;

export interface Meeting {
  sentence: Sentence;
  round: Item<number> | null;
  date: Item<string> | null;
  place: Item<string> | null;
  video: Span | null;
  notes: string[];
  /** The round's mention in the meeting sentence: where the mechanism's name follows. */
  roundMention: RoundMention | null;
}

export class DateIndex {
  private readonly memo = new Map<number, DateMention[]>();
  constructor(private readonly doc: Doc) {}
  in(s: Sentence): DateMention[] {
    let out = this.memo.get(s.index);
    if (!out) {
      out = datesIn(this.doc, s);
      this.memo.set(s.index, out);
    }
    return out;
  }
}

/** Round mentions of a sentence (absolute offsets). */
export function roundsIn(doc: Doc, s: Sentence): RoundMention[] {
  const folded = doc.folded.slice(s.start, s.end);
  const original = doc.text.slice(s.start, s.end);
  return findRoundOrdinals(folded, original, s.lang).map((r) => ({
    ...r,
    span: [r.span[0] + s.start, r.span[1] + s.start] as Span,
    ordinal: [r.ordinal[0] + s.start, r.ordinal[1] + s.start] as Span,
    nounEnd: r.nounEnd + s.start,
  }));
}

/** Is this round mention about another meeting ("the previous round", "de tenir la dixième réunion")? */
export function otherMeeting(doc: Doc, s: Sentence, r: RoundMention): boolean {
  const before = doc.folded.slice(Math.max(s.start, r.span[0] - 40), r.span[0]);
  const own = doc.folded.slice(r.span[0], r.span[1]);
  return OTHER_MEETING.test(own) || OTHER_MEETING.test(before.slice(-16)) || FORWARD.test(before);
}

/** The opening sentences: headings, then the first few body sentences. */
export function openingSentences(doc: Doc): Sentence[] {
  const out: Sentence[] = [];
  let body = 0;
  for (const s of doc.sentences) {
    if (s.last - s.first < 3 && !s.heading) continue; // "1.", a lone number
    out.push(s);
    if (!s.heading) body++;
    if (body >= OPENING) break;
  }
  return out;
}

export function findMeeting(doc: Doc, people: People, dates: DateIndex): Meeting | null {
  let best: { s: Sentence; score: number } | null = null;
  for (const s of openingSentences(doc)) {
    const folded = doc.folded.slice(s.start, s.end);
    const rounds = roundsIn(doc, s).filter((r) => !otherMeeting(doc, s, r));
    const found = dates.in(s).filter((d) => d.precision === 'day' || d.precision === 'month' || d.iso === null);
    let score = 0;
    if (rounds.length > 0) score += 4;
    if (found.length > 0) score += 2;
    if (placesIn(doc, s, people).length > 0 || videoConference(doc, s)) score += 2;
    if (MEETING_VERB.test(folded)) score += 2;
    if (s.heading) score -= 1.5;
    score -= s.index * 0.05;
    if (score >= 4 && (!best || score > best.score)) best = { s, score };
  }
  if (!best) return null;
  return describe(doc, best.s, people, dates);
}

function describe(doc: Doc, s: Sentence, people: People, dates: DateIndex): Meeting {
  const notes: string[] = [];
  // Round: in the meeting sentence, else in a heading before it.
  let round: Item<number> | null = null;
  let roundMention: RoundMention | null = null;
  const own = roundsIn(doc, s).filter((r) => !otherMeeting(doc, s, r));
  if (own[0]) {
    roundMention = own[0];
    round = { value: own[0].value, confidence: CONFIDENCE.explicit, span: own[0].span };
  } else {
    for (const h of doc.sentences) {
      if (h.index >= s.index) break;
      const r = roundsIn(doc, h).find((x) => !otherMeeting(doc, h, x));
      if (h.heading && r) {
        round = { value: r.value, confidence: CONFIDENCE.inferred, span: r.span };
        roundMention = r;
        break;
      }
    }
  }

  if (!round) {
    // "… met in Seoul on 3 April. It was the 15th meeting of the …": the next sentence names it.
    for (const n of doc.sentences.slice(s.index + 1, s.index + 3)) {
      if (!BACK_REFERENCE.test(doc.folded.slice(n.start, n.end))) continue;
      const r = roundsIn(doc, n).find((x) => !otherMeeting(doc, n, x));
      if (r) {
        round = { value: r.value, confidence: CONFIDENCE.inferred, span: r.span };
        roundMention = r;
        break;
      }
    }
  }
  if (!round) notes.push('No round number found for the meeting.');

  // Date: the meeting sentence's own, most precise first.
  let date: Item<string> | null = null;
  const found = dates.in(s);
  const resolved = found.filter((d) => d.iso !== null);
  const pick = resolved.find((d) => d.precision === 'day') ?? resolved.find((d) => d.precision === 'month') ?? null;
  if (pick && pick.iso) {
    date = { value: pick.iso, confidence: pick.source === 'text' ? CONFIDENCE.explicit : CONFIDENCE.resolved, span: pick.span };
  } else {
    const unresolved = found.find((d) => d.iso === null);
    if (unresolved) {
      notes.push(
        `The meeting's date ("${doc.text.slice(unresolved.span[0], unresolved.span[1])}") lacks a year or a day that only the publication date could give: none taken. Give the publication date to resolve it.`,
      );
    } else {
      const year = resolved.find((d) => d.precision === 'year');
      if (year && year.iso) date = { value: year.iso, confidence: CONFIDENCE.guess, span: year.span };
      else notes.push('No date found for the meeting.');
    }
  }

  // Place: a city in the meeting sentence; none for a video-conference; else the dateline's.
  let place: Item<string> | null = null;
  const video = videoConference(doc, s);
  const cities: PlaceMention[] = placesIn(doc, s, people);
  if (video) {
    notes.push('Held by video-conference: no place.');
  } else if (cities[0]) {
    const c = cities[0];
    place = { value: c.name, confidence: c.city ? CONFIDENCE.explicit : CONFIDENCE.inferred, span: c.span };
  } else {
    for (const h of openingSentences(doc)) {
      if (h.index > s.index) break;
      const d = datelineCity(doc, h);
      if (d) {
        place = { value: d.name, confidence: CONFIDENCE.guess, span: d.span };
        notes.push(`The place is the dateline's (${d.name}): the text does not say where the meeting was held.`);
        break;
      }
    }
    if (!place) notes.push('No place found for the meeting.');
  }
  return { sentence: s, round, date, place, video, notes, roundMention };
}
