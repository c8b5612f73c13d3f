import type { SiteLang } from '../types.ts';
import { html, type Html } from './html.ts';

/** A multilingual text in the reader's language, or its first language when it has none. */
export interface Shown {
  value: string;
  /** The language tag of what is shown. */
  lang: string;
  /** Shown in another language than the reader's. */
  fallback: boolean;
}

/**
 * The text in `lang`: its `lang` key, else a regional or script form of it (`zh-Hans` for
 * `zh`), else its first language (the one it was written in). Undefined when it has none.
 */
export function pick(text: unknown, lang: SiteLang): Shown | undefined {
  if (text === null || typeof text !== 'object') return undefined;
  const entries = Object.entries(text as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  const exact = entries.find(([k]) => k === lang) ?? entries.find(([k]) => k.split('-')[0]!.toLowerCase() === lang);
  if (exact) return { value: exact[1], lang: exact[0], fallback: false };
  const first = entries[0];
  return first ? { value: first[1], lang: first[0], fallback: true } : undefined;
}

/** The language a text is in, as an attribute, when it differs from the page's. */
export function langAttr(shown: Shown | undefined, pageLang: SiteLang): string | undefined {
  return shown && shown.lang !== pageLang ? shown.lang : undefined;
}

/** Plain text as paragraphs: a blank line starts a new one, a single line break stays one. */
export function paragraphs(text: string): Html[] {
  return text
    .split(/\r?\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => html`<p>${p.split(/\r?\n/).map((line, i) => (i === 0 ? line : [html`<br>`, line]))}</p>`);
}
