import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../test/support/app.ts';
import { grantRole } from '../access/accounts.ts';
import { RESOURCES } from './registry.ts';
import { newId } from './common/id.ts';

/**
 * The domain rules and the access rules through HTTP: each refusal with its exact status and
 * the failing field's path in the problem+json body, and with nothing written (records and
 * log entries alike).
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Rec = { id: string; ownerParty: string; marking: string; [field: string]: unknown };

let demo: Demo;
let M: string;
let round20: Rec;
const person: Record<string, string> = {};
let commitments: Rec[];

const DEMO_USERS = ['admin', 'cochair', 'secretariat', 'delegate', 'observer'].flatMap((r) => [`cn-${r}`, `ru-${r}`]);

beforeAll(async () => {
  demo = await startDemo();
  M = demo.mechanismId;
  for (const u of DEMO_USERS) await demo.cookie(u); // sign in once, before any snapshot
  for (const p of (await ok(null, 'GET', '/api/v1/people')).items as Rec[]) person[(p.name as { en: string }).en] = p.id;
  round20 = (await ok('cn-observer', 'GET', `/api/v1/rounds?mechanismId=${M}&number=20`)).items[0];
  commitments = (await ok('cn-observer', 'GET', `/api/v1/commitments?mechanismId=${M}`)).items;
  expect(commitments).toHaveLength(4);
});
afterAll(async () => demo?.close());

// ——— helpers ———

function call(user: string | null, method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return demo.call(user, method, url, body);
}

/** A call that must succeed; its JSON body. */
async function ok(user: string | null, method: Method, url: string, body?: unknown) {
  const res = await call(user, method, url, body);
  const want = method === 'POST' ? 201 : 200;
  expect(res.statusCode, `${user} ${method} ${url} → ${res.body}`).toBe(want);
  return res.json();
}

async function create(user: string, path: string, body: Record<string, unknown>): Promise<Rec> {
  return ok(user, 'POST', `/api/v1/${path}`, body);
}

/** Every record row and every log entry: what a refused write must leave as it was. */
async function snapshot(): Promise<unknown> {
  const db = demo.store.db;
  const out: Record<string, unknown> = {};
  for (const def of RESOURCES) out[def.table] = await db.selectFrom(def.table).selectAll().orderBy('id').execute();
  out.logs = await db.selectFrom('logs').selectAll().orderBy('id').execute();
  out.logEntries = await db.selectFrom('logEntries').selectAll().orderBy('logId').orderBy('idx').execute();
  return out;
}

/**
 * A refused write: exact status, problem+json, exactly these failing fields (none when
 * `fields` is undefined), and no change to any record or log.
 */
