import { CONFIDENCE } from './confidence.ts';
import { relativeYears } from './dates.ts';
import type { Doc, Sentence } from './doc.ts';
import type { IntakeLanguage, Item, MilestoneValue } from './draft.ts';
import { cardinal, cardinalWords, findOrdinals } from './ordinals.ts';
import { trimSpan, type Span } from './text.ts';

/**
 * Milestones: anniversaries ("30 ans depuis le lancement de …", "the 25th anniversary of the
 * Treaty …", "ont célébré en 2022 les 60 ans de …") whose year is counted back from the year
 * the sentence looks to ("En regardant vers 2026", "this year", else the meeting's), and
 * foundings ("Mis en place pour la première fois en 2005, le mécanisme …", "was launched in
 * 2014"). A founding whose subject is the mechanism gives its `established`.
 */

export interface MilestoneFinding {
  item: Item<MilestoneValue>;
  /** Set when the founding is the mechanism's own. */
  establishes: boolean;
}

export interface MilestoneContext {
  /** The meeting's year, else the publication's: what "cette année" means. */
  baseYear: number | null;
  notes: string[];
}

const MECHANISM_WORDS =
  /(?<![\p{L}])(?:mecanisme|mechanism|dialogue|consultations?|commission|comite|committee|conseil|council|forum|format|pourparlers|talks|groupe|group|ce cadre|this framework|la plateforme|the platform)(?![\p{L}])/u;
