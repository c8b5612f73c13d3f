import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, sessionHeaders, startDemo, type Demo } from '../../test/support/app.ts';
import { ID_PATTERN, newId } from '../record/common/id.ts';
import { ROLES } from './principal.ts';

/**
 * Property tests of account administration with hostile input: invitations, accepting them,
 * personal API tokens, the Authorization header, role assignment and resets. Every answer
 * must be a 4xx RFC 9457 problem, and afterwards no account, invitation, API token, session
 * or membership may have been created or changed (the audit may grow: denials are recorded).
 *
 * Cases that would rightly succeed (a well-formed invitation by an admin, say) are recognised
 * by an oracle that follows the documented rules and are skipped (fc.pre); the generators are
 * weighted so that few are.
 */

const RUNS = Math.max(200, Number(process.env.FUZZ_RUNS ?? 200));
const TIMEOUT = 300_000;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const STRONG = 'violet submarine orchestra 42';

let demo: Demo;
let M: string; // the demo mechanism: parties cn and ru
let foreignM: string; // a mechanism of ru alone
const ids: Record<string, string> = {}; // user ids by username
const parties: Record<string, string> = {}; // parties by username
const party = (username: string) => parties[username] ?? username.slice(0, 2);
let expiredToken: string;
let usedToken: string;
/** API tokens made in setup. */
const tok = {} as Record<'delegateRw' | 'delegateRead' | 'delegateRevoked' | 'ruObserver' | 'adminRead', { id: string; token: string }>;
const cookies: Record<string, string> = {};
const CALLERS = ['cn-admin', 'ru-admin', 'cn-cochair', 'cn-secretariat', 'cn-delegate', 'cn-observer', 'ru-delegate', 'ru-observer'];

