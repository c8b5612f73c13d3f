import { CONFIDENCE, clamp } from './confidence.ts';
import { COUNTRIES } from './countries.ts';
import type { Doc } from './doc.ts';
import type { IntakeLanguage, Item, KnownNames, MechanismValue } from './draft.ts';
import { knownPartyLexicon } from './parties.ts';
import { roundsIn, type Meeting } from './meeting.ts';
import type { RoundMention } from './ordinals.ts';
import { GRAMMAR } from './titles.ts';
import { tokenAt } from './lexicon.ts';
import { fold, tokenize, trimSpan, type Span } from './text.ts';

/**
 * The mechanism: its name as the text gives it after the round ("20e cycle de leur
 * consultation sur la sécurité stratégique", "the ninth round of the Brazil–Argentina
 * Strategic Dialogue", "the third India-Japan 2+2 … Meeting"), matched to a known mechanism by
 * its words — countries left out, each word cut to six letters so that "strategic" meets
 * "stratégique" — and by its parties; else proposed as new.
 */

const MEETING_NOUN =
  /(?<![\p{L}])(?:consultations?|dialogue|pourparlers|entretiens|concertation|commission|comite|committee|conseil|council|forum|talks|mecanisme|mechanism)(?![\p{L}])/u;
const FR_OF = /^\s+(?:de|du|des|d')\s*(?:(?:la|le|les|leur|leurs|ce|cette|ces|son|sa|ses|notre)\s+|l')?/u;
const EN_OF = /^\s+of\s+(?:(?:the|their|this|our|its)\s+)?/u;
const CONTINUES = /^\s+(?:on|for|sur|de|du|des|d'|en)\s+/u;
/** Words that end a name: verbs, relatives, clause openers. */
const NAME_STOP =
  /^(?:s|se|est|a|ont|sont|etait|fut|was|were|is|are|has|have|had|took|takes|held|tenue?|qui|que|which|that|who|sous|under|today|aujourd|hier|yesterday|avec|with|lors|during|pendant|cette|this|par|by)$/u;
const DATE_WORD =
  /^(?:\d{1,4}|1er|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/u;
const STOP_WORDS = new Set([
  'the', 'a', 'an', 'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'of', 'and', 'in', 'on', 'for', 'to', 'their', 'its',
  'et', 'en', 'au', 'aux', 'leur', 'leurs', 'sa', 'son', 'ses', 'pour', 'sur', 'par', 'between', 'entre', 'with', 'avec', 'republic',
  'republique', 'kingdom', 'royaume', 'federation', 'state', 'etat', 'etats', 'people', 'populaire', 'two', 'deux', 'both', 'ce', 'this',
]);

export interface NameFound {
  span: Span;
  text: string;
}

const upperAt = (doc: Doc, at: number) => /\p{Lu}/u.test(doc.text[at] ?? '');

/** The phrase from `from` up to a clause mark, a verb, a date or a place, at most 16 words. */
function phraseEnd(doc: Doc, from: number, to: number): number {
  const { tokens, folded } = doc;
  let end = from;
  let count = 0;
  for (let i = tokenAt(tokens, from); i < tokens.length && tokens[i]!.start < to && count < 16; i++, count++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const w = t.norm;
    if (count > 0) {
      const gap = folded.slice(end, t.start);
      if (/[;:.()"!?]/.test(gap)) break;
      // A comma goes on only inside a Title Case list ("Science, Technology and Innovation").
      if (gap.includes(',') && !(upperAt(doc, t.start) && upperAt(doc, tokens[i - 1]!.start))) break;
      if (/\s-\s/.test(gap)) break;
      if (NAME_STOP.test(w)) break;
      // "et"/"and" go on into the name ("économique et financier", "Foreign and Defence"), not into a verb.
      if ((w === 'et' || w === 'and') && next && !upperAt(doc, next.start) && (NAME_STOP.test(next.norm) || /(?:ed|e|es|ee|ees|ent)$/.test(next.norm) && !/(?:de|des|du|la|le|les)$/.test(next.norm))) break;
      // A date or a place after the name: "le 14 mars", "on 2 December", "à Pékin", "in Ottawa".
      if (/^(?:le|on|en|in)$/.test(w) && next && DATE_WORD.test(next.norm)) break;
      if (/^(?:au|in|at)$/.test(w) && next && upperAt(doc, next.start)) break;
    }
    end = t.end;
  }
  return end;
}

/** The name after a round's mention: "20e cycle de leur consultation sur …", "the third India-Japan 2+2 … Meeting". */
function nameAfterRound(doc: Doc, r: RoundMention, lang: IntakeLanguage): NameFound | null {
  const after = doc.folded.slice(r.nounEnd, Math.min(doc.text.length, r.nounEnd + 40));
  const of = (lang === 'fr' ? FR_OF : EN_OF).exec(after);
  const sentenceEnd = doc.sentences.find((s) => s.start <= r.span[0] && r.span[0] < s.end)?.end ?? doc.text.length;
  let span: Span | null = null;
  if (of) {
    const start = r.nounEnd + of[0].length;
    span = trimSpan(doc.text, start, phraseEnd(doc, start, sentenceEnd), /[\s,;:.]/u);
  } else if (r.nounEnd - r.ordinal[1] > r.noun.length + 1) {
    // "the seventh China–Russia strategic security consultation", "third India-Japan 2+2 … Meeting".
    let end = r.nounEnd;
    const more = CONTINUES.exec(doc.folded.slice(end, end + 8));
    if (more) end = phraseEnd(doc, end + more[0].length, sentenceEnd);
    span = trimSpan(doc.text, r.ordinal[1], end, /[\s,;:.]/u);
  }
  if (!span || span[1] - span[0] < 3) return null;
  return { span, text: doc.text.slice(span[0], span[1]) };
}

/**
 * The mechanism's name: after the meeting's round; else after a heading's round ("XIIe session
 * de la Grande Commission mixte …"); else the meeting sentence's own noun ("La Grande Commission
 * mixte franco-tunisienne a tenu sa douzième session", "consultations on strategic stability").
 */
export function nameFromMeeting(doc: Doc, meeting: Meeting): NameFound | null {
  const r = meeting.roundMention;
  const own = r ? nameAfterRound(doc, r, meeting.sentence.lang) : null;
  if (own) return own;
  for (const h of doc.sentences) {
    if (h.index >= meeting.sentence.index) break;
    if (!h.heading) continue;
    for (const hr of roundsIn(doc, h)) {
      const name = nameAfterRound(doc, hr, h.lang);
      if (name) return name;
    }
  }
  return nounFromMeeting(doc, meeting);
}

/** Without a round: the meeting's own noun and what follows it ("consultations on strategic stability"). */
function nounFromMeeting(doc: Doc, meeting: Meeting): NameFound | null {
  const s = meeting.sentence;
  const m = MEETING_NOUN.exec(doc.folded.slice(s.start, s.end));
  if (!m) return null;
  let start = s.start + m.index;
  // Capitalised words before the noun belong to the name ("la Grande Commission", "the Joint Committee").
  for (let i = tokenAt(doc.tokens, start) - 1, k = 0; i >= s.first && k < 3; i--, k++) {
    const t = doc.tokens[i]!;
    if (!upperAt(doc, t.start) || GRAMMAR.has(t.norm) || !/^[\s-]+$/.test(doc.folded.slice(t.end, start))) break;
    start = t.start;
  }
  const span = trimSpan(doc.text, start, phraseEnd(doc, start, s.end), /[\s,;:.]/u);
  return span[1] - span[0] > 3 ? { span, text: doc.text.slice(span[0], span[1]) } : null;
}

/** Words of a name that tell it apart: no countries, no articles, cut to six letters. */
function stems(doc: Doc, name: string): Set<string> {
  const folded = fold(name);
  const tokens = tokenize(folded);
  const view = { text: name, folded, tokens };
  const drop = new Set<number>();
  for (const lex of [COUNTRIES, knownPartyLexicon(doc)]) for (const m of lex.matchAll(view)) for (let i = m.first; i < m.last; i++) drop.add(i);
  const out = new Set<string>();
  tokens.forEach((t, i) => {
    if (drop.has(i) || STOP_WORDS.has(t.norm) || t.norm.length <= 2) return;
    out.add(t.norm.slice(0, 6));
  });
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

type KnownMechanism = KnownNames['mechanisms'][number];

export interface MechanismInput {
  meeting: Meeting | null;
  parties: string[];
  established: string | undefined;
  /** Other names the text gives it ("le mécanisme de consultation sur …"). */
  aliases: string[];
}

export function findMechanism(doc: Doc, input: MechanismInput): Item<MechanismValue> | null {
  const { meeting, parties } = input;
  const found = meeting ? nameFromMeeting(doc, meeting) : null;
  const names = [found?.text, ...input.aliases].filter((n): n is string => !!n);
  const sameParties = (m: KnownMechanism) => m.parties.length === parties.length && m.parties.every((p) => parties.includes(p));
  const compatible = (m: KnownMechanism) => parties.length === 0 || m.parties.every((p) => parties.includes(p)) || parties.every((p) => m.parties.includes(p));

  let best: { m: KnownMechanism; score: number } | null = null;
  for (const m of doc.known.mechanisms) {
    if (!compatible(m)) continue;
    let score = 0;
    for (const n of names) for (const k of m.names) score = Math.max(score, dice(stems(doc, n), stems(doc, k)));
    const ok = (sameParties(m) && score >= 0.4) || score >= 0.7;
    if (ok && (!best || score > best.score)) best = { m, score };
  }
  if (!best && names.length === 0) {
    const same = doc.known.mechanisms.filter(sameParties);
    if (same.length === 1 && parties.length > 0) best = { m: same[0]!, score: 0 };
  }
  const span: Span | null = found?.span ?? meeting?.round?.span ?? (meeting ? [meeting.sentence.start, meeting.sentence.end] : null);
  if (!span) return null;
  const established = input.established !== undefined ? { established: input.established } : {};
  if (best) {
    const equal = sameParties(best.m);
    const confidence = best.score >= 0.99 && equal ? CONFIDENCE.known : best.score === 0 ? CONFIDENCE.inferred : clamp((0.55 + 0.4 * best.score) * (equal ? 1 : 0.9));
    return {
      value: { name: found?.text ?? best.m.names[0] ?? '', id: best.m.id, parties: [...best.m.parties], ...established, isNew: false },
      confidence,
      span,
    };
  }
  const name = found?.text ?? input.aliases[0] ?? (meeting?.roundMention ? doc.text.slice(meeting.roundMention.span[0], meeting.roundMention.span[1]) : null);
  if (!name) return null;
  return {
    value: { name, parties: [...parties], ...established, isNew: true },
    confidence: found ? CONFIDENCE.pattern : CONFIDENCE.guess,
    span,
  };
}

/** Other names of the mechanism: "le mécanisme de consultation sur la sécurité stratégique", "the X mechanism". */
export function aliasesIn(doc: Doc): string[] {
  const out: string[] = [];
  for (const s of doc.sentences.slice(0, 60)) {
    const folded = doc.folded.slice(s.start, s.end);
    for (const m of folded.matchAll(/(?<![\p{L}])(?:le|ce|du|au)\s+mecanisme\s+(?:de\s+|du\s+|des\s+|d')/gu)) {
      const start = s.start + m.index + m[0].length;
      const span = trimSpan(doc.text, start, phraseEnd(doc, start, s.end), /[\s,;:.]/u);
      if (span[1] - span[0] > 3) out.push(doc.text.slice(span[0], span[1]));
    }
    for (const m of folded.matchAll(/(?<![\p{L}])the\s+((?:[\p{L}'-]+\s+){1,6})mechanism(?![\p{L}])/gu)) {
      out.push(doc.text.slice(s.start + m.index + 4, s.start + m.index + m[0].length));
    }
  }
  return out;
}
