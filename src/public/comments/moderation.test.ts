import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, sessionHeaders, type Demo } from '../../../test/support/app.ts';
import { formToken } from './token.ts';
import { postComment, publishRound20 } from './test-helpers.ts';

/**
 * The moderation API for every principal of the demo: signed out, and each role of the owner
 * party (cn) and of the other party (ru). Only cn's secretariat and co-chair read the queue
 * (with emails) and moderate; ru's may moderate their own party's communiqués (none here).
 * (The same cases belong in test/authz/table.ts: see the report of this change.)
 */

let demo: Demo;
let id: string;
let M: string;
const comments: string[] = [];
const EMAIL = (i: number) => `queue.reader.${i}@example.org`;

const ROLES = ['admin', 'cochair', 'secretariat', 'delegate', 'observer'] as const;
const WHO: Array<string | null> = [null, ...(['cn', 'ru'] as const).flatMap((p) => ROLES.map((r) => `${p}-${r}`))];
const MODERATORS = new Set(['cn-cochair', 'cn-secretariat']);
/** The other party's secretariat and co-chair moderate ru's communiqués: an empty queue, not a refusal. */
const OTHER_EDITORS = new Set(['ru-cochair', 'ru-secretariat']);
const label = (who: string | null) => who ?? 'signed-out';

beforeAll(async () => {
  demo = await startDemo();
  M = demo.mechanismId;
  id = await publishRound20(demo);
  for (let i = 0; i < 3; i++) {
    const res = await postComment(demo, id, { name: `Reader ${i}`, email: EMAIL(i), website: '', comment: `Comment number ${i}.`, token: formToken(id), homepage: '' });
    expect(res.statusCode).toBe(303);
  }
  const rows = await demo.store.db.selectFrom('comments').select('id').orderBy('id').execute();
  comments.push(...rows.map((r) => r.id));
  const approved = await demo.call('cn-secretariat', 'POST', '/api/v1/comments/moderate', { ids: [comments[2]], action: 'approve' });
  expect(approved.statusCode, approved.body).toBe(200);
});
afterAll(async () => demo?.close());

