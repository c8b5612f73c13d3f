import { ISO_NAMES } from './iso-names.ts';
import { CONFIDENCE } from './confidence.ts';
import type { CountryRef } from './countries.ts';
import type { Doc, Sentence } from './doc.ts';
import type { IntakeLanguage, Item, PartyValue } from './draft.ts';
import { Lexicon, type LexMatch } from './lexicon.ts';
import type { People, PersonMention } from './people.ts';
import type { Span } from './text.ts';

/**
 * The parties of the meeting: the countries the meeting sentence names together ("la Chine
 * et la Russie", "Brazil–Argentina", "franco-suisse"), with the co-chairs' own; failing that,
 * the headings'; failing that, the two countries the text names most. Countries named as
 * places or as issues elsewhere are not parties.
 */

/** Words allowed between two countries named together. */
const COORDINATION = new Set([
  'et', 'and', 'de', 'du', 'des', 'd', 'of', 'the', 'la', 'le', 'l', 'les', 'entre', 'between', 'republique', 'republic', 'royaume',
  'kingdom', 'federation', 'etat', 'state', 'populaire', 'democratique', 'islamique', 'arabe', 'federale', 'federal', 'people', 's',
  'sultanat', 'sultanate', 'emirat', 'principaute', 'principality', 'confederation', 'swiss',
]);

export interface PartyMention {
  code: string;
  span: Span;
  kind: CountryRef['kind'];
}

/** The known parties' names (their own codes may be other than ISO: "eu", "asean"). */
export function knownPartyLexicon(doc: Doc): Lexicon<CountryRef> {
  const lex = new Lexicon<CountryRef>();
  for (const p of doc.known.parties) for (const name of p.names) if (name.trim()) lex.add(name, { code: p.code, kind: 'name' }, 'capitalized');
  return lex;
}

export class Parties {
  private readonly knownLex: Lexicon<CountryRef>;
  constructor(
    private readonly doc: Doc,
    private readonly people: People,
  ) {
    this.knownLex = knownPartyLexicon(doc);
  }

  /** Countries named in a sentence, the record's own party names first. */
  mentions(s: Sentence): PartyMention[] {
    const known = this.knownLex.matchAll(this.doc, s.first, s.last);
    const iso = this.people.countriesIn(s);
    const overlaps = (a: LexMatch<CountryRef>, b: LexMatch<CountryRef>) => a.span[0] < b.span[1] && b.span[0] < a.span[1];
    const longer = (a: LexMatch<CountryRef>, b: LexMatch<CountryRef>) => a.span[1] - a.span[0] > b.span[1] - b.span[0];
    // Of two overlapping names the longer wins ("Chine continentale" over "Chine"); the record's on a tie.
    const all: Array<LexMatch<CountryRef>> = [
      ...known.filter((k) => !iso.some((c) => overlaps(k, c) && longer(c, k))),
      ...iso.filter((c) => !known.some((k) => overlaps(k, c) && !longer(c, k))),
    ].sort((a, b) => a.span[0] - b.span[0]);
    return all.map((m) => ({ code: m.entry.value.code, span: m.span, kind: m.entry.value.kind }));
  }

  /** Runs of countries named together in a sentence, longest first. */
  coordinated(s: Sentence): PartyMention[][] {
    const list = this.mentions(s);
    const groups: PartyMention[][] = [];
    let current: PartyMention[] = [];
    for (const m of list) {
      const prev = current.at(-1);
      if (prev && this.together(prev, m)) current.push(m);
      else {
        if (current.length > 1) groups.push(current);
        current = [m];
      }
    }
    if (current.length > 1) groups.push(current);
    return groups
      .map((g) => g.filter((m, i) => g.findIndex((x) => x.code === m.code) === i))
      .filter((g) => g.length > 1)
      .sort((a, b) => b.length - a.length);
  }

