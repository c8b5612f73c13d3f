import type { RecordData } from '../../record/common/resource.ts';
import { formToken } from '../comments/token.ts';
import { SITE_LANGS, type CommentField, type CommentFormState, type CommuniquePageInput, type PublicComment, type SiteLang } from '../types.ts';
import { attr, html, type Html, type Part } from './html.ts';
import { ENDONYMS, MESSAGES, formatInstant, formatPartialDate, languageName, type Messages } from './messages.ts';
import { STYLESHEET_PATH } from './style.ts';
import { langAttr, paragraphs, pick, type Shown } from './text.ts';

/**
 * The public site's pages, server-rendered, complete without JavaScript. Every string from a
 * record or a visitor goes through `html` (escaped); URLs are built from ids and fixed paths.
 */

export const paths = {
  list: (lang: SiteLang) => `/${lang}/`,
  communique: (lang: SiteLang, id: string) => `/${lang}/communiques/${encodeURIComponent(id)}`,
  comments: (lang: SiteLang, id: string) => `/${lang}/communiques/${encodeURIComponent(id)}/comments`,
  feed: (lang: SiteLang) => `/${lang}/feed.atom`,
};

interface Frame {
  lang: SiteLang;
  title: string;
  /** The page in each language (the language switch and hreflang alternates). */
  pathIn: (lang: SiteLang) => string;
  /** Scheme and host for absolute alternates; root-relative when unknown. */
  origin?: string | undefined;
  main: Html;
  /** Pages that must not be indexed: errors, a form shown back with its errors. */
  noindex?: boolean;
}

function layout(f: Frame): string {
  const m = MESSAGES[f.lang];
  const abs = (p: string) => (f.origin ?? '') + p;
  return (
    '<!doctype html>\n' +
    html`<html lang="${f.lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${f.title}</title>
${f.noindex ? html`<meta name="robots" content="noindex">\n` : ''}<link rel="stylesheet" href="${STYLESHEET_PATH}">
${f.noindex ? '' : alternates(f.lang, f.pathIn, abs)}<link rel="alternate" type="application/atom+xml" title="${m.feedTitle}" href="${abs(paths.feed(f.lang))}">
</head>
<body>
<a class="skip" href="#main">${m.skipToContent}</a>
<header class="site-header" id="top"><div class="wrap">
<p class="site-name"><a href="${paths.list(f.lang)}">${m.siteName}</a></p>
<nav class="langs" aria-label="${m.languages}"><ul>
${SITE_LANGS.map(
  (l) => html`<li><a href="${f.pathIn(l)}" hreflang="${l}" lang="${l}"${attr('aria-current', l === f.lang ? 'page' : undefined)}>${ENDONYMS[l]}</a></li>\n`,
)}</ul></nav>
</div></header>
<main id="main" class="wrap">
${f.main}
</main>
<footer class="site-footer"><div class="wrap">
<p><a href="${paths.feed(f.lang)}">${m.feed}</a></p>
<p class="back-to-top"><a href="#top">${m.backToTop}</a></p>
</div></footer>
</body>
</html>
`.value
  );
}

/** The page's canonical address and the page in each language, the English one as x-default. */
function alternates(lang: SiteLang, pathIn: (lang: SiteLang) => string, abs: (path: string) => string): Html {
  return html`<link rel="canonical" href="${abs(pathIn(lang))}">
${SITE_LANGS.map((l) => html`<link rel="alternate" hreflang="${l}" href="${abs(pathIn(l))}">\n`)}<link rel="alternate" hreflang="x-default" href="${abs(pathIn('en'))}">
`;
}

/** "20th round of the …": the round's number and its mechanism's name (in the reader's language if it has it). */
function belongsTo(lang: SiteLang, m: Messages, round: RecordData | undefined, event: RecordData | undefined, mechanism: RecordData | undefined): Html | undefined {
  if (round && typeof round.number === 'number') {
    const name = pick(mechanism?.name, lang);
    if (!name) return html`${m.round(round.number)}`;
    // The name keeps its own language when it is not the page's.
    const marker = '\u0000';
    const [before, after] = m.roundOf(round.number, marker).split(marker) as [string, string];
    return html`${before}<span${attr('lang', langAttr(name, lang))}>${name.value}</span>${after}`;
  }
  const title = pick(event?.title, lang);
  return title ? html`<span${attr('lang', langAttr(title, lang))}>${title.value}</span>` : undefined;
}

/** When and where: the round's first day and place, or the event's; else the publication day. */
function whenAndWhere(lang: SiteLang, c: RecordData, round: RecordData | undefined, event: RecordData | undefined): Html {
  const source = round ?? event;
  const date = (round?.startDate ?? event?.date) as string | null | undefined;
  const place = pick(source?.place, lang);
  const when = date
    ? html`<time datetime="${date}">${formatPartialDate(lang, date)}</time>`
    : typeof c.publishedAt === 'string'
      ? html`<time datetime="${c.publishedAt}">${formatInstant(lang, c.publishedAt)}</time>`
      : '';
  const where = place ? html`<span${attr('lang', langAttr(place, lang))}>${place.value}</span>` : '';
  return html`${when}${when && where ? ' · ' : ''}${where}`;
}

