import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { URI } from 'otpauth';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, sessionCookieOf, sessionHeaders, startDemo, type Demo } from '../../test/support/app.ts';
import { freshStore } from '../../test/support/store.ts';
import { seedDemo } from '../seed/demo.ts';
import { grantRole } from './accounts.ts';
import { createApiToken } from './api-tokens.ts';
import { isRecent, REAUTH_WINDOW_MS, requireRecentReauth } from './reauth.ts';
import { isTotpSecret, TOTP_PERIOD_S, totpCode, totpStep } from './totp.ts';

/**
 * The second factor through HTTP on a real database: enrolment, sign-in with codes and
 * recovery codes (each accepted once), the gate that keeps co-chairs and admins without a
 * second factor to enrolment, and re-authentication.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function call(demo: Demo, cookie: string | null, method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return demo.app.inject({ method, url, headers: cookie ? sessionHeaders(cookie) : {}, ...(body === undefined ? {} : { payload: body as object }) });
}

function signIn(demo: Demo, username: string, password: string, totp?: string): Promise<LightMyRequestResponse> {
  return demo.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password, ...(totp === undefined ? {} : { totp }) } });
}

const cookieOf = sessionCookieOf;

function expectProblem(res: LightMyRequestResponse, status: number, type?: string): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Record<string, unknown>;
  expect(body.status).toBe(status);
  if (type) expect(body.type).toBe(type);
  return body;
}

async function count(demo: Demo, table: 'sessions' | 'users'): Promise<number> {
  const row = await demo.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function userRow(demo: Demo, username: string) {
  return demo.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
}

/** Waits, when needed, so that at least `margin` seconds of the current time step remain. */
async function awayFromStepEdge(margin = 5): Promise<void> {
  const left = TOTP_PERIOD_S * 1000 - (Date.now() % (TOTP_PERIOD_S * 1000));
  if (left < margin * 1000) await new Promise((r) => setTimeout(r, left + 100));
}

const GENERIC = 401;

