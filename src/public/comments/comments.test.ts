import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, sessionHeaders, type Demo } from '../../../test/support/app.ts';
import { formToken } from './token.ts';
import { commentCount, formBody, freshAddress, postComment, publishRound20 } from './test-helpers.ts';

/**
 * The comment form and its moderation on the demo, through HTTP: a visitor's comment waits,
 * unseen, until the owner party's secretariat approves it; it then shows with name and date,
 * and its email appears nowhere but in the moderation queue of that secretariat.
 */

let demo: Demo;
let id: string;
let M: string;

const EMAIL = 'ana.visitor+entente@example.org';
const valid = (over: Record<string, string> = {}) => ({
  name: 'Ana Visitor',
  email: EMAIL,
  website: 'https://ana.example.org/',
  comment: 'A useful communiqué; will the next round publish its agenda?',
  token: formToken(id),
  homepage: '',
  ...over,
});

beforeAll(async () => {
  demo = await startDemo();
  M = demo.mechanismId;
});
afterAll(async () => demo?.close());

describe('before publication', () => {
  it('has no form to post to: 404, nothing stored', async () => {
    const list = await demo.call('cn-secretariat', 'GET', `/api/v1/communiques?mechanismId=${M}`);
    const draft = (list.json() as { items: Array<{ id: string }> }).items[0]!.id;
    id = draft;
    const res = await postComment(demo, draft, valid());
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(await commentCount(demo)).toBe(0);
    expect(await publishRound20(demo)).toBe(draft);
  });
});

describe('a comment from post to page', () => {
  let commentId: string;

  it('is taken (303 to the page, with the notice), pending, and not shown', async () => {
    const res = await postComment(demo, id, valid(), { lang: 'fr' });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/fr/communiques/${id}?comment=pending#respond`);
    const rows = await demo.store.db.selectFrom('comments').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ communiqueId: id, mechanismId: M, name: 'Ana Visitor', email: EMAIL, website: 'https://ana.example.org/', language: 'fr', status: 'pending', moderatedBy: null });
    commentId = rows[0]!.id;
    const page = await demo.call(null, 'GET', `/fr/communiques/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('will the next round');
  });

  it('is in the queue of the owner party’s secretariat, email included', async () => {
    const res = await demo.call('cn-secretariat', 'GET', `/api/v1/comments?mechanismId=${M}&status=pending`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ items: [{ id: commentId, email: EMAIL, status: 'pending', name: 'Ana Visitor' }], nextCursor: null });
    expect(res.json().items[0]).not.toHaveProperty('fingerprint');
  });

  it('shows with name and date once approved, and its email nowhere public', async () => {
    const res = await demo.call('cn-secretariat', 'POST', '/api/v1/comments/moderate', { ids: [commentId], action: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([{ id: commentId, status: 'approved', moderatedBy: 'cn-secretariat', moderatedAt: expect.any(String) }]);
    const page = await demo.call(null, 'GET', `/en/communiques/${id}`);
    expect(page.body).toContain('will the next round publish its agenda?');
    expect(page.body).toContain('Ana Visitor');
    expect(page.body).toMatch(/<time datetime="\d{4}-\d\d-\d\dT/);
    expect(page.body).toContain('rel="nofollow ugc"');

    // Every public page, feed and API answer, and every answer to those who do not moderate.
    const publicUrls = ['/', '/en/', '/fr/', '/zh/', '/ru/', ...['en', 'fr', 'zh', 'ru'].flatMap((l) => [`/${l}/communiques/${id}`, `/${l}/feed.atom`]), '/sitemap.xml', `/api/v1/communiques/${id}`, `/api/v1/communiques?mechanismId=${M}`];
    for (const url of publicUrls) {
      const r = await demo.call(null, 'GET', url);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.body, url).not.toContain('ana.visitor');
    }
    for (const user of ['cn-observer', 'cn-delegate', 'cn-admin', 'ru-secretariat', 'ru-cochair', 'ru-observer']) {
      for (const url of [`/api/v1/comments?mechanismId=${M}`, `/api/v1/comments`, `/api/v1/comments?communiqueId=${id}`, `/api/v1/mechanisms/${M}/overview`, `/api/v1/communiques/${id}`]) {
        const r = await demo.call(user, 'GET', url);
        expect(r.statusCode, `${user} ${url}`).toBeLessThan(500);
        expect(r.body, `${user} ${url}`).not.toContain('ana.visitor');
      }
    }
    expect((await demo.call('cn-cochair', 'GET', `/api/v1/comments?communiqueId=${id}`)).body).toContain(EMAIL);
    // The moderation is audited.
    const audit = await demo.store.db.selectFrom('audit').selectAll().where('action', '=', 'comments.moderate').execute();
    expect(audit).toMatchObject([{ actor: 'cn-secretariat', party: 'cn', target: 'comments/approved' }]);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ action: 'approve', ids: [commentId] });
  });
});

describe('a form with errors', () => {
  it('is shown again (422) with the input and a message at each wrong field; nothing is stored', async () => {
    const before = await commentCount(demo);
    const res = await postComment(demo, id, valid({ name: '  ', email: 'Ana <ana@example.org>', website: 'javascript:alert(1)', comment: '<b>bold</b> & more' }));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body;
    expect(body).toContain('Enter your name.');
    expect(body).toContain('Enter an email address like name@example.org');
    expect(body).toContain('Enter a web address starting with http:// or https://');
    expect(body).toMatch(/id="field-email"[^>]*aria-invalid="true"/);
    expect(body).not.toMatch(/id="field-comment"[^>]*aria-invalid/);
    // The input comes back, escaped.
    expect(body).toContain('value="Ana &lt;ana@example.org&gt;"');
    expect(body).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; more</textarea>');
    expect(body).not.toContain('<b>bold</b>');
    expect(await commentCount(demo)).toBe(before);
  });

  it('speaks the page’s language', async () => {
    const res = await postComment(demo, id, valid({ comment: '' }), { lang: 'zh' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('请填写评论内容。');
    const fr = await postComment(demo, id, valid({ email: '' }), { lang: 'fr' });
    expect(fr.body).toContain('Indiquez votre adresse e-mail.');
  });

  it('enforces every limit on the server', async () => {
    const before = await commentCount(demo);
    for (const [field, value, message] of [
      ['name', 'n'.repeat(101), 'at most 100 characters'],
      ['email', `${'a'.repeat(64)}@${'b'.repeat(186)}.org`, 'at most 254 characters'],
      ['website', `https://example.org/${'p'.repeat(181)}`, 'at most 200 characters'],
      ['comment', 'c'.repeat(5001), 'at most 5,000 characters'],
      ['comment', '😀'.repeat(5001), 'at most 5,000 characters'],
      ['email', 'ana@example.org\r\nBcc: all@example.org', 'Enter an email address like'],
      ['name', 'Ana\u202eelbat', 'hidden formatting characters'],
    ] as const) {
      const res = await postComment(demo, id, valid({ [field]: value }));
      expect(res.statusCode, `${field}=${value.slice(0, 20)}`).toBe(422);
      expect(res.body).toContain(message);
    }
    // At the limits exactly, accepted (a character outside the BMP counts once).
    const res = await postComment(demo, id, valid({ name: 'n'.repeat(100), comment: '😀'.repeat(5000), website: `https://example.org/${'p'.repeat(180)}` }));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(await commentCount(demo)).toBe(before + 1);
  });
});