function fallbackNote(lang: SiteLang, m: Messages, shown: Shown | undefined): Part {
  if (!shown?.fallback) return '';
  return html`<div class="note" role="note"><p>${m.fallbackNote(languageName(lang, shown.lang))}</p></div>\n`;
}

/** The correction notes: this version's own, and a pointer to a newer one. */
function corrections(lang: SiteLang, m: Messages, c: RecordData, versions: RecordData[]): Part {
  const at = versions.findIndex((v) => v.id === c.id);
  const previous = at > 0 ? versions[at - 1] : undefined;
  const newest = versions.at(-1);
  const out: Part[] = [];
  if (newest && newest.id !== c.id) {
    out.push(html`<div class="note" role="note"><p>${m.supersededNote(formatInstant(lang, String(newest.publishedAt)))} <a href="${paths.communique(lang, String(newest.id))}">${m.readCurrent}</a></p></div>\n`);
  }
  const note = pick(c.correctionNote, lang);
  if (previous || note) {
    const date = typeof c.publishedAt === 'string' ? formatInstant(lang, c.publishedAt) : '';
    out.push(
      html`<div class="note" role="note"><p>${m.correctedOn(date)} ${note ? html`<span${attr('lang', langAttr(note, lang))}>${note.value}</span>` : ''}${
        previous ? html` <a href="${paths.communique(lang, String(previous.id))}">${m.earlierVersion}</a>` : ''
      }</p></div>\n`,
    );
  }
  return out;
}

function versionList(lang: SiteLang, m: Messages, c: RecordData, versions: RecordData[]): Part {
  if (versions.length < 2) return '';
  return html`<nav class="versions" aria-labelledby="versions-h"><h2 id="versions-h">${m.versions}</h2><ol>
${versions.map((v) => {
  const label = m.versionOf(Number(v.version), formatInstant(lang, String(v.publishedAt)));
  return v.id === c.id
    ? html`<li><span aria-current="page">${label}</span> ${m.thisVersion}</li>\n`
    : html`<li><a href="${paths.communique(lang, String(v.id))}">${label}</a></li>\n`;
})}</ol></nav>`;
}

function commentList(lang: SiteLang, m: Messages, comments: PublicComment[]): Html {
  const items = comments.map((c) => {
    const name = c.website && WEB_ADDRESS.test(c.website) ? html`<a href="${c.website}" rel="nofollow ugc">${c.name}</a>` : html`${c.name}`;
    return html`<li><article id="comment-${c.id}" aria-label="${c.name}">
<p class="comment-head"><span class="comment-author">${name}</span> <time datetime="${c.createdAt}">${formatInstant(lang, c.createdAt)}</time></p>
<div class="comment-body">${paragraphs(c.body)}</div>
</article></li>\n`;
  });
  return html`<section class="comments" aria-labelledby="comments-h">
<h2 id="comments-h">${comments.length > 0 ? m.comments(comments.length) : m.noComments}</h2>
${comments.length > 0 ? html`<ol class="comment-list">\n${items}</ol>` : ''}
</section>`;
}

/** Only web addresses become links (never javascript: or data: URLs, whatever was stored). */
const WEB_ADDRESS = /^https?:\/\/[^\s]+$/i;

const FIELDS: Array<{ name: CommentField; required: boolean; type: 'text' | 'email' | 'url' | 'textarea'; autocomplete?: string }> = [
  { name: 'name', required: true, type: 'text', autocomplete: 'name' },
  { name: 'email', required: true, type: 'email', autocomplete: 'email' },
  { name: 'website', required: false, type: 'url', autocomplete: 'url' },
  { name: 'comment', required: true, type: 'textarea' },
];

