import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, sessionCookieOf, sessionHeaders, startDemo, type Demo } from '../../test/support/app.ts';
import { totpCode, totpStep } from './totp.ts';

/**
 * Property tests of sign-in, enrolment and re-authentication with hostile bodies and headers:
 * malformed and oversized JSON, wrong types, huge strings, malformed and oversized cookies and
 * Authorization headers, wrong, expired and replayed TOTP codes, used recovery codes. Every
 * answer must be a 4xx RFC 9457 problem without a cookie, and afterwards there must be no
 * new session or account, and no change to any second factor, recovery code or
 * re-authentication.
 *
 * Half the cases are credentials that pass validation (a real account, often its right
 * password) with a bad code, so that they reach the second-factor check; the others are
 * hostile anywhere. Fixed examples make sure the replayed code and the used recovery code are
 * always among them. A generated code that happens to be valid right now (about one chance
 * in 200,000 per case) is skipped: it would rightly succeed.
 */

const RUNS = Math.max(200, Number(process.env.FUZZ_RUNS ?? 200));
const TIMEOUT = 300_000;

let demo: Demo;
/** cn-observer: a confirmed second factor of its own (not the demo secret), one used recovery code. */
const F = 'cn-observer';
let fSecret: string;
/** A session of F that did not re-authenticate. */
let fCookie: string;
let replayedCode: string;
let usedRecoveryCode: string;
/** cn-delegate: a second factor being set up (pending), and a session that did not re-authenticate. */
const P = 'cn-delegate';
let pSecret: string;
let pCookie: string;

