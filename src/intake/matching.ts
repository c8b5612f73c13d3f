import { CITIES } from './cities.ts';
import { fold as foldForLexicon, phraseTokens, tokenize } from './text.ts';

/**
 * How the accept of a reviewed draft recognises what the record already holds: a person by
 * name (in any of the record's languages), a position by its issue, a milestone by its year
 * and a title of the same words. Comparisons ignore case, accents, punctuation and leading
 * articles ("la région du Xizang" is "Région du Xizang").
 */

const ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd']);

/** Lower case, without accents or punctuation, single spaces: the extractor's own words. */
export function fold(s: string): string {
  return phraseTokens(s).join(' ');
}

/** A name or an issue as compared: folded, without the articles in front. */
export function key(s: string): string {
  const words = fold(s).split(' ');
  while (words.length > 1 && ARTICLES.has(words[0]!)) words.shift();
  return words.join(' ');
}

/** Does `name` name the same thing as one of `names`? */
export function sameName(name: string, names: Iterable<string>): boolean {
  const k = key(name);
  if (k === '') return false;
  for (const n of names) if (key(n) === k) return true;
  return false;
}

const STOP = new Set([
  ...ARTICLES,
  'of', 'and', 'in', 'on', 'for', 'to', 'their', 'its', 'et', 'en', 'au', 'aux', 'leur', 'leurs', 'sa', 'son', 'ses', 'pour', 'sur', 'par',
]);

/** The content words of a title, each cut to its first six letters (a crude stem that also meets "strategic" and "stratégique"). */
function stems(s: string): Set<string> {
  return new Set(
    fold(s)
      .split(' ')
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => w.slice(0, 6)),
  );
}

/**
 * Are two titles of the same event? At least half of the shorter one's content words are in
 * the other ("lancement de leur coordination stratégique" and "Lancement de la coordination
 * stratégique"). Only asked of milestones of the same year.
 */
export function similarTitle(a: string, b: string): boolean {
  const x = stems(a);
  const y = stems(b);
  const shorter = x.size <= y.size ? x : y;
  const longer = shorter === x ? y : x;
  if (shorter.size === 0) return false;
  let shared = 0;
  for (const w of shorter) if (longer.has(w)) shared++;
  return shared * 2 >= shorter.size;
}

/** The country (ISO code) of a city the extractor's table knows, when `name` is that city's name and nothing more. */
export function countryOfCity(name: string): string | undefined {
  const folded = foldForLexicon(name.trim());
  const doc = { text: name.trim(), folded, tokens: tokenize(folded) };
  const match = CITIES.matchAt(doc, 0);
  return match && match.last === doc.tokens.length ? match.entry.value.country : undefined;
}
