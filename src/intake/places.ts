import { CITIES, type City } from './cities.ts';
import type { Doc, Sentence } from './doc.ts';
import type { People } from './people.ts';
import { NOT_NAME, TITLE_WORDS } from './titles.ts';
import type { Span } from './text.ts';

/**
 * Where a meeting was held: a city after "à"/"au"/"in"/"at" (from the gazetteer, or any
 * capitalised word that is no country, month or name, with less confidence), or none when it
 * was held by video-conference.
 */

export interface PlaceMention {
  span: Span;
  name: string;
  city: City | null;
}

const VIDEO =
  /(?<![\p{L}])(?:visio-?conferences?|video-?conferences?|videoconferencing|video ?links?|par liaison video|by video|en ligne|virtual(?:ly)?|online|format virtuel|en format virtuel|video calls?|appel video|par visio)(?![\p{L}])/u;

/** Does the sentence say the meeting was held remotely? The span of the words, or null. */
export function videoConference(doc: Doc, s: Sentence): Span | null {
  const folded = doc.folded.slice(s.start, s.end);
  const m = VIDEO.exec(folded);
  return m ? [s.start + m.index, s.start + m.index + m[0].length] : null;
}

const FR_PREPOSITIONS = new Set(['a', 'au']);
const EN_PREPOSITIONS = new Set(['in', 'at']);

/** Cities named after a preposition of place, in order. */
export function placesIn(doc: Doc, s: Sentence, people: People): PlaceMention[] {
  const out: PlaceMention[] = [];
  const { tokens, text, folded } = doc;
  const prepositions = s.lang === 'fr' ? FR_PREPOSITIONS : EN_PREPOSITIONS;
  const countries = people.countriesIn(s);
  const persons = people.inSentence(s);
  for (let i = s.first + 1; i < s.last; i++) {
    const prev = tokens[i - 1]!;
    if (!prepositions.has(prev.norm) || !/^\s+$/.test(folded.slice(prev.end, tokens[i]!.start))) continue;
    // "à" must be the word itself, not the verb "a" ("Xi a visité"): French writes "à".
    if (s.lang === 'fr' && prev.norm === 'a' && text[prev.start] !== 'à' && text[prev.start] !== 'À') continue;
    let k = i;
    if (tokens[k]?.norm === 'the' && k + 1 < s.last) k++;
    const city = CITIES.matchAt(doc, k, s.last);
    if (city) {
      out.push({ span: city.span, name: text.slice(city.span[0], city.span[1]), city: city.entry.value });
      continue;
    }
    const t = tokens[k]!;
    if (!/\p{Lu}/u.test(text[t.start]!) || NOT_NAME.has(t.norm) || TITLE_WORDS.has(t.norm)) continue;
    if (countries.some((c) => c.first <= k && c.last > k)) continue;
    if (persons.some((p) => p.first <= k && p.last > k)) continue;
    // A city the gazetteer lacks: the capitalised word(s), hyphens included ("Sarrebruck", "Saint-Malo").
    let end = k + 1;
    while (end < s.last && /^[-' ]$/.test(folded.slice(tokens[end - 1]!.end, tokens[end]!.start)) && /\p{Lu}/u.test(text[tokens[end]!.start]!) && !NOT_NAME.has(tokens[end]!.norm)) end++;
    const span: Span = [t.start, tokens[end - 1]!.end];
    out.push({ span, name: text.slice(span[0], span[1]), city: null });
  }
  return out;
}

/**
 * A dateline's city: "BEIJING, Dec. 2 (Xinhua) --", "Paris, le 15 mars", "November 18, 2024 –
 * Ottawa, Ontario": a city at the start of an opening line, or after its date and a dash,
 * followed by a comma or nothing.
 */
export function datelineCity(doc: Doc, s: Sentence): PlaceMention | null {
  const limit = Math.min(s.last, s.first + 8);
  for (let i = s.first; i < limit; i++) {
    const city = CITIES.matchAt(doc, i, s.last);
    if (!city) continue;
    const before = doc.folded.slice(s.start, city.span[0]);
    if (i !== s.first && !/-\s*$/.test(before)) continue;
    const after = doc.folded.slice(city.span[1], city.span[1] + 3);
    if (!/^\s*,/.test(after) && city.span[1] !== s.end) continue;
    return { span: city.span, name: doc.text.slice(city.span[0], city.span[1]), city: city.entry.value };
  }
  return null;
}