async function refused(user: string | null, method: Method, url: string, body: unknown, status: number | number[], fields?: string[]) {
  const before = await snapshot();
  const res = await call(user, method, url, body);
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `${user} ${method} ${url} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json();
  expect(problem.status).toBe(res.statusCode);
  if (fields) expect((problem.errors ?? []).map((e: { field: string }) => e.field), res.body).toEqual(fields);
  expect(await snapshot()).toEqual(before);
  return problem;
}

const en = (s: string) => ({ en: s });
const milestone = (extra: Record<string, unknown> = {}) => ({ mechanismId: M, title: en('A milestone'), date: '2010', ...extra });

// ——— tests ———

describe('rounds', () => {
  it('a round number taken in the same mechanism → 409 on number, also for the other party', async () => {
    await refused('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 20 }, 409, ['number']);
    await refused('ru-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 20, marking: 'joint' }, 409, ['number']);
    // The number is fixed once given.
    await refused('cn-secretariat', 'PATCH', `/api/v1/rounds/${round20.id}`, { number: 21 }, 422, ['number']);
  });

  it('co-chairs: a person of the wrong party → 422 on coChairs.N.personId', async () => {
    const coChairs = [
      { party: 'cn', personId: person['Wang Yi'] },
      { party: 'ru', personId: person['Xi Jinping'] },
    ];
    await refused('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 101, coChairs }, 422, ['coChairs.1.personId']);
    await refused('cn-secretariat', 'PATCH', `/api/v1/rounds/${round20.id}`, { coChairs }, 422, ['coChairs.1.personId']);
    const nobody = [{ party: 'cn', personId: newId() }];
    await refused('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 101, coChairs: nobody }, 422, ['coChairs.0.personId']);
  });

  it('co-chairs: two for the same party → 422 on coChairs.1.party', async () => {
    const coChairs = [
      { party: 'cn', personId: person['Wang Yi'] },
      { party: 'cn', personId: person['Xi Jinping'] },
    ];
    await refused('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 102, coChairs }, 422, ['coChairs.1.party']);
  });

  it('co-chairs: a party outside the mechanism → 422 on coChairs.N.party; a host outside it → 422 on hostParty', async () => {
    const coChairs = [
      { party: 'cn', personId: person['Wang Yi'] },
      { party: 'us', personId: person['Sergei Shoigu'] },
    ];
    await refused('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 103, coChairs }, 422, ['coChairs.1.party']);
    await refused('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 103, hostParty: 'us' }, 422, ['hostParty']);
  });

  it('accepts proper co-chairs (the rules above refuse only what they should)', async () => {
    const coChairs = [
      { party: 'ru', personId: person['Sergei Shoigu'] },
      { party: 'cn', personId: person['Wang Yi'] },
    ];
    const r = await create('cn-secretariat', 'rounds', { mechanismId: M, number: 104, coChairs, hostParty: 'ru', startDate: '2026' });
    expect(r.coChairs).toEqual(coChairs);
  });

  it('an end before the start → 422 on endDate; a round is not concluded by a plain write → 422 on status', async () => {
    await refused('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 105, startDate: '2026-03-02', endDate: '2026-03-01' }, 422, ['endDate']);
    await refused('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 105, status: 'concluded' }, 422, ['status']);
    await refused('cn-secretariat', 'PATCH', `/api/v1/rounds/${round20.id}`, { status: 'concluded' }, 422, ['status']);
  });
});

describe('parties bound by records', () => {
  it('a commitment binding a party outside the mechanism → 422 on parties.N; a party twice → 422 on parties.N', async () => {
    const body = { mechanismId: M, text: en('Do something.'), roundId: round20.id };
    await refused('cn-secretariat', 'POST', '/api/v1/commitments', { ...body, parties: ['cn', 'us'] }, 422, ['parties.1']);
    await refused('cn-secretariat', 'POST', '/api/v1/commitments', { ...body, parties: ['us'] }, 422, ['parties.0']);
    await refused('cn-secretariat', 'POST', '/api/v1/commitments', { ...body, parties: ['cn', 'cn'] }, 422, ['parties.1']);
    await refused('cn-secretariat', 'PATCH', `/api/v1/commitments/${commitments[0]!.id}`, { parties: ['cn', 'ru', 'us'] }, 422, ['parties.2']);
    await refused('cn-secretariat', 'POST', '/api/v1/agreements', { mechanismId: M, kind: 'treaty', title: en('T'), parties: ['cn', 'fr'] }, 422, ['parties.1']);
  });

  it('an article needs its agreement → 422 on article', async () => {
    await refused('cn-secretariat', 'POST', '/api/v1/commitments', { mechanismId: M, text: en('X'), parties: ['cn'], article: '3' }, 422, ['article']);
  });
});

describe('references across mechanisms', () => {
  let M2: string;
  let round2: Rec;
  let consensus2: Rec;

  beforeAll(async () => {
    // Public, so that users without a role in it see it (and are refused for want of a role).
    const m2 = await create('cn-admin', 'mechanisms', { name: en('A second consultation'), parties: ['cn', 'ru'], languages: ['de'], marking: 'public' });
    M2 = m2.id;
    expect(m2.languages).toEqual(expect.arrayContaining(['de', 'zh', 'ru']));
    // Roles are not granted through the API yet: set one up directly.
    const user = await demo.store.db.selectFrom('users').select('id').where('username', '=', 'cn-secretariat').executeTakeFirstOrThrow();
    await grantRole(demo.store.db, user.id, M2, 'secretariat');
    round2 = await create('cn-secretariat', 'rounds', { mechanismId: M2, number: 1 });
    consensus2 = await create('cn-secretariat', 'consensus-items', { mechanismId: M2, text: en('Another consensus.') });
  });

  it('a record of one mechanism referring to a round of another → 422 on the reference', async () => {
    await refused('cn-secretariat', 'POST', '/api/v1/agenda-items', { mechanismId: M, roundId: round2.id, position: 9, title: en('X') }, 422, ['roundId']);
    await refused('cn-secretariat', 'POST', '/api/v1/commitments', { mechanismId: M2, roundId: round20.id, parties: ['cn'], text: en('X') }, 422, ['roundId']);
    await refused('cn-secretariat', 'PATCH', `/api/v1/commitments/${commitments[0]!.id}`, { roundId: round2.id }, 422, ['roundId']);
    await refused('cn-secretariat', 'POST', '/api/v1/statements', { mechanismId: M, roundId: round2.id, party: 'cn', kind: 'remark', text: en('X') }, 422, ['roundId']);
  });

  it('a list of references naming a record of another mechanism → 422 on its index', async () => {
    const own = round20.consensusItemIds as string[];
    await refused('cn-secretariat', 'PATCH', `/api/v1/rounds/${round20.id}`, { consensusItemIds: [...own, consensus2.id] }, 422, [`consensusItemIds.${own.length}`]);
    await refused('cn-secretariat', 'POST', '/api/v1/commitments', { mechanismId: M, consensusItemId: consensus2.id, parties: ['cn'], text: en('X') }, 422, ['consensusItemId']);
  });

  it("a mechanism's own language is allowed in it and only in it", async () => {
    const de = await create('cn-secretariat', 'milestones', { mechanismId: M2, title: { de: 'Gründung', en: 'Founding' }, date: '2024' });
    expect(de.title).toEqual({ de: 'Gründung', en: 'Founding' });
    await refused('cn-secretariat', 'POST', '/api/v1/milestones', milestone({ title: { de: 'Gründung' } }), 422, ['title.de']);
  });

  it('a user without a role in the second mechanism cannot write in it → 403', async () => {
    expect((await call('ru-secretariat', 'GET', `/api/v1/mechanisms/${M2}`)).statusCode).toBe(200);
    await refused('ru-secretariat', 'POST', '/api/v1/milestones', { mechanismId: M2, title: en('X'), date: '2024' }, 403);
    await refused('cn-cochair', 'POST', '/api/v1/milestones', { mechanismId: M2, title: en('X'), date: '2024' }, 403);
    await refused('cn-cochair', 'PATCH', `/api/v1/rounds/${round2.id}`, { hostParty: 'cn' }, 404);
  });
});

describe('language tags', () => {
  it.each(['en_US', 'x!', 'e', 'en-', 'english-language-tag-far-too-long-to-be-bcp47'])('"%s" is not a BCP 47 tag → 400 on title.<tag>', async (tag) => {
    await refused('cn-secretariat', 'POST', '/api/v1/milestones', milestone({ title: { en: 'ok', [tag]: 'x' } }), 400, [`title.${tag}`]);
    await refused('cn-secretariat', 'PATCH', `/api/v1/commitments/${commitments[0]!.id}`, { text: { [tag]: 'x' } }, 400, [`text.${tag}`]);
  });

  it('a valid tag that is neither a mechanism nor a UI language → 422 naming text.de', async () => {
    const body = { mechanismId: M, roundId: round20.id, party: 'cn', kind: 'remark', text: { en: 'Said.', de: 'Gesagt.' } };
    await refused('cn-secretariat', 'POST', '/api/v1/statements', body, 422, ['text.de']);
    await refused('cn-secretariat', 'PATCH', `/api/v1/commitments/${commitments[0]!.id}`, { text: { de: 'Vertrauen stärken.' } }, 422, ['text.de']);
  });

  it('a mechanism language (zh) and a UI language (fr) are accepted and returned as given', async () => {
    const zh = await create('cn-secretariat', 'milestones', milestone({ title: { zh: '里程碑' } }));
    expect(zh.title).toEqual({ zh: '里程碑' });
    const fr = await create('cn-secretariat', 'milestones', milestone({ title: { fr: 'Jalon', ru: 'Веха' } }));
    expect(fr.title).toEqual({ fr: 'Jalon', ru: 'Веха' });
    expect((await ok('cn-observer', 'GET', `/api/v1/milestones/${fr.id}`)).title).toEqual({ fr: 'Jalon', ru: 'Веха' });
  });

  it('tags are kept in canonical form, and one language given twice → 422', async () => {
    const upper = await create('cn-secretariat', 'milestones', milestone({ title: { EN: 'Upper-case tag' } }));
    expect(upper.title).toEqual({ en: 'Upper-case tag' });
    await refused('cn-secretariat', 'POST', '/api/v1/milestones', milestone({ title: { en: 'a', EN: 'b' } }), 422, ['title.EN']);
  });
});

describe('partial dates', () => {
  it.each(['2025', '2025-12', '2025-12-02', '2024-02-29'])('"%s" is accepted and returned with its precision', async (date) => {
    const m = await create('cn-secretariat', 'milestones', milestone({ date }));
    expect(m.date).toBe(date);
    expect((await ok('ru-observer', 'GET', `/api/v1/milestones/${m.id}`)).date).toBe(date);
    const c = await create('cn-secretariat', 'commitments', { mechanismId: M, parties: ['cn'], text: en('Due then.'), due: date });
    expect(c.due).toBe(date);
  });

  it.each(['2025-02-29', '2025-13', '2025-12-2', '2025-00', '2025-04-31', '25', '2025-12-02T00:00:00Z', '2025/12/02'])('"%s" is refused → 400 on date', async (date) => {
    await refused('cn-secretariat', 'POST', '/api/v1/milestones', milestone({ date }), 400, ['date']);
    await refused('cn-secretariat', 'POST', '/api/v1/commitments', { mechanismId: M, parties: ['cn'], text: en('X'), due: date }, 400, ['due']);
  });

  it('a year-precision date stays a year under filters: from=2025&to=2025 finds every 2025 precision', async () => {
    const made: string[] = [];
    for (const date of ['2025', '2025-12', '2025-12-02', '2024-12-31', '2026']) made.push((await create('cn-secretariat', 'milestones', milestone({ date }))).id);
    const items = (await ok('cn-observer', 'GET', `/api/v1/milestones?mechanismId=${M}&from=2025&to=2025&limit=200`)).items as Rec[];
    const dates = items.map((m) => m.date as string);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d) => d.startsWith('2025'))).toBe(true);
    expect(new Set(dates)).toEqual(new Set(['2025', '2025-12', '2025-12-02']));
    expect(items.map((m) => m.id)).toEqual(expect.arrayContaining(made.slice(0, 3)));
  });
});

describe('markings of children and parents', () => {
  let jointRound: Rec;
  beforeAll(async () => {
    jointRound = await create('cn-secretariat', 'rounds', { mechanismId: M, number: 110 });
    expect(jointRound.marking).toBe('joint');
  });

  it('a public statement on a joint round → 422 on marking', async () => {
    const body = { mechanismId: M, roundId: jointRound.id, party: 'cn', kind: 'remark', text: en('Said.'), marking: 'public' };
    await refused('cn-secretariat', 'POST', '/api/v1/statements', body, 422, ['marking']);
    await refused('cn-secretariat', 'POST', '/api/v1/agenda-items', { mechanismId: M, roundId: jointRound.id, position: 1, title: en('X'), marking: 'public' }, 422, ['marking']);
  });

  it('a joint statement on it is fine, but raising it to public → 422 on marking', async () => {
    const s = await create('cn-secretariat', 'statements', { mechanismId: M, roundId: jointRound.id, party: 'cn', kind: 'remark', text: en('Said.') });
    expect(s.marking).toBe('joint');
    await refused('cn-secretariat', 'PATCH', `/api/v1/statements/${s.id}`, { marking: 'public' }, 422, ['marking']);
  });

  it('public evidence on a joint commitment, a public support of a joint position → 422 on marking', async () => {
    const c = commitments[0]!;
    expect(c.marking).toBe('joint');
    await refused('cn-secretariat', 'POST', '/api/v1/evidence', { mechanismId: M, commitmentId: c.id, date: '2026', note: en('Done.'), marking: 'public' }, 422, ['marking']);
    const position = (await ok('ru-observer', 'GET', `/api/v1/positions?mechanismId=${M}&holderParty=cn`)).items[0] as Rec;
    expect(position.marking).toBe('joint');
    const support = { mechanismId: M, positionId: position.id, party: 'ru', roundId: round20.id, wording: en('Support.'), marking: 'public' };
    await refused('ru-secretariat', 'POST', '/api/v1/supports', support, 422, ['marking']);
  });

  it('a parent is not made less open than its children → 422 on marking', async () => {
    const r = await create('cn-secretariat', 'rounds', { mechanismId: M, number: 111 });
    await create('cn-secretariat', 'agenda-items', { mechanismId: M, roundId: r.id, position: 1, title: en('Joint item') });
    // Made internal, the round would hide from ru while its joint agenda item still names it.
    await refused('cn-secretariat', 'PATCH', `/api/v1/rounds/${r.id}`, { marking: 'internal' }, 422, ['marking']);
  });
});

describe('who may write what', () => {
  it('ru-secretariat cannot change or delete a cn-owned record → 403', async () => {
    const m = await create('cn-secretariat', 'milestones', milestone({ title: en('cn-owned') }));
    await refused('ru-secretariat', 'PATCH', `/api/v1/milestones/${m.id}`, { title: en('ru was here') }, 403);
    await refused('ru-cochair', 'PATCH', `/api/v1/milestones/${m.id}`, { marking: 'internal' }, 403);
    await refused('ru-secretariat', 'DELETE', `/api/v1/milestones/${m.id}`, undefined, 403);
    await refused('ru-secretariat', 'PATCH', `/api/v1/rounds/${round20.id}`, { place: en('Moscow') }, 403);
    await refused('ru-admin', 'PATCH', `/api/v1/mechanisms/${M}`, { cadence: 'yearly' }, 403);
  });

  it('cn-delegate may change the status of a commitment binding cn, and nothing else of it → 403', async () => {
    const c = commitments[1]!;
    expect(c.parties).toContain('cn');
    await refused('cn-delegate', 'PATCH', `/api/v1/commitments/${c.id}`, { text: en('Rewritten by a delegate.') }, 403);
    await refused('cn-delegate', 'PATCH', `/api/v1/commitments/${c.id}`, { status: 'done', due: '2027' }, 403);
    await refused('cn-delegate', 'PATCH', `/api/v1/commitments/${c.id}`, { marking: 'internal' }, 403);
    await refused('cn-delegate', 'DELETE', `/api/v1/commitments/${c.id}`, undefined, 403);
    const changed = await ok('cn-delegate', 'PATCH', `/api/v1/commitments/${c.id}`, { status: 'in-progress' });
    expect(changed.status).toBe('in-progress');
    expect(changed.text).toEqual(c.text);
    expect((await ok('ru-observer', 'GET', `/api/v1/commitments/${c.id}`)).status).toBe('in-progress');
  });

  it('ru-delegate may change the status of a commitment binding ru, though cn recorded it (DESIGN §3: delegates update commitments binding their party)', async () => {
    const c = commitments[3]!;
    expect(c.ownerParty).toBe('cn');
    expect(c.parties).toContain('ru');
    await refused('ru-delegate', 'PATCH', `/api/v1/commitments/${c.id}`, { text: en('Rewritten by a delegate.') }, 403);
    const res = await call('ru-delegate', 'PATCH', `/api/v1/commitments/${c.id}`, { status: 'in-progress' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('cn-delegate cannot change a commitment that does not bind cn → 403', async () => {
    const ruOnly = await create('cn-secretariat', 'commitments', { mechanismId: M, parties: ['ru'], text: en('Russia does it.') });
    await refused('cn-delegate', 'PATCH', `/api/v1/commitments/${ruOnly.id}`, { status: 'done' }, 403);
    await refused('cn-delegate', 'POST', '/api/v1/evidence', { mechanismId: M, commitmentId: ruOnly.id, date: '2026', note: en('X') }, 403);
  });

  it('a delegate may add evidence and a self-assessment, but not a partner assessment → 403', async () => {
    const c = commitments[2]!;
    const ev = await create('cn-delegate', 'evidence', { mechanismId: M, commitmentId: c.id, date: '2026-01', note: en('Working group met.') });
    expect(ev.ownerParty).toBe('cn');
    const self = await create('cn-delegate', 'assessments', { mechanismId: M, commitmentId: c.id, party: 'cn', assessor: 'self', score: 1 });
    expect(self.percent).toBe(100);
    await refused('cn-delegate', 'POST', '/api/v1/assessments', { mechanismId: M, commitmentId: c.id, party: 'ru', assessor: 'partner', score: -1 }, 403);
    await refused('cn-delegate', 'POST', '/api/v1/assessments', { mechanismId: M, commitmentId: c.id, party: 'cn', assessor: 'agreed', score: 0 }, 403);
    // The secretariat may assess the partner.
    const partner = await create('cn-secretariat', 'assessments', { mechanismId: M, commitmentId: c.id, party: 'ru', assessor: 'partner', score: 0 });
    expect(partner.percent).toBe(50);
    // A self-assessment is the assessed party's own.
    await refused('cn-secretariat', 'POST', '/api/v1/assessments', { mechanismId: M, commitmentId: c.id, party: 'ru', assessor: 'self', score: 1 }, 422, ['assessor']);
  });

  it('cn-observer cannot create, change or delete anything → 403', async () => {
    const c = commitments[3]!;
    const bodies: Array<[string, Record<string, unknown>]> = [
      ['milestones', milestone()],
      ['rounds', { mechanismId: M, number: 120 }],
      ['agenda-items', { mechanismId: M, roundId: round20.id, position: 7, title: en('X') }],
      ['events', { mechanismId: M, kind: 'call', date: '2026', title: en('A call') }],
      ['consensus-items', { mechanismId: M, text: en('X') }],
      ['statements', { mechanismId: M, roundId: round20.id, party: 'cn', kind: 'remark', text: en('X') }],
      ['commitments', { mechanismId: M, parties: ['cn'], text: en('X') }],
      ['evidence', { mechanismId: M, commitmentId: c.id, date: '2026', note: en('X') }],
      ['assessments', { mechanismId: M, commitmentId: c.id, party: 'cn', assessor: 'self', score: 0 }],
      ['positions', { mechanismId: M, issue: en('X'), holderParty: 'cn' }],
      ['agreements', { mechanismId: M, kind: 'memorandum', title: en('X'), parties: ['cn', 'ru'] }],
      ['people', { party: 'cn', name: en('Someone') }],
      ['mechanisms', { name: en('X'), parties: ['cn', 'ru'] }],
    ];
    for (const [path, body] of bodies) await refused('cn-observer', 'POST', `/api/v1/${path}`, body, 403);
    await refused('cn-observer', 'PATCH', `/api/v1/commitments/${c.id}`, { status: 'done' }, 403);
    await refused('cn-observer', 'DELETE', `/api/v1/commitments/${c.id}`, undefined, 403);
  });

  it('signed out, nothing can be written', async () => {
    const denied = [401, 403];
    await refused(null, 'POST', '/api/v1/milestones', milestone(), denied);
    await refused(null, 'POST', '/api/v1/mechanisms', { name: en('X'), parties: ['cn', 'ru'] }, denied);
    // Public records are visible, so the answer is a refusal...
    await refused(null, 'PATCH', `/api/v1/rounds/${round20.id}`, { place: en('Nowhere') }, denied);
    await refused(null, 'DELETE', `/api/v1/rounds/${round20.id}`, undefined, denied);
    // ...and joint ones are not even there.
    await refused(null, 'PATCH', `/api/v1/commitments/${commitments[0]!.id}`, { status: 'dropped' }, 404);
    await refused(null, 'DELETE', `/api/v1/commitments/${commitments[0]!.id}`, undefined, 404);
  });
});

describe("ru never sees cn's internal records", () => {
  const hidden: Record<string, string> = {};
  let internalRound: Rec;
  let internalCommitment: Rec;
  let internalPosition: Rec;

  beforeAll(async () => {
    const cn = 'cn-secretariat';
    const internal = { marking: 'internal' };
    internalRound = await create(cn, 'rounds', { mechanismId: M, number: 130, ...internal });
    internalCommitment = await create(cn, 'commitments', { mechanismId: M, roundId: round20.id, parties: ['cn'], text: en('cn internal commitment'), due: '2026', ...internal });
    const made = {
      round: internalRound,
      commitment: internalCommitment,
      milestone: await create(cn, 'milestones', milestone({ title: en('cn internal milestone'), date: '2016', ...internal })),
      statement: await create(cn, 'statements', { mechanismId: M, roundId: round20.id, party: 'cn', kind: 'remark', text: en('cn internal remark'), ...internal }),
      agendaItem: await create(cn, 'agenda-items', { mechanismId: M, roundId: round20.id, position: 3, title: en('cn internal agenda item'), ...internal }),
      evidence: await create(cn, 'evidence', { mechanismId: M, commitmentId: commitments[0]!.id, date: '2026', note: en('cn internal evidence'), ...internal }),
      event: await create(cn, 'events', { mechanismId: M, kind: 'meeting', date: '2026-02', title: en('cn internal meeting'), ...internal }),
      agreement: await create(cn, 'agreements', { mechanismId: M, roundId: round20.id, kind: 'memorandum', title: en('cn internal draft'), parties: ['cn', 'ru'], ...internal }),
    };
    for (const [kind, r] of Object.entries(made)) hidden[kind] = r.id;
    // The demo's own cn internal notes.
    const cnAssessments = (await ok('cn-observer', 'GET', `/api/v1/assessments?mechanismId=${M}&party=cn`)).items as Rec[];
    hidden.assessment = cnAssessments.find((a) => a.marking === 'internal')!.id;
    internalPosition = ((await ok('cn-observer', 'GET', `/api/v1/positions?mechanismId=${M}&holderParty=cn&limit=200`)).items as Rec[]).find((p) => p.marking === 'internal')!;
    hidden.position = internalPosition.id;
  });

  const RU = ['ru-admin', 'ru-cochair', 'ru-secretariat', 'ru-delegate', 'ru-observer'];
  const PATHS: Record<string, string> = {
    round: 'rounds',
    commitment: 'commitments',
    milestone: 'milestones',
    statement: 'statements',
    agendaItem: 'agenda-items',
    evidence: 'evidence',
    event: 'events',
    agreement: 'agreements',
    assessment: 'assessments',
    position: 'positions',
  };

  function expectNoHidden(res: LightMyRequestResponse, what: string): void {
    const leaked = Object.entries(hidden).filter(([, id]) => res.body.includes(id));
    expect(leaked, `${what} leaks ${leaked.map(([k]) => k).join(', ')}`).toEqual([]);
  }

  it('cn-observer sees each of them (so that the checks below can fail)', async () => {
    for (const [kind, id] of Object.entries(hidden)) {
      const res = await call('cn-observer', 'GET', `/api/v1/${PATHS[kind]}/${id}`);
      expect(res.statusCode, kind).toBe(200);
    }
    const view = (await ok('cn-observer', 'GET', `/api/v1/mechanisms/${M}/rounds/20`)) as Record<string, Rec[]>;
    expect(view.statements!.map((s) => s.id)).toContain(hidden.statement);
    expect(view.agenda!.map((s) => s.id)).toContain(hidden.agendaItem);
  });

  it('not by id: the same 404 as for an id that does not exist; and cannot change or delete them (404)', async () => {
    const nowhere = newId();
    for (const user of RU) {
      for (const [kind, id] of Object.entries(hidden)) {
        const res = await call(user, 'GET', `/api/v1/${PATHS[kind]}/${id}`);
        expect(res.statusCode, `${user} GET ${kind}`).toBe(404);
        const absent = await call(user, 'GET', `/api/v1/${PATHS[kind]}/${nowhere}`);
        expect(res.body.replaceAll(id, '<id>'), `${user} GET ${kind}`).toBe(absent.body.replaceAll(nowhere, '<id>'));
      }
    }
    await refused('ru-secretariat', 'PATCH', `/api/v1/milestones/${hidden.milestone}`, { title: en('X') }, 404);
    await refused('ru-cochair', 'DELETE', `/api/v1/statements/${hidden.statement}`, undefined, 404);
    await refused(null, 'GET', `/api/v1/milestones/${hidden.milestone}`, undefined, 404);
  });

  it('not in lists, with or without filters and sorts', async () => {
    const lists = [
      ...Object.values(PATHS).map((p) => `/api/v1/${p}?limit=200`),
      ...Object.values(PATHS).map((p) => `/api/v1/${p}?mechanismId=${M}&limit=200&sort=-createdAt`),
      `/api/v1/rounds?mechanismId=${M}&number=130`,
      `/api/v1/rounds?status=planned&sort=-number`,
      `/api/v1/statements?roundId=${round20.id}`,
      `/api/v1/agenda-items?roundId=${round20.id}`,
      `/api/v1/commitments?party=cn&limit=200`,
      `/api/v1/commitments?roundId=${round20.id}&limit=200`,
      `/api/v1/commitments?dueFrom=2026&dueTo=2026`,
      `/api/v1/commitments?sort=due&limit=200`,
      `/api/v1/milestones?from=2016&to=2016`,
      `/api/v1/evidence?commitmentId=${commitments[0]!.id}`,
      `/api/v1/events?kind=meeting`,
      `/api/v1/agreements?kind=memorandum`,
      `/api/v1/assessments?party=cn`,
      `/api/v1/positions?holderParty=cn&limit=200`,
    ];
    for (const user of [...RU, null]) {
      for (const url of lists) {
        const res = await call(user, 'GET', url);
        expect(res.statusCode, `${user} ${url} → ${res.body}`).toBe(200);
        expectNoHidden(res, `${user} GET ${url}`);
      }
    }
  });

  it('not in small pages either', async () => {
    for (const path of Object.values(PATHS)) {
      let url: string | null = `/api/v1/${path}?mechanismId=${M}&limit=1`;
      for (let page = 0; url && page < 100; page++) {
        const res = await call('ru-secretariat', 'GET', url);
        expect(res.statusCode).toBe(200);
        expectNoHidden(res, `ru-secretariat GET ${url}`);
        const next: string | null = res.json().nextCursor;
        url = next ? `/api/v1/${path}?mechanismId=${M}&limit=1&cursor=${next}` : null;
      }
    }
  });

  it('not in nested views: round 20, the overview, trails, the positions matrix, anniversaries', async () => {
    for (const user of [...RU, null]) {
      for (const url of [
        `/api/v1/mechanisms/${M}/rounds/20`,
        `/api/v1/mechanisms/${M}/overview`,
        `/api/v1/mechanisms/${M}/positions-matrix`,
        `/api/v1/mechanisms/${M}/anniversaries?year=2026`,
        `/api/v1/commitments/${commitments[0]!.id}/trail`,
      ]) {
        const res = await call(user, 'GET', url);
        // The commitment of the trail is joint: only members of the mechanism see it.
        const member = user !== null && user !== 'ru-admin';
        expect(res.statusCode, `${user} ${url} → ${res.body}`).toBe(!member && url.includes('trail') ? 404 : 200);
        expectNoHidden(res, `${user} GET ${url}`);
      }
      const round130 = await call(user, 'GET', `/api/v1/mechanisms/${M}/rounds/130`);
      expect(round130.statusCode, `${user} round 130`).toBe(404);
      expectNoHidden(round130, `${user} round 130`);
      const trail = await call(user, 'GET', `/api/v1/commitments/${internalCommitment.id}/trail`);
      expect(trail.statusCode, `${user} trail`).toBe(404);
      expect(trail.body).not.toContain('cn internal');
    }
  });

  it('ru cannot refer to them either: the reference is unknown to it → 422', async () => {
    const support = { mechanismId: M, positionId: internalPosition.id, party: 'ru', roundId: round20.id, wording: en('Support.') };
    const problem = await refused('ru-secretariat', 'POST', '/api/v1/supports', support, 422, ['positionId']);
    expect(problem.detail).not.toContain(internalPosition.id);
    await refused('ru-secretariat', 'POST', '/api/v1/agenda-items', { mechanismId: M, roundId: internalRound.id, position: 1, title: en('X') }, 422, ['roundId']);
  });
});

describe('cursor pagination', () => {
  let dated: Rec[];
  beforeAll(async () => {
    dated = [];
    for (const date of ['2010', '2010', '2010', '1999-06', '2020-01-15', '2010-05', '2003']) {
      dated.push(await create('cn-secretariat', 'milestones', { mechanismId: M, title: en(`Paged ${date}`), date }));
    }
  });

  async function walk(user: string, base: string, limit: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(user, 'GET', `${base}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((r: Rec) => r.id));
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { ids, pages };
  }

  /** The expected order, computed here: by the field (nulls first ascending), then id. */
  function ordered(records: Rec[], field: string, desc: boolean): string[] {
    const key = (r: Rec) => (r[field] ?? null) as string | null;
    const sorted = [...records].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x !== y) {
        if (x === null) return -1;
        if (y === null) return 1;
        return x < y ? -1 : 1;
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    if (desc) sorted.reverse();
    return sorted.map((r) => r.id);
  }

  it.each([
    ['date', false],
    ['-date', true],
  ] as const)('visits every milestone exactly once, in order, with sort=%s and limit=3', async (sort, desc) => {
    const all = (await ok('cn-observer', 'GET', `/api/v1/milestones?mechanismId=${M}&limit=200`)).items as Rec[];
    for (const d of dated) expect(all.map((r) => r.id)).toContain(d.id);
    const { ids, pages } = await walk('cn-observer', `/api/v1/milestones?mechanismId=${M}&sort=${sort}`, 3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(ordered(all, 'date', desc));
    expect(pages).toBe(Math.max(1, Math.ceil(all.length / 3)));
    // Our three milestones of 2010 are next to each other, in id order, across page ends.
    const ours = ids.filter((id) => dated.slice(0, 3).some((d) => d.id === id));
    const same = dated.slice(0, 3).map((d) => d.id).sort();
    expect(ours).toEqual(desc ? same.reverse() : same);
  });

  it.each([
    ['due', false],
    ['-due', true],
  ] as const)('pages through commitments with and without a due date (sort=%s, nulls included)', async (sort, desc) => {
    for (const due of ['2026', '2026-06', '2025-12-31']) await create('cn-secretariat', 'commitments', { mechanismId: M, parties: ['cn', 'ru'], text: en(`Due ${due} (${sort})`), due });
    const all = (await ok('cn-observer', 'GET', `/api/v1/commitments?mechanismId=${M}&limit=200`)).items as Rec[];
    expect(all.some((c) => c.due === null)).toBe(true);
    for (const limit of [1, 2, 3]) {
      const { ids } = await walk('cn-observer', `/api/v1/commitments?mechanismId=${M}&sort=${sort}`, limit);
      expect(ids, `limit ${limit}`).toEqual(ordered(all, 'due', desc));
    }
  });

  it.each([
    ['!!!', 'not base64'],
    [Buffer.from('[1]').toString('base64url'), 'one element'],
    [Buffer.from('{"a":1}').toString('base64url'), 'an object'],
    [Buffer.from('[{"a":1},"x"]').toString('base64url'), 'an object value'],
    [Buffer.from('["2010", 7]').toString('base64url'), 'a number id'],
  ])('an invalid cursor (%s: %s) → 400 naming cursor', async (cursor) => {
    const res = await call('cn-observer', 'GET', `/api/v1/milestones?mechanismId=${M}&sort=date&cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
  });

  it.each(['2025-12-02', 'abc', 1.5])('a cursor whose sort value (%s) cannot be a round number → 400 naming cursor, never a 500', async (value) => {
    const cursor = Buffer.from(JSON.stringify([value, round20.id])).toString('base64url');
    const res = await call('cn-observer', 'GET', `/api/v1/rounds?mechanismId=${M}&sort=number&cursor=${cursor}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
  });

  it('an unknown query parameter, an unknown sort or a bad limit → 400 naming it', async () => {
    const cases: Array<[string, string]> = [
      [`/api/v1/milestones?mechanismId=${M}&colour=red`, 'querystring.colour'],
      [`/api/v1/milestones?mechanismId=${M}&sort=title`, 'querystring.sort'],
      [`/api/v1/milestones?mechanismId=${M}&limit=0`, 'querystring.limit'],
      [`/api/v1/milestones?mechanismId=${M}&limit=201`, 'querystring.limit'],
      [`/api/v1/milestones?mechanismId=not-an-id`, 'querystring.mechanismId'],
      [`/api/v1/rounds?party=cn`, 'querystring.party'],
    ];
    for (const [url, field] of cases) {
      const res = await call('cn-observer', 'GET', url);
      expect(res.statusCode, `${url} → ${res.body}`).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), url).toEqual([field]);
    }
  });
});

