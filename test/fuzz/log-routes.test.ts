import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, sessionCookieOf, sessionHeaders } from '../support/app.ts';
import { freshStore, type TestStore } from '../support/store.ts';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { totpCode, totpStep } from '../../src/access/totp.ts';
import { openCheckpoint } from '../../src/ledger/checkpoint.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/proof.ts';
import { leafOf, treeRoot } from '../support/naive-tree.ts';

/**
 * Property tests of the log API (src/ledger/routes.ts): indices and sizes out of range,
 * negative, huge, non-numeric, fractional, in exponent form, with white space, empty or
 * repeated; size1 above size2; unknown, malformed and oversized log names; unknown query
 * parameters; as readers, non-readers and signed out. Every answer is either a 4xx
 * problem+json that names the failing field, or — when the request happens to be valid — a
 * 2xx whose content is checked against the stored entries (proofs verify, roots are those of
 * the entries, recomputed here). Never a 500, and the database does not change (a POST of a
 * checkpoint may add one, only for a log that grew since its latest).
 *
 * The server runs without its once-a-second signer, so that the logs' state is the test's:
 * the joint log has grown past its latest checkpoint, the ru party's log has none at all.
 */

const RUNS = Math.max(200, Number(process.env.FUZZ_RUNS ?? 200));

type User = 'cn-observer' | 'ru-observer' | 'cn-admin' | 'cn-secretariat' | 'ru-secretariat';
type Who = User | null;

let store: TestStore;
let app: FastifyInstance;
let demo: string;
const cookies = new Map<User, string>();

async function call(who: Who, method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  const headers = who ? sessionHeaders(cookies.get(who)!) : {};
  return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
}

// ——— the model: the logs as stored, read from the database, and hashed here ———

const b64 = (s: string) => Buffer.from(s, 'base64');

interface Log {
  size: number;
  entries: string[];
  leaves: Buffer[];
  /** The latest checkpoint's size. */
  checkpoint: number | undefined;
}
/** By URL name (`<mechanism>`, `<mechanism>.<party>`, `directory`, …). */
const logs = new Map<string, Log>();
let nodeKey = '';
let nodeName = '';

async function readLogs(): Promise<void> {
  logs.clear();
  const db = store.db;
  for (const row of await db.selectFrom('logs').select(['id', 'size']).execute()) {
    const entries = (await db.selectFrom('logEntries').select('entry').where('logId', '=', row.id).orderBy('idx').execute()).map((r) => r.entry);
    const cp = await db.selectFrom('checkpoints').select('size').where('logId', '=', row.id).orderBy('size', 'desc').limit(1).executeTakeFirst();
    logs.set(row.id.replace('/', '.'), { size: Number(row.size), entries, leaves: entries.map(leafOf), checkpoint: cp ? Number(cp.size) : undefined });
  }
}

/** Who reads which log (DESIGN §4): the demo accounts but admins are members of the demo mechanism. */
function canRead(who: Who, name: string): boolean {
  if (who === null) return false;
  const party = who.slice(0, 2);
  const [base, logParty] = name.split('.');
  if (logParty !== undefined && logParty !== party) return false;
  return base === 'directory' || (base === demo && who !== 'cn-admin');
}

/** What the database holds of the logs: row counts and a digest of the logs' rows. */
async function snapshot(): Promise<Record<string, string | number>> {
  const db = store.db;
  const count = async (table: 'logEntries' | 'logNodes' | 'checkpoints') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await db.selectFrom('logs').select(['id', 'size', 'frontier']).orderBy('id').execute();
  const digest = createHash('sha256');
  for (const r of rows) digest.update(`${r.id}:${String(r.size)}:${r.frontier ? Buffer.from(r.frontier).toString('hex') : ''}\n`);
  return { logEntries: await count('logEntries'), logNodes: await count('logNodes'), checkpoints: await count('checkpoints'), logs: digest.digest('hex') };
}

// ——— generators ———

const ROUTE_PARAMS = ['index', 'size', 'size1', 'size2', 'start', 'end'] as const;
const UNKNOWN_PARAMS = ['foo', 'Index', 'SIZE', 'cursor', 'limit', 'log', 'index ', 'x-y'] as const;
const WELL_FORMED = /^(0|[1-9][0-9]{0,14})$/;

