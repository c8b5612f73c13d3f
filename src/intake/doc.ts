import type { IntakeLanguage, KnownNames } from './draft.ts';
import { countLanguage, dominant, sentenceLanguage, type LanguageCount } from './language.ts';
import { tokenAt, type TokenText } from './lexicon.ts';
import { splitSentences } from './sentences.ts';
import { fold, tokenize, type Span } from './text.ts';

/** The text prepared once for every pattern family: folded copy, tokens, sentences, languages. */

export interface Sentence {
  index: number;
  start: number;
  end: number;
  /** Token indices [first, last). */
  first: number;
  last: number;
  lang: IntakeLanguage;
  /** No closing punctuation and short: a title or a heading. */
  heading: boolean;
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export interface Doc extends TokenText {
  sentences: Sentence[];
  /** Characters in sentences of the other language than the text's. */
  otherLanguageChars: number;
  language: IntakeLanguage;
  counts: LanguageCount;
  published: Ymd | null;
  known: KnownNames;
}

export const NO_KNOWN: KnownNames = { mechanisms: [], parties: [], people: [] };

export function prepare(text: string, opts: { language?: IntakeLanguage | undefined; published: Ymd | null; known: KnownNames }): Doc {
  const folded = fold(text);
  const tokens = tokenize(folded);
  const counts = countLanguage(tokens);
  const language = opts.language ?? dominant(counts) ?? 'en';
  const sentences: Sentence[] = splitSentences(text).map((s, index) => {
    const first = tokenAt(tokens, s.start);
    const last = tokenAt(tokens, s.end);
    const own = countLanguage(tokens, first, last);
    const body = text.slice(s.start, s.end);
    return {
      index,
      start: s.start,
      end: s.end,
      first,
      last,
      // Each sentence in its own language when it shows one: a bilingual release reads right.
      lang: sentenceLanguage(own, language),
      heading: !/[.!?:;"»”)]$/u.test(body) && body.length < 160,
    };
  });
  const otherLanguageChars = sentences.filter((s) => s.lang !== language).reduce((n, s) => n + s.end - s.start, 0);
  return { text, folded, tokens, sentences, language, counts, otherLanguageChars, published: opts.published, known: opts.known };
}

export const sentenceText = (doc: Doc, s: Sentence): string => doc.text.slice(s.start, s.end);
export const sentenceFolded = (doc: Doc, s: Sentence): string => doc.folded.slice(s.start, s.end);

/** The sentence holding an offset. */
export function sentenceOf(doc: Doc, offset: number): Sentence | undefined {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

export const within = (outer: Span, inner: Span): boolean => inner[0] >= outer[0] && inner[1] <= outer[1];