beforeAll(async () => {
  demo = await startDemo();
  M = demo.mechanismId;
  for (const u of CALLERS) cookies[u] = await demo.cookie(u);
  for (const u of await demo.store.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;

  const ok = async (res: LightMyRequestResponse, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.body ? (res.json() as Record<string, unknown>) : {};
  };
  // A mechanism of ru and a third party, not cn: a copy of the demo mechanism's row (setup only).
  const row = await demo.store.db.selectFrom('mechanisms').selectAll().where('id', '=', M).executeTakeFirstOrThrow();
  foreignM = newId();
  await demo.store.db.insertInto('mechanisms').values({ ...row, id: foreignM, parties: JSON.stringify(['ru', 'kz']) }).execute();

  // An expired invitation (its expiry moved into the past), a used one (accepted).
  expiredToken = (await ok(await demo.call('cn-admin', 'POST', '/api/v1/admin/invitations', { username: 'fz-expired', roles: [{ mechanismId: M, role: 'observer' }] }), 201)).token as string;
  await demo.store.db.updateTable('invitations').set({ expiresAt: new Date(Date.now() - 60_000).toISOString() }).where('username', '=', 'fz-expired').execute();
  usedToken = (await ok(await demo.call('cn-admin', 'POST', '/api/v1/admin/invitations', { username: 'fz-used' }), 201)).token as string;
  await ok(await demo.call(null, 'POST', '/api/v1/invitations/accept', { token: usedToken, password: STRONG }), 201);
  for (const u of await demo.store.db.selectFrom('users').select(['id', 'username', 'party']).execute()) {
    ids[u.username] = u.id;
    parties[u.username] = u.party;
  }

  const token = async (user: string, scope: 'read' | 'read-write') => {
    const t = await ok(await demo.call(user, 'POST', '/api/v1/me/tokens', { name: `fuzz ${scope}`, scope }), 201);
    return { id: t.id as string, token: t.token as string };
  };
  tok.delegateRw = await token('cn-delegate', 'read-write');
  tok.delegateRead = await token('cn-delegate', 'read');
  tok.delegateRevoked = await token('cn-delegate', 'read-write');
  await ok(await demo.call('cn-delegate', 'DELETE', `/api/v1/me/tokens/${tok.delegateRevoked.id}`), 204);
  tok.ruObserver = await token('ru-observer', 'read-write');
  tok.adminRead = await token('cn-admin', 'read');
}, TIMEOUT);
afterAll(async () => demo?.close());

// ——— what must hold ———

/** Row counts and a hash of the contents of the account tables (times of last use left out). */
async function state() {
  const db = demo.store.db;
  const tables = {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    invitations: await db.selectFrom('invitations').selectAll().orderBy('tokenHash').execute(),
    apiTokens: await db.selectFrom('apiTokens').select(['id', 'userId', 'name', 'tokenHash', 'scope', 'createdAt', 'revokedAt']).orderBy('id').execute(),
    sessions: await db.selectFrom('sessions').select(['tokenHash', 'userId', 'createdAt', 'expiresAt', 'reauthenticatedAt']).orderBy('tokenHash').execute(),
    memberships: await db.selectFrom('memberships').selectAll().orderBy('userId').orderBy('mechanismId').execute(),
  };
  const out: Record<string, string> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const text = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    out[name] = `${rows.length} rows, ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  }
  return out;
}

function expectProblem4xx(res: LightMyRequestResponse, what: string): { status: number; type: string } {
  const where = `${what} → ${res.statusCode} ${res.body.slice(0, 400)}`;
  expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, where).toBeLessThan(500);
  expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as { status: number; type: string; title: string; detail: string };
  expect(body.status, where).toBe(res.statusCode);
  expect(typeof body.type, where).toBe('string');
  expect(typeof body.title, where).toBe('string');
  expect(typeof body.detail, where).toBe('string');
  return body;
}

function show(...parts: unknown[]): string {
  return parts.map((p) => (typeof p === 'string' && p.length > 200 ? `${p.slice(0, 80)}…(${p.length} chars)` : fc.stringify(p).slice(0, 300))).join(' ');
}

/** Answers by status, to check that the cases reached what they were meant to. */
class Tally {
  readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  toString(): string {
    return fc.stringify([...this.counts]);
  }
}

// ——— requests ———

/** A request body as sent: raw text and its content type. */
type Payload = { raw: string; contentType: string | undefined };
const json = (v: unknown): Payload => ({ raw: JSON.stringify(v) ?? 'null', contentType: 'application/json' });

async function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, p: Payload | undefined, cookie: string | undefined, auth: string | undefined) {
  const headers: Record<string, string> = {};
  if (p?.contentType !== undefined) headers['content-type'] = p.contentType;
  if (cookie !== undefined) Object.assign(headers, sessionHeaders(cookie));
  if (auth !== undefined) headers.authorization = auth;
  return demo.app.inject({ method, url, headers, ...(p ? { payload: p.raw } : {}) });
}

/**
 * The object the server would see, when the body is JSON it can parse (else undefined).
 * (Fastify parses application/json whatever its charset parameter says, utf-16 included.)
 */
function parsed(p: Payload | undefined): unknown {
  if (!p || !/^application\/json(;.*)?$/i.test(p.contentType ?? '')) return undefined;
  try {
    return JSON.parse(p.raw) as unknown;
  } catch {
    return undefined;
  }
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (v: Record<string, unknown>, allowed: string[]) => Object.keys(v).every((k) => allowed.includes(k));

/** A path segment: encoded when it can be, else raw (the server must cope with both). */
function segment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

// ——— arbitraries ———

const HUGE = 'x'.repeat(1024 * 1024 + 10);
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const uuid7 = fc.stringMatching(ID_PATTERN);

/** An object of the given fields, each maybe missing, sometimes with unknown extra keys. */
function objectBody(fields: Record<string, fc.Arbitrary<unknown>>, freq = 6): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(([k, arb]) => fc.option(arb.map((v) => [k, v] as const), { nil: undefined, freq }));
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('extra', 'party', 'userId', 'id', 'isAdmin', 'constructor'), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 2 }) },
  );
  return fc
    .tuple(fc.tuple(...entries), extra)
    .map(([kv, more]) => ({ ...Object.fromEntries(kv.filter((e) => e !== undefined)), ...(more ?? {}) }) as Record<string, unknown>);
}

const rawBody = fc.oneof(
  fc.constantFrom('{', '{"username":', '{"username":"fz-x",}', '[]', 'null', '0', '""', 'true', '{"a":1}{"b":2}', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}'),
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.constant(null).map(() => `{"username":"${HUGE}"}`),
  fc.constant(null).map(() => HUGE),
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'application/json; charset=utf-16',
  '',
  undefined,
);
/** Mostly the given objects as JSON; else any body with any content type. */
function payloads(objects: fc.Arbitrary<unknown>): fc.Arbitrary<Payload> {
  return fc.oneof(
    { weight: 8, arbitrary: objects.map(json) },
    { weight: 1, arbitrary: fc.tuple(objects, contentTypes).map(([b, contentType]): Payload => ({ raw: JSON.stringify(b) ?? '', contentType })) },
    { weight: 2, arbitrary: fc.tuple(rawBody, contentTypes).map(([raw, contentType]): Payload => ({ raw, contentType })) },
  );
}

const badUsername = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'FZ-NEW', 'Fz-new', 'fz new', ' fz-new', 'fz-new ', 'fz-new\n', 'fz\u0000new', 'fz-new\u0000', 'fz-néw', 'fz-ne\u0301w', 'fz-new\u200b', '\u200bfz-new',
      'ｆｚ-new', 'fz\u2010new', 'fz-new\u202e', 'ﬁz-new', 'İstanbul', 'fz-\u0430dmin', '\ud800', 'fz\udfffnew', 'a', '', '-fz', '.fz', '_fz', 'fz/new', 'fz@new', "fz'new",
      'fz;drop table users', 'x'.repeat(64), 'x'.repeat(1000), 'é'.repeat(1000),
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('cn-admin', 'cn-delegate', 'ru-observer', 'ru-admin', 'fz-used') }, // taken
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 1, arbitrary: notString },
);
const freshUsername = fc.stringMatching(/^fz-[a-z0-9][a-z0-9._-]{1,20}$/);
const mechanismId = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null).map(() => M) },
  { weight: 2, arbitrary: fc.constant(null).map(() => foreignM) },
  { weight: 2, arbitrary: uuid7 },
  { weight: 1, arbitrary: fc.constant(null).map(() => ids['cn-delegate']!) }, // a record id, not a mechanism's
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      () => M.toUpperCase(), () => ` ${M}`, () => `${M}\u0000`, () => M.slice(1), () => `${M}0`, () => M.replace(/-/g, ''),
      () => '00000000-0000-4000-8000-000000000000', () => '', () => '../mechanisms', () => `${M}' OR '1'='1`,
    ).map((f) => f()),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: notString },
);
const role = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ROLES) },
  { weight: 2, arbitrary: fc.constantFrom('admin', 'Observer', 'co_chair', 'cochair', 'owner', '', ' observer', 'observer\u0000', 'delegate ', 'DELEGATE') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: notString },
);
const grant = fc.oneof(
  { weight: 6, arbitrary: objectBody({ mechanismId, role }, 12) },
  { weight: 1, arbitrary: notString },
);
const roles = fc.oneof(
  { weight: 6, arbitrary: fc.array(grant, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant(null).map(() => [{ mechanismId: M, role: 'observer' }, { mechanismId: M, role: 'delegate' }]) }, // duplicate
  { weight: 1, arbitrary: fc.constantFrom(101, 1000, 20_000).map((n) => Array.from({ length: n }, () => ({ mechanismId: M, role: 'observer' }))) },
  { weight: 1, arbitrary: fc.constantFrom(101, 5000).map((n) => Array.from({ length: n }, (_, i) => ({ mechanismId: M, role: ROLES[i % 4] }))) },
  { weight: 1, arbitrary: notString },
);

/** Whether the server should accept these roles from an admin of this party. */
function goodRoles(v: unknown, adminParty: string): boolean {
  if (!Array.isArray(v) || v.length > 100) return false;
  const seen = new Set<unknown>();
  return v.every((g: unknown) => {
    if (!isObject(g) || !onlyKeys(g, ['mechanismId', 'role'])) return false;
    const mine = g.mechanismId === M || (g.mechanismId === foreignM && adminParty === 'ru');
    const fresh = !seen.has(g.mechanismId);
    seen.add(g.mechanismId);
    return mine && fresh && (ROLES as readonly unknown[]).includes(g.role);
  });
}
const isAdmin = (caller: string | null) => caller === 'cn-admin' || caller === 'ru-admin';

const caller = fc.oneof(
  { weight: 4, arbitrary: fc.constant('cn-admin') },
  { weight: 2, arbitrary: fc.constant('ru-admin') },
  { weight: 2, arbitrary: fc.constantFrom('cn-cochair', 'cn-secretariat', 'cn-delegate', 'cn-observer', 'ru-delegate', 'ru-observer') },
  { weight: 1, arbitrary: fc.constant(null) },
);

// ——— the properties ———

describe('fuzz: accounts, invitations and API tokens', () => {
  it(`invitations: ${RUNS} hostile invitations, each a 4xx problem, create nothing`, async () => {
    const body = objectBody({
      username: fc.oneof({ weight: 3, arbitrary: badUsername }, { weight: 2, arbitrary: freshUsername }),
      admin: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 1, 0, null, 'yes') }),
      roles,
    });
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(caller, payloads(body), async (who, p) => {
        const v = parsed(p);
        if (isAdmin(who) && isObject(v) && onlyKeys(v, ['username', 'admin', 'roles'])) {
          const nameOk = typeof v.username === 'string' && USERNAME.test(v.username) && ids[v.username] === undefined;
          const adminOk = v.admin === undefined || typeof v.admin === 'boolean';
          fc.pre(!(nameOk && adminOk && (v.roles === undefined || goodRoles(v.roles, party(who!)))));
        }
        const before = await state();
        const res = await send('POST', '/api/v1/admin/invitations', p, who ? cookies[who] : undefined, undefined);
        expectProblem4xx(res, show('invite as', who, p.contentType, p.raw));
        expect(await state()).toEqual(before);
        tally.add(`${res.statusCode}${isAdmin(who) ? ' admin' : ''}`);
      }),
      { numRuns: RUNS },
    );
    // Most of the admin's cases must have reached validation and the checks of the handler.
    expect(tally.get('400 admin'), tally.toString()).toBeGreaterThanOrEqual(RUNS / 4);
    expect(tally.get('403'), tally.toString()).toBeGreaterThanOrEqual(1);
  }, TIMEOUT);

  it(`accepting invitations: ${RUNS} malformed, unknown, used and expired tokens, weak passwords; nothing created`, async () => {
    const token = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(() => expiredToken, () => usedToken).map((f) => f()) },
      { weight: 1, arbitrary: fc.constantFrom(() => `${expiredToken} `, () => expiredToken.toUpperCase(), () => expiredToken.slice(0, -1), () => `${usedToken}\u0000`).map((f) => f()) },
      { weight: 2, arbitrary: fc.stringMatching(/^inv_[A-Za-z0-9_-]{43}$/) },
      { weight: 1, arbitrary: fc.constantFrom(() => tok.delegateRw.token, () => 'inv_', () => '', ' ', () => 'x'.repeat(201)).map((f) => (typeof f === 'function' ? f() : f)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
      { weight: 1, arbitrary: notString },
    );
    const password = fc.oneof(
      { weight: 3, arbitrary: fc.constant(STRONG) },
      { weight: 2, arbitrary: fc.constantFrom('password', 'password123!', 'Password1234', 'qwertyuiop123', '123456789012', 'iloveyou!!!!!!', 'correct', 'short', '', ' '.repeat(11), 'a'.repeat(11)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 11 }) },
      { weight: 1, arbitrary: fc.constantFrom(1001, 5000, 100_000).map((n) => 'p'.repeat(n)) },
      { weight: 1, arbitrary: notString },
    );
    const tally = new Tally();
    const examples: [Payload][] = [
      [json({ token: expiredToken, password: STRONG })],
      [json({ token: usedToken, password: STRONG })],
      [json({ token: expiredToken, password: STRONG, username: 'fz-other' })],
    ];
    await fc.assert(
      fc.asyncProperty(payloads(objectBody({ token, password }, 12)), async (p) => {
        const before = await state();
        const res = await send('POST', '/api/v1/invitations/accept', p, undefined, undefined);
        const problem = expectProblem4xx(res, show('accept', p.contentType, p.raw));
        expect(await state()).toEqual(before);
        const v = parsed(p);
        if (isObject(v) && v.password === STRONG && (v.token === expiredToken || v.token === usedToken) && Object.keys(v).length === 2) tally.add('refused a real token');
        tally.add(`${res.statusCode} ${problem.type}`);
      }),
      { numRuns: RUNS, examples },
    );
    expect(tally.get('refused a real token'), tally.toString()).toBeGreaterThanOrEqual(3);
  }, TIMEOUT);

  it(`API tokens: ${RUNS} hostile creations and revocations from a session, each a 4xx problem`, async () => {
    const name = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t\n ', '\u00a0', 'n'.repeat(101), ` ${'n'.repeat(101)} `, 'n'.repeat(100_000)) },
      { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
      { weight: 1, arbitrary: notString },
    );
    const scope = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('read', 'read-write') },
      { weight: 2, arbitrary: fc.constantFrom('write', 'admin', 'READ', 'read ', 'read,read-write', '', 'read-write\u0000', '*') },
      { weight: 1, arbitrary: notString },
    );
    const tokenId = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(() => tok.ruObserver.id, () => tok.adminRead.id, () => tok.delegateRevoked.id).map((f) => f()) },
      { weight: 1, arbitrary: fc.constantFrom(() => tok.delegateRw.id.toUpperCase(), () => `${tok.delegateRw.id} `, () => `${tok.delegateRw.id}0`, () => tok.delegateRw.id.slice(1), () => tok.delegateRw.token).map((f) => f()) },
      { weight: 2, arbitrary: uuid7 },
      { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 50 }) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(41), 'x'.repeat(500), "' OR '1'='1", '..', '%', '%zz', '%2F', '*', 'null') },
    );
    type Case = { method: 'POST'; p: Payload } | { method: 'DELETE'; id: string; raw: boolean };
    const cases = fc.oneof(
      payloads(objectBody({ name, scope }, 8)).map((p): Case => ({ method: 'POST', p })),
      fc.tuple(tokenId, fc.boolean()).map(([id, raw]): Case => ({ method: 'DELETE', id, raw })),
    );
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        let res: LightMyRequestResponse;
        const before = await state();
        if (c.method === 'POST') {
          const v = parsed(c.p);
          fc.pre(
            !(isObject(v) && onlyKeys(v, ['name', 'scope']) && typeof v.name === 'string' && v.name.trim().length >= 1 && v.name.trim().length <= 100 && (v.scope === 'read' || v.scope === 'read-write')),
          );
          res = await send('POST', '/api/v1/me/tokens', c.p, cookies['cn-delegate'], undefined);
          expectProblem4xx(res, show('create token', c.p.contentType, c.p.raw));
        } else {
          fc.pre(c.id !== tok.delegateRw.id && c.id !== tok.delegateRead.id);
          const url = `/api/v1/me/tokens/${c.raw && /^[\x21-\x7e]*$/.test(c.id) && !/[/?#]/.test(c.id) ? c.id : segment(c.id)}`;
          res = await send('DELETE', url, undefined, cookies['cn-delegate'], undefined);
          expectProblem4xx(res, show('revoke token', url));
        }
        expect(await state()).toEqual(before);
        tally.add(`${c.method} ${res.statusCode}`);
      }),
      { numRuns: RUNS },
    );
    expect(tally.get('POST 400'), tally.toString()).toBeGreaterThanOrEqual(RUNS / 10);
    expect(tally.get('DELETE 404'), tally.toString()).toBeGreaterThanOrEqual(RUNS / 10);
  }, TIMEOUT);

  it(`roles: ${RUNS} hostile role assignments, each a 4xx problem, change no membership`, async () => {
    const userId = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('cn-delegate', 'cn-observer', 'fz-used', 'ru-delegate', 'ru-cochair').map((u) => ids[u]!) },
      { weight: 2, arbitrary: uuid7 },
      { weight: 1, arbitrary: fc.constant(null).map(() => M) },
      { weight: 1, arbitrary: fc.constantFrom('cn-delegate', 'ru-delegate').map((u) => ids[u]!.toUpperCase()) },
      { weight: 1, arbitrary: fc.constantFrom('cn-delegate', 'x'.repeat(37), 'x'.repeat(500), '..', '%zz', "' OR '1'='1", '00000000-0000-4000-8000-000000000000') },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    );
    const body = fc.oneof({ weight: 6, arbitrary: objectBody({ roles }, 12) }, { weight: 1, arbitrary: notString });
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(caller, userId, payloads(body), async (who, id, p) => {
        const target = Object.entries(ids).find(([, v]) => v === id)?.[0];
        const v = parsed(p);
        fc.pre(!(isAdmin(who) && target && party(target) === party(who!) && isObject(v) && onlyKeys(v, ['roles']) && goodRoles(v.roles, party(who!))));
        const url = `/api/v1/admin/users/${segment(id)}/roles`;
        const before = await state();
        const res = await send('PUT', url, p, who ? cookies[who] : undefined, undefined);
        expectProblem4xx(res, show('set roles as', who, url, p.contentType, p.raw));
        expect(await state()).toEqual(before);
        tally.add(`${res.statusCode}`);
      }),
      { numRuns: RUNS },
    );
    // Non-admins mostly fail validation first (400); an admin's well-formed request of a foreign account is a 404.
    expect(tally.get('400'), tally.toString()).toBeGreaterThanOrEqual(RUNS / 4);
    expect(tally.get('404'), tally.toString()).toBeGreaterThanOrEqual(1);
    expect(tally.get('401') + tally.get('403'), tally.toString()).toBeGreaterThanOrEqual(1);
  }, TIMEOUT);

  it(`resets: ${RUNS} resets by the wrong people or of the wrong ids, each a 4xx problem, reset nothing`, async () => {
    const userId = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('cn-delegate', 'cn-admin', 'fz-used', 'ru-delegate', 'ru-admin').map((u) => ids[u]!) },
      { weight: 2, arbitrary: uuid7 },
      { weight: 1, arbitrary: fc.constantFrom(() => M, () => tok.delegateRw.id, () => ids['cn-delegate']!.toUpperCase(), () => `${ids['cn-delegate']!} `).map((f) => f()) },
      { weight: 1, arbitrary: fc.constantFrom('cn-delegate', 'x'.repeat(500), '%zz', '..', '') },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    );
    const body = fc.option(payloads(fc.oneof(objectBody({ password: fc.string(), userId: uuid7 }), notString)), { nil: undefined, freq: 2 });
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(caller, userId, body, async (who, id, p) => {
        const target = Object.entries(ids).find(([, v]) => v === id)?.[0];
        // An admin's reset of an account of their party rightly succeeds, whatever the body.
        fc.pre(!(isAdmin(who) && target && party(target) === party(who!)));
        const url = `/api/v1/admin/users/${segment(id)}/reset`;
        const before = await state();
        const res = await send('POST', url, p, who ? cookies[who] : undefined, undefined);
        expectProblem4xx(res, show('reset as', who, url, p?.contentType, p?.raw));
        expect(await state()).toEqual(before);
        tally.add(`${res.statusCode}`);
      }),
      { numRuns: RUNS },
    );
    for (const s of ['400', '401', '403', '404']) expect(tally.get(s), tally.toString()).toBeGreaterThanOrEqual(1);
  }, TIMEOUT);

  it(`Authorization: ${RUNS} malformed, unknown, revoked and foreign Bearer headers, each a 401 problem, never the cookie's rights`, async () => {
    const valid = () => tok.delegateRw.token;
    const auth = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          () => 'Bearer', () => 'Bearer ', () => 'Bearer  ', () => `Bearer  ${valid()}`, () => `bearer ${valid()}`, () => `BEARER ${valid()}`, () => `Bearer\t${valid()}`,
          () => `Bearer ${valid()} `, () => ` Bearer ${valid()}`, () => `Bearer ${valid()}x`, () => `Bearer ${valid().slice(0, -1)}`, () => `Bearer ${valid()}, Bearer ${valid()}`,
          () => `Token ${valid()}`, () => valid(), () => `Bearer ${tok.delegateRevoked.token}`, () => `Bearer ${usedToken}`,
          () => `Bearer ${cookies['cn-admin']!.split('=')[1]!}`, () => `Basic ${Buffer.from(`cn-admin:${DEMO_PASSWORD}`).toString('base64')}`, () => 'Basic %%%',
          () => 'Digest username="cn-admin"', () => '', () => `Bearer ${'t'.repeat(201)}`, () => `Bearer ent_${'t'.repeat(100_000)}`,
        ).map((f) => f()),
      },
      { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{42}$|^[A-Za-z0-9_-]{44}$|^[A-Za-z0-9_-]{43}$/).map((s) => `Bearer ent_${s}`) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`) },
    );
    // Requests that the cookie's session (cn-admin) could make: the header must win and refuse them.
    type Target = [method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: () => string, body: () => unknown];
    const target = fc.constantFrom<Target>(
      ['GET', () => '/api/v1/me/tokens', () => undefined],
      ['GET', () => '/api/v1/admin/users', () => undefined],
      ['POST', () => '/api/v1/me/tokens', () => ({ name: 'via header', scope: 'read-write' })],
      ['DELETE', () => `/api/v1/me/tokens/${tok.adminRead.id}`, () => undefined],
      ['POST', () => '/api/v1/admin/invitations', () => ({ username: 'fz-via-header' })],
      ['PUT', () => `/api/v1/admin/users/${ids['cn-observer']!}/roles`, () => ({ roles: [] })],
      ['POST', () => `/api/v1/admin/users/${ids['cn-secretariat']!}/reset`, () => undefined],
      ['POST', () => '/api/v1/invitations/accept', () => ({ token: expiredToken, password: STRONG })],
    );
    const cookie = fc.constantFrom(() => cookies['cn-admin'], () => undefined, () => 'entente_session=x');
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(auth, target, cookie, async (a, [method, url, body], c) => {
        const b = body();
        const before = await state();
        const res = await send(method, url(), b === undefined ? undefined : json(b), c(), a);
        expectProblem4xx(res, show(method, url(), 'authorization:', a, 'cookie:', c()));
        expect(res.statusCode, show(method, url(), a, res.body)).toBe(401);
        expect(await state()).toEqual(before);
        tally.add(String(res.statusCode));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  // Last: if the rule below is broken, a request may change a password or end sessions.
  it(`API tokens cannot manage accounts: ${RUNS} valid tokens (other users', read-scoped) on session-only routes, each a 4xx problem`, async () => {
    type Who = 'delegateRw' | 'delegateRead' | 'ruObserver' | 'adminRead';
    const who = fc.constantFrom<Who>('delegateRw', 'delegateRead', 'ruObserver', 'adminRead');
    type Target = [method: 'GET' | 'POST' | 'DELETE', url: (w: Who) => string, body: () => unknown];
    const target = fc.constantFrom<Target>(
      ['POST', () => '/api/v1/me/tokens', () => ({ name: 'escalated', scope: 'read-write' })],
      ['GET', () => '/api/v1/me/tokens', () => undefined],
      ['GET', () => '/api/v1/me/sessions', () => undefined],
      ['DELETE', (w) => `/api/v1/me/tokens/${tok[w].id}`, () => undefined],
      ['DELETE', () => `/api/v1/me/tokens/${tok.delegateRw.id}`, () => undefined],
      ['POST', () => '/api/v1/me/password', () => ({ currentPassword: DEMO_PASSWORD, newPassword: STRONG })],
    );
    // No cookie, a cookie that is no session, or the session of someone else.
    const cookie = fc.constantFrom<(w: Who) => string | undefined>(
      () => undefined,
      () => 'entente_session=x',
      () => `entente_session=${'A'.repeat(43)}`,
      (w) => (w === 'ruObserver' ? cookies['cn-delegate'] : cookies['ru-observer']),
    );
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(who, target, cookie, async (w, [method, url, body], c) => {
        const b = body();
        const before = await state();
        const res = await send(method, url(w), b === undefined ? undefined : json(b), c(w), `Bearer ${tok[w].token}`);
        expectProblem4xx(res, show(method, url(w), 'token of', w, 'cookie:', c(w)));
        expect(await state()).toEqual(before);
        tally.add(String(res.statusCode));
      }),
      { numRuns: RUNS },
    );
    expect(tally.get('403'), tally.toString()).toBeGreaterThanOrEqual(RUNS / 4);
  }, TIMEOUT);
});