/** Values of a size or index: mostly near the logs' sizes, and every kind of malformed number. */
const numberish: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 41, max: 5000 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: -1 }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: 10n ** 14n, max: 10n ** 40n }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '-0', '+1', '1.5', '1.0', '0.0', '.5', '5.', '1e3', '1E2', '1e-1', '1e400', '0x10', '0b1', '0o7', ' 1', '1 ', '\t1', '1\n', '',
      ' ', 'abc', 'NaN', 'Infinity', '-Infinity', 'null', 'undefined', 'true', '[]', '{}', '１', '٣', '01', '00', '007',
      '9'.repeat(15), '9'.repeat(16), `1${'0'.repeat(15)}`, '9007199254740993', '1_000', '1,5', '2;', '3%00', '½',
    ),
  },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** A query parameter: absent, one value, or repeated. */
const paramValue = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: numberish.map((v) => [v]) },
  { weight: 1, arbitrary: fc.array(numberish, { minLength: 2, maxLength: 3 }) },
);

type Query = Array<[string, string]>;
const queryArb: fc.Arbitrary<Query> = fc
  .record({
    known: fc.tuple(...ROUTE_PARAMS.map(() => paramValue)),
    unknown: fc.array(fc.tuple(fc.constantFrom(...UNKNOWN_PARAMS), fc.string({ maxLength: 6 })), { maxLength: 2 }),
    shuffle: fc.nat(),
  })
  .map(({ known, unknown, shuffle }) => {
    const pairs: Query = [];
    ROUTE_PARAMS.forEach((name, i) => {
      for (const v of known[i] ?? []) pairs.push([name, v]);
    });
    pairs.push(...unknown);
    // A deterministic reordering: parameters may come in any order.
    return pairs.map((p, i) => [p, (i * 7919 + shuffle) % 101] as const).sort((a, b) => a[1] - b[1]).map(([p]) => p);
  });

/** Queries for one route: its own parameters more often (so that valid ones come up), the rest rarely. */
function routeQuery(required: string, optional: string): fc.Arbitrary<Query> {
  const own = fc.record({ r: paramValue, o: paramValue });
  const small = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 45 }));
  return fc.oneof(
    { weight: 3, arbitrary: own.map(({ r, o }) => [...(r ?? []).map((v): [string, string] => [required, v]), ...(o ?? []).map((v): [string, string] => [optional, v])]) },
    {
      // Well-formed numbers, mostly within the logs (sizes 4 to about 40).
      weight: 4,
      arbitrary: fc.record({ r: small, o: fc.option(small, { nil: undefined }) }).map(({ r, o }) => {
        const q: Query = [[required, String(r)]];
        if (o !== undefined) q.push([optional, String(o)]);
        return q;
      }),
    },
    { weight: 2, arbitrary: queryArb },
  );
}

type NameClass = 'known' | 'unknown' | 'malformed' | 'oversized' | 'random';
interface LogName {
  name: string;
  cls: NameClass;
}