beforeAll(async () => {
  demo = await startDemo();
  const reauth = async (user: string) => {
    const res = await demo.app.inject({
      method: 'POST',
      url: '/api/v1/session/reauth',
      headers: sessionHeaders(await demo.cookie(user)),
      payload: { password: DEMO_PASSWORD, totp: await demo.totpCode(user) },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const post = async (user: string, url: string, payload?: object) => {
    const res = await demo.app.inject({ method: 'POST', url, headers: sessionHeaders(await demo.cookie(user)), ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };
  const signIn = async (username: string, totp?: string) => {
    const res = await demo.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: DEMO_PASSWORD, ...(totp ? { totp } : {}) } });
    expect(res.statusCode, res.body).toBe(200);
    return sessionCookieOf(res);
  };

  // F: a new confirmed secret with recovery codes; one code and one recovery code used.
  await reauth(F);
  fSecret = (await post(F, '/api/v1/me/totp')).secret as string;
  const codes = (await post(F, '/api/v1/me/totp/confirm', { code: await demo.totpCode(F, 'pending') })).recoveryCodes as string[];
  replayedCode = await demo.totpCode(F);
  fCookie = await signIn(F, replayedCode);
  usedRecoveryCode = codes[0]!;
  await signIn(F, usedRecoveryCode);

  // P: a replacement secret pending; the confirmed one still signs in.
  await reauth(P);
  pSecret = (await post(P, '/api/v1/me/totp')).secret as string;
  pCookie = await signIn(P, await demo.totpCode(P));
});
afterAll(async () => demo?.close());

// ——— what must hold ———

async function state() {
  const db = demo.store.db;
  const count = async (table: 'sessions' | 'users') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    sessions: await count('sessions'),
    users: await count('users'),
    factors: await db.selectFrom('users').select(['username', 'totpSecret', 'totpPendingSecret', 'totpConfirmedAt']).orderBy('username').execute(),
    unusedRecoveryCodes: Number(
      (await db.selectFrom('recoveryCodes').select((eb) => eb.fn.countAll<number>().as('n')).where('usedAt', 'is', null).executeTakeFirstOrThrow()).n,
    ),
    reauthentications: (await db.selectFrom('sessions').select('reauthenticatedAt').where('reauthenticatedAt', 'is not', null).orderBy('reauthenticatedAt').execute()).map(
      (r) => r.reauthenticatedAt,
    ),
  };
}

function expectProblem4xx(res: LightMyRequestResponse, what: string): { status: number; type: string } {
  const where = `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, where).toBeLessThan(500);
  expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as { status: number; type: string; title: string; detail: string };
  expect(body.status, where).toBe(res.statusCode);
  expect(typeof body.type, where).toBe('string');
  expect(typeof body.title, where).toBe('string');
  expect(typeof body.detail, where).toBe('string');
  expect(res.headers['set-cookie'], where).toBeUndefined();
  return body;
}

/**
 * Whether these credentials would rightly be accepted now: the password of an account without
 * a confirmed second factor, or with a code of a time step near now that the account has not
 * used yet (two steps either side, in case the clock turns meanwhile).
 */
async function wouldAccept(username: unknown, password: unknown, code: unknown): Promise<boolean> {
  if (typeof username !== 'string' || username.includes('\u0000') || password !== DEMO_PASSWORD) return false;
  const user = await demo.store.db.selectFrom('users').select(['totpSecret', 'totpConfirmedAt', 'totpLastStep']).where('username', '=', username).executeTakeFirst();
  if (!user) return false;
  if (!user.totpSecret || !user.totpConfirmedAt) return true;
  return codeOfNow(user.totpSecret, code, user.totpLastStep === null ? null : Number(user.totpLastStep));
}

function codeOfNow(secret: string, code: unknown, lastStep: number | null): boolean {
  if (typeof code !== 'string') return false;
  const digits = code.replace(/\s+/g, '');
  const now = totpStep();
  return [-2, -1, 0, 1, 2].some((d) => (lastStep === null || now + d > lastStep) && totpCode(secret, now + d) === digits);
}

// ——— arbitraries ———

const HUGE = 'x'.repeat(1024 * 1024 + 10);
const huge = fc.constantFrom('a'.repeat(101), 'é'.repeat(5_000), '9'.repeat(100_000), '中'.repeat(200_000));
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** Secrets are known only once beforeAll ran: generators pick them lazily. */
const secrets = fc.constantFrom(() => DEMO_TOTP_SECRET, () => fSecret, () => pSecret);
const sixDigits = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));
const expiredCode = fc
  .tuple(secrets, fc.integer({ min: 2, max: 100_000 }), fc.boolean())
  .map(([secret, d, past]) => totpCode(secret(), totpStep() + (past ? -d : d)));
const replayed = fc.constant(null).map(() => replayedCode);
const usedRecovery = fc.constantFrom(
  () => usedRecoveryCode,
  () => usedRecoveryCode.toUpperCase(),
  () => ` ${usedRecoveryCode.replaceAll('-', ' ')} `,
  () => usedRecoveryCode.replaceAll('-', ''),
).map((f) => f());
/** Codes that must be refused, in every shape. */
const badCode = fc.oneof(
  { weight: 3, arbitrary: sixDigits },
  { weight: 3, arbitrary: expiredCode },
  { weight: 2, arbitrary: replayed },
  { weight: 2, arbitrary: usedRecovery },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^\s*\d{1,8}\s*$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '000000', '1234567', '12345', '１２３４５６', '12345\u0000', 'null') },
);
const anyCode = fc.oneof({ weight: 4, arbitrary: badCode }, { weight: 1, arbitrary: huge }, { weight: 1, arbitrary: notString });

const knownUser = fc.constantFrom(F, F, F, P, 'cn-admin', 'ru-cochair', 'ru-observer');
const anyUser = fc.oneof(
  { weight: 2, arbitrary: knownUser },
  { weight: 1, arbitrary: fc.constantFrom('nobody', 'CN-OBSERVER', ' cn-observer', 'cn-observer\u0000', 'cn-observer ', "cn-observer' OR '1'='1") },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: notString },
);
const anyPassword = fc.oneof(
  { weight: 3, arbitrary: fc.constant(DEMO_PASSWORD) },
  { weight: 1, arbitrary: fc.constantFrom('', DEMO_PASSWORD.toUpperCase(), `${DEMO_PASSWORD} `, DEMO_PASSWORD.slice(1)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: notString },
);

/** An object body of the given fields, each maybe missing, sometimes with unknown extra keys. */
function objectBody(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(([k, arb]) => fc.option(arb.map((v) => [k, v] as const), { nil: undefined, freq: 6 }));
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'code', 'user', 'totp'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }) },
  );
  return fc
    .tuple(fc.tuple(...entries), extra)
    .map(([kv, more]) => ({ ...Object.fromEntries(kv.filter((e) => e !== undefined)), ...(more ?? {}) }) as Record<string, unknown>);
}

/** A request body as sent, and the object it was made from (when it was). */
type Payload = { raw: string; contentType: string | undefined; fields?: Record<string, unknown> };

const json = (fields: Record<string, unknown>): Payload => ({ raw: JSON.stringify(fields), contentType: 'application/json', fields });

const rawBody = fc.oneof(
  fc.constantFrom('{', '{"username":', '{"username":"cn-observer","password":"x",}', '[]', 'null', '0', '""', 'true', '{"a":1}{"b":2}', '\u0000', '{"totp":123456}', '{"__proto__":{"admin":true}}'),
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

/** Mostly the given credentials as JSON (they reach the checks); else any body, any type. */
function payloads(credentials: fc.Arbitrary<Record<string, unknown>>, anything: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Payload> {
  return fc.oneof(
    { weight: 6, arbitrary: credentials.map(json) },
    { weight: 3, arbitrary: anything.map(json) },
    { weight: 1, arbitrary: fc.tuple(anything, contentTypes).map(([b, contentType]): Payload => ({ raw: JSON.stringify(b), contentType, fields: b })) },
    { weight: 2, arbitrary: fc.tuple(rawBody, contentTypes).map(([raw, contentType]): Payload => ({ raw, contentType })) },
  );
}

/** Cookies that are no (valid) session. */
const badCookie = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `entente_session=${s}`) },
  { weight: 1, arbitrary: fc.base64String({ minLength: 40, maxLength: 48 }).map((s) => `entente_session=${s}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('entente_session=', 'entente_session', '=;=;', 'entente_session="unterminated', 'entente_session=%zz%', 'a=b; entente_session=x; entente_session=y'),
  },
  { weight: 1, arbitrary: fc.constantFrom(129, 200, 10_000, 100_000).map((n) => `entente_session=${'A'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 50_000).map((n) => `${'c=d; '.repeat(n)}entente_session=zz`) },
);
/** Authorization headers that are no credentials. */
const badAuthorization = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((s) => `Bearer ent_${s}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Basic Y24tb2JzZXJ2ZXI6Y29ycmVjdCBob3JzZQ==', 'Basic %%%', 'Digest x', `Bearer ${'t'.repeat(100_000)}`),
  },
);
/** The cookie of a session that must stay as it is, with the noise a client may add. */
const noisy = fc.constantFrom(
  (session: string) => session,
  (session: string) => `a=b; ${session}`,
  (session: string) => `${session}; ${'z'.repeat(8_000)}=1`,
  (session: string) => `${session}; entente_session=${'A'.repeat(43)}`,
);

async function send(method: 'POST' | 'DELETE', url: string, p: Payload, cookie: string | undefined, auth: string | undefined): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (p.contentType !== undefined) headers['content-type'] = p.contentType;
  if (cookie !== undefined) Object.assign(headers, sessionHeaders(cookie));
  if (auth !== undefined) headers.authorization = auth;
  return demo.app.inject({ method, url, headers, payload: p.raw });
}