const status = async (id: string) => (await demo.store.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('GET /api/v1/comments', () => {
  const expected = (who: string | null, ownerOnly: 200 | 403) => (who === null ? 401 : MODERATORS.has(who) ? 200 : OTHER_EDITORS.has(who) ? ownerOnly : 403);

  it.each(WHO.map((w) => [label(w), w] as const))('answers %s with the status its role gives, and an email only to moderators', async (_, who) => {
    for (const [url, ownerOnly] of [
      [`/api/v1/comments?mechanismId=${M}`, 200],
      ['/api/v1/comments', 200],
      [`/api/v1/comments?mechanismId=${M}&status=pending`, 200],
      [`/api/v1/comments?communiqueId=${id}`, 403],
    ] as const) {
      const res = await demo.call(who, 'GET', url);
      const want = expected(who, ownerOnly);
      expect(res.statusCode, `${label(who)} ${url}: ${res.body.slice(0, 200)}`).toBe(want);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const emails = [0, 1, 2].filter((i) => res.body.includes(EMAIL(i)));
      if (want === 200 && MODERATORS.has(who!)) expect(emails.length, url).toBeGreaterThan(0);
      else expect(emails, `${label(who)} ${url}`).toEqual([]);
      if (want === 200 && OTHER_EDITORS.has(who!)) expect(res.json()).toEqual({ items: [], nextCursor: null });
    }
  });

  it('filters by status and pages newest first', async () => {
    const pending = (await demo.call('cn-secretariat', 'GET', `/api/v1/comments?mechanismId=${M}&status=pending`)).json();
    expect(pending.items.map((c: { id: string }) => c.id)).toEqual([comments[1], comments[0]]);
    const first = (await demo.call('cn-cochair', 'GET', `/api/v1/comments?communiqueId=${id}&limit=2`)).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([comments[2], comments[1]]);
    expect(first.nextCursor).toBe(comments[1]);
    const next = (await demo.call('cn-cochair', 'GET', `/api/v1/comments?communiqueId=${id}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(next).toEqual({ items: [expect.objectContaining({ id: comments[0], email: EMAIL(0), status: 'pending', language: 'en' })], nextCursor: null });
  });

  it('names the wrong query field, and does not say whether an unseen mechanism exists', async () => {
    for (const [query, field] of [['status=deleted', 'querystring.status'], ['limit=0', 'querystring.limit'], ['cursor=abc', 'querystring.cursor'], ['mechanismId=x', 'querystring.mechanismId'], ['email=x', 'querystring.email']]) {
      const res = await demo.call('cn-secretariat', 'GET', `/api/v1/comments?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].field, query).toBe(field);
    }
    const unknown = await demo.call('cn-secretariat', 'GET', '/api/v1/comments?mechanismId=0190a000-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect((await demo.call('cn-secretariat', 'GET', '/api/v1/comments?communiqueId=0190a000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('POST /api/v1/comments/moderate', () => {
  it.each(WHO.map((w) => [label(w), w] as const))('answers %s with the status its role gives', async (_, who) => {
    // A pending comment: not to be found by those who may not moderate it.
    const pendingWant = who === null ? 401 : MODERATORS.has(who) ? 200 : OTHER_EDITORS.has(who) ? 404 : 403;
    const res = await demo.call(who, 'POST', '/api/v1/comments/moderate', { ids: [comments[0]], action: 'reject' });
    expect(res.statusCode, `${label(who)}: ${res.body.slice(0, 200)}`).toBe(pendingWant);
    expect(res.body).not.toContain('example.org');
    if (res.statusCode === 200) {
      expect(await status(comments[0]!)).toBe('rejected');
      expect((await demo.call(who, 'POST', '/api/v1/comments/moderate', { ids: [comments[0]], action: 'reject' })).statusCode).toBe(200);
      const back = await demo.store.db.updateTable('comments').set({ status: 'pending', moderatedBy: null, moderatedAt: null }).where('id', '=', comments[0]!).execute();
      expect(back).toHaveLength(1);
    } else {
      expect(await status(comments[0]!)).toBe('pending');
    }
    // An approved comment is on the public page: the refusal may say why.
    const approvedWant = who === null ? 401 : MODERATORS.has(who) ? 200 : 403;
    const approved = await demo.call(who, 'POST', '/api/v1/comments/moderate', { ids: [comments[2]], action: 'approve' });
    expect(approved.statusCode, `${label(who)}: ${approved.body.slice(0, 200)}`).toBe(approvedWant);
    if (approvedWant === 403 && OTHER_EDITORS.has(who!)) expect(approved.json().errors).toEqual([{ field: 'ids.0', message: expect.stringMatching(/owner party/) }]);
  });

  it('changes all the comments named, or none', async () => {
    const unknown = '0190a000-0000-7000-8000-000000000000';
    const res = await demo.call('cn-secretariat', 'POST', '/api/v1/comments/moderate', { ids: [comments[0], comments[1], unknown], action: 'spam' });
    expect(res.statusCode).toBe(404);
    expect(res.json().errors).toEqual([{ field: 'ids.2', message: expect.any(String) }]);
    expect([await status(comments[0]!), await status(comments[1]!)]).toEqual(['pending', 'pending']);
    const both = await demo.call('cn-cochair', 'POST', '/api/v1/comments/moderate', { ids: [comments[0], comments[1]], action: 'spam' });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json().items.map((c: { status: string; moderatedBy: string }) => [c.status, c.moderatedBy])).toEqual([['spam', 'cn-cochair'], ['spam', 'cn-cochair']]);
    const rows = await demo.store.db.selectFrom('comments').select(['status', 'moderatedBy', 'moderatedAt']).where('id', 'in', [comments[0]!, comments[1]!]).execute();
    for (const row of rows) expect(row).toMatchObject({ status: 'spam', moderatedBy: 'cn-cochair', moderatedAt: expect.stringMatching(/^\d{4}-/) });
  });

  it('names the wrong body field', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`);
    for (const [body, field] of [
      [{ ids: ids(201), action: 'approve' }, 'ids'],
      [{ ids: [], action: 'approve' }, 'ids'],
      [{ ids: [comments[0], comments[0]], action: 'approve' }, 'ids'],
      [{ ids: ['nope'], action: 'approve' }, 'ids.0'],
      [{ ids: [comments[0]], action: 'delete' }, 'action'],
      [{ ids: [comments[0]] }, 'action'],
      [{ ids: [comments[0]], action: 'approve', status: 'approved' }, 'status'],
    ] as const) {
      const res = await demo.call('cn-secretariat', 'POST', '/api/v1/comments/moderate', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(res.json().errors[0].field, JSON.stringify(body).slice(0, 100)).toBe(field);
    }
  });

  it('needs the session’s CSRF token and a same-origin page, like every signed-in change', async () => {
    const { cookie } = sessionHeaders(await demo.cookie('cn-secretariat'));
    const payload = { ids: [comments[0]], action: 'approve' };
    const bare = await demo.app.inject({ method: 'POST', url: '/api/v1/comments/moderate', headers: { cookie }, payload });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().type).toBe('urn:entente:csrf-token');
    const elsewhere = await demo.app.inject({ method: 'POST', url: '/api/v1/comments/moderate', headers: { ...sessionHeaders(await demo.cookie('cn-secretariat')), origin: 'https://elsewhere.example' }, payload });
    expect(elsewhere.statusCode).toBe(403);
    expect(await status(comments[0]!)).toBe('spam');
  });
});