const absentId = () => {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function nameArb(): fc.Arbitrary<LogName> {
  const known = () => [demo, `${demo}.cn`, `${demo}.ru`, 'directory'];
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...known()).map((name): LogName => ({ name, cls: 'known' })) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(absentId(), `${absentId()}.cn`, `${demo}.xx`, `${demo}.abcdefgh`, 'directory.cn', 'directory.ru', 'directory.zz')
        .map((name): LogName => ({ name, cls: 'unknown' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          'nope', demo.toUpperCase(), `${demo}.CN`, `${demo}/cn`, `${demo}.`, '.cn', `${demo}.c`, `${demo}.abcdefghi`, `${demo}..cn`, `${demo}.cn.ru`,
          `${demo}.c1`, 'directory.', 'DIRECTORY', ' directory', 'directory ', demo.slice(1), `${demo}0`, `${demo.slice(0, 14)}4${demo.slice(15)}`, `${demo} `, '..', '.',
          `${demo}%2Ecn`, `directory.cn\n`, 'directory\u0000',
        )
        .map((name): LogName => ({ name, cls: 'malformed' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.integer({ min: 101, max: 4000 }).map((n) => 'a'.repeat(n)), fc.integer({ min: 60, max: 300 }).map((n) => `${demo}.${'a'.repeat(n)}`), fc.constant(`${demo}.cn`.repeat(3)))
        .map((name): LogName => ({ name, cls: 'oversized' })),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map((name): LogName => ({ name, cls: 'random' })) },
  );
}

const whoArb: fc.Arbitrary<Who> = fc.constantFrom<Who>('cn-observer', 'cn-observer', 'ru-observer', 'cn-admin', null);

const qs = (q: Query) => (q.length ? `?${q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '');
const urlOf = (n: LogName, suffix: string, q: Query) => `/api/v1/logs/${encodeURIComponent(n.name)}/${suffix}${qs(q)}`;

// ——— the oracle ———

type Expect =
  | { status: 400; fields: string[] }
  | { status: 401 | 404 }
  | { status: 422; anyOf: string[] }
  | { status: 'name' }
  | { status: 200; check: (res: LightMyRequestResponse) => string | undefined };

/** The fields a problem names (`querystring.a,b` → a, b; `params.log` → log). */
function namedFields(res: LightMyRequestResponse): string[] {
  const body = res.json() as { errors?: Array<{ field: string }> };
  return (body.errors ?? []).flatMap((e) => e.field.replace(/^(querystring|params)\.?/, '').split(','));
}

/** Query validation of a route with `spec` (name → required): the fields it must name, if any. */
function badQuery(q: Query, spec: Record<string, boolean>): { bad: string[]; values: Record<string, number | undefined> } {
  const bad = new Set<string>();
  const values: Record<string, number | undefined> = {};
  const byName = new Map<string, string[]>();
  for (const [k, v] of q) byName.set(k, [...(byName.get(k) ?? []), v]);
  for (const [k, vs] of byName) {
    if (!(k in spec)) bad.add(k);
    else if (vs.length !== 1 || !WELL_FORMED.test(vs[0]!)) bad.add(k);
    else values[k] = Number(vs[0]);
  }
  for (const [k, required] of Object.entries(spec)) if (required && !byName.has(k)) bad.add(k);
  return { bad: [...bad], values };
}

/** Before the handler: the log name, then the query; then who may read. Undefined: on to the route's own checks. */
function gate(who: Who, n: LogName, q: Query, spec: Record<string, boolean> | undefined): { expect: Expect } | { log: Log; values: Record<string, number | undefined> } {
  if (n.cls === 'malformed' || n.cls === 'oversized') return { expect: { status: 'name' } };
  if (n.cls === 'random' && !logs.has(n.name) && n.name !== 'directory') return { expect: { status: 'name' } };
  const { bad, values } = spec ? badQuery(q, spec) : { bad: [], values: {} };
  if (bad.length) return { expect: { status: 400, fields: bad } };
  if (who === null) return { expect: { status: 401 } };
  const log = logs.get(n.name);
  if (!log || !canRead(who, n.name)) return { expect: { status: 404 } };
  return { log, values };
}

function entriesExpect(who: Who, n: LogName, q: Query): Expect {
  const g = gate(who, n, q, { start: true, end: false });
  if ('expect' in g) return g.expect;
  const { log, values } = g;
  const start = values.start!;
  const end = values.end ?? Math.min(log.size, start + 1000);
  const wrong = [...(start > log.size ? ['start'] : []), ...(end < start || end > log.size || end - start > 1000 ? ['end'] : [])];
  if (wrong.length) return { status: 422, anyOf: wrong };
  return {
    status: 200,
    check: (res) => {
      const b = res.json() as { log: string; size: number; start: number; entries: string[] };
      if (b.log !== n.name || b.size !== log.size || b.start !== start) return `answers ${JSON.stringify({ ...b, entries: b.entries.length })}`;
      return JSON.stringify(b.entries) === JSON.stringify(log.entries.slice(start, end)) ? undefined : `entries are not the stored entries [${start}, ${end})`;
    },
  };
}

function inclusionExpect(who: Who, n: LogName, q: Query): Expect {
  const g = gate(who, n, q, { index: true, size: false });
  if ('expect' in g) return g.expect;
  const { log, values } = g;
  const index = values.index!;
  const size = values.size ?? log.checkpoint ?? log.size;
  const wrong = [...(size > log.size ? ['size'] : []), ...(index >= size ? ['index'] : [])];
  if (wrong.length) return { status: 422, anyOf: wrong };
  return {
    status: 200,
    check: (res) => {
      const p = res.json() as { index: number; size: number; leafHash: string; root: string; proof: string[] };
      const root = treeRoot(log.leaves.slice(0, size));
      if (p.index !== index || p.size !== size) return `a proof of ${p.index} in ${p.size}; asked ${index} in ${size}`;
      if (!b64(p.leafHash).equals(log.leaves[index]!)) return 'the leaf hash is not that of the stored entry';
      if (!b64(p.root).equals(root)) return 'the root is not the root of the stored entries';
      return verifyInclusion(log.leaves[index]!, index, size, p.proof.map(b64), root) ? undefined : 'the inclusion proof does not verify';
    },
  };
}

function consistencyExpect(who: Who, n: LogName, q: Query): Expect {
  const g = gate(who, n, q, { size1: true, size2: false });
  if ('expect' in g) return g.expect;
  const { log, values } = g;
  const size1 = values.size1!;
  const size2 = values.size2 ?? log.checkpoint ?? log.size;
  const wrong = [...(size2 > log.size ? ['size2'] : []), ...(size1 > size2 ? ['size1'] : [])];
  if (wrong.length) return { status: 422, anyOf: wrong };
  return {
    status: 200,
    check: (res) => {
      const p = res.json() as { size1: number; size2: number; root1: string; root2: string; proof: string[] };
      const root1 = treeRoot(log.leaves.slice(0, size1));
      const root2 = treeRoot(log.leaves.slice(0, size2));
      if (p.size1 !== size1 || p.size2 !== size2) return `a proof from ${p.size1} to ${p.size2}; asked ${size1} to ${size2}`;
      if (!b64(p.root1).equals(root1) || !b64(p.root2).equals(root2)) return 'the roots are not those of the stored entries';
      const proof = p.proof.map(b64);
      // From the empty tree there is nothing to prove (and verifiers refuse size1 = 0).
      if (size1 === 0) return proof.length === 0 ? undefined : 'a proof from the empty tree that is not empty';
      return verifyConsistency(size1, size2, proof, root1, root2) ? undefined : 'the consistency proof does not verify';
    },
  };
}

/** A checkpoint answer: signed by the node's key, of this log, of `size` and the stored entries' root. */
function checkpointCheck(n: LogName, log: Log, size: () => number | undefined) {
  return (res: LightMyRequestResponse): string | undefined => {
    if (!/^text\/plain/.test(String(res.headers['content-type']))) return `a checkpoint as ${String(res.headers['content-type'])}`;
    let cp;
    try {
      cp = openCheckpoint(res.body, [nodeKey], { expectedOrigin: `${nodeName}/${n.name.replace('.', '/')}` }).checkpoint;
    } catch (err) {
      return `the checkpoint does not open: ${(err as Error).message}`;
    }
    if (cp.size !== size()) return `a checkpoint of size ${cp.size}; expected ${size()}`;
    return Buffer.from(cp.root).equals(treeRoot(log.leaves.slice(0, cp.size))) ? undefined : 'the root is not the root of the stored entries';
  };
}

/** Checks one answer against its expectation; what is wrong, or undefined. */
function judge(res: LightMyRequestResponse, e: Expect): string | undefined {
  const type = String(res.headers['content-type']);
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (e.status === 200) {
    if (res.statusCode !== 200) return `expected 200, got ${res.statusCode}: ${res.body.slice(0, 300)}`;
    return e.check(res);
  }
  if (!/^application\/problem\+json/.test(type)) return `a ${res.statusCode} as ${type}: ${res.body.slice(0, 200)}`;
  const fields = namedFields(res);
  if (e.status === 'name') {
    // A malformed name: refused by the route's parameter check (400, params.log), by the router
    // (414 for an over-long parameter, 400 for a malformed URL: the field is the URL), or not routed at all (404).
    if (![400, 404, 414].includes(res.statusCode)) return `a malformed log name answered ${res.statusCode}: ${res.body.slice(0, 200)}`;
    if (res.statusCode !== 404 && !fields.some((f) => f === 'log' || f === '(url)')) return `a malformed log name, but the problem names ${JSON.stringify(fields)}`;
    return undefined;
  }
  if (res.statusCode !== e.status) return `expected ${e.status}, got ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (e.status === 400) {
    const named = new Set(fields);
    const want = new Set(e.fields);
    if (named.size !== want.size || [...want].some((f) => !named.has(f))) return `the problem names ${JSON.stringify([...named])}; the bad fields are ${JSON.stringify([...want])}`;
  }
  if (e.status === 422 && (fields.length !== 1 || !e.anyOf.includes(fields[0]!))) return `the problem names ${JSON.stringify(fields)}; expected one of ${JSON.stringify(e.anyOf)}`;
  return undefined;
}

// ——— the suite ———

beforeAll(async () => {
  store = await freshStore();
  const seeded = await seedDemo(store, { password: DEMO_PASSWORD, totpSecret: DEMO_TOTP_SECRET });
  demo = seeded.mechanismId!;
  app = await buildApp({ store, dataDir: store.dataDir, logLevel: 'silent', checkpointEveryMs: 0, signInLimits: { freeFailures: Infinity, perAddress: Infinity } });
  for (const username of ['cn-observer', 'ru-observer', 'cn-admin', 'cn-secretariat', 'ru-secretariat'] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: DEMO_PASSWORD, totp: totpCode(DEMO_TOTP_SECRET, totpStep()) } });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
    cookies.set(username, sessionCookieOf(res));
  }
  const milestone = async (marking: string, i: number) => {
    const res = await call('cn-secretariat', 'POST', '/api/v1/milestones', { mechanismId: demo, marking, date: '2019', title: { en: `Fuzz milestone ${marking} ${i}` } });
    if (res.statusCode !== 201) throw new Error(`milestone: ${res.statusCode} ${res.body}`);
  };
  for (let i = 0; i < 6; i++) await milestone('joint', i);
  for (let i = 0; i < 3; i++) await milestone('internal', i);
  // Checkpoints of the joint log, cn's log and the directory; none of ru's. Then the joint log grows past its own.
  for (const name of [demo, `${demo}.cn`, 'directory']) {
    const res = await call('cn-secretariat', 'POST', `/api/v1/logs/${name}/checkpoint`);
    if (res.statusCode !== 200) throw new Error(`checkpoint of ${name}: ${res.statusCode} ${res.body}`);
  }
  for (let i = 6; i < 9; i++) await milestone('joint', i);
  await readLogs();
  const meta = await store.db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['nodeName', 'nodeVerifierKey']).execute();
  nodeName = meta.find((m) => m.key === 'nodeName')!.value;
  nodeKey = meta.find((m) => m.key === 'nodeVerifierKey')!.value;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.destroy();
});

