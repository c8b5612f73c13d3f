import type { IntakeLanguage } from './draft.ts';
import type { Token } from './text.ts';

/**
 * French or English, by counting frequent function words: enough for a communiqué, and a
 * sentence in the other language inside a text is told apart the same way.
 */

const FR = new Set([
  'le', 'la', 'les', 'des', 'du', 'de', 'et', 'un', 'une', 'est', 'sont', 'dans', 'pour', 'par', 'sur', 'avec', 'que', 'qui',
  'au', 'aux', 'ont', 'leur', 'leurs', 'ses', 'son', 'sa', 'ce', 'cette', 'ces', 'ne', 'pas', 'se', 'il', 'elle', 'ils',
  'nous', 'deux', 'entre', 'lors', 'apres', 'selon', 'ainsi', 'aussi', 'tres', 'plus', 'comme', 'dont', 'ou',
]);
const EN = new Set([
  'the', 'of', 'and', 'to', 'in', 'on', 'for', 'with', 'is', 'are', 'was', 'were', 'that', 'this', 'by', 'at', 'from', 'its',
  'their', 'they', 'he', 'she', 'it', 'as', 'be', 'has', 'have', 'had', 'an', 'will', 'both', 'between', 'which', 'who',
  'would', 'also', 'said', 'after', 'during', 'not', 'we', 'our', 'his', 'her',
]);

export interface LanguageCount {
  fr: number;
  en: number;
}

export function countLanguage(tokens: readonly Token[], from = 0, to = tokens.length): LanguageCount {
  let fr = 0;
  let en = 0;
  for (let i = from; i < to; i++) {
    const w = tokens[i]!.norm;
    if (FR.has(w)) fr++;
    if (EN.has(w)) en++;
  }
  return { fr, en };
}

/** The language that dominates a count, or null when neither shows. */
export function dominant(count: LanguageCount, minimum = 1): IntakeLanguage | null {
  if (count.fr < minimum && count.en < minimum) return null;
  if (count.fr === count.en) return null;
  return count.fr > count.en ? 'fr' : 'en';
}

/** A sentence's language: its own when it clearly has one, else the text's. */
export function sentenceLanguage(count: LanguageCount, fallback: IntakeLanguage): IntakeLanguage {
  if (count.fr >= 3 && count.fr >= 2 * count.en) return 'fr';
  if (count.en >= 3 && count.en >= 2 * count.fr) return 'en';
  return fallback;
}

/** Both languages present in earnest: a mixed text. */
export function isMixed(count: LanguageCount): boolean {
  const low = Math.min(count.fr, count.en);
  const high = Math.max(count.fr, count.en);
  return low >= 8 && low >= high * 0.25;
}
