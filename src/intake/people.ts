import { COUNTRIES, type CountryRef } from './countries.ts';
import { CITIES } from './cities.ts';
import type { Doc, Sentence } from './doc.ts';
import type { KnownNames } from './draft.ts';
import type { LexMatch } from './lexicon.ts';
import { nameKey, skeleton } from './names.ts';
import { GRAMMAR, HONORIFICS, LEADER, NOT_LEADER, NOT_NAME, TITLE_CONNECTORS, TITLE_HEADS, TITLE_WORDS } from './titles.ts';
import { trimSpan, type Span } from './text.ts';
import { reportingAt } from './verbs.ts';

/**
 * People named in a sentence. A run of capitalised words is a person when the record knows
 * the name (in any language or transliteration: "Sergei Shoigu" is "Sergueï Choïgou"), when it
 * is part of a name met before ("Shoigu", "Ávila"), when a title precedes it ("le ministre des
 * Affaires étrangères Jean-Noël Barrot", "Foreign Minister Penny Wong"), when an apposition
 * with a title follows it ("Sergei Shoigu, secrétaire du Conseil de sécurité de la Russie,"),
 * or when a reporting verb follows it ("Lavrov said"). Other runs of two or more capitalised
 * words are kept as "bare", for the co-chair sentence whose verb vouches for them.
 */

export type Evidence = 'known' | 'known-part' | 'earlier' | 'title' | 'appositive' | 'verb' | 'bare';

export interface PersonMention {
  span: Span;
  name: string;
  /** The fullest form of the name the text gives (for a surname met again). */
  fullName: string;
  title: string | null;
  titleSpan: Span | null;
  party: string | null;
  /** Where the party comes from: the record, an earlier mention, the title, the words before or after the name. */
  partySource: PartySource;
  personId?: string;
  evidence: Evidence;
  leader: boolean;
  sentence: number;
  /** Token indices [first, last) of the name. */
  first: number;
  last: number;
}

type KnownPerson = KnownNames['people'][number];
export type PartySource = 'known' | 'earlier' | 'title' | 'before' | 'after' | null;

const ARTICLES = new Set(['le', 'la', 'les', 'l', 'the', 'a', 'an', 'des', 'du', 'un', 'une', 'au', 'aux']);
const PARTICLES = new Set(['de', 'da', 'di', 'van', 'von', 'der', 'den', 'bin', 'bint', 'al', 'el', 'ibn', 'du', 'dos', 'das', 'y', 'ter', 'abu', 'abd', 'ben']);
const MAX_NAME_TOKENS = 5;

