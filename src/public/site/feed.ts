import type { RecordData } from '../../record/common/resource.ts';
import { SITE_LANGS, type SiteLang } from '../types.ts';
import { escapeText, html } from './html.ts';
import { MESSAGES, formatInstant } from './messages.ts';
import { paths } from './render.ts';
import { paragraphs, pick } from './text.ts';

/**
 * The Atom feed (RFC 4287) of published communiqués in one language, and the sitemap. Written
 * here rather than with the `feed` package, which declares titles `type="html"` (ours are plain
 * text) and gives no entry its language (xml:lang): decision 0019.
 */

/** Characters XML 1.0 does not allow at all, even escaped: dropped. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to match
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xml(s: string): string {
  return escapeText(s.replace(NOT_XML, ''));
}

/** The latest instant among `dates` (ISO 8601), if any. */
function latest(dates: unknown[]): string | undefined {
  return dates
    .filter((d): d is string => typeof d === 'string')
    .sort()
    .at(-1);
}

function entry(lang: SiteLang, origin: string, c: RecordData): string {
  const id = String(c.id);
  const title = pick(c.title, lang);
  const text = pick(c.text, lang);
  const note = pick(c.correctionNote, lang);
  const published = String(c.publishedAt);
  // The content is HTML (paragraphs), carried as escaped text: escaped once for HTML, once for XML.
  const body = html`${note ? html`<p>${MESSAGES[lang].correctedOn(formatInstant(lang, published))} ${note.value}</p>\n` : ''}${paragraphs(text?.value ?? '')}`.value;
  return `<entry${text ? ` xml:lang="${xml(text.lang)}"` : ''}>
<id>urn:uuid:${xml(id)}</id>
<title type="text">${xml(title?.value ?? '')}</title>
<link rel="alternate" type="text/html" href="${xml(origin + paths.communique(lang, id))}"/>
<published>${xml(published)}</published>
<updated>${xml(published)}</updated>
<content type="html">${xml(body)}</content>
</entry>
`;
}

/** The feed of `items` (newest first) for readers of `lang`. */
export function renderFeed(lang: SiteLang, origin: string, items: RecordData[]): string {
  const m = MESSAGES[lang];
  const self = origin + paths.feed(lang);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
<id>${xml(self)}</id>
<title type="text">${xml(m.feedTitle)}</title>
<updated>${xml(latest(items.map((c) => c.publishedAt)) ?? new Date(0).toISOString())}</updated>
<author><name>${xml(m.siteName)}</name></author>
<link rel="self" type="application/atom+xml" href="${xml(self)}"/>
<link rel="alternate" type="text/html" hreflang="${lang}" href="${xml(origin + paths.list(lang))}"/>
${items.map((c) => entry(lang, origin, c)).join('')}</feed>
`;
}

/** Every page of the site in every language, each with its alternates (hreflang). */
export function renderSitemap(origin: string, items: RecordData[]): string {
  const url = (pathIn: (lang: SiteLang) => string, lastmod?: unknown) =>
    SITE_LANGS.map(
      (lang) => `<url><loc>${xml(origin + pathIn(lang))}</loc>${typeof lastmod === 'string' ? `<lastmod>${xml(lastmod)}</lastmod>` : ''}${SITE_LANGS.map(
        (alt) => `<xhtml:link rel="alternate" hreflang="${alt}" href="${xml(origin + pathIn(alt))}"/>`,
      ).join('')}</url>\n`,
    ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${url(paths.list, latest(items.map((c) => c.publishedAt)))}${items.map((c) => url((lang) => paths.communique(lang, String(c.id)), c.publishedAt)).join('')}</urlset>
`;
}