const FOUNDING_NOUN =
  /^(?:(?:le|la|les|l'|the)\s*)?(?:etablissement|creation|signature|lancement|fondation|independance|mise en place|establishment|signing|launch|founding|creation|independence|inauguration|normali[sz]ation)/u;
const CELEBRATION = /(?:celebr|fete|marqu|commemor|\bmark|jubil|atteint|reach|anniversa)/u;
const EVENT_END =
  /[,;:.()]|\s(?:et|and)\s+(?:les?\s+|la\s+|the\s+)?\d|\s(?:cette annee|this year|next year|l'an prochain|l'annee prochaine|qui|which|who|lors|during)(?![\p{L}])/u;
const FR_FOUNDING =
  /(?<![\p{L}])(mise?s?\s+en\s+place|creee?s?|etablie?s?|lancee?s?|institue(?:e|s|es)?|fondee?s?|inauguree?s?|instauree?s?|signee?s?)\s+(?:pour la premiere fois\s+|officiellement\s+|initialement\s+)?(?:en|le\s+\d{1,2}(?:er)?\s+\p{L}+)\s+((?:19|20)\d\d)(?![\p{N}])/gu;
const EN_FOUNDING =
  /(?<![\p{L}])(established|launched|set up|created|founded|inaugurated|initiated|instituted|signed)\s+(?:for the first time\s+|formally\s+|officially\s+|originally\s+|first\s+)?(?:in|on\s+\p{L}+\s+\d{1,2},?)\s+((?:19|20)\d\d)(?![\p{N}])/gu;
const FR_SINCE = /(?<![\p{L}])depuis\s+(?:sa|son|leur)\s+(creation|lancement|mise en place|etablissement|fondation|institution)\s+en\s+((?:19|20)\d\d)(?![\p{N}])/gu;
const EN_SINCE = /(?<![\p{L}])since\s+(?:its|their)\s+(establishment|launch|inception|creation|founding)\s+in\s+((?:19|20)\d\d)(?![\p{N}])/gu;

const FR_NOUN: Array<[RegExp, string]> = [
  [/^mise?s?\s+en\s+place/, 'mise en place'],
  [/^cree/, 'création'],
  [/^etabli/, 'établissement'],
  [/^lance/, 'lancement'],
  [/^institue/, 'institution'],
  [/^fonde/, 'fondation'],
  [/^inaugure/, 'inauguration'],
  [/^instaure/, 'instauration'],
  [/^signe/, 'signature'],
];
const EN_NOUN: Record<string, string> = {
  established: 'establishment',
  launched: 'launch',
  'set up': 'setting up',
  created: 'creation',
  founded: 'founding',
  inaugurated: 'inauguration',
  initiated: 'initiation',
  instituted: 'institution',
  signed: 'signing',
};

/** "le mécanisme" → "du mécanisme"; "the mechanism" stays. */
function ofPhrase(subject: string, lang: IntakeLanguage): string {
  if (lang === 'en') return `of ${subject}`;
  const m = /^(le|la|l'|les|ce|cet|cette|ces)\s*/iu.exec(subject);
  if (!m) return `de ${subject}`;
  const rest = subject.slice(m[0].length);
  const article = m[1]!.toLowerCase();
  if (article === 'le') return `du ${rest}`;
  if (article === 'les') return `des ${rest}`;
  if (article === "l'") return `de l'${rest}`;
  return `de ${subject}`;
}

/** A noun phrase: up to a comma, a clause mark or a verb-like word, at most `max` words. */
function nounPhrase(doc: Doc, from: number, to: number, max = 10): Span {
  const text = doc.folded.slice(from, to);
  const stop = text.search(/[,;:.()]|\s(?:est|a|ont|sont|reste|demeure|constitue|sert|joue|permet|reunit|is|has|was|were|are|remains|serves|plays|brings|provides|allows|meets|celebre|celebrates|marks|marque)(?![\p{L}])/u);
  let end = stop >= 0 ? from + stop : to;
  const words = [...doc.folded.slice(from, end).matchAll(/\S+/g)];
  if (words.length > max) end = from + words[max - 1]!.index + words[max - 1]![0].length;
  return trimSpan(doc.text, from, end);
}

export function milestonesIn(doc: Doc, s: Sentence, ctx: MilestoneContext): MilestoneFinding[] {
  const folded = doc.folded.slice(s.start, s.end);
  const foundings = foundingsIn(doc, s);
  const anniversaries: Array<{ span: Span; event: Span; n: number }> = [];
  const eventFrom = (from: number): Span => {
    const rest = doc.folded.slice(from, s.end);
    const stop = rest.search(EVENT_END);
    const end = stop >= 0 ? from + stop : Math.min(s.end, from + 140);
    return trimSpan(doc.text, from, end, /[\s,;:.]/u);
  };

  // "25th anniversary of …", "60e anniversaire de …".
  for (const o of findOrdinals(folded, doc.text.slice(s.start, s.end), s.lang)) {
    const after = folded.slice(o.span[1]);
    const m = (s.lang === 'fr' ? /^\s+anniversaire\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?/u : /^\s+anniversary\s+(?:of\s+(?:the\s+)?)?/u).exec(after);
    if (!m) continue;
    const eventStart = s.start + o.span[1] + m[0].length;
    const event = eventFrom(eventStart);
    anniversaries.push({ span: [s.start + o.span[0], Math.max(event[1], eventStart)], event, n: o.value });
  }
  // "30 ans depuis …", "25 years since …", "ses vingt ans", "the 60 years of …".
  const number = `(\\d{1,3}|${cardinalWords(s.lang)})`;
  const since = new RegExp(`(?<![\\p{L}\\p{N}])${number}\\s+(?:ans|annees|years)\\s+(?:depuis|since|apres|after)\\s+(?:(?:le|la|les|the)\\s+|l')?`, 'gu');
  const of = new RegExp(`(?<![\\p{L}\\p{N}])(?:les|ses|leurs|their|its|the)\\s+${number}\\s+(?:ans|annees|years)(?:\\s+(?:de|d'|du|des|of)\\s*(?:(?:la|le|les|leur|leurs|their|the)\\s+|l')?)?`, 'gu');
  for (const pattern of CELEBRATION.test(folded) ? [since, of] : [since]) {
    for (const m of folded.matchAll(pattern)) {
      const n = cardinal(m[1]!, s.lang);
      if (n === null || n < 1) continue;
      const start = s.start + m.index;
      const eventStart = start + m[0].length;
      const hasEvent = /(?:depuis|since|apres|after|de|d'|du|des|of)\s*(?:\S+\s+)?$/u.test(m[0]) || /\s(?:depuis|since|apres|after)\s/u.test(m[0]);
      const event = hasEvent ? eventFrom(eventStart) : ([eventStart, eventStart] as Span);
      // "N ans après la quatrième session" counts time, not an anniversary: only a founding event is one.
      if (/\s(?:apres|after)\s/u.test(m[0]) && !FOUNDING_NOUN.test(doc.folded.slice(event[0], event[1]))) continue;
      if (anniversaries.some((a) => a.span[0] <= start && start < a.span[1])) continue;
      anniversaries.push({ span: trimSpan(doc.text, start, Math.max(event[1], eventStart), /[\s,;:.]/u), event, n });
    }
  }

  const out: MilestoneFinding[] = [];
  for (const a of anniversaries) {
    const ref = referenceYear(doc, s, a.span, foundings, ctx);
    if (ref === null) {
      ctx.notes.push(`An anniversary without a year to count from: "${doc.text.slice(a.span[0], a.span[1])}".`);
      continue;
    }
    let event = doc.text.slice(a.event[0], a.event[1]);
    let span = a.span;
    let year = ref - a.n;
    // A year inside the event: the event's own when it lies the anniversary back ("… des relations
    // diplomatiques en 1973"), else the year of the celebration ("… en 2024").
    const own = /(?:en|in)\s+((?:19|20)\d\d)(?![\p{N}])/u.exec(doc.folded.slice(a.event[0], a.event[1]));
    if (own) {
      const y = Number(own[1]);
      year = ctx.baseYear === null || y <= ctx.baseYear - a.n + 1 ? y : y - a.n;
    }
    let establishes = false;
    // The same founding told twice ("lancé en 2005, … ses vingt ans"; "…, established in 1944"): one milestone.
    const same = foundings.findIndex((f) => f.year === year);
    if (same >= 0) {
      const f = foundings.splice(same, 1)[0]!;
      if (event.trim() === '') event = f.event;
      span = [Math.min(span[0], f.span[0]), Math.max(span[1], f.span[1])];
      year = f.year;
      establishes = f.establishes;
    }
    if (event.trim() === '') event = doc.text.slice(...nounPhrase(doc, s.start, a.span[0], 6)) || doc.text.slice(a.span[0], a.span[1]);
    out.push({ item: { value: { event, year, anniversary: a.n }, confidence: CONFIDENCE.pattern, span }, establishes });
  }
  for (const f of foundings) {
    out.push({ item: { value: { event: f.event, year: f.year, anniversary: null }, confidence: f.establishes ? CONFIDENCE.explicit : CONFIDENCE.pattern, span: f.span }, establishes: f.establishes });
  }
  return out;
}

interface Founding {
  span: Span;
  year: number;
  event: string;
  establishes: boolean;
}

function foundingsIn(doc: Doc, s: Sentence): Founding[] {
  const folded = doc.folded.slice(s.start, s.end);
  const out: Founding[] = [];
  for (const m of folded.matchAll(s.lang === 'fr' ? FR_FOUNDING : EN_FOUNDING)) {
    const start = s.start + m.index;
    const end = start + m[0].length;
    const participle = m[1]!;
    const year = Number(m[2]);
    const before = doc.folded.slice(s.start, start);
    let subject: Span;
    if (/^\s*$/.test(before)) {
      // "Mis en place … en 2005, le mécanisme … est …": the subject follows the comma.
      const comma = doc.folded.indexOf(',', end);
      if (comma < 0 || comma >= s.end) continue;
      subject = nounPhrase(doc, comma + 1, s.end);
    } else if (/,\s*$/.test(before)) {
      // "Ce dialogue, lancé en 2005, …": the subject comes before.
      const clause = before.replace(/,\s*$/, '');
      const from = Math.max(clause.lastIndexOf(','), clause.lastIndexOf(';')) + 1;
      subject = trimSpan(doc.text, s.start + from, s.start + clause.length);
      const words = doc.folded.slice(subject[0], subject[1]).split(/\s+/);
      if (words.length > 8) subject = trimSpan(doc.text, subject[1] - words.slice(-8).join(' ').length, subject[1]);
    } else {
      const aux = /(?:a ete|ont ete|avait ete|was|were|has been|have been|had been|est|sont)\s+(?:\p{L}+\s+)?$/u.exec(before);
      if (!aux) continue;
      const from = Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1;
      subject = trimSpan(doc.text, s.start + from, s.start + aux.index);
      // "…, which was launched in 1998": the subject is what "which" stands for, before the comma.
      if (/^(?:which|that|who|qui|lequel|laquelle)$/u.test(doc.folded.slice(subject[0], subject[1])) && from > 0) {
        const words = doc.text.slice(s.start, s.start + from - 1).trimEnd().split(/\s+/u);
        const tail = words.slice(-6).join(' ');
        // "the 15th meeting of the Japan-ROK Security Dialogue" → "the Japan-ROK Security Dialogue".
        const named = /(?:^|\s)(?:of|de|du|des|d')\s+((?:the\s+|la\s+|le\s+|l')?\p{Lu}.*)$/u.exec(tail);
        const kept = named ? named[1]! : tail;
        subject = trimSpan(doc.text, s.start + from - 1 - kept.length, s.start + from - 1);
      }
    }
    const subjectText = doc.text.slice(subject[0], subject[1]);
    if (subjectText.length < 2) continue;
    const noun = s.lang === 'fr' ? (FR_NOUN.find(([re]) => re.test(participle))?.[1] ?? 'création') : (EN_NOUN[participle] ?? 'establishment');
    const event = `${noun[0]!.toUpperCase()}${noun.slice(1)} ${ofPhrase(subjectText, s.lang)}`;
    out.push({ span: [start, end], year, event, establishes: MECHANISM_WORDS.test(doc.folded.slice(subject[0], subject[1])) });
  }
  for (const m of folded.matchAll(s.lang === 'fr' ? FR_SINCE : EN_SINCE)) {
    const start = s.start + m.index;
    const subject = nounPhrase(doc, s.start, start, 8);
    const subjectText = doc.text.slice(subject[0], subject[1]);
    const noun = m[1]!;
    out.push({
      span: [start, start + m[0].length],
      year: Number(m[2]),
      event: `${noun[0]!.toUpperCase()}${noun.slice(1)} ${ofPhrase(subjectText || (s.lang === 'fr' ? 'le mécanisme' : 'the mechanism'), s.lang)}`,
      establishes: MECHANISM_WORDS.test(doc.folded.slice(subject[0], subject[1])) || subjectText === '',
    });
  }
  return out;
}

/**
 * The year an anniversary is counted from: a year the sentence names outside the anniversary
 * and its event and that is no founding's ("En regardant vers 2026", "ont célébré en 2022",
 * "2024 marks"), else "cette année"/"this year" and the like from the meeting's year, else the
 * meeting's (or publication's) year.
 */
function referenceYear(doc: Doc, s: Sentence, anniversary: Span, foundings: Founding[], ctx: MilestoneContext): number | null {
  const folded = doc.folded.slice(s.start, s.end);
  const years: Array<{ at: number; year: number }> = [];
  for (const m of folded.matchAll(/(?<![\p{L}\p{N}.,/-])((?:19|20)\d\d)(?![\p{N}])/gu)) {
    const at = s.start + m.index;
    if (at >= anniversary[0] && at < anniversary[1]) continue;
    if (foundings.some((f) => at >= f.span[0] && at < f.span[1])) continue;
    years.push({ at, year: Number(m[1]) });
  }
  const before = years.filter((y) => y.at < anniversary[0]).at(-1);
  const chosen = before ?? years[0];
  if (chosen) return chosen.year;
  if (ctx.baseYear === null) return null;
  const relative = relativeYears(doc, s)[0];
  return ctx.baseYear + (relative?.offset ?? 0);
}