describe('enrolment and sign-in with a second factor', () => {
  let demo: Demo;
  const user = 'cn-secretariat';
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    demo = await startDemo({ totpSecret: null });
  });
  afterAll(async () => demo?.close());

  it('sets up TOTP: a pending secret with its otpauth URI and QR code, replaced by a new request', async () => {
    const cookie = await demo.cookie(user);
    const before = (await call(demo, cookie, 'GET', '/api/v1/session')).json();
    expect(before).toMatchObject({ signedIn: true, username: user, secondFactor: false, mfaRequired: false, reauthenticatedAt: null });

    const first = await call(demo, cookie, 'POST', '/api/v1/me/totp');
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json() as { secret: string; otpauthUri: string; qrSvg: string };
    expect(a.secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = URI.parse(a.otpauthUri);
    expect(parsed).toMatchObject({ issuer: 'Entente', label: user, algorithm: 'SHA1', digits: 6, period: 30 });
    expect(parsed.secret.base32).toBe(a.secret);
    expect(a.otpauthUri).toMatch(/^otpauth:\/\/totp\/Entente:cn-secretariat\?/);
    expect(a.qrSvg).toMatch(/<svg[^>]*>[\s\S]*<path[\s\S]*<\/svg>\s*$/);

    const second = await call(demo, cookie, 'POST', '/api/v1/me/totp');
    expect(second.statusCode).toBe(200);
    secret = (second.json() as { secret: string }).secret;
    expect(secret).not.toBe(a.secret);
    const row = await userRow(demo, user);
    expect(row.totpPendingSecret).toBe(secret);
    expect(row.totpSecret).toBeNull();
    expect(row.totpConfirmedAt).toBeNull();

    // Pending: sign-in still asks for no code.
    const res = await signIn(demo, user, DEMO_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('confirms with a code of the pending secret (not of the replaced one) and shows ten recovery codes once', async () => {
    const cookie = await demo.cookie(user);
    await awayFromStepEdge();
    expectProblem(await call(demo, cookie, 'POST', '/api/v1/me/totp/confirm', { code: '12345' }), 422);
    const wrong = totpCode(secret, totpStep() + 3);
    if (![-1, 0, 1].some((d) => totpCode(secret, totpStep() + d) === wrong)) {
      expectProblem(await call(demo, cookie, 'POST', '/api/v1/me/totp/confirm', { code: wrong }), 422);
    }
    expectProblem(await call(demo, cookie, 'POST', '/api/v1/me/totp/confirm', {}), 400);

    const res = await call(demo, cookie, 'POST', '/api/v1/me/totp/confirm', { code: totpCode(secret, totpStep()) });
    expect(res.statusCode, res.body).toBe(200);
    recoveryCodes = (res.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);

    // Stored hashed only, each once.
    const row = await userRow(demo, user);
    const stored = await demo.store.db.selectFrom('recoveryCodes').selectAll().where('userId', '=', row.id).execute();
    expect(stored).toHaveLength(10);
    const text = JSON.stringify(stored);
    for (const c of recoveryCodes) {
      expect(text).not.toContain(c);
      expect(text).not.toContain(c.replaceAll('-', ''));
    }
    expect(row.totpConfirmedAt).not.toBeNull();
    expect(row.totpLastStep).not.toBeNull();

    expectProblem(await call(demo, cookie, 'POST', '/api/v1/me/totp/confirm', { code: totpCode(secret, totpStep() + 1) }), 409);
    // A confirmed second factor is not replaced without re-authentication.
    expectProblem(await call(demo, cookie, 'POST', '/api/v1/me/totp'), 409);
    expect((await userRow(demo, user)).totpSecret).toBe(secret);
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toMatchObject({ secondFactor: true, mfaRequired: false });
  });

  it('asks for the code after a correct password only, opens no session without it, and answers every wrong credential alike', async () => {
    const cookie = await demo.cookie(user);
    expect((await call(demo, cookie, 'DELETE', '/api/v1/session')).statusCode).toBe(204);
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toEqual({ signedIn: false });

    const sessions = await count(demo, 'sessions');
    const missing = await signIn(demo, user, DEMO_PASSWORD);
    expectProblem(missing, 401, 'urn:entente:totp-required');
    expect(missing.cookies).toEqual([]);
    expect(missing.headers['set-cookie']).toBeUndefined();
    expectProblem(await signIn(demo, user, DEMO_PASSWORD, ''), 401, 'urn:entente:totp-required');

    await awayFromStepEdge();
    const valid = [-1, 0, 1].map((d) => totpCode(secret, totpStep() + d));
    let wrongCode = '000000';
    while (valid.includes(wrongCode)) wrongCode = String(Number(wrongCode) + 1).padStart(6, '0');
    const answers = [
      await signIn(demo, user, DEMO_PASSWORD, wrongCode),
      await signIn(demo, user, DEMO_PASSWORD, 'aaaa-bbbb-cccc-dddd'),
      await signIn(demo, user, 'wrong password', valid[1]),
      await signIn(demo, user, 'wrong password'),
      await signIn(demo, 'no-such-user', DEMO_PASSWORD),
      await signIn(demo, 'no-such-user', DEMO_PASSWORD, valid[1]),
    ];
    const bodies = answers.map((res) => expectProblem(res, GENERIC));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]!.type).toBe('about:blank');
    for (const res of answers) expect(res.headers['set-cookie']).toBeUndefined();
    expect(await count(demo, 'sessions')).toBe(sessions);
  });

  it('accepts a code once, in a window of one step either side, and never an older step again', async () => {
    const code = await demo.totpCode(user);
    const ok = await signIn(demo, user, DEMO_PASSWORD, code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ signedIn: true, username: user, secondFactor: true, mfaRequired: false });
    const cookie = cookieOf(ok);
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toMatchObject({ signedIn: true, username: user });

    const sessions = await count(demo, 'sessions');
    expectProblem(await signIn(demo, user, DEMO_PASSWORD, code), GENERIC); // replay
    expect(await count(demo, 'sessions')).toBe(sessions);

    // The window, from a clean slate (set in the database: this is test setup).
    await demo.store.db.updateTable('users').set({ totpLastStep: null }).where('username', '=', user).execute();
    await awayFromStepEdge();
    const now = totpStep();
    const at = (d: number) => totpCode(secret, now + d);
    const window = [at(-1), at(0), at(1)];
    if (!window.includes(at(-2))) expectProblem(await signIn(demo, user, DEMO_PASSWORD, at(-2)), GENERIC);
    if (!window.includes(at(2))) expectProblem(await signIn(demo, user, DEMO_PASSWORD, at(2)), GENERIC);
    expect((await signIn(demo, user, DEMO_PASSWORD, at(-1))).statusCode).toBe(200);
    expectProblem(await signIn(demo, user, DEMO_PASSWORD, at(-1)), GENERIC);
    expect((await signIn(demo, user, DEMO_PASSWORD, at(1))).statusCode).toBe(200);
    // The current step is before the last one accepted: refused too.
    if (at(0) !== at(1)) expectProblem(await signIn(demo, user, DEMO_PASSWORD, at(0)), GENERIC);
    expect(Number((await userRow(demo, user)).totpLastStep)).toBe(now + 1);
  });

  it('accepts each recovery code once, however it is typed', async () => {
    const [first, second] = recoveryCodes;
    const ok = await signIn(demo, user, DEMO_PASSWORD, first);
    expect(ok.statusCode, ok.body).toBe(200);
    expectProblem(await signIn(demo, user, DEMO_PASSWORD, first), GENERIC);
    expectProblem(await signIn(demo, user, DEMO_PASSWORD, first!.toUpperCase().replaceAll('-', '')), GENERIC);

    const typed = ` ${second!.toUpperCase().replaceAll('-', ' ')} `;
    expect((await signIn(demo, user, DEMO_PASSWORD, typed)).statusCode).toBe(200);
    expectProblem(await signIn(demo, user, DEMO_PASSWORD, second), GENERIC);
    const row = await userRow(demo, user);
    const used = await demo.store.db.selectFrom('recoveryCodes').select('usedAt').where('userId', '=', row.id).execute();
    expect(used.filter((u) => u.usedAt !== null)).toHaveLength(2);
    // Every change of the second factor and every recovery code used is in the audit trail.
    const audit = await demo.store.db.selectFrom('audit').select(['action', 'actor']).where('target', '=', user).orderBy('at').execute();
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'second-factor-start')).toHaveLength(2);
    expect(actions).toContain('second-factor-confirm');
    expect(actions.filter((a) => a === 'recovery-code-used')).toHaveLength(2);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set([user]));
  });
});