describe('abuse controls', () => {
  it('drops a post whose honeypot is filled, answering as if it were taken', async () => {
    const before = await commentCount(demo);
    const res = await postComment(demo, id, valid({ homepage: 'http://spam.example', comment: 'Buy now' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/communiques/${id}?comment=pending#respond`);
    expect(await commentCount(demo)).toBe(before);
  });

  it('refuses the same comment twice, even reworded in case and spacing or from a +tag of the address', async () => {
    const first = await postComment(demo, id, valid({ comment: 'Once is enough.' }));
    expect(first.statusCode).toBe(303);
    const before = await commentCount(demo);
    for (const over of [{ comment: 'Once is enough.' }, { comment: '  ONCE   is\nenough. ' }, { comment: 'Once is enough.', email: 'Ana.Visitor@EXAMPLE.org' }] as Array<Record<string, string>>) {
      const again = await postComment(demo, id, valid(over));
      expect(again.statusCode).toBe(422);
      expect(again.body).toContain('You have already posted this comment.');
    }
    expect(await commentCount(demo)).toBe(before);
  });

  it('takes a form token once, for its communiqué, for a day', async () => {
    const token = formToken(id);
    expect((await postComment(demo, id, valid({ token, comment: 'First post of this form.' }))).statusCode).toBe(303);
    const before = await commentCount(demo);
    const replay = await postComment(demo, id, valid({ token, comment: 'The same form, replayed with another text.' }));
    expect(replay.statusCode).toBe(422);
    expect(replay.body).toContain('This form was already sent.');
    // The page shown again carries a fresh token, which works.
    const fresh = /name="token" value="([^"]+)"/.exec(replay.body)![1]!;
    expect(fresh).not.toBe(token);
    const cases: Array<[string, string]> = [
      ['', 'This form could not be checked.'],
      [formToken('0190a000-0000-7000-8000-000000000000'), 'This form could not be checked.'],
      [`${token.slice(0, -2)}AA`, 'This form could not be checked.'],
      [formToken(id, Date.now() - 25 * 3600_000), 'This form is more than a day old.'],
      [formToken(id, Date.now() + 3600_000), 'This form is more than a day old.'],
    ];
    for (const [bad, message] of cases) {
      const res = await postComment(demo, id, valid({ token: bad, comment: 'With a bad token.' }));
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(message);
    }
    expect(await commentCount(demo)).toBe(before);
    expect((await postComment(demo, id, valid({ token: fresh, comment: 'The same form, replayed with another text.' }))).statusCode).toBe(303);
  });

  it('limits posts per address: 5 a minute, then 429 with Retry-After and the input kept', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 5; i++) expect((await postComment(demo, id, valid({ comment: '' }), { remoteAddress: ip })).statusCode).toBe(422);
    const before = await commentCount(demo);
    const res = await postComment(demo, id, valid({ comment: 'Sixth in a minute.' }), { remoteAddress: ip });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toContain('You have sent too many comments.');
    expect(res.body).toContain('Sixth in a minute.</textarea>');
    expect(await commentCount(demo)).toBe(before);
    // Another address is not held back; an IPv6 /64 counts as one address.
    expect((await postComment(demo, id, valid({ comment: '' }))).statusCode).toBe(422);
    for (let i = 0; i < 5; i++) await postComment(demo, id, valid({ comment: '' }), { remoteAddress: `2001:db8:1:2::${i + 1}` });
    expect((await postComment(demo, id, valid({ comment: '' }), { remoteAddress: '2001:db8:1:2:ffff::9' })).statusCode).toBe(429);
  });

  it('refuses posts from another site’s page (Origin, Sec-Fetch-Site), and takes its own', async () => {
    const before = await commentCount(demo);
    for (const headers of [{ origin: 'https://elsewhere.example' }, { origin: 'null', 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }] as Array<Record<string, string>>) {
      const res = await postComment(demo, id, valid({ comment: 'From elsewhere.' }), { headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
    }
    expect(await commentCount(demo)).toBe(before);
    const own = await postComment(demo, id, valid({ comment: 'From the page itself.' }), { headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } });
    expect(own.statusCode, own.body.slice(0, 200)).toBe(303);
    // What Chromium sends from a page whose referrer policy is no-referrer.
    const hidden = await postComment(demo, id, valid({ comment: 'From the page, origin hidden.' }), { headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } });
    expect(hidden.statusCode, hidden.body.slice(0, 200)).toBe(303);
  });

  it('takes a post from a signed-in reader like anyone’s (no CSRF header: the form has none)', async () => {
    const session = sessionHeaders(await demo.cookie('ru-observer'));
    const res = await postComment(demo, id, valid({ comment: 'Posted while signed in.' }), { headers: { cookie: session.cookie!, 'sec-fetch-site': 'same-origin' } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  });
});

describe('bodies that are not a readable form', () => {
  it('answers 400 (the page with a plain message), 413 or 415, never 500, storing nothing', async () => {
    const before = await commentCount(demo);
    const fields = formBody(valid({ comment: 'Été' }));
    const cases: Array<[number, string | undefined, string | Buffer]> = [
      [400, 'application/x-www-form-urlencoded; charset=iso-8859-1', fields],
      // Latin-1 bytes as they are, without percent-encoding.
      [400, 'application/x-www-form-urlencoded', Buffer.from(formBody(valid()).replace('comment=', 'comment=\u00c9t\u00e9'), 'latin1')],
      [400, 'application/x-www-form-urlencoded', formBody(valid()).replace('comment=', 'comment=%C3%28')],
      [400, 'application/x-www-form-urlencoded', formBody(valid()).replace('comment=', 'comment=%ED%A0%80')],
      [400, 'application/x-www-form-urlencoded', formBody(valid()).replace('comment=', 'comment=%C0%AF')],
      [400, 'application/x-www-form-urlencoded', `${fields}&name=twice`],
      [400, 'application/x-www-form-urlencoded; charset=utf-16', Buffer.from(fields, 'utf16le')],
      [415, 'application/json', JSON.stringify(valid())],
      [415, 'text/plain', fields],
      [415, 'multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nA\r\n--x--\r\n`],
      [413, 'application/x-www-form-urlencoded', `comment=${'a'.repeat(200_000)}`],
    ];
    for (const [status, type, raw] of cases) {
      const res = await demo.app.inject({ method: 'POST', url: `/en/communiques/${id}/comments`, remoteAddress: freshAddress(), headers: type ? { 'content-type': type } : {}, payload: raw });
      expect(res.statusCode, `${type}: ${res.body.slice(0, 200)}`).toBe(status);
      if (status === 400) expect(res.body).toContain('The form could not be read.');
      else expect(res.json()).toMatchObject({ status, detail: expect.any(String) });
    }
    const none = await demo.app.inject({ method: 'POST', url: `/en/communiques/${id}/comments`, remoteAddress: freshAddress() });
    expect(none.statusCode).toBe(415);
    expect(await commentCount(demo)).toBe(before);
  });

  it('answers 404 for an unknown language or communiqué', async () => {
    for (const url of [`/xx/communiques/${id}/comments`, `/en/communiques/not-an-id/comments`, `/en/communiques/0190a000-0000-7000-8000-000000000000/comments`]) {
      const res = await demo.app.inject({ method: 'POST', url, remoteAddress: freshAddress(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody(valid()) });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