/** Runs a property over one route; every answer judged; the database as before (but for `grew` checkpoints). */
async function fuzz<T>(arb: fc.Arbitrary<T>, send: (t: T) => Promise<{ res: LightMyRequestResponse; expect: Expect; what: string }>, newCheckpoints: () => number = () => 0): Promise<void> {
  const before = await snapshot();
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(arb, async (t) => {
      const { res, expect: e, what } = await send(t);
      const wrong = judge(res, e);
      if (wrong) failures.push(`${what}: ${wrong}`);
      return wrong === undefined;
    }),
    { numRuns: RUNS, endOnFailure: false },
  ).catch((err: unknown) => {
    throw new Error(`${failures.slice(0, 5).join('\n')}\n${(err as Error).message.split('\n').slice(0, 6).join('\n')}`);
  });
  const after = await snapshot();
  expect(after).toEqual({ ...before, checkpoints: Number(before.checkpoints) + newCheckpoints() });
}

describe('the log API under malformed and boundary input', () => {
  it('has logs in the states the properties need', () => {
    const joint = logs.get(demo)!;
    expect(joint.checkpoint).toBeLessThan(joint.size);
    expect(logs.get(`${demo}.cn`)!.checkpoint).toBe(logs.get(`${demo}.cn`)!.size);
    expect(logs.get(`${demo}.ru`)!.checkpoint).toBeUndefined();
    expect(logs.has('directory.cn')).toBe(false);
  });

  it('GET …/entries', async () => {
    await fuzz(fc.tuple(whoArb, nameArb(), routeQuery('start', 'end')), async ([who, n, q]) => {
      const url = urlOf(n, 'entries', q);
      return { res: await call(who, 'GET', url), expect: entriesExpect(who, n, q), what: `${who ?? 'signed out'} GET ${url}` };
    });
  });

  it('GET …/proof/inclusion', async () => {
    await fuzz(fc.tuple(whoArb, nameArb(), routeQuery('index', 'size')), async ([who, n, q]) => {
      const url = urlOf(n, 'proof/inclusion', q);
      return { res: await call(who, 'GET', url), expect: inclusionExpect(who, n, q), what: `${who ?? 'signed out'} GET ${url}` };
    });
  });

  it('GET …/proof/consistency (size1 above size2 among them)', async () => {
    const above = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 })).map(([d, s2]): Query => [
      ['size1', String(s2 + d)],
      ['size2', String(s2)],
    ]);
    const query = fc.oneof(routeQuery('size1', 'size2'), above);
    await fuzz(fc.tuple(whoArb, nameArb(), query), async ([who, n, q]) => {
      const url = urlOf(n, 'proof/consistency', q);
      return { res: await call(who, 'GET', url), expect: consistencyExpect(who, n, q), what: `${who ?? 'signed out'} GET ${url}` };
    });
  });

  it('GET …/checkpoint (a query is ignored: the route takes none)', async () => {
    await fuzz(fc.tuple(whoArb, nameArb(), queryArb), async ([who, n, q]) => {
      const url = urlOf(n, 'checkpoint', q);
      const g = gate(who, n, q, undefined);
      let e: Expect;
      if ('expect' in g) e = g.expect;
      else if (g.log.checkpoint === undefined) e = { status: 404 };
      else e = { status: 200, check: checkpointCheck(n, g.log, () => g.log.checkpoint) };
      return { res: await call(who, 'GET', url), expect: e, what: `${who ?? 'signed out'} GET ${url}` };
    });
  });

  it('GET /api/v1/logs and the node key (a query is ignored: they take none)', async () => {
    await fuzz(fc.tuple(whoArb, queryArb, fc.boolean()), async ([who, q, key]) => {
      if (key) {
        const url = `/.well-known/entente/node-key${qs(q)}`;
        return { res: await call(who, 'GET', url), expect: { status: 200, check: (res) => (res.body.trim() === nodeKey ? undefined : `answers ${res.body}`) }, what: `GET ${url}` };
      }
      const url = `/api/v1/logs${qs(q)}`;
      const e: Expect =
        who === null
          ? { status: 401 }
          : {
              status: 200,
              check: (res) => {
                const items = (res.json() as { items: Array<{ log: string; size: number; checkpointSize: number | null }> }).items;
                const want = [...logs].filter(([name]) => canRead(who, name)).map(([log, l]) => ({ log, size: l.size, checkpointSize: l.checkpoint ?? null }));
                const got = items.map(({ log, size, checkpointSize }) => ({ log, size, checkpointSize }));
                const sort = (a: { log: string }, b: { log: string }) => a.log.localeCompare(b.log);
                return JSON.stringify(got.sort(sort)) === JSON.stringify(want.sort(sort)) ? undefined : `lists ${JSON.stringify(got)}`;
              },
            };
      return { res: await call(who, 'GET', url), expect: e, what: `${who ?? 'signed out'} GET ${url}` };
    });
  });

  it('POST …/checkpoint signs only a log that grew, and only once', async () => {
    let signed = 0;
    // Keys that Fastify's JSON parser refuses as prototype poisoning (400, tested with the write routes) are left out: this route ignores its body.
    const key = fc.string().filter((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype');
    const body = fc.option(fc.oneof(fc.object({ key }), fc.constant({ size: 3 }), fc.constant([])), { nil: undefined });
    await fuzz(
      fc.tuple(whoArb, nameArb(), queryArb, body),
      async ([who, n, q, b]) => {
        const url = urlOf(n, 'checkpoint', q);
        const g = gate(who, n, q, undefined);
        let e: Expect;
        if ('expect' in g) e = g.expect;
        else if (g.log.size === 0) e = { status: 404 };
        else e = { status: 200, check: checkpointCheck(n, g.log, () => g.log.size) };
        const res = await call(who, 'POST', url, b);
        if (!('expect' in g) && res.statusCode === 200 && g.log.checkpoint !== g.log.size) {
          g.log.checkpoint = g.log.size;
          signed++;
        }
        return { res, expect: e, what: `${who ?? 'signed out'} POST ${url} ${JSON.stringify(b)}` };
      },
      () => signed,
    );
    // The grown joint log (read by cn-observer and ru-observer, both drawn often) was signed, once.
    expect(signed).toBeLessThanOrEqual(2);
    expect(logs.get(demo)!.checkpoint).toBe(logs.get(demo)!.size);
  });
});