describe('co-chairs and admins without a second factor', () => {
  let demo: Demo;

  beforeAll(async () => {
    demo = await startDemo({ totpSecret: null });
  });
  afterAll(async () => demo?.close());

  it('are signed in, but the session reaches only enrolment until a second factor is confirmed', async () => {
    const res = await signIn(demo, 'cn-cochair', DEMO_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ signedIn: true, username: 'cn-cochair', secondFactor: false, mfaRequired: true, reauthenticatedAt: null });
    const cookie = cookieOf(res);
    const M = demo.mechanismId;

    expectProblem(await call(demo, cookie, 'GET', `/api/v1/rounds?mechanismId=${M}`), 403, 'urn:entente:second-factor-required');
    expectProblem(await call(demo, cookie, 'GET', `/api/v1/mechanisms/${M}`), 403, 'urn:entente:second-factor-required');
    expectProblem(
      await call(demo, cookie, 'POST', '/api/v1/milestones', { mechanismId: M, date: '2024', title: { en: 'x' } }),
      403,
      'urn:entente:second-factor-required',
    );
    expectProblem(await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD }), 403, 'urn:entente:second-factor-required');
    expectProblem(await call(demo, cookie, 'GET', '/api/v1/no-such-route'), 403, 'urn:entente:second-factor-required');
    // Signed out, the same route is public.
    expect((await call(demo, null, 'GET', `/api/v1/rounds?mechanismId=${M}`)).statusCode).toBe(200);

    // What enrolling needs stays open.
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toMatchObject({ mfaRequired: true });
    expect((await call(demo, cookie, 'GET', '/api/v1/health')).statusCode).toBe(200);
    expect((await call(demo, cookie, 'GET', '/api/v1/openapi.json')).statusCode).toBe(200);
    expect((await call(demo, cookie, 'GET', '/api/docs')).statusCode).toBeLessThan(400);
    // Removing is refused: co-chairs must keep a second factor.
    expectProblem(await call(demo, cookie, 'DELETE', '/api/v1/me/totp'), 403);

    const enrol = await call(demo, cookie, 'POST', '/api/v1/me/totp');
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret } = enrol.json() as { secret: string };
    // Pending is not enough.
    expectProblem(await call(demo, cookie, 'GET', `/api/v1/rounds?mechanismId=${M}`), 403, 'urn:entente:second-factor-required');
    const confirm = await call(demo, cookie, 'POST', '/api/v1/me/totp/confirm', { code: totpCode(secret, totpStep()) });
    expect(confirm.statusCode, confirm.body).toBe(200);

    // The same session now works.
    const rounds = await call(demo, cookie, 'GET', `/api/v1/rounds?mechanismId=${M}`);
    expect(rounds.statusCode, rounds.body).toBe(200);
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toMatchObject({ secondFactor: true, mfaRequired: false });
    expectProblem(await call(demo, cookie, 'DELETE', '/api/v1/me/totp'), 403);

    // And the next sign-in asks for the code.
    expectProblem(await signIn(demo, 'cn-cochair', DEMO_PASSWORD), 401, 'urn:entente:totp-required');
  });

  it('holds for admins, and for a user made co-chair while signed in', async () => {
    const admin = cookieOf(await signIn(demo, 'ru-admin', DEMO_PASSWORD));
    expectProblem(await call(demo, admin, 'GET', '/api/v1/mechanisms'), 403, 'urn:entente:second-factor-required');
    expectProblem(await call(demo, admin, 'PATCH', `/api/v1/mechanisms/${demo.mechanismId}`, { cadence: 'yearly' }), 403, 'urn:entente:second-factor-required');

    const delegate = cookieOf(await signIn(demo, 'ru-delegate', DEMO_PASSWORD));
    expect((await call(demo, delegate, 'GET', '/api/v1/mechanisms')).statusCode).toBe(200);
    const row = await userRow(demo, 'ru-delegate');
    await grantRole(demo.store.db, row.id, demo.mechanismId, 'co-chair');
    try {
      expectProblem(await call(demo, delegate, 'GET', '/api/v1/mechanisms'), 403, 'urn:entente:second-factor-required');
    } finally {
      await grantRole(demo.store.db, row.id, demo.mechanismId, 'delegate');
    }
    expect((await call(demo, delegate, 'GET', '/api/v1/mechanisms')).statusCode).toBe(200);
  });
});