function field(m: Messages, f: (typeof FIELDS)[number], state: CommentFormState | undefined): Html {
  const value = state?.values[f.name] ?? '';
  const error = state?.errors[f.name];
  const id = `field-${f.name}`;
  const describedBy = [f.name === 'email' ? 'form-note' : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = html` id="${id}" name="${f.name}"${attr('required', f.required ? '' : undefined)}${attr('aria-invalid', error ? 'true' : undefined)}${attr('aria-describedby', describedBy || undefined)}`;
  const control =
    f.type === 'textarea'
      ? html`<textarea${common} rows="8">${value}</textarea>`
      : html`<input${common} type="${f.type}"${attr('autocomplete', f.autocomplete)} value="${value}">`;
  return html`<div class="field">
<label for="${id}">${m[f.name]}${f.required ? html` <span class="req">*</span>` : ''}</label>
${control}
${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
</div>\n`;
}

/**
 * The comment form (posted as application/x-www-form-urlencoded; src/public/comments handles it).
 * The action's #respond brings a visitor whose form comes back with errors to the form.
 */
function commentForm(lang: SiteLang, m: Messages, communiqueId: string, state: CommentFormState | undefined, token: string): Html {
  const errors = state ? (Object.entries(state.errors) as Array<[CommentField | 'form', string | undefined]>).filter((e): e is [CommentField | 'form', string] => !!e[1]) : [];
  const summary =
    errors.length > 0
      ? html`<div class="errors" role="alert" id="form-errors"><p>${m.errorSummary}</p><ul>
${errors.map(([name, message]) => (name === 'form' ? html`<li>${message}</li>\n` : html`<li><a href="#field-${name}">${m[name]}: ${message}</a></li>\n`))}</ul></div>\n`
      : '';
  const notice = state?.notice === 'pending' ? html`<p class="notice" role="status">${m.pending}</p>\n` : '';
  return html`<section class="respond" id="respond" aria-labelledby="respond-h">
<h2 id="respond-h">${m.leaveReply}</h2>
${notice}<form method="post" action="${paths.comments(lang, communiqueId)}#respond" accept-charset="utf-8">
${summary}<p class="form-note" id="form-note">${m.formNote}</p>
${FIELDS.map((f) => field(m, f, state))}<div class="hp" aria-hidden="true"><label for="field-homepage">${m.honeypot}</label><input id="field-homepage" name="homepage" type="text" value="" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="token" value="${token}">
<button type="submit">${m.submit}</button>
</form>
</section>`;
}

export interface RenderOptions {
  /** Scheme and host, for absolute alternate links. */
  origin?: string;
  /** The form's token; by default a fresh one (src/public/comments/token.ts). */
  token?: string;
}

/** A published communiqué's page: the text, its versions, approved comments and the form. */
export function renderCommuniquePage(input: CommuniquePageInput, opts: RenderOptions = {}): string {
  const { lang, communique: c, round, event, mechanism, versions, comments, form } = input;
  const m = MESSAGES[lang];
  const id = String(c.id);
  const title = pick(c.title, lang);
  const body = pick(c.text, lang);
  const place = belongsTo(lang, m, round, event, mechanism);
  const main = html`<article class="communique" aria-labelledby="title">
<h1 id="title"${attr('lang', langAttr(title, lang))}>${title?.value ?? ''}</h1>
<p class="meta">${whenAndWhere(lang, c, round, event)}</p>
${place ? html`<p class="round">${place}</p>\n` : ''}${fallbackNote(lang, m, body)}${corrections(lang, m, c, versions)}<div class="text"${attr('lang', body?.lang)}>
${paragraphs(body?.value ?? '')}
</div>
${versionList(lang, m, c, versions)}
</article>
${commentList(lang, m, comments)}
${commentForm(lang, m, id, form, opts.token ?? formToken(id))}`;
  return layout({ lang, title: `${title?.value ?? ''} — ${m.siteName}`, pathIn: (l) => paths.communique(l, id), origin: opts.origin, main, noindex: !!form && !form.notice });
}

/** One entry of the list of published communiqués. */
export interface ListedCommunique {
  communique: RecordData;
  round?: RecordData | undefined;
  event?: RecordData | undefined;
  mechanism?: RecordData | undefined;
}

/** The list of published communiqués, newest first. */
export function renderListPage(lang: SiteLang, items: ListedCommunique[], opts: { origin?: string } = {}): string {
  const m = MESSAGES[lang];
  const entries = items.map(({ communique: c, round, event, mechanism }) => {
    const title = pick(c.title, lang);
    const place = belongsTo(lang, m, round, event, mechanism);
    return html`<li><article aria-labelledby="c-${String(c.id)}">
<h2 id="c-${String(c.id)}"><a href="${paths.communique(lang, String(c.id))}"${attr('lang', langAttr(title, lang))}>${title?.value ?? ''}</a>${
      title?.fallback ? html` <span class="mark">${m.fallbackMark(languageName(lang, title.lang))}</span>` : ''
    }</h2>
<p class="meta">${whenAndWhere(lang, c, round, event)}</p>
${place ? html`<p>${place}</p>\n` : ''}</article></li>\n`;
  });
  const main = html`<h1>${m.listHeading}</h1>
${items.length > 0 ? html`<ol class="list">\n${entries}</ol>` : html`<p>${m.noCommuniques}</p>`}`;
  return layout({ lang, title: m.siteName, pathIn: paths.list, origin: opts.origin, main });
}

/** No published communiqué here (unknown, not yet published, or never to be shown). */
export function renderNotFoundPage(lang: SiteLang): string {
  const m = MESSAGES[lang];
  const main = html`<h1>${m.notFoundTitle}</h1>
<p>${m.notFoundText}</p>
<p><a href="${paths.list(lang)}">${m.backToList}</a></p>`;
  return layout({ lang, title: `${m.notFoundTitle} — ${m.siteName}`, pathIn: paths.list, main, noindex: true });
}
