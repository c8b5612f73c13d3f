import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startDemo, type Demo } from '../../../test/support/app.ts';
import { preferredLang } from './routes.ts';
import { STYLESHEET_PATH } from './style.ts';

/**
 * The public site over HTTP on the demo: the round-20 communiqué is invisible as a draft, then
 * published by both co-chairs' approval and read in every language; a hostile communiqué and a
 * hostile comment are escaped on every page and in the feed; a correction links both versions.
 */
let demo: Demo;
let M: string;
let roundId: string;
let draftId: string;
const HOST = 'public.example';

beforeAll(async () => {
  demo = await startDemo();
  M = demo.mechanismId;
  const draft = (await demo.call('cn-secretariat', 'GET', `/api/v1/communiques?mechanismId=${M}`)).json().items[0];
  draftId = draft.id;
  roundId = draft.roundId;
  for (const who of ['cn-cochair', 'ru-cochair']) {
    await demo.cookie(who);
    const res = await demo.call(who, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode(who) });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => demo?.close());

const get = (url: string, headers: Record<string, string> = {}) => demo.app.inject({ method: 'GET', url, headers: { host: HOST, ...headers } });

async function approveByBoth(id: string): Promise<{ status: string }> {
  let last: { status: string } = { status: '' };
  for (const who of ['cn-cochair', 'ru-cochair']) {
    const res = await demo.call(who, 'POST', `/api/v1/communiques/${id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    last = res.json();
  }
  return last;
}

/** A hidden field's value in a page. */
const tokenOf = (body: string) => /<input type="hidden" name="token" value="([^"]+)">/.exec(body)?.[1];

describe('the public site', () => {
  it('shows nothing of a draft: not its page, not its title, not in the feed or the sitemap', async () => {
    const page = await get(`/en/communiques/${draftId}`);
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Page not found');
    expect(page.body).not.toContain('coordination stratégique');
    for (const url of ['/en/', '/fr/', '/fr/feed.atom', '/sitemap.xml']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(draftId);
      expect(res.body, url).not.toContain('coordination stratégique');
    }
    expect((await get('/en/')).body).toContain('No communiqué has been published yet.');
  });

  it('sends / to the visitor’s language', async () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, '/en/'],
      ['fr-FR,fr;q=0.9,en;q=0.8', '/fr/'],
      ['zh-CN', '/zh/'],
      ['de-DE, ru;q=0.7, en;q=0.5', '/ru/'],
      ['ru;q=0.5, en;q=0.8', '/en/'],
      ['de', '/en/'],
      ['fr;q=0, zh', '/zh/'],
    ];
    for (const [header, to] of cases) {
      const res = await get('/', header ? { 'accept-language': header } : {});
      expect(res.statusCode, header).toBe(302);
      expect(res.headers.location, header).toBe(to);
      expect(res.headers.vary).toMatch(/Accept-Language/i);
    }
    expect(preferredLang('x'.repeat(10_000))).toBe('en');
    expect((await get('/fr')).headers.location).toBe('/fr/');
  });

  it('publishes the round-20 communiqué when both co-chairs approve it', async () => {
    expect((await approveByBoth(draftId)).status).toBe('published');
  });

  it('lists it in every language, marked where it is shown in French', async () => {
    for (const lang of ['en', 'fr', 'zh', 'ru']) {
      const res = await get(`/${lang}/`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<html lang="${lang}"`);
      expect(res.body).toContain(`<a href="/${lang}/communiques/${draftId}" lang="${lang === 'fr' ? '' : 'fr'}"`.replace(' lang=""', ''));
      expect(res.body).toContain('La Chine et la Russie s&#39;engagent');
      expect(res.body.includes('class="mark"'), lang).toBe(lang !== 'fr');
    }
    expect((await get('/en/')).body).toContain('<span class="mark">in French</span>');
  });

  it('shows the page in each language: title, date, place, round, the text with a mark when it is in French', async () => {
    const expected = {
      en: { date: 'December 2, 2025', place: 'Beijing', round: '20th round of the <span>China–Russia strategic security consultation</span>', note: 'This communiqué is not available in English. It is shown in French.' },
      fr: { date: '2 décembre 2025', place: 'Pékin', round: '<span>Consultation sur la sécurité stratégique Chine–Russie</span>, 20e cycle', note: undefined },
      zh: { date: '2025年12月2日', place: '北京', round: '<span>中俄战略安全磋商</span>第20轮', note: '本公报暂无中文版本，以下为法语文本。' },
      ru: { date: '2 декабря 2025 г.', place: 'Пекин', round: '<span>Российско-китайские консультации по стратегической безопасности</span>, 20-й раунд', note: 'Это коммюнике недоступно на русском языке. Текст приведён на языке: французский.' },
    } as const;
    for (const [lang, e] of Object.entries(expected)) {
      const res = await get(`/${lang}/communiques/${draftId}`);
      expect(res.statusCode, lang).toBe(200);
      const body = res.body;
      expect(body).toContain(`<html lang="${lang}"`);
      expect(res.headers['content-language']).toBe(lang);
      expect(body).toContain(`<h1 id="title"${lang === 'fr' ? '' : ' lang="fr"'}>La Chine et la Russie s&#39;engagent à renforcer la coordination stratégique</h1>`);
      expect(body).toContain(`<time datetime="2025-12-02">${e.date}</time> · <span>${e.place}</span>`);
      expect(body).toContain(`<p class="round">${e.round}</p>`);
      expect(body).toContain('<div class="text" lang="fr">\n<p>Le 2 décembre 2025, des envoyés de haut rang');
      if (e.note) expect(body).toContain(`<div class="note" role="note"><p>${e.note}</p></div>`);
      else expect(body).not.toContain('class="note"');
      // The language switch and the alternates: every language, absolute, and x-default.
      for (const l of ['en', 'fr', 'zh', 'ru']) {
        expect(body).toContain(`<link rel="alternate" hreflang="${l}" href="http://${HOST}/${l}/communiques/${draftId}">`);
        expect(body).toContain(`<a href="/${l}/communiques/${draftId}" hreflang="${l}" lang="${l}"${l === lang ? ' aria-current="page"' : ''}>`);
      }
      expect(body).toContain(`<link rel="alternate" hreflang="x-default" href="http://${HOST}/en/communiques/${draftId}">`);
      expect(body).toContain(`<link rel="canonical" href="http://${HOST}/${lang}/communiques/${draftId}">`);
      // The form, and the way back up.
      expect(body).toContain(`<form method="post" action="/${lang}/communiques/${draftId}/comments#respond"`);
      for (const name of ['name', 'email', 'website', 'comment', 'homepage', 'token']) expect(body).toContain(`name="${name}"`);
      expect(body).toContain('<a href="#top">');
      expect(body).not.toMatch(/<script|style="/);
    }
    const en = (await get(`/en/communiques/${draftId}`)).body;
    for (const label of ['Name <span class="req">*</span>', 'Email <span class="req">*</span>', '>Website</label>', 'Comment <span class="req">*</span>', 'Leave a Reply', 'Your email address will not be published. Required fields are marked *', 'Back to top']) {
      expect(en).toContain(label);
    }
    expect(en).toMatch(/<div class="hp" aria-hidden="true">.*<input id="field-homepage" name="homepage" type="text" value="" tabindex="-1" autocomplete="off">/);
  });

  it('gives each answer its own form token, the page being otherwise the same', async () => {
    const [a, b] = [(await get(`/fr/communiques/${draftId}`)).body, (await get(`/fr/communiques/${draftId}`)).body];
    const [ta, tb] = [tokenOf(a), tokenOf(b)];
    expect(ta).toMatch(/^v1\./);
    expect(tb).toMatch(/^v1\./);
    expect(ta).not.toBe(tb);
    expect(a.replace(ta!, '')).toBe(b.replace(tb!, ''));
  });

  it('answers 404 with a page for unknown and malformed ids', async () => {
    for (const id of ['019ad000-0000-7000-8000-000000000000', 'nope', '%3Cscript%3E', M]) {
      const res = await get(`/fr/communiques/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.body).toContain('Page introuvable');
      expect(res.body).not.toContain('<script');
    }
  });

  it('lists it in the Atom feed of each language', async () => {
    const res = await get('/en/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = res.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="en">/);
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="http://${HOST}/en/feed.atom"/>`);
    expect(xml).toContain(`<entry xml:lang="fr">\n<id>urn:uuid:${draftId}</id>\n<title type="text">La Chine et la Russie s&#39;engagent à renforcer la coordination stratégique</title>`);
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="http://${HOST}/en/communiques/${draftId}"/>`);
    expect(xml).toContain('<content type="html">&lt;p&gt;Le 2 décembre 2025');
    expect(xml.match(/<entry/g)).toHaveLength(1);
    expect((await get('/zh/feed.atom')).body).toContain(`href="http://${HOST}/zh/communiques/${draftId}"`);
  });

  it('has a sitemap of every page in every language', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    for (const l of ['en', 'fr', 'zh', 'ru']) {
      expect(res.body).toContain(`<url><loc>http://${HOST}/${l}/</loc>`);
      expect(res.body).toContain(`<url><loc>http://${HOST}/${l}/communiques/${draftId}</loc><lastmod>`);
      expect(res.body).toContain(`<xhtml:link rel="alternate" hreflang="${l}" href="http://${HOST}/${l}/communiques/${draftId}"/>`);
    }
  });

  it('refuses a Host header that is not a host name', async () => {
    const res = await get('/en/feed.atom', { host: 'evil"><x' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('escapes a hostile title and text on the list, the page and the feed', async () => {
    const title = '<script>alert(1)</script> & "quoted" ]]> \'';
    const text = 'First <b>bold</b> & <img src=x onerror=alert(1)>\n\n]]></content><entry>';
    const made = await demo.call('cn-secretariat', 'POST', '/api/v1/communiques', {
      mechanismId: M,
      roundId,
      title: { en: title },
      text: { en: text },
      embargo: '2025-12-03T00:00:00.000Z',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    expect((await approveByBoth(id)).status).toBe('published');

    const escapedTitle = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; ]]&gt; &#39;';
    const page = (await get(`/en/communiques/${id}`)).body;
    expect(page).toContain(`<h1 id="title">${escapedTitle}</h1>`);
    expect(page).toContain(`<title>${escapedTitle} — Communiqués</title>`);
    expect(page).toContain('<p>First &lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(page).not.toMatch(/<script|<img|<b>/);
    const list = (await get('/en/')).body;
    expect(list).toContain(escapedTitle);
    // Newest first: the hostile one (published now) above the round-20 one.
    expect(list.indexOf(id)).toBeLessThan(list.indexOf(draftId));
    const feed = (await get('/en/feed.atom')).body;
    expect(feed).toContain(`<title type="text">${escapedTitle}</title>`);
    // Escaped once for HTML, once for XML.
    expect(feed).toContain('&lt;p&gt;First &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; &amp;amp; &amp;lt;img src=x onerror=alert(1)&amp;gt;&lt;/p&gt;');
    expect(feed).toContain('&lt;p&gt;]]&amp;gt;&amp;lt;/content&amp;gt;&amp;lt;entry&amp;gt;&lt;/p&gt;');
    expect(feed.match(/<entry/g)).toHaveLength(2);
    // The feed lists it first (newest) and the fallback shows in zh with its language.
    expect((await get('/zh/feed.atom')).body.indexOf(id)).toBeLessThan((await get('/zh/feed.atom')).body.indexOf(draftId));
  });

  it('shows approved comments with name, link and date (never the email), at once after moderation', async () => {
    const url = `/en/communiques/${draftId}`;
    const before = (await get(url)).body;
    const form = new URLSearchParams({
      name: '<b>Ann</b> "A"',
      email: 'ann@example.org',
      website: 'https://example.org/?a=1&b=<2>',
      comment: 'Good <script>alert(1)</script>\n\nSecond paragraph',
      homepage: '',
      token: tokenOf(before)!,
    });
    const posted = await demo.app.inject({ method: 'POST', url: `${url}/comments`, headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    expect(posted.statusCode, posted.body).toBe(303);
    expect(posted.headers.location).toMatch(/\?comment=pending#respond$/);
    const notice = (await get(`${url}?comment=pending`)).body;
    expect(notice).toContain('<p class="notice" role="status">Thank you.');
    // Pending: not shown yet.
    expect((await get(url)).body).not.toContain('Ann');

    const queue = (await demo.call('cn-secretariat', 'GET', `/api/v1/comments?communiqueId=${draftId}&status=pending`)).json().items as Array<{ id: string }>;
    expect(queue).toHaveLength(1);
    const approved = await demo.call('cn-secretariat', 'POST', '/api/v1/comments/moderate', { ids: [queue[0]!.id], action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);

    const after = (await get(url)).body;
    expect(after).toContain('<h2 id="comments-h">1 comment</h2>');
    expect(after).toMatch(/<a href="https:\/\/example\.org\/\?a=1&amp;b=[^"<>]*" rel="nofollow ugc">&lt;b&gt;Ann&lt;\/b&gt; &quot;A&quot;<\/a>/);
    expect(after).toContain('<p>Good &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Second paragraph</p>');
    expect(after).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+">\w+ \d+, \d{4}<\/time>/);
    expect(after).not.toContain('ann@example.org');
    expect(after).not.toMatch(/<script|<b>/);
    for (const other of ['/en/feed.atom', '/sitemap.xml', '/en/']) expect((await get(other)).body).not.toContain('ann@example.org');
  });

  it('shows a change of its round at once, not a page kept from before', async () => {
    expect((await get(`/en/communiques/${draftId}`)).body).toContain('<span>Beijing</span>');
    const res = await demo.call('cn-secretariat', 'PATCH', `/api/v1/rounds/${roundId}`, { place: { en: 'Beijing, Diaoyutai', fr: 'Pékin', zh: '北京', ru: 'Пекин' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(`/en/communiques/${draftId}`)).body).toContain('<span>Beijing, Diaoyutai</span>');
    expect((await get('/en/')).body).toContain('<span>Beijing, Diaoyutai</span>');
  });

  it('shows a correction with its dated note and the way to the earlier text, which points to it', async () => {
    const made = await demo.call('cn-secretariat', 'POST', `/api/v1/communiques/${draftId}/correct`, {
      correctionNote: { fr: 'Une coquille corrigée.', en: 'A typo corrected.' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const v2 = made.json().id as string;
    expect((await get(`/en/communiques/${v2}`)).statusCode).toBe(404);
    expect((await approveByBoth(v2)).status).toBe('approved');
    const scheduled = await demo.call('cn-secretariat', 'POST', `/api/v1/communiques/${v2}/schedule`, { embargo: new Date(Date.now() - 1000).toISOString() });
    expect(scheduled.json().status).toBe('published');

    const newer = (await get(`/en/communiques/${v2}`)).body;
    expect(newer).toMatch(/<p>Corrected on \w+ \d+, \d{4}: <span>A typo corrected\.<\/span> <a href="\/en\/communiques\/[^"]+">Read the earlier version<\/a><\/p>/);
    expect(newer).toContain(`<a href="/en/communiques/${draftId}">Read the earlier version</a>`);
    expect(newer).toContain('<h2 id="versions-h">Versions</h2>');
    const older = await get(`/en/communiques/${draftId}`);
    expect(older.statusCode).toBe(200);
    expect(older.body).toContain(`A corrected version of this communiqué was published on`);
    expect(older.body).toContain(`<a href="/en/communiques/${v2}">Read the current version</a>`);
    expect(older.body).toContain('<h2 id="comments-h">1 comment</h2>');
    // The list and the feed name the current version only; the sitemap has both pages.
    const list = (await get('/en/')).body;
    expect(list).toContain(`/en/communiques/${v2}`);
    expect(list).not.toContain(`/en/communiques/${draftId}"`);
    const feed = (await get('/en/feed.atom')).body;
    expect(feed).toContain(`urn:uuid:${v2}`);
    expect(feed).not.toContain(`urn:uuid:${draftId}`);
    expect(feed).toContain('&lt;p&gt;Corrected on');
    const sitemap = (await get('/sitemap.xml')).body;
    expect(sitemap).toContain(`/en/communiques/${v2}</loc>`);
    expect(sitemap).toContain(`/en/communiques/${draftId}</loc>`);
  });

  it('serves its stylesheet for a year under a hashed name, under the strict CSP', async () => {
    const css = await get(STYLESHEET_PATH);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/en/');
    expect(page.body).toContain(`<link rel="stylesheet" href="${STYLESHEET_PATH}">`);
    expect(page.headers['content-security-policy']).toMatch(/style-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect((await get('/site/style.0000000000000000.css')).statusCode).toBe(404);
  });
});
