import { CONFIDENCE } from './confidence.ts';
import type { Doc, Sentence } from './doc.ts';
import type { Item, PositionValue } from './draft.ts';
import type { Parties } from './parties.ts';
import type { People, PersonMention } from './people.ts';
import { trimSpan, type Span } from './text.ts';

/**
 * Support for another party's positions: "La Russie a réitéré son soutien ferme aux positions
 * de la Chine sur Taïwan, …, et la région de Hong Kong" gives one position per issue, held by
 * China and supported by Russia; "Japan reiterated its support for India's bid for …" and
 * "Brazil reaffirmed its support for Argentina's legitimate rights in …" give one issue each.
 */

const FR_ANCHOR = /(?<![\p{L}])(?:soutien|appui|soutient|soutiennent|appuie|appuient)(?![\p{L}])/gu;
const EN_ANCHOR = /(?<![\p{L}])(?:support|supports|supported|backing|backs|backed)(?![\p{L}])/gu;
/** Nouns after which come the issues, as a list: "positions … sur A, B et C". */
const LIST_NOUN = /(?<![\p{L}])(?:positions?|stance|stances|views?|vues?|principled position|position de principe)(?![\p{L}])/u;
const ISSUE_OPENER = /^\s*(?:sur|concernant|au sujet de|en ce qui concerne|relatives? a|quant a|a l'egard de|on|regarding|concerning|over|with regard to|in relation to|relating to)\s+/u;
/** Lower-case words an issue may start with: determiners and their contractions. */
const ITEM_START = new Set(['la', 'le', 'les', 'l', 'des', 'du', 'de', 'un', 'une', 'sa', 'son', 'ses', 'leur', 'leurs', 'ce', 'cette', 'ces', 'au', 'aux', 'the', 'a', 'an', 'its', 'their', 'all', 'other', 'recent']);
const LEADING = /^(?:(?:la|le|les|l'|the|sur|on|a|au|aux|a la|a l')\s+|l')+/u;

export interface PositionOptions {
  people: People;
  parties: Parties;
  /** The subject of the sentence before, for "Il/It/She reiterated …". */
  previousSubject: string | null;
}

export function positionsIn(doc: Doc, s: Sentence, opts: PositionOptions): Item<PositionValue>[] {
  const folded = doc.folded.slice(s.start, s.end);
  const anchor = s.lang === 'fr' ? FR_ANCHOR : EN_ANCHOR;
  anchor.lastIndex = 0;
  const m = anchor.exec(folded);
  if (!m) return [];
  const at = s.start + m.index;
  // "son soutien", "its firm support", or the verb itself ("soutient", "supports").
  const lead = doc.folded.slice(Math.max(s.start, at - 40), at);
  if (!/(?:son|sa|ses|leur|leurs|its|their|his|her)\s+(?:\p{L}+\s+){0,2}$/u.test(lead) && !/^(?:soutient|soutiennent|appuie|appuient|supports|backs)$/u.test(m[0])) return [];
  const countries = opts.parties.mentions(s);
  // The holder: the first country after the anchor, within the noun phrase ("aux positions de
  // la Chine", "for India's bid", "la position chinoise").
  const holder = countries.find((c) => c.span[0] > at && c.span[0] - at < 70);
  if (!holder) return [];
  const between = doc.folded.slice(at, holder.span[0]);
  if (/[;.]/.test(between)) return [];
  // The supporter: the subject before the anchor.
  const supporter = supporterOf(doc, s, at, holder.code, countries, opts);
  const after = holder.span[1];
  const rest = doc.folded.slice(after, s.end);
  const listed = LIST_NOUN.test(doc.folded.slice(at, Math.min(s.end, after + 24)));
  let issues: Span[];
  if (listed) {
    const opener = ISSUE_OPENER.exec(rest.replace(/^\s*(?:'s?|,)?\s*(?:positions?|stance|views?)?\s*/u, (x) => ' '.repeat(x.length)));
    if (!opener) return [];
    const listStart = after + opener[0].length;
    issues = splitList(doc, listStart, listEnd(doc, listStart, s.end));
  } else {
    // "India's bid for …": the issue is the noun phrase after the holder; "la candidature de la
    // France à …": it starts at the noun before it.
    const lead = /^\s*(?:(?:ferme|plein|pleine|total|entier|indefectible|constant|firm|full|strong|unwavering|steadfast|continued)\s+)?(?:a|aux|au|pour|for|to)\s+(?:(?:la|le|les|the)\s+|l')?/u.exec(between.slice(m[0].length));
    const nounStart = at + m[0].length + (lead?.[0].length ?? 0);
    const before = doc.folded.slice(nounStart, holder.span[0]);
    const nounFirst = /^\p{L}{3,}(?:\s+\p{L}+){0,3}\s+(?:de|du|des|d'|of)\s*(?:(?:la|le|les|the)\s+|l')?$/u.test(before);
    const start = nounFirst ? nounStart : after + (/^\s*(?:'s?)?\s*/u.exec(rest)?.[0].length ?? 0);
    const span = trimSpan(doc.text, start, listEnd(doc, start, s.end), /[\s,;:.]/u);
    issues = span[1] - span[0] > 2 ? [span] : [];
  }
  const wording = doc.text.slice(s.start, s.end).trim();
  return issues.map((span) => ({
    value: { issue: doc.text.slice(span[0], span[1]), holder: holder.code, supporter, text: wording },
    confidence: supporter !== null ? CONFIDENCE.explicit : CONFIDENCE.pattern,
    span,
  }));
}

function supporterOf(doc: Doc, s: Sentence, at: number, holder: string, countries: ReturnType<Parties['mentions']>, opts: PositionOptions): string | null {
  const before = countries.filter((c) => c.span[1] <= at && c.code !== holder);
  const person: PersonMention | undefined = opts.people.inSentence(s).filter((p) => p.span[1] <= at && p.party !== null && p.party !== holder)[0];
  const first = before[0];
  if (first && (!person || first.span[0] < person.span[0])) return first.code;
  if (person) return person.party;
  if (/^\s*(?:il|elle|it|he|she)(?![\p{L}])/u.test(doc.folded.slice(s.start, at))) return opts.previousSubject;
  return null;
}

function listEnd(doc: Doc, from: number, to: number): number {
  const rest = doc.folded.slice(from, to);
  const stop = rest.search(/;|\.\s|\.$|,\s*(?:qui|que|qu'|dont|which|who|whose|that)\b|\s+(?:qu'elle|qu'il|which it|that it)\s/u);
  return stop >= 0 ? from + stop : to;
}

/** "Taïwan, la région du Xizang, … et la région de Hong Kong" → one span per item, articles off. */
function splitList(doc: Doc, from: number, to: number): Span[] {
  const out: Span[] = [];
  const body = doc.folded.slice(from, to);
  let start = 0;
  const separators = /\s*,\s*(?:et\s+|and\s+)?|\s+(?:et|and|ainsi qu'|ainsi que|as well as)\s+|\s+ainsi qu'/gu;
  const push = (a: number, b: number) => {
    let s = from + a;
    const lead = LEADING.exec(doc.folded.slice(s, from + b));
    if (lead) s += lead[0].length;
    const span = trimSpan(doc.text, s, from + b, /[\s,;:.]/u);
    if (span[1] - span[0] > 1) out.push(span);
  };
  for (const m of body.matchAll(separators)) {
    push(start, m.index);
    start = m.index + m[0].length;
    // "… on the Taiwan question and opposes …", "…, including …": the list has ended.
    const next = /^\p{L}+/u.exec(body.slice(start))?.[0] ?? '';
    if (/^\p{Ll}/u.test(doc.text[from + start] ?? '') && !ITEM_START.has(next)) return out;
  }
  push(start, body.length);
  return out;
}
