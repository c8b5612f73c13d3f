import { CITIES } from './cities.ts';
import { CONFIDENCE } from './confidence.ts';
import { relativeYears } from './dates.ts';
import type { Doc, Sentence } from './doc.ts';
import type { EventValue, Item } from './draft.ts';
import { tokenAt } from './lexicon.ts';
import type { DateIndex } from './meeting.ts';
import { otherMeeting, roundsIn } from './meeting.ts';
import type { Parties } from './parties.ts';
import type { People, PersonMention } from './people.ts';
import { trimSpan, type Span } from './text.ts';

/**
 * High-level events a communiqué recalls: visits ("Xi Jinping a visité Moscou", "Putin came to
 * Beijing", "President Uriarte's state visit to Brasília in March 2025", "la visite d'État
 * effectuée en Algérie par …"), summits, telephone calls, and other meetings of the mechanism
 * (an earlier round). Each with the date its clause gives, "cette année" counting from the
 * meeting's year; planned meetings ("to hold the next round") are not events.
 */

const FR_VISIT_VERB =
  /^\s*,?\s*(?:a|avait|est|etait|s'est|s'etait)\s+(?:(?:egalement|aussi|deja|recemment|notamment)\s+)?(?:visite|venue?|allee?|rendue?(?:\s+visite)?|effectue une visite(?:\s+(?:d'etat|officielle|de travail))?|fait une visite(?:\s+(?:d'etat|officielle|de travail))?)\s+(?:(?:a|en|au|aux)\s+)?/u;
const EN_VISIT_VERB =
  /^\s*,?\s*(?:(?:has|had)\s+)?(?:(?:also|recently|already)\s+)?(?:visited|came to|travelled to|traveled to|went to|paid (?:a|an) (?:state |official |working )?visit to|made (?:a|an) (?:state |official |working )?visit to)\s+/u;