describe('re-authentication', () => {
  let demo: Demo;
  const user = 'cn-delegate';

  beforeAll(async () => {
    demo = await startDemo(); // every demo account has the demo TOTP secret
  });
  afterAll(async () => demo?.close());

  const setReauthenticatedAt = (username: string, at: Date | null) =>
    demo.store.db
      .updateTable('sessions')
      .set({ reauthenticatedAt: at?.toISOString() ?? null })
      .where('userId', 'in', (eb) => eb.selectFrom('users').select('id').where('username', '=', username))
      .execute();

  it('is asked for before removing the second factor, takes the password and the code, and lasts five minutes', async () => {
    const cookie = await demo.cookie(user);
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toMatchObject({ secondFactor: true, reauthenticatedAt: null });
    expectProblem(await call(demo, cookie, 'DELETE', '/api/v1/me/totp'), 403, 'urn:entente:reauth-required');

    expectProblem(await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD }), 401, 'urn:entente:totp-required');
    const wrongPassword = expectProblem(await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: 'nope', totp: '123456' }), 401);
    const code = await demo.totpCode(user);
    const ok = await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: code });
    expect(ok.statusCode, ok.body).toBe(200);
    const at = (ok.json() as { reauthenticatedAt: string }).reauthenticatedAt;
    expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(10_000);
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toMatchObject({ reauthenticatedAt: at });
    // The code is used up: not again, and not for a sign-in either.
    const replay = expectProblem(await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: code }), 401);
    expect(replay).toEqual(wrongPassword);
    expectProblem(await signIn(demo, user, DEMO_PASSWORD, code), 401);

    // Re-authentication belongs to the session: another one of the same user is refused.
    const other = await demo.signIn(user);
    expect((await call(demo, other, 'GET', '/api/v1/session')).json()).toMatchObject({ reauthenticatedAt: null });
    expectProblem(await call(demo, other, 'DELETE', '/api/v1/me/totp'), 403, 'urn:entente:reauth-required');

    // More than five minutes ago: refused.
    await setReauthenticatedAt(user, new Date(Date.now() - REAUTH_WINDOW_MS - 1000));
    expectProblem(await call(demo, cookie, 'DELETE', '/api/v1/me/totp'), 403, 'urn:entente:reauth-required');
    expect((await userRow(demo, user)).totpConfirmedAt).not.toBeNull();

    // Four minutes ago: accepted.
    await setReauthenticatedAt(user, new Date(Date.now() - REAUTH_WINDOW_MS + 60_000));
    const del = await call(demo, cookie, 'DELETE', '/api/v1/me/totp');
    expect(del.statusCode, del.body).toBe(204);
    const row = await userRow(demo, user);
    expect([row.totpSecret, row.totpConfirmedAt]).toEqual([null, null]);
    expect(await demo.store.db.selectFrom('recoveryCodes').selectAll().where('userId', '=', row.id).execute()).toEqual([]);
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toMatchObject({ secondFactor: false, mfaRequired: false });
    expect((await signIn(demo, user, DEMO_PASSWORD)).statusCode).toBe(200);

    // Without a second factor, re-authentication takes the password alone.
    expect((await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('lets a confirmed second factor be replaced, and never lets co-chairs and admins remove theirs', async () => {
    for (const username of ['ru-cochair', 'ru-admin']) {
      const cookie = await demo.cookie(username);
      const reauth = await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode(username) });
      expect(reauth.statusCode, reauth.body).toBe(200);
      expectProblem(await call(demo, cookie, 'DELETE', '/api/v1/me/totp'), 403);
      expect((await userRow(demo, username)).totpConfirmedAt).not.toBeNull();
    }

    const cookie = await demo.cookie('ru-cochair');
    const replace = await call(demo, cookie, 'POST', '/api/v1/me/totp');
    expect(replace.statusCode, replace.body).toBe(200);
    const { secret } = replace.json() as { secret: string };
    // While the replacement is pending, the confirmed secret still signs in and the co-chair is not locked out.
    expect((await signIn(demo, 'ru-cochair', DEMO_PASSWORD, await demo.totpCode('ru-cochair'))).statusCode).toBe(200);
    expect((await call(demo, cookie, 'GET', '/api/v1/session')).json()).toMatchObject({ secondFactor: true, mfaRequired: false });
    expect((await call(demo, cookie, 'GET', `/api/v1/rounds?mechanismId=${demo.mechanismId}`)).statusCode).toBe(200);
    const confirm = await call(demo, cookie, 'POST', '/api/v1/me/totp/confirm', { code: totpCode(secret, totpStep()) });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect((await call(demo, cookie, 'GET', `/api/v1/rounds?mechanismId=${demo.mechanismId}`)).statusCode).toBe(200);
    // The old (demo) secret no longer signs in; the new one does.
    const next = await demo.totpCode('ru-cochair');
    expect((await signIn(demo, 'ru-cochair', DEMO_PASSWORD, next)).statusCode).toBe(200);
  });

  it('is not for API tokens, which cannot touch the second factor either', async () => {
    const user = 'ru-secretariat';
    const cookie = await demo.cookie(user);
    const reauth = await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode(user) });
    expect(reauth.statusCode, reauth.body).toBe(200);
    const { token } = await createApiToken(demo.store.db, (await userRow(demo, user)).id, 'script', 'read-write');
    const bearer = (method: Method, url: string, body?: unknown, withCookie?: string) =>
      demo.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(withCookie ? { cookie: withCookie } : {}) }, ...(body === undefined ? {} : { payload: body as object }) });

    expect((await bearer('GET', '/api/v1/session')).json()).toMatchObject({ signedIn: true, username: user });
    expectProblem(await bearer('POST', '/api/v1/me/totp'), 403);
    expectProblem(await bearer('POST', '/api/v1/me/totp/confirm', { code: '123456' }), 403);
    expectProblem(await bearer('DELETE', '/api/v1/me/totp'), 403);
    expectProblem(await bearer('POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode(user) }), 403);
    // Someone else's re-authenticated session sent along does not lend its re-authentication.
    const other = await demo.cookie('ru-delegate');
    const otherReauth = await call(demo, other, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode('ru-delegate') });
    expect(otherReauth.statusCode, otherReauth.body).toBe(200);
    expectProblem(await bearer('DELETE', '/api/v1/me/totp', undefined, other), 403);
    expect((await userRow(demo, user)).totpConfirmedAt).not.toBeNull();
    expect((await userRow(demo, 'ru-delegate')).totpConfirmedAt).not.toBeNull();
  });

  it('requireRecentReauth reads the clock it is given', async () => {
    const cookie = await demo.cookie('cn-observer');
    const reauth = await call(demo, cookie, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode('cn-observer') });
    const at = Date.parse((reauth.json() as { reauthenticatedAt: string }).reauthenticatedAt);
    const { id: userId } = await userRow(demo, 'cn-observer');
    const req = { principal: { kind: 'user', userId }, cookies: { entente_session: cookie.split('=')[1] }, server: demo.app } as never;
    await expect(requireRecentReauth(req, new Date(at + 60_000))).resolves.toBeUndefined();
    await expect(requireRecentReauth(req, new Date(at + REAUTH_WINDOW_MS))).resolves.toBeUndefined();
    await expect(requireRecentReauth(req, new Date(at + REAUTH_WINDOW_MS + 1))).rejects.toMatchObject({ status: 403, type: 'urn:entente:reauth-required' });
    await expect(requireRecentReauth({ ...(req as object), principal: { kind: 'anonymous' } } as never)).rejects.toMatchObject({ status: 401 });
    // Someone else's principal with this session cookie (an API token, say): not re-authenticated.
    const other = await userRow(demo, 'ru-observer');
    await expect(requireRecentReauth({ ...(req as object), principal: { kind: 'user', userId: other.id } } as never, new Date(at + 1000))).rejects.toMatchObject({
      status: 403,
      type: 'urn:entente:reauth-required',
    });
    expect(isRecent(null, new Date())).toBe(false);
    expect(isRecent(new Date(Date.now() + 60_000).toISOString(), new Date())).toBe(false);
  });
});