  private together(a: PartyMention, b: PartyMention): boolean {
    const gap = this.doc.folded.slice(a.span[1], b.span[0]);
    if (gap.length > 48) return false;
    if (/^\.?\s*[-/]\s*$/.test(gap)) return true; // "China-Russia", "sino-russe", "U.S.-India"
    if (/[.;:()!?"]/.test(gap)) return false;
    const words = gap.match(/[\p{L}]+/gu) ?? [];
    if (!words.some((w) => w === 'et' || w === 'and')) return false;
    return words.every((w) => COORDINATION.has(w));
  }

  /** The meeting's parties, in the order the text names them. */
  find(meeting: Sentence | null, chairs: PersonMention[]): Item<PartyValue>[] {
    const chosen = new Map<string, { span: Span; confidence: number }>();
    const add = (code: string, span: Span, confidence: number) => {
      if (!chosen.has(code)) chosen.set(code, { span, confidence });
    };
    if (meeting) {
      const group = this.coordinated(meeting)[0];
      if (group) for (const m of group) add(m.code, m.span, CONFIDENCE.explicit);
    }
    for (const c of chairs) {
      if (c.party === null || chosen.has(c.party)) continue;
      const mention = this.firstMention(c.party);
      add(c.party, mention?.span ?? c.span, CONFIDENCE.pattern);
    }
    if (chosen.size < 2) {
      for (const s of this.doc.sentences) {
        if (meeting && s.index > meeting.index) break;
        if (!s.heading && s !== meeting) continue;
        for (const group of this.coordinated(s)) for (const m of group) add(m.code, m.span, CONFIDENCE.pattern);
      }
    }
    if (chosen.size < 2 && meeting) {
      const own = this.mentions(meeting);
      if (own.length > 0 && new Set(own.map((m) => m.code)).size <= 3) for (const m of own) add(m.code, m.span, CONFIDENCE.inferred);
    }
    if (chosen.size < 2 && meeting) {
      for (const [code, mention] of this.mostNamed(2)) add(code, mention.span, CONFIDENCE.guess);
    }
    const knownCodes = new Set(this.doc.known.parties.map((p) => p.code));
    return [...chosen].map(([code, { span, confidence }]) => ({
      value: { name: this.nameOf(code, span), code, isNew: !knownCodes.has(code) },
      confidence,
      span,
    }));
  }

  firstMention(code: string): PartyMention | undefined {
    for (const s of this.doc.sentences) {
      const m = this.mentions(s).find((x) => x.code === code);
      if (m) return m;
    }
    return undefined;
  }

  private mostNamed(n: number): Array<[string, PartyMention]> {
    const counts = new Map<string, { count: number; first: PartyMention }>();
    for (const s of this.doc.sentences.slice(0, 200)) {
      for (const m of this.mentions(s)) {
        const c = counts.get(m.code);
        if (c) c.count++;
        else counts.set(m.code, { count: 1, first: m });
      }
    }
    return [...counts]
      .filter(([, c]) => c.count >= 2)
      .sort((a, b) => b[1].count - a[1].count)
      .slice(0, n)
      .map(([code, c]) => [code, c.first]);
  }

  /** The party's name: as the text writes it, or, for a demonym ("franco-"), its known or ISO name. */
  private nameOf(code: string, span: Span): string {
    const written = this.doc.text.slice(span[0], span[1]);
    const mention = this.mentions({ ...this.sentenceAt(span[0]) }).find((m) => m.span[0] === span[0]);
    if (mention && mention.kind === 'name') return written;
    return displayName(this.doc, code, this.doc.language) ?? written;
  }

  private sentenceAt(offset: number): Sentence {
    return this.doc.sentences.find((s) => s.start <= offset && offset < s.end) ?? this.doc.sentences[0]!;
  }
}


export function displayName(doc: Doc, code: string, language: IntakeLanguage): string | null {
  const known = doc.known.parties.find((p) => p.code === code);
  if (known?.names[0]) return known.names[0];
  const table = ISO_NAMES[language === 'fr' ? 'fr' : 'en'];
  const iso = table[code.toUpperCase()];
  if (iso === undefined) return null;
  return Array.isArray(iso) ? (iso.at(-1) ?? null) : iso;
}
