import { CONFIDENCE } from './confidence.ts';
import type { Doc, Sentence } from './doc.ts';
import type { Item, StatementValue } from './draft.ts';
import type { People, PersonMention } from './people.ts';
import { trimSpan, type Span } from './text.ts';
import { EN_QUOTE_ATTRIBUTION, FR_QUOTE_ATTRIBUTION, reportingAt, type Reporting } from './verbs.ts';

/**
 * What was said, and by whom: a person followed by a reporting verb ("Wang Yi a appelé …",
 * "Sergei Voronin noted that …"), a quote with its speaker after it ("…," said Minister X;
 * « … », a déclaré M. X) or before it ("Selon X, « … »"), a pronoun that continues the
 * previous speaker ("Il a déclaré …", "She added …"), and the sides speaking together ("Both
 * sides stressed …"). The gist is what follows the verb (after "que"/"that"); a quote that
 * carries the sentence is kept as a quote.
 */

const PRONOUN = /^\s*(?:il|elle|he|she)(?![\p{L}])/u;
const JOINT_SUBJECT =
  /(?<![\p{L}])(?:(?:les|the)\s+(?:deux\s+)?(?:two\s+)?(?:parties|cotes|sides|ministres|ministers|delegations|dirigeants|leaders|co-?chairs|copresidents|chefs d'etat|presidents|pays|countries)|both sides|both parties|both countries|ils|elles|they)(?![\p{L}])/u;
const SIDE_SUBJECT = /^\s*(?:la partie|le cote|the)\s+(\p{L}+)\s+(?:side|partie)?/u;
/** Verbs of saying whose object is the content itself. */
const SPEECH =
  /^(?:said|says|stated|states|stressed|stresses|noted|notes|added|adds|emphasized|emphasised|emphasizes|emphasises|underlined|underscored|highlighted|pointed out|indicated|explained|insisted|asserted|declared|believed|believes|maintained|argued|declare|dit|affirme|souligne|indique|note|ajoute|estime|precise|explique|insiste|rappele|rappelle|observe|releve|juge|considere)$/u;
const THAT = /^\s*(?:que|qu'|that)\s*/u;
const ACCORDING = /(?<![\p{L}])(?:selon|d'apres|according to)\s+$/u;

interface Quote {
  /** The words inside the quotation marks. */
  inner: Span;
  outer: Span;
}

function quotesIn(doc: Doc, s: Sentence): Quote[] {
  const out: Quote[] = [];
  const folded = doc.folded.slice(s.start, s.end);
  for (const m of folded.matchAll(/"([^"]{3,})"/gu)) {
    const start = s.start + m.index;
    out.push({ inner: trimSpan(doc.text, start + 1, start + m[0].length - 1, /[\s,.;:]/u), outer: [start, start + m[0].length] });
  }
  return out;
}

export interface Said {
  item: Item<StatementValue>;
  speaker: PersonMention | null;
}

export class Statements {
  private last: { person: PersonMention; sentence: number } | null = null;

  constructor(
    private readonly doc: Doc,
    private readonly people: People,
    private readonly skip: (s: Sentence) => boolean,
  ) {}

  in(s: Sentence): Said[] {
    const { doc } = this;
    const persons = this.people.inSentence(s);
    const quotes = quotesIn(doc, s);
    const folded = doc.folded;
    const sentenceSpan: Span = trimSpan(doc.text, s.start, s.end, /\s/u);
    const out: Said[] = [];
    const say = (person: PersonMention | null, text: Span, form: StatementValue['form'], kind: StatementValue['kind'], confidence: number, speakerText?: string) => {
      const value: StatementValue = {
        speaker: person ? person.fullName : (speakerText ?? null),
        kind,
        text: doc.text.slice(text[0], text[1]),
        form,
        party: person?.party ?? null,
        ...(person?.personId !== undefined ? { personId: person.personId } : {}),
      };
      if (value.text.trim().length === 0) return;
      out.push({ item: { value, confidence, span: sentenceSpan }, speaker: person });
      if (person) this.last = { person, sentence: s.index };
    };

    // A quote with its speaker after it, or "Selon X, « … »".
    for (const q of quotes) {
      const after = folded.slice(q.outer[1], Math.min(s.end, q.outer[1] + 40));
      const attribution = (s.lang === 'fr' ? FR_QUOTE_ATTRIBUTION : EN_QUOTE_ATTRIBUTION).exec(after);
      let speaker: PersonMention | undefined;
      if (attribution) speaker = persons.find((p) => p.span[0] >= q.outer[1] && p.span[0] - q.outer[1] <= attribution[0].length + 30);
      else {
        const next = persons.find((p) => p.span[0] >= q.outer[1] && p.span[0] - q.outer[1] <= 4);
        if (next && reportingAt(folded, next.span[1], s.lang, s.end)) speaker = next;
      }
      if (!speaker) {
        const before = persons.filter((p) => p.span[1] <= q.outer[0] && q.outer[0] - p.span[1] <= 4).at(-1);
        if (before && ACCORDING.test(folded.slice(Math.max(s.start, before.span[0] - 16), before.span[0]))) speaker = before;
      }
      if (!speaker && attribution && /-t-(?:il|elle)|\b(?:he|she)\b/u.test(attribution[0] + after.slice(attribution[0].length, attribution[0].length + 6)) && this.recent(s)) {
        speaker = this.last!.person;
      }
      if (speaker) {
        say(speaker, q.inner, 'quote', 'remark', speaker.personId !== undefined ? CONFIDENCE.explicit : CONFIDENCE.pattern);
        return out;
      }
    }

    // A person (or a pronoun) followed by a reporting verb.
    let speaker: PersonMention | null = null;
    let verb: Reporting | null = null;
    let confidence: number = CONFIDENCE.pattern;
    for (const p of persons) {
      const from = p.titleSpan && p.titleSpan[0] > p.span[0] ? p.titleSpan[1] : p.span[1];
      const r = reportingAt(folded, from, s.lang, s.end) ?? reportingAt(folded, p.span[1], s.lang, s.end);
      if (r && !quotes.some((q) => p.span[0] >= q.outer[0] && p.span[1] <= q.outer[1])) {
        speaker = p;
        verb = r;
        confidence = p.personId !== undefined ? CONFIDENCE.explicit : CONFIDENCE.pattern;
        break;
      }
    }
    if (!speaker) {
      const pronoun = PRONOUN.exec(folded.slice(s.start, s.end));
      if (pronoun && this.recent(s)) {
        const r = reportingAt(folded, s.start + pronoun[0].length, s.lang, s.end);
        if (r) {
          speaker = this.last!.person;
          verb = r;
          confidence = CONFIDENCE.inferred;
        }
      }
    }
    if (speaker && verb) {
      const [form, text] = this.content(s, verb, quotes);
      say(speaker, text, form, 'remark', confidence);
      return out;
    }
    if (this.skip(s)) return out;
    // The sides together, or one side: "Both sides stressed …", "La partie chinoise a souligné …".
    const head = folded.slice(s.start, s.end);
    const joint = JOINT_SUBJECT.exec(head);
    // The subject opens the sentence, or follows an opening phrase ("Dans une déclaration …, les deux parties").
    if (joint && (/^\s*$/.test(head.slice(0, joint.index)) || /,\s*$/.test(head.slice(0, joint.index)))) {
      const r = reportingAt(folded, s.start + joint.index + joint[0].length, s.lang, s.end);
      if (r) {
        const [form, text] = this.content(s, r, quotes);
        say(null, text, form, 'joint-statement', CONFIDENCE.pattern);
        return out;
      }
    }
    const side = SIDE_SUBJECT.exec(head);
    if (side) {
      const r = reportingAt(folded, s.start + side[0].length, s.lang, s.end);
      const party = this.people.countriesIn(s).find((c) => c.span[0] >= s.start && c.span[1] <= s.start + side[0].length);
      if (r && party) {
        const [form, text] = this.content(s, r, quotes);
        const value: StatementValue = { speaker: doc.text.slice(s.start, s.start + side[0].length).trim(), kind: 'remark', text: doc.text.slice(text[0], text[1]), form, party: party.entry.value.code };
        out.push({ item: { value, confidence: CONFIDENCE.inferred, span: sentenceSpan }, speaker: null });
      }
    }
    return out;
  }

  /** The previous speaker is still the subject when they spoke in one of the two sentences before. */
  private recent(s: Sentence): boolean {
    return this.last !== null && s.index - this.last.sentence <= 2 && s.index > this.last.sentence;
  }

  /** The gist after the verb ("que …" / "that …" dropped), or the quote when it carries the sentence. */
  private content(s: Sentence, verb: Reporting, quotes: Quote[]): [StatementValue['form'], Span] {
    const { doc } = this;
    const rest: Span = [verb.span[1], s.end];
    const restLength = rest[1] - rest[0];
    const q = quotes.find((x) => x.outer[0] >= rest[0]);
    if (q && q.inner[1] - q.inner[0] >= restLength * 0.6) return ['quote', q.inner];
    const that = THAT.exec(doc.folded.slice(rest[0], rest[1]));
    let start: number;
    if (that) start = rest[0] + that[0].length;
    else if (SPEECH.test(verb.verb)) start = rest[0]; // "Shoigu said Russia supports …": what follows is what was said
    // "a appelé les deux parties à …", "called on both sides to …": the verb (without its auxiliary) belongs to the gist.
    else start = verb.span[1] - verb.verb.length;
    return ['gist', trimSpan(doc.text, start, rest[1], /[\s,;:.]/u)];
  }
}