function show(...parts: unknown[]): string {
  return parts.map((p) => (typeof p === 'string' && p.length > 200 ? `${p.slice(0, 80)}…(${p.length} chars)` : fc.stringify(p).slice(0, 300))).join(' ');
}

/** Answers by kind, to check that the cases reached what they were meant to. */
class Tally {
  readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

describe('fuzz: sign-in, enrolment and re-authentication', () => {
  it(`sign-in: ${RUNS} hostile requests, each a 4xx problem, open no session and change nothing`, async () => {
    const credentials = fc.record({ username: knownUser, password: fc.constant(DEMO_PASSWORD), totp: anyCode });
    const anything = objectBody({ username: anyUser, password: anyPassword, totp: anyCode });
    const tally = new Tally();
    const examples: [Payload, string | undefined, string | undefined][] = [
      [json({ username: F, password: DEMO_PASSWORD, totp: replayedCode }), undefined, undefined],
      [json({ username: F, password: DEMO_PASSWORD, totp: usedRecoveryCode }), undefined, undefined],
      [json({ username: F, password: DEMO_PASSWORD, totp: usedRecoveryCode.toUpperCase().replaceAll('-', '') }), undefined, undefined],
      [json({ username: F, password: DEMO_PASSWORD, totp: totpCode(fSecret, totpStep() - 3) }), undefined, undefined],
      [json({ username: F, password: DEMO_PASSWORD }), undefined, undefined],
      [json({ username: F, password: 'wrong', totp: replayedCode }), undefined, undefined],
      [json({ username: 'ru-cochair', password: DEMO_PASSWORD, totp: replayedCode }), `entente_session=${'A'.repeat(100_000)}`, undefined],
      [json({ username: `${F}\u0000`, password: DEMO_PASSWORD }), undefined, undefined],
      [json({ username: '\ud800', password: DEMO_PASSWORD, totp: '\udfff' }), undefined, undefined],
    ];
    await fc.assert(
      fc.asyncProperty(payloads(credentials, anything), badCookie, badAuthorization, async (p, cookie, auth) => {
        fc.pre(!(await wouldAccept(p.fields?.username, p.fields?.password, p.fields?.totp)));
        const before = await state();
        const res = await send('POST', '/api/v1/session', p, cookie, auth);
        const problem = expectProblem4xx(res, show('sign-in', p, cookie, auth));
        expect(await state()).toEqual(before);
        if (res.statusCode === 401 && auth === undefined && p.fields?.password === DEMO_PASSWORD) {
          tally.add(problem.type === 'urn:entente:totp-required' ? 'totp-required' : 'refused after the right password');
          if (p.fields.username === F && p.fields.totp === replayedCode) tally.add('replayed');
          if (p.fields.username === F && p.fields.totp === usedRecoveryCode) tally.add('used recovery code');
        }
        tally.add(String(res.statusCode));
      }),
      { numRuns: RUNS, examples },
    );
    expect(tally.get('refused after the right password'), fc.stringify([...tally.counts])).toBeGreaterThanOrEqual(RUNS / 10);
    expect(tally.get('replayed')).toBeGreaterThanOrEqual(1);
    expect(tally.get('used recovery code')).toBeGreaterThanOrEqual(1);
    expect(tally.get('totp-required')).toBeGreaterThanOrEqual(1);
    expect(tally.get('400')).toBeGreaterThanOrEqual(RUNS / 20);
  }, TIMEOUT);

  it(`re-authentication: ${RUNS} hostile requests, each a 4xx problem, re-authenticate nothing`, async () => {
    const credentials = fc.record({ password: fc.constant(DEMO_PASSWORD), totp: anyCode });
    const anything = objectBody({ password: anyPassword, totp: anyCode });
    const cookies = fc.oneof({ weight: 3, arbitrary: noisy.map((f) => () => f(fCookie)) }, { weight: 1, arbitrary: badCookie.map((c) => () => c) });
    const tally = new Tally();
    const asF = () => fCookie;
    const examples: [Payload, () => string | undefined, string | undefined][] = [
      [json({ password: DEMO_PASSWORD, totp: replayedCode }), asF, undefined],
      [json({ password: DEMO_PASSWORD, totp: usedRecoveryCode }), asF, undefined],
      [json({ password: DEMO_PASSWORD }), asF, undefined],
      [json({ password: DEMO_PASSWORD, totp: totpCode(fSecret, totpStep() + 3) }), asF, undefined],
      [json({ password: DEMO_PASSWORD, totp: totpCode(fSecret, totpStep()) }), asF, 'Bearer nonsense'],
      [json({ password: DEMO_PASSWORD, totp: totpCode(fSecret, totpStep()) }), () => undefined, undefined],
    ];
    await fc.assert(
      fc.asyncProperty(payloads(credentials, anything), cookies, badAuthorization, async (p, makeCookie, auth) => {
        const cookie = makeCookie();
        fc.pre(!(cookie?.includes(fCookie) && auth === undefined && (await wouldAccept(F, p.fields?.password, p.fields?.totp))));
        const before = await state();
        const res = await send('POST', '/api/v1/session/reauth', p, cookie, auth);
        const problem = expectProblem4xx(res, show('reauth', p, cookie, auth));
        expect(await state()).toEqual(before);
        if (res.statusCode === 401 && cookie?.includes(fCookie) && auth === undefined && p.fields?.password === DEMO_PASSWORD) {
          tally.add(problem.type === 'urn:entente:totp-required' ? 'totp-required' : 'refused after the right password');
        }
        tally.add(String(res.statusCode));
      }),
      { numRuns: RUNS, examples },
    );
    expect(tally.get('refused after the right password'), fc.stringify([...tally.counts])).toBeGreaterThanOrEqual(RUNS / 10);
    expect(tally.get('totp-required')).toBeGreaterThanOrEqual(1);
  }, TIMEOUT);

  it(`enrolment: ${RUNS} hostile requests, each a 4xx problem, change no second factor`, async () => {
    // (route, whose session): F has a confirmed second factor and did not re-authenticate
    // (409, 403 reauth-required); P's is pending (a wrong code is 422, removing needs
    // re-authentication); anything else is no session (401).
    type Target = [url: string, method: 'POST' | 'DELETE', who: 'F' | 'P' | 'none'];
    const target = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom<Target>(
          ['/api/v1/me/totp', 'POST', 'F'],
          ['/api/v1/me/totp/confirm', 'POST', 'F'],
          ['/api/v1/me/totp/confirm', 'POST', 'P'],
          ['/api/v1/me/totp/confirm', 'POST', 'P'],
          ['/api/v1/me/totp/confirm', 'POST', 'P'],
          ['/api/v1/me/totp', 'DELETE', 'F'],
          ['/api/v1/me/totp', 'DELETE', 'P'],
        ),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('/api/v1/me/totp', '/api/v1/me/totp/confirm'), fc.constantFrom<'POST' | 'DELETE'>('POST', 'DELETE'), fc.constant<'none'>('none')) },
    );
    const credentials = fc.record({ code: anyCode });
    const anything = objectBody({ code: anyCode });
    const tally = new Tally();
    const examples: [Target, Payload, (s: string) => string, string | undefined, string | undefined][] = [
      [['/api/v1/me/totp/confirm', 'POST', 'P'], json({ code: totpCode(pSecret, totpStep() - 3) }), (s) => s, undefined, undefined],
      [['/api/v1/me/totp/confirm', 'POST', 'P'], json({ code: totpCode(pSecret, totpStep()) }), (s) => s, undefined, 'Bearer x'],
      [['/api/v1/me/totp/confirm', 'POST', 'F'], json({ code: totpCode(fSecret, totpStep()) }), (s) => s, undefined, undefined],
      [['/api/v1/me/totp', 'POST', 'none'], json({}), (s) => s, `entente_session=${'A'.repeat(43)}`, undefined],
    ];
    await fc.assert(
      fc.asyncProperty(target, payloads(credentials, anything), noisy, badCookie, badAuthorization, async ([url, method, who], p, noise, bad, auth) => {
        fc.pre(!(who === 'P' && auth === undefined && url.endsWith('/confirm') && codeOfNow(pSecret, p.fields?.code, null)));
        const session = who === 'F' ? fCookie : who === 'P' ? pCookie : undefined;
        const cookie = session ? noise(session) : bad;
        const before = await state();
        const res = await send(method, url, p, cookie, auth);
        const problem = expectProblem4xx(res, show(method, url, who, p, cookie, auth));
        expect(await state()).toEqual(before);
        tally.add(`${res.statusCode} ${problem.type}`);
      }),
      { numRuns: RUNS, examples },
    );
    const counts = fc.stringify([...tally.counts]);
    expect(tally.get('422 about:blank'), counts).toBeGreaterThanOrEqual(RUNS / 40);
    expect(tally.get('409 about:blank'), counts).toBeGreaterThanOrEqual(RUNS / 40);
    expect(tally.get('403 urn:entente:reauth-required'), counts).toBeGreaterThanOrEqual(RUNS / 40);
  }, TIMEOUT);
});