const VISIT_NOUN = /(?<![\p{L}])(?:visite|visit)(?:\s+(?:d'etat|officielle|de travail))?(?![\p{L}])|(?<![\p{L}])(?:state|official|working) visit(?![\p{L}])/gu;
const SUMMIT = /(?<![\p{L}])(?:sommet|summit)(?![\p{L}])/gu;
const CALL =
  /(?<![\p{L}])(?:(?:entretien|appel|conversation|echange)s?\s+telephoniques?|(?:tele)?phone\s+(?:call|conversation|talks)|s'(?:est|sont)\s+entretenue?s?\s+par\s+telephone|spoke\s+(?:by|on the)\s+(?:tele)?phone|video\s+call)(?![\p{L}])/gu;

export interface EventContext {
  people: People;
  parties: Parties;
  dates: DateIndex;
  /** The meeting's year (else the publication's), for "cette année". */
  baseYear: number | null;
  meeting: Sentence | null;
  /** The round's own span: never an event. */
  roundSpan: Span | null;
}

/** The clause around an offset: between the nearest ";" or sentence bounds. */
function clauseAround(doc: Doc, s: Sentence, at: number): Span {
  const before = doc.folded.slice(s.start, at);
  const after = doc.folded.slice(at, s.end);
  const a = before.lastIndexOf(';');
  const b = after.search(/;/);
  return [a >= 0 ? s.start + a + 1 : s.start, b >= 0 ? at + b : s.end];
}

function dateOf(doc: Doc, s: Sentence, window: Span, ctx: EventContext): { iso: string | null; span: Span | null } {
  const found = ctx.dates.in(s).filter((d) => d.iso !== null && d.span[0] >= window[0] && d.span[1] <= window[1]);
  const best = found.find((d) => d.precision === 'day') ?? found.find((d) => d.precision === 'month') ?? found[0];
  if (best) return { iso: best.iso, span: best.span };
  const relative = relativeYears(doc, s)[0];
  if (relative && ctx.baseYear !== null) return { iso: String(ctx.baseYear + relative.offset), span: relative.span };
  return { iso: null, span: null };
}

function placeAfter(doc: Doc, s: Sentence, from: number, ctx: EventContext): { name: string; span: Span } | null {
  const limit = Math.min(s.end, from + 40);
  // Tokens of the sentence starting in [from, limit): cities first, then countries.
  for (let i = tokenAt(doc.tokens, from); i < s.last; i++) {
    const t = doc.tokens[i]!;
    if (t.start >= limit) break;
    const city = CITIES.matchAt(doc, i, s.last);
    if (city) return { name: doc.text.slice(city.span[0], city.span[1]), span: city.span };
    const country = ctx.parties.mentions(s).find((c) => c.span[0] === t.start && c.kind === 'name');
    if (country) return { name: doc.text.slice(country.span[0], country.span[1]), span: country.span };
  }
  return null;
}

export function eventsIn(doc: Doc, s: Sentence, ctx: EventContext): Item<EventValue>[] {
  const out: Item<EventValue>[] = [];
  const persons = ctx.people.inSentence(s);
  const taken: Span[] = [];
  const overlapsRound = (span: Span) => ctx.roundSpan !== null && span[0] < ctx.roundSpan[1] && ctx.roundSpan[0] < span[1];
  const push = (kind: EventValue['kind'], from: number, to: number, participants: PersonMention[], place: string | null, date: { iso: string | null; span: Span | null }, confidence: number) => {
    const end = Math.max(to, date.span?.[1] ?? to);
    const span = trimSpan(doc.text, from, end, /[\s,;:.]/u);
    if (span[1] <= span[0] || taken.some((t) => span[0] < t[1] && t[0] < span[1]) || overlapsRound(span)) return;
    taken.push(span);
    const title = doc.text.slice(span[0], Math.max(span[0], to)).replace(/\s+/g, ' ').trim();
    out.push({ value: { kind, title: title || doc.text.slice(span[0], span[1]), date: date.iso, place, participants: participants.map((p) => p.fullName) }, confidence, span });
  };

  // "X a visité Moscou", "Putin came to Beijing".
  for (const p of persons) {
    const from = p.titleSpan && p.titleSpan[0] > p.span[0] ? p.titleSpan[1] : p.span[1];
    const m = (s.lang === 'fr' ? FR_VISIT_VERB : EN_VISIT_VERB).exec(doc.folded.slice(from, s.end));
    if (!m) continue;
    const place = placeAfter(doc, s, from + m[0].length, ctx);
    if (!place) continue;
    const clause = clauseAround(doc, s, p.span[0]);
    push('state-visit', p.span[0], place.span[1], [p], place.name, dateOf(doc, s, clause, ctx), CONFIDENCE.pattern);
  }
  // "President Uriarte's state visit to Brasília in March 2025", "la visite d'État effectuée en Algérie par …".
  const folded = doc.folded.slice(s.start, s.end);
  for (const m of folded.matchAll(VISIT_NOUN)) {
    const at = s.start + m.index;
    const clause = clauseAround(doc, s, at);
    const window: Span = [Math.max(clause[0], at - 40), Math.min(clause[1], at + 200)];
    const stop = doc.folded.slice(at, window[1]).search(/,\s*(?:au cours|in which|during which|qui|which|where|ou)\b/u);
    const end = stop >= 0 ? at + stop : window[1];
    const who = persons.filter((p) => (p.span[1] <= at && at - p.span[1] <= 6) || (p.span[0] > at && p.span[0] < end));
    if (who.length === 0) continue;
    const place = placeAfter(doc, s, at + m[0].length, ctx);
    const date = dateOf(doc, s, [at, end], ctx);
    const from = Math.min(at, ...who.map((p) => (p.titleSpan && p.titleSpan[0] < p.span[0] ? p.titleSpan[0] : p.span[0])).filter((x) => x < at));
    const last = Math.max(place?.span[1] ?? at + m[0].length, ...who.map((p) => p.span[1]));
    push('state-visit', from, last, who, place?.name ?? null, date, CONFIDENCE.pattern);
  }
  // Summits and calls: the words around the noun, the people and date of its clause.
  for (const [pattern, kind] of [[SUMMIT, 'summit'], [CALL, 'call']] as const) {
    for (const m of folded.matchAll(pattern)) {
      const at = s.start + m.index;
      const clause = clauseAround(doc, s, at);
      const stop = doc.folded.slice(at, clause[1]).search(/,\s*(?:in which|during which|au cours duquel|au cours de laquelle|lors duquel|which|qui|where)\b/u);
      const end = stop >= 0 ? at + stop : clause[1];
      // The name of the summit: the capitalised words just before the noun ("the Annual Summit").
      let from = at;
      const before = doc.text.slice(clause[0], at);
      const name = /((?:\p{Lu}[\p{L}'-]*\s+){1,4})$/u.exec(before);
      if (name && kind === 'summit') from = at - name[1]!.length;
      const who = persons.filter((p) => p.span[0] > at && p.span[1] <= end);
      const date = dateOf(doc, s, [at, end], ctx);
      const place = placeAfter(doc, s, at + m[0].length, ctx);
      // A summit named in passing ("l'organisation du Sommet de la Francophonie") is no event: it needs people or a date.
      if (who.length === 0 && date.iso === null) continue;
      const last = Math.max(at + m[0].length, ...who.map((p) => p.span[1]), place?.span[1] ?? 0);
      push(kind, from, last, who, place?.name ?? null, date, who.length > 0 ? CONFIDENCE.pattern : CONFIDENCE.inferred);
    }
  }
  // Other meetings of the mechanism: an earlier round, not the one the text is about, nor a planned one.
  if (s !== ctx.meeting) {
    for (const r of roundsIn(doc, s)) {
      if (overlapsRound(r.span)) continue;
      const before = doc.folded.slice(Math.max(s.start, r.span[0] - 40), r.span[0]);
      if (/(?:to hold|de tenir|tiendra|will be held|will hold|shall|convenu|agreed|decide|prochaine?|next|upcoming|suivante?)(?![\p{L}])/u.test(before + doc.folded.slice(r.span[0], r.span[1]))) continue;
      if (!otherMeeting(doc, s, r) && !/(?:held|tenue?|took place|a eu lieu|followed|suit)/u.test(doc.folded.slice(r.span[1], Math.min(s.end, r.span[1] + 60)))) continue;
      const clause = clauseAround(doc, s, r.span[0]);
      const date = dateOf(doc, s, [r.span[0], clause[1]], ctx);
      const place = placeAfter(doc, s, r.span[1], ctx);
      push('meeting', r.span[0], place?.span[1] ?? r.span[1], [], place?.name ?? null, date, CONFIDENCE.inferred);
    }
  }
  return out;
}
