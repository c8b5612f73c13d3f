import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieOf, sessionHeaders, startDemo, type Demo } from '../../test/support/app.ts';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => demo.close());

const GOOD = 'a long and unusual passphrase 42';
const users = () => demo.store.db.selectFrom('users').select(['id', 'username', 'party']).execute();
/** Signs in with this password, and a fresh TOTP code when the account has a second factor. */
const signIn = async (username: string, password: string) => {
  const user = await demo.store.db.selectFrom('users').select('totpConfirmedAt').where('username', '=', username).executeTakeFirst();
  const totp = user?.totpConfirmedAt ? await demo.totpCode(username) : undefined;
  return demo.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password, ...(totp ? { totp } : {}) } });
};
const withCookie = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  demo.app.inject({ method, url, headers: sessionHeaders(cookie), ...(payload ? { payload } : {}) });
const cookieOf = sessionCookieOf;

describe('invitations', () => {
  it('lets an admin invite a user of their party, who sets a password and reads as an observer', async () => {
    const inv = await demo.call('cn-admin', 'POST', '/api/v1/admin/invitations', {
      username: 'cn-analyst',
      roles: [{ mechanismId: demo.mechanismId, role: 'observer' }],
    });
    expect(inv.statusCode).toBe(201);
    const { token } = inv.json();
    expect(token).toMatch(/^inv_/);

    const short = await demo.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, password: 'short' } });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors[0].field).toBe('password');
    const common = await demo.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, password: 'password1234' } });
    expect(common.statusCode).toBe(422);
    expect(common.json().detail).toMatch(/common password/);
    expect((await users()).some((u) => u.username === 'cn-analyst')).toBe(false);

    const ok = await demo.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, password: GOOD } });
    expect(ok.statusCode).toBe(201);
    const again = await demo.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, password: GOOD } });
    expect(again.statusCode).toBe(400);

    const session = await signIn('cn-analyst', GOOD);
    expect(session.statusCode).toBe(200);
    const granted = await demo.store.db.selectFrom('logEntries').select('entry').where('logId', '=', demo.mechanismId).execute();
    expect(granted.map((e) => JSON.parse(e.entry)).filter((e) => e.op === 'roles' && e.record.username === 'cn-analyst')).toMatchObject([{ actor: 'cn-admin', record: { role: 'observer' } }]);
    const view = await withCookie(cookieOf(session), 'GET', `/api/v1/mechanisms/${demo.mechanismId}/rounds/20`);
    expect(view.json().statements).toHaveLength(2);
    const write = await withCookie(cookieOf(session), 'POST', '/api/v1/milestones', { mechanismId: demo.mechanismId, title: { en: 'x' }, date: '2020' });
    expect(write.statusCode).toBe(403);
  });

  it('refuses invitations from non-admins and roles in mechanisms outside the admin’s party', async () => {
    expect((await demo.call('cn-secretariat', 'POST', '/api/v1/admin/invitations', { username: 'x-y' })).statusCode).toBe(403);
    expect((await demo.call(null, 'POST', '/api/v1/admin/invitations', { username: 'x-y' })).statusCode).toBe(401);
    const bad = await demo.call('cn-admin', 'POST', '/api/v1/admin/invitations', { username: 'x-y', roles: [{ mechanismId: '01a21710-7a4e-7000-930f-9feb13b748cf', role: 'observer' }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('roles.0.mechanismId');
    const taken = await demo.call('cn-admin', 'POST', '/api/v1/admin/invitations', { username: 'cn-observer' });
    expect(taken.statusCode).toBe(422);
  });
});

describe('roles and resets', () => {
  it("lists only the admin's own party and changes roles there alone", async () => {
    const list = (await demo.call('ru-admin', 'GET', '/api/v1/admin/users')).json().items;
    expect(new Set(list.map((u: { party: string }) => u.party))).toEqual(new Set(['ru']));
    const cnObserver = (await users()).find((u) => u.username === 'cn-observer')!;
    const foreign = await withCookie(await demo.cookie('ru-admin'), 'PUT', `/api/v1/admin/users/${cnObserver.id}/roles`, { roles: [] });
    expect(foreign.statusCode).toBe(404);

    // cn-admin makes cn-observer a delegate: the change is effective at once and audited.
    const before = await demo.call('cn-observer', 'PATCH', '/api/v1/commitments/00000000-0000-7000-8000-000000000000', { status: 'done' });
    expect(before.statusCode).toBe(404);
    const set = await demo.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${cnObserver.id}/roles`,
      headers: sessionHeaders(await demo.cookie('cn-admin')),
      payload: { roles: [{ mechanismId: demo.mechanismId, role: 'delegate' }] },
    });
    expect(set.statusCode).toBe(204);
    const commitment = (await demo.call('cn-observer', 'GET', `/api/v1/commitments?mechanismId=${demo.mechanismId}`)).json().items[0];
    expect((await demo.call('cn-observer', 'PATCH', `/api/v1/commitments/${commitment.id}`, { status: 'in-progress' })).statusCode).toBe(200);
    const audit = await demo.store.db.selectFrom('audit').selectAll().where('action', '=', 'set-roles').execute();
    expect(audit.map((a) => [a.actor, a.target])).toEqual([['cn-admin', 'cn-observer']]);
    // The role change is an entry of the mechanism's joint log, read by both parties.
    const entries = (await demo.call('ru-observer', 'GET', `/api/v1/logs/${demo.mechanismId}/entries?start=0`)).json().entries as string[];
    const roleEntries = entries.map((e) => JSON.parse(e)).filter((e) => e.op === 'roles');
    expect(roleEntries.at(-1)).toMatchObject({ actor: 'cn-admin', party: 'cn', kind: 'membership', id: cnObserver.id, record: { username: 'cn-observer', party: 'cn', role: 'delegate' } });
  });

  it('resets access: sessions end, the old password stops working, a one-time token sets a new one', async () => {
    const victim = (await users()).find((u) => u.username === 'ru-delegate')!;
    const old = await demo.cookie('ru-delegate');
    const reset = await demo.call('ru-admin', 'POST', `/api/v1/admin/users/${victim.id}/reset`);
    expect(reset.statusCode).toBe(201);
    expect((await withCookie(old, 'GET', '/api/v1/session')).json().signedIn).toBe(false);
    expect((await signIn('ru-delegate', 'correct horse battery staple')).statusCode).toBe(401);
    const accept = await demo.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token: reset.json().token, password: GOOD } });
    expect(accept.statusCode).toBe(201);
    expect((await signIn('ru-delegate', GOOD)).statusCode).toBe(200);
  });
});

describe('own sessions, password and API tokens', () => {
  it('lists and revokes own sessions', async () => {
    const a = cookieOf(await signIn('ru-observer', 'correct horse battery staple'));
    const b = cookieOf(await signIn('ru-observer', 'correct horse battery staple'));
    const list = (await withCookie(a, 'GET', '/api/v1/me/sessions')).json().items;
    expect(list.length).toBeGreaterThanOrEqual(2);
    const other = list.find((s: { current: boolean }) => !s.current);
    const current = list.find((s: { current: boolean }) => s.current);
    expect(current).toBeDefined();
    // revoke b (the one that is not a) from a
    const bId = (await withCookie(b, 'GET', '/api/v1/me/sessions')).json().items.find((s: { current: boolean }) => s.current).id;
    expect(other).toBeDefined();
    expect((await withCookie(a, 'DELETE', `/api/v1/me/sessions/${bId}`)).statusCode).toBe(204);
    expect((await withCookie(b, 'GET', '/api/v1/session')).json().signedIn).toBe(false);
    expect((await withCookie(a, 'GET', '/api/v1/session')).json().signedIn).toBe(true);
  });

  it('changes the password after checking the current one; other sessions end', async () => {
    const a = cookieOf(await signIn('cn-delegate', 'correct horse battery staple'));
    const b = cookieOf(await signIn('cn-delegate', 'correct horse battery staple'));
    const wrong = await withCookie(a, 'POST', '/api/v1/me/password', { currentPassword: 'nope nope nope', newPassword: GOOD });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const weak = await withCookie(a, 'POST', '/api/v1/me/password', { currentPassword: 'correct horse battery staple', newPassword: 'qwertyuiop12' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('newPassword');
    expect((await withCookie(a, 'POST', '/api/v1/me/password', { currentPassword: 'correct horse battery staple', newPassword: GOOD })).statusCode).toBe(204);
    expect((await withCookie(b, 'GET', '/api/v1/session')).json().signedIn).toBe(false);
    expect((await withCookie(a, 'GET', '/api/v1/session')).json().signedIn).toBe(true);
    expect((await signIn('cn-delegate', GOOD)).statusCode).toBe(200);
  });

  it('issues API tokens: read-only ones read and never write; revoked ones are refused', async () => {
    const made = await demo.call('cn-secretariat', 'POST', '/api/v1/me/tokens', { name: 'report script', scope: 'read' });
    expect(made.statusCode).toBe(201);
    const { token, id } = made.json();
    const bearer = { authorization: `Bearer ${token}` };
    const read = await demo.app.inject({ method: 'GET', url: `/api/v1/mechanisms/${demo.mechanismId}/rounds/20`, headers: bearer });
    expect(read.statusCode).toBe(200);
    expect(read.json().statements).toHaveLength(2);
    const write = await demo.app.inject({ method: 'POST', url: '/api/v1/milestones', headers: bearer, payload: { mechanismId: demo.mechanismId, title: { en: 'x' }, date: '2020' } });
    expect(write.statusCode).toBe(403);
    const listed = (await demo.call('cn-secretariat', 'GET', '/api/v1/me/tokens')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id, name: 'report script', scope: 'read', lastUsedAt: expect.any(String) })]);
    expect(JSON.stringify(listed)).not.toContain(token);
    const stored = await demo.store.db.selectFrom('apiTokens').select('tokenHash').execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const rw = (await demo.call('cn-secretariat', 'POST', '/api/v1/me/tokens', { name: 'import', scope: 'read-write' })).json();
    const created = await demo.app.inject({ method: 'POST', url: '/api/v1/milestones', headers: { authorization: `Bearer ${rw.token}` }, payload: { mechanismId: demo.mechanismId, title: { en: 'Token-made milestone' }, date: '2020' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().ownerParty).toBe('cn');

    expect((await demo.call('cn-secretariat', 'DELETE', `/api/v1/me/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await demo.app.inject({ method: 'GET', url: '/api/v1/session', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.headers['content-type']).toMatch(/problem\+json/);
    const garbage = await demo.app.inject({ method: 'GET', url: '/api/v1/rounds', headers: { authorization: 'Bearer nonsense' } });
    expect(garbage.statusCode).toBe(401);
  });

  it('records denied requests with who, what and when', async () => {
    await demo.call('ru-observer', 'POST', '/api/v1/milestones', { mechanismId: demo.mechanismId, title: { en: 'x' }, date: '2020' });
    const denied = await demo.store.db.selectFrom('audit').selectAll().where('action', '=', 'denied').where('actor', '=', 'ru-observer').execute();
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.at(-1)!.target).toBe('POST /api/v1/milestones');
    expect(Date.parse(denied.at(-1)!.at)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('the Origin check', () => {
  it('refuses state-changing requests with the session cookie from another origin or site', async () => {
    const cookie = await demo.cookie('cn-secretariat');
    const body = { mechanismId: demo.mechanismId, title: { en: 'Origin test' }, date: '2021' };
    const post = (headers: Record<string, string>) => demo.app.inject({ method: 'POST', url: '/api/v1/milestones', headers: { ...sessionHeaders(cookie), ...headers }, payload: body });
    const evil = await post({ origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().detail).toMatch(/evil\.example/);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({ origin: 'http://localhost:80', host: 'localhost:80' })).statusCode).toBe(201);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    // `Origin: null` (a page served with no-referrer) counts only when the browser says same-origin.
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await post({ origin: 'null' })).statusCode).toBe(403);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    // Reads are not at stake.
    const read = await demo.app.inject({ method: 'GET', url: '/api/v1/milestones', headers: { cookie, origin: 'https://evil.example' } });
    expect(read.statusCode).toBe(200);
  });

  it("refuses a change made with the session cookie unless it carries that session's CSRF token", async () => {
    const title = `CSRF test ${Date.now()}`;
    const body = { mechanismId: demo.mechanismId, title: { en: title }, date: '2022' };
    const post = (headers: Record<string, string>) => demo.app.inject({ method: 'POST', url: '/api/v1/milestones', headers, payload: body });
    const mine = sessionCookieOf(await signIn('cn-secretariat', 'correct horse battery staple'));
    const other = sessionCookieOf(await signIn('cn-secretariat', 'correct horse battery staple'));
    const otherToken = sessionHeaders(other)['x-csrf-token']!;
    for (const headers of [{ cookie: mine } as Record<string, string>, { cookie: mine, 'x-csrf-token': '' }, { cookie: mine, 'x-csrf-token': 'x'.repeat(5000) }, { cookie: mine, 'x-csrf-token': otherToken }]) {
      const res = await post(headers);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ type: 'urn:entente:csrf-token' });
      expect(res.json().detail).toMatch(/X-CSRF-Token/);
    }
    const written = () => demo.store.db.selectFrom('milestones').select('id').where('title', 'like', `%${title}%`).execute();
    expect(await written()).toHaveLength(0);
    // The token from sign-in works, and so does a fresh one from GET /api/v1/session (each one different).
    expect((await post(sessionHeaders(mine))).statusCode).toBe(201);
    const who = (await demo.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: mine } })).json() as { csrfToken: string };
    expect(who.csrfToken).not.toBe(sessionHeaders(mine)['x-csrf-token']);
    expect((await post({ cookie: mine, 'x-csrf-token': who.csrfToken })).statusCode).toBe(201);
    expect(await written()).toHaveLength(2);
    // A cookie of no live session is no session: the request is a signed-out one, not a CSRF case.
    const dead = await post({ cookie: 'entente_session=' + 'A'.repeat(43) });
    expect(dead.json(), dead.body).toMatchObject({ status: 403, detail: 'sign in to change records' });
  });

  it('sends security headers with a strict Content-Security-Policy', async () => {
    const res = await demo.call(null, 'GET', '/api/v1/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });
});

describe('the session cookie', () => {
  it('is __Host-, Secure, HttpOnly, SameSite=Strict, Path=/ over HTTPS, and works', async () => {
    const { buildApp } = await import('../http/app.ts');
    const app = await buildApp({ store: demo.store, dataDir: demo.store.dataDir, checkpointEveryMs: 0, logLevel: 'silent', trustProxy: true, signInLimits: { freeFailures: Infinity, perAddress: Infinity } });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'ru-observer', password: 'correct horse battery staple', totp: await demo.totpCode('ru-observer') },
      });
      expect(res.statusCode).toBe(200);
      const c = res.cookies[0]!;
      expect(c.name).toBe('__Host-entente_session');
      expect(c).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(c.domain).toBeUndefined();
      expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const who = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { 'x-forwarded-proto': 'https', cookie: `${c.name}=${c.value}` } });
      expect(who.json()).toMatchObject({ signedIn: true, username: 'ru-observer' });
      const stored = await demo.store.db.selectFrom('sessions').select('tokenHash').execute();
      expect(JSON.stringify(stored)).not.toContain(c.value);
    } finally {
      await app.close();
    }
  });
});
