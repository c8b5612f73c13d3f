import type { Text } from '../api/types.ts';

/** The text of a multilingual record field chosen for the reader, and whether it is another language. */
export interface PickedText {
  text: string;
  /** The BCP 47 tag of the text shown (for the `lang` attribute and the mark). */
  lang: string;
  /** True when the text is not in the wanted language. */
  fallback: boolean;
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

/**
 * Picks the text to show: the wanted language (exactly, else any regional or script variant
 * of it), else English, else the record's own languages in the given order, else whatever
 * language the record has. Never invents a translation: a missing text stays missing.
 */
export function pickText(text: Text | null | undefined, wanted: string, alsoTry: readonly string[] = []): PickedText | undefined {
  if (!text) return undefined;
  const tags = Object.keys(text).filter((tag) => text[tag]?.trim());
  if (tags.length === 0) return undefined;
  const find = (lang: string) => tags.find((t) => t === lang) ?? tags.find((t) => primary(t) === primary(lang));
  const lang = [wanted, 'en', ...alsoTry].map(find).find((t) => t !== undefined) ?? tags[0]!;
  return { text: text[lang]!, lang, fallback: primary(lang) !== primary(wanted) };
}