describe('deleting', () => {
  it('a round that has statements → 409, and it stays', async () => {
    const problem = await refused('cn-secretariat', 'DELETE', `/api/v1/rounds/${round20.id}`, undefined, 409);
    expect(problem.detail).toMatch(/referenced by/);
    expect((await call('ru-observer', 'GET', `/api/v1/rounds/${round20.id}`)).statusCode).toBe(200);
  });

  it('an agenda item → 200, then 404; a second delete → 404', async () => {
    const item = await create('cn-secretariat', 'agenda-items', { mechanismId: M, roundId: round20.id, position: 50, title: en('To be removed') });
    const res = await call('cn-secretariat', 'DELETE', `/api/v1/agenda-items/${item.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: item.id, logIndex: expect.any(Number) });
    expect(res.json().logIndex).toBeGreaterThan(item.logIndex as number);
    expect((await call('cn-secretariat', 'GET', `/api/v1/agenda-items/${item.id}`)).statusCode).toBe(404);
    expect((await call('ru-observer', 'GET', `/api/v1/agenda-items?roundId=${round20.id}`)).json().items.map((a: Rec) => a.id)).not.toContain(item.id);
    await refused('cn-secretariat', 'DELETE', `/api/v1/agenda-items/${item.id}`, undefined, 404);
  });

  it('a record kind that is never deleted has no DELETE route', async () => {
    await refused('cn-admin', 'DELETE', `/api/v1/mechanisms/${M}`, undefined, 404);
  });
});