describe('the demo second factor (ENTENTE_DEMO_TOTP_SECRET)', () => {
  it('is given, confirmed, to every demo account at seeding; a secret that is not base32 is refused before anything is written', async () => {
    const store = await freshStore();
    try {
      await expect(seedDemo(store, { password: DEMO_PASSWORD, totpSecret: 'not base32!' })).rejects.toThrow(/ENTENTE_DEMO_TOTP_SECRET/);
      await expect(seedDemo(store, { password: DEMO_PASSWORD, totpSecret: 'JBSWY3DP' })).rejects.toThrow(/at least 16/);
      expect(await store.db.selectFrom('users').select('id').execute()).toEqual([]);

      expect((await seedDemo(store, { password: DEMO_PASSWORD, totpSecret: DEMO_TOTP_SECRET.toLowerCase() })).seeded).toBe(true);
      const users = await store.db.selectFrom('users').select(['username', 'totpSecret', 'totpConfirmedAt']).execute();
      expect(users).toHaveLength(10);
      for (const u of users) {
        expect(u.totpSecret, u.username).toBe(DEMO_TOTP_SECRET);
        expect(u.totpConfirmedAt, u.username).not.toBeNull();
      }
    } finally {
      await store.destroy();
    }
    expect(isTotpSecret(DEMO_TOTP_SECRET)).toBe(true);
    expect(isTotpSecret('')).toBe(false);
    expect(isTotpSecret('JBSWY3DPEHPK3PX1')).toBe(false);
  });
});