/** Words that end the stretch a title before a name can come from: verbs, relatives, clause openers. */
const BARRIER = new Set([
  'a', 'ont', 'est', 'sont', 'etait', 'etaient', 'sera', 'seront', 'qui', 'que', 'qu', 'dont', 'was', 'were', 'is', 'are', 'has', 'have',
  'had', 'be', 'been', 'will', 'would', 'which', 'who', 'whom', 'that', 'said', 'met', 'held', 'visited', 'hosted', 'received', 'welcomed',
  'rencontre', 'recu', 'accueilli', 'tenue', 'tenu', 'reunis', 'reuni', 'during', 'lors', 'pendant', 'when', 'lorsque', 'while',
]);
const DELEGATION = /(?<![\p{L}])(?:delegations?|delegation|side|partie|cote|team|equipe)(?![\p{L}])/u;
const CLAUSE_PUNCTUATION = /[;:()"«»]|\s[-–—]\s/u;

/** "J." in "Lloyd J. Austin", "S." in "S. Jaishankar": a capital letter and a full stop. */
const isInitial = (doc: Doc, i: number): boolean => {
  const t = doc.tokens[i]!;
  // Not "M." (Monsieur) nor the letters of "S.E."/"H.E.", which a space does not follow.
  return t.end - t.start === 1 && t.norm !== 'm' && /\p{Lu}/u.test(doc.text[t.start]!) && /^\. \p{Lu}/u.test(doc.text.slice(t.end, t.end + 3));
};
const startsUpper = (text: string, at: number) => /\p{Lu}/u.test(text[at] ?? '');

export class People {
  /** Known names by the key of every contiguous run of their words. */
  private readonly known = new Map<string, { person: KnownPerson; whole: boolean } | null>();
  /** Runs of names met earlier in the text that were not known. */
  private readonly earlier = new Map<string, PersonMention | null>();
  private readonly memo = new Map<number, PersonMention[]>();
  /** A known person's name as the text first writes it in full. */
  private readonly written = new Map<string, string>();
  private readonly countriesMemo = new Map<number, LexMatch<CountryRef>[]>();

  constructor(private readonly doc: Doc) {
    for (const person of doc.known.people) {
      for (const name of person.names) {
        const words = name.split(/[\s\u00a0-]+/u).filter((w) => /\p{L}/u.test(w));
        if (words.length === 0) continue;
        for (let a = 0; a < words.length; a++) {
          for (let b = a + 1; b <= words.length; b++) {
            const whole = a === 0 && b === words.length;
            const run = words.slice(a, b);
            if (!whole && run.length === 1 && (skeleton(run[0]!).length < 4 || NOT_NAME.has(run[0]!.toLowerCase()))) continue;
            this.remember(this.known, nameKey(run), { person, whole });
          }
        }
      }
    }
  }

  private remember<T extends { person: KnownPerson } | PersonMention>(map: Map<string, T | null>, key: string, value: T): void {
    const had = map.get(key);
    if (had === undefined) map.set(key, value);
    else if (had !== null) {
      const a = 'person' in had ? had.person.id : had.fullName;
      const b = 'person' in value ? value.person.id : value.fullName;
      if (a !== b) {
        // A whole name beats a part of another's; two parts or two wholes are ambiguous.
        const wholeHad = 'whole' in had && had.whole === true;
        const wholeNew = 'whole' in value && value.whole === true;
        if (wholeNew && !wholeHad) map.set(key, value);
        else if (wholeHad === wholeNew) map.set(key, null);
      }
    }
  }

  /** Countries and demonyms in a sentence (memoised: people and parties both ask). */
  countriesIn(s: Sentence): LexMatch<CountryRef>[] {
    let out = this.countriesMemo.get(s.index);
    if (!out) {
      out = COUNTRIES.matchAll(this.doc, s.first, s.last);
      this.countriesMemo.set(s.index, out);
    }
    return out;
  }

  /** Sentences are read in order: a name met earlier vouches for its surname later. */
  inSentence(s: Sentence): PersonMention[] {
    const cached = this.memo.get(s.index);
    if (cached) return cached;
    const out = this.scan(s);
    this.memo.set(s.index, out);
    for (const p of out) {
      if (p.personId !== undefined || p.evidence === 'earlier') continue;
      const words = this.words(p.first, p.last);
      for (let a = 0; a < words.length; a++) {
        for (let b = a + 1; b <= words.length; b++) {
          if (b - a === 1 && (words[a]!.length < 3 || PARTICLES.has(words[a]!.toLowerCase()))) continue;
          this.remember(this.earlier, nameKey(words.slice(a, b)), p);
        }
      }
    }
    return out;
  }

  private words(first: number, last: number): string[] {
    const out: string[] = [];
    for (let t = first; t < last; t++) out.push(this.doc.text.slice(this.doc.tokens[t]!.start, this.doc.tokens[t]!.end));
    return out;
  }

  private scan(s: Sentence): PersonMention[] {
    const { doc } = this;
    const { tokens, text } = doc;
    const place = new Set<number>();
    for (const m of this.countriesIn(s)) for (let t = m.first; t < m.last; t++) place.add(t);
    for (const m of CITIES.matchAll(doc, s.first, s.last)) for (let t = m.first; t < m.last; t++) place.add(t);

    const out: PersonMention[] = [];
    let barrier = s.first - 1;
    for (let i = s.first; i < s.last; i++) {
      const tok = tokens[i]!;
      if (BARRIER.has(tok.norm)) barrier = i;
      else if (i > s.first && CLAUSE_PUNCTUATION.test(doc.folded.slice(tokens[i - 1]!.end, tok.start))) barrier = i - 1;
      const upper = startsUpper(text, tok.start);
      if (!(upper && isInitial(doc, i)) && (!upper || NOT_NAME.has(tok.norm)) || TITLE_WORDS.has(tok.norm) || (place.has(i) && !this.known.has(skeleton(tok.norm))) || /^\p{N}/u.test(tok.norm)) continue;
      // The longest run of capitalised words (particles allowed inside).
      let j = i + 1;
      let end = i + 1;
      while (j < s.last && j - i < MAX_NAME_TOKENS + 2) {
        const t = tokens[j]!;
        const gap = doc.folded.slice(tokens[j - 1]!.end, t.start);
        // An initial goes on into the name: "Lloyd J. Austin", "S. Jaishankar".
        const initial = /^\. ?$/.test(gap) && tokens[j - 1]!.end - tokens[j - 1]!.start === 1 && startsUpper(text, tokens[j - 1]!.start);
        if (!/^(?:[ '-]|\n)$/u.test(gap) && !initial) break;
        if (startsUpper(text, t.start) && (isInitial(doc, j) || (!NOT_NAME.has(t.norm) && !TITLE_WORDS.has(t.norm) && !place.has(j)))) {
          end = j + 1;
          j++;
        } else if (PARTICLES.has(t.norm) && j + 1 < s.last && startsUpper(text, tokens[j + 1]!.start)) j++;
        else if (gap === '-' && t.end - t.start <= 5 && /^\p{Ll}+$/u.test(text.slice(t.start, t.end)) && end === j) {
          end = j + 1; // "Park Ji-won", "Moon Jae-in"
          j++;
        } else break;
      }
      const first = i;
      const last = Math.min(end, first + MAX_NAME_TOKENS);
      i = last - 1;
      const m = this.identify(s, first, last, barrier, place, out.at(-1)?.span[1] ?? s.start);
      if (m) {
        out.push(m);
        barrier = last - 1;
      }
    }
    return out;
  }

  private identify(s: Sentence, first: number, last: number, barrier: number, place: Set<number>, previousEnd: number): PersonMention | null {
    const { doc } = this;
    const words = this.words(first, last);
    const key = nameKey(words);
    const known = this.known.get(key);
    const earlier = known ? undefined : this.earlier.get(key);
    let evidence: Evidence;
    if (known) evidence = known.whole ? 'known' : 'known-part';
    else if (earlier) evidence = 'earlier';
    else evidence = 'bare';
    const span: Span = [doc.tokens[first]!.start, doc.tokens[last - 1]!.end];
    let before = titleBefore(doc, s, first, barrier, place);
    if (before && last - first === 1 && evidence === 'bare' && doc.folded.slice(before[1], span[0]).includes(',')) before = null;
    const title = before ?? appositive(doc, s, last, place);
    if (evidence === 'bare') {
      if (before) evidence = 'title';
      else if (title) evidence = 'appositive';
      else if (reportingAt(doc.folded, span[1], s.lang, s.end)) evidence = 'verb';
      // A single capitalised word is a name only with a title or a verb to vouch for it.
      if (last - first === 1 && evidence === 'bare') return null;
      // "de la Deutsche Bundesbank", "the Strategic Dialogue": an article makes it a thing.
      const previous = first > s.first ? doc.tokens[first - 1]!.norm : '';
      if (evidence === 'bare' && ARTICLES.has(previous)) return null;
      // "Under Secretary for Arms Control", "Ministry of Foreign Affairs": part of a title or an institution.
      if (evidence === 'bare' && (previous === 'of' || previous === 'for')) return null;
    }
    let party: string | null = known?.person.party ?? earlier?.party ?? null;
    let partySource: PartySource = known ? 'known' : party !== null ? 'earlier' : null;
    if (party === null) {
      const around = this.partyAround(s, span, title, previousEnd);
      if (around) [party, partySource] = around;
    }
    const titleText = title ? doc.text.slice(title[0], title[1]) : null;
    const folded = title ? doc.folded.slice(title[0], title[1]) : '';
    const name = doc.text.slice(span[0], span[1]);
    let fullName = earlier ? earlier.fullName : name;
    if (known) {
      if (known.whole && !this.written.has(known.person.id)) this.written.set(known.person.id, name);
      if (!known.whole) fullName = this.written.get(known.person.id) ?? longest(known.person.names) ?? name;
    }
    return {
      span,
      name,
      fullName,
      title: titleText,
      titleSpan: title,
      party,
      partySource,
      ...(known ? { personId: known.person.id } : {}),
      evidence,
      leader: title !== null && LEADER.test(folded) && !NOT_LEADER.test(folded),
      sentence: s.index,
      first,
      last,
    };
  }

  /**
   * The party a sentence gives a person: a country in the title ("de la Russie", "Chinese"),
   * a possessive or demonym just before it ("Canada's Deputy Minister", "Mexico's Secretary"),
   * or right after the name ("of India", "pour la France", "(Chine)").
   */
  private partyAround(s: Sentence, name: Span, title: Span | null, from: number): [string, PartySource] | null {
    const { doc } = this;
    const countries = this.countriesIn(s);
    if (title) {
      const inTitle = countries.find((c) => c.span[0] >= title[0] && c.span[1] <= title[1]);
      if (inTitle) return [inTitle.entry.value.code, 'title'];
    }
    const lead = title && title[0] < name[0] ? title[0] : name[0];
    const before = countries.filter((c) => c.span[1] <= lead && lead - c.span[1] <= 4).at(-1);
    if (before && /^(?:'s?|’s?)?\s*$/u.test(doc.text.slice(before.span[1], lead))) return [before.entry.value.code, 'before'];
    // "The Japanese delegation was led by …", "la partie russe était conduite par …".
    const side = countries.filter((c) => c.span[0] >= from && c.span[1] <= lead).at(-1);
    if (side && DELEGATION.test(doc.folded.slice(Math.max(from, side.span[0] - 16), Math.min(lead, side.span[1] + 16)))) return [side.entry.value.code, 'before'];
    const tail = title && title[0] > name[0] ? title[1] : name[1];
    const after = countries.find((c) => c.span[0] >= tail && c.span[0] - tail <= 24);
    if (after && /^\s*,?\s*\(?\s*(?:(?:of|from|pour|de|du|des|d'|for)\s+(?:(?:la|le|les|l'|the)\s*)?)?$/u.test(doc.folded.slice(tail, after.span[0]))) {
      return [after.entry.value.code, 'after'];
    }
    return null;
  }
}

const longest = (names: string[]): string | undefined => [...names].sort((a, b) => b.length - a.length)[0];

/** Is every token of [from, to) part of a title (title words, connectors, places, capitalised words, French adjectives)? */
function titleMaterial(doc: Doc, s: Sentence, from: number, to: number, place: Set<number>): boolean {
  const { tokens, text, folded } = doc;
  let commas = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (k > from) {
      const gap = folded.slice(tokens[k - 1]!.end, t.start);
      if (gap.includes(',')) commas++;
      if (commas > 3 || !/^[\s,'.-]*$/u.test(gap) || (gap.match(/,/g)?.length ?? 0) > 1) return false;
    }
    const w = t.norm;
    if (TITLE_WORDS.has(w) || TITLE_CONNECTORS.has(w) || HONORIFICS.has(w) || place.has(k)) continue;
    if (startsUpper(text, t.start)) continue;
    if (s.lang === 'fr' && !BARRIER.has(w) && /^\p{Ll}/u.test(text[t.start]!) && w.length > 2) continue;
    return false;
  }
  return true;
}

/**
 * The title before a name: from the first title head after the last barrier (a verb, the
 * previous name, a clause mark) such that everything from it to the name is title material,
 * extended left over its modifiers ("Vice", "Chinese", "External Affairs"); honorifics
 * ("M.", "Mme", "Ambassador" stays) at its end dropped. None when the word just before the
 * name is "and"/"et": that title belongs to the name before.
 */
function titleBefore(doc: Doc, s: Sentence, first: number, barrier: number, place: Set<number>): Span | null {
  const { tokens, text } = doc;
  let lastBefore = first - 1;
  while (lastBefore > barrier && HONORIFICS.has(tokens[lastBefore]!.norm)) lastBefore--;
  if (lastBefore <= barrier) return null;
  const lastWord = tokens[lastBefore]!.norm;
  // "… and" / "et": the title is the previous name's; "ministre de l'Économie": no name follows.
  if (TITLE_CONNECTORS.has(lastWord) && lastWord !== 'charge') return null;
  for (let head = Math.max(barrier + 1, s.first); head <= lastBefore; head++) {
    if (!TITLE_HEADS.has(tokens[head]!.norm)) continue;
    if (!titleMaterial(doc, s, head, lastBefore + 1, place)) continue;
    let from = head;
    while (from - 1 > barrier && from - 1 >= s.first && /^[ '.-]*$/u.test(doc.folded.slice(tokens[from - 1]!.end, tokens[from]!.start))) {
      const t = tokens[from - 1]!;
      if (TITLE_WORDS.has(t.norm) && !HONORIFICS.has(t.norm)) from--;
      else if (place.has(from - 1) && !/'$/.test(doc.folded.slice(t.end, t.end + 1))) from--;
      else if (startsUpper(text, t.start) && !GRAMMAR.has(t.norm) && !TITLE_CONNECTORS.has(t.norm)) from--;
      else break;
    }
    const span = trimSpan(text, tokens[from]!.start, tokens[lastBefore]!.end, /[\s,]/u);
    return span[1] > span[0] ? span : null;
  }
  return null;
}

const ARTICLE = /^(?:(?:un|une|le|la|les|the|a|an|son|sa|leur|its|his|her|their)\s+|l')/iu;

/**
 * An apposition holding a title after the name: ", un haut responsable chinois," or
 * ", ministre d'État, ministre des Affaires étrangères, de l'Intégration africaine …,". It goes
 * on past a comma when what follows continues it (de, des, of, another title) and ends at "et"
 * or "and" before a capitalised word, at a verb, at a clause mark or at the sentence's end.
 */
function appositive(doc: Doc, s: Sentence, last: number, place: Set<number>): Span | null {
  const { tokens, text, folded } = doc;
  if (last >= s.last) return null;
  const nameEnd = tokens[last - 1]!.end;
  const open = /^\s*(?:,|\()\s*/u.exec(folded.slice(nameEnd, nameEnd + 4));
  if (!open) return null;
  const parenthesis = open[0].includes('(');
  const start = nameEnd + open[0].length;
  let k = last;
  while (k < s.last && tokens[k]!.start < start) k++;
  const from = k;
  let heads = 0;
  let end = start;
  for (; k < s.last && k - from < 24; k++) {
    const t = tokens[k]!;
    if (k > from) {
      const gap = folded.slice(tokens[k - 1]!.end, t.start);
      if (parenthesis && gap.includes(')')) break;
      if (/[;:!?"()]/.test(gap)) break;
      if (gap.includes(',')) {
        const continues = /^(?:de|des|du|d|of|and)$/.test(t.norm) || TITLE_HEADS.has(t.norm);
        const next = tokens[k + 1];
        const newName = (t.norm === 'and' || t.norm === 'et') && next !== undefined && startsUpper(text, next.start) && !place.has(k + 1);
        if (!continues || newName || BARRIER.has(t.norm)) break;
      }
    }
    if (BARRIER.has(t.norm) && k > from) break;
    if ((t.norm === 'et' || t.norm === 'and') && k + 1 < s.last && startsUpper(text, tokens[k + 1]!.start) && !place.has(k + 1) && !TITLE_WORDS.has(tokens[k + 1]!.norm)) break;
    if (k - from < 4 && TITLE_HEADS.has(t.norm)) heads++;
    end = t.end;
  }
  if (heads === 0 || end <= start) return null;
  const span = trimSpan(text, start, end);
  const article = ARTICLE.exec(folded.slice(span[0], span[1]));
  const trimmed: Span = [span[0] + (article ? article[0].length : 0), span[1]];
  return trimmed[1] > trimmed[0] ? trimmed : null;
}
