import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../test/support/app.ts';
import { rowCounts, type Accepted, type ProblemJson, type ReviewedDraft } from './test-helpers.ts';

/**
 * POST /api/v1/intake/accept through the real app on a real database: a reviewed draft (built
 * by hand here, as the review page sends it) becomes a round of the demo mechanism and its
 * records, linked to the people, positions, milestones and events the record holds; a refusal
 * names the draft's field and writes nothing (every record table and the log counted before and
 * after); an existing round number is a 409 at `round`.
 */

let demo: Demo;
const ACCEPT = '/api/v1/intake/accept';

interface Person {
  id: string;
  party: string;
  name: Record<string, string>;
  titles: Array<{ title: Record<string, string> }>;
}

async function list<T>(path: string, user = 'cn-secretariat'): Promise<T[]> {
  const res = await demo.call(user, 'GET', `/api/v1/${path}${path.includes('?') ? '&' : '?'}limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: T[] }).items;
}

async function personNamed(name: string): Promise<Person> {
  const found = (await list<Person>('people')).filter((p) => p.name.en === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
}

/** A reviewed draft of a round 21 of the demo mechanism, in English. */
function round21(): ReviewedDraft {
  return {
    language: 'en',
    mechanism: { value: { id: demo.mechanismId } },
    round: { value: 21, confidence: 0.95, span: [0, 10] },
    date: { value: '2026-06' },
    place: { value: 'Moscow' },
    parties: [{ value: { name: 'China', code: 'cn', isNew: false } }, { value: { name: 'Russia', code: 'ru', isNew: false } }],
    coChairs: [
      { value: { name: 'Wang Yi', title: 'senior Chinese official', party: 'cn' } },
      { value: { name: 'Sergei Shoigu', title: 'Secretary of the Security Council', party: 'ru' } },
    ],
    statements: [
      { value: { speaker: 'Wang Yi', kind: 'remark', form: 'gist', text: 'Called for closer coordination.', party: 'cn' } },
      { value: { speaker: 'Sergei Shoigu', kind: 'remark', form: 'quote', text: 'Our coordination is at its highest level.', party: null } },
      { value: { speaker: null, kind: 'joint-statement', form: 'gist', text: 'The sides agreed to meet again next year.', party: null } },
    ],
    commitments: [
      { value: { text: 'Hold the next round in Beijing.', parties: ['cn', 'ru'] } },
      { value: { text: 'Exchange views on emerging threats.', parties: ['ru'] } },
    ],
    consensus: [{ value: { text: 'The consensus of the two presidents.', leaders: ['Xi Jinping', 'Vladimir Putin'] } }],
    positions: [
      { value: { issue: 'Taiwan', holder: 'cn', supporter: 'ru', text: "Russia reiterated its support for China's position on Taiwan." } },
      { value: { issue: 'the Arctic', holder: 'ru', supporter: 'cn', text: "China supported Russia's position on the Arctic." } },
    ],
    milestones: [
      { value: { event: 'the signing of the Treaty of Good-Neighbourliness', year: 2001, anniversary: 25 } },
      { value: { event: 'the first joint patrol', year: 2019, anniversary: null } },
    ],
    events: [
      { value: { kind: 'summit', title: 'Summit in Tianjin', date: '2025-08', place: 'Tianjin', participants: ['Xi Jinping', 'Vladimir Putin'] } },
      { value: { kind: 'state-visit', title: 'Xi Jinping visits Moscow', date: '2025', place: 'Moscow', participants: ['Xi Jinping'] } },
    ],
  };
}

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.close();
});

describe('accepting a reviewed draft', () => {
  let accepted: Accepted;
  let before: Record<string, number>;

  beforeAll(async () => {
    before = await rowCounts(demo.store.db);
    const res = await demo.call('cn-secretariat', 'POST', ACCEPT, round21());
    expect(res.statusCode, res.body).toBe(201);
    accepted = res.json() as Accepted;
  });

  it('records the round with its date, place, co-chairs (the people the record knows) and status held', async () => {
    const wangYi = await personNamed('Wang Yi');
    const shoigu = await personNamed('Sergei Shoigu');
    expect(accepted.mechanismId).toBe(demo.mechanismId);
    expect(accepted.round.number).toBe(21);
    const view = (await demo.call('cn-observer', 'GET', `/api/v1/mechanisms/${demo.mechanismId}/rounds/21`)).json() as {
      round: { id: string; startDate: string; place: Record<string, string>; hostParty: string | null; status: string; marking: string; ownerParty: string; coChairs: unknown[]; consensusItemIds: string[] };
      statements: Array<{ speakerId: string | null; party: string | null; kind: string; form: string; text: Record<string, string> }>;
      commitments: Array<{ parties: string[]; consensusItemId: string | null; text: Record<string, string> }>;
      consensusItems: Array<{ id: string; leaderIds: string[] }>;
    };
    // No host named: Moscow is a city of Russia, a party of the mechanism.
    expect(view.round).toMatchObject({ id: accepted.round.id, startDate: '2026-06', status: 'held', marking: 'joint', ownerParty: 'cn', hostParty: 'ru' });
    // The place is written as the record already writes Moscow (the demo's event "Xi Jinping visits Moscow").
    expect(view.round.place).toMatchObject({ en: 'Moscow', fr: 'Moscou' });
    expect(view.round.coChairs).toEqual([
      { party: 'cn', personId: wangYi.id },
      { party: 'ru', personId: shoigu.id },
    ]);
    expect(view.statements.map((s) => [s.speakerId, s.party, s.kind, s.form, s.text.en])).toEqual([
      [wangYi.id, 'cn', 'remark', 'gist', 'Called for closer coordination.'],
      [shoigu.id, 'ru', 'remark', 'quote', 'Our coordination is at its highest level.'],
      [null, null, 'joint-statement', 'gist', 'The sides agreed to meet again next year.'],
    ]);
    const xi = await personNamed('Xi Jinping');
    const putin = await personNamed('Vladimir Putin');
    expect(view.consensusItems.map((c) => c.leaderIds)).toEqual([[xi.id, putin.id]]);
    expect(view.round.consensusItemIds).toEqual(accepted.created.consensusItems);
    // One consensus item: the round's commitments serve it.
    expect(view.commitments.map((c) => [c.text.en, c.parties, c.consensusItemId])).toEqual([
      ['Hold the next round in Beijing.', ['cn', 'ru'], accepted.created.consensusItems[0]],
      ['Exchange views on emerging threats.', ['ru'], accepted.created.consensusItems[0]],
    ]);
    expect(accepted.created.people).toEqual([]);
    expect(new Set(accepted.linked.people)).toEqual(new Set([wangYi.id, shoigu.id, xi.id, putin.id]));
  });

  it('links the position, milestone and event the record holds, and creates the others', async () => {
    const positions = await list<{ id: string; issue: Record<string, string>; holderParty: string }>(`positions?mechanismId=${demo.mechanismId}`);
    const taiwan = positions.filter((p) => p.issue.en === 'Taiwan');
    expect(taiwan).toHaveLength(1);
    expect(accepted.linked.positions).toEqual([taiwan[0]!.id]);
    const arctic = positions.filter((p) => p.issue.en === 'the Arctic');
    expect(arctic.map((p) => p.holderParty)).toEqual(['ru']);
    expect(accepted.created.positions).toEqual([arctic[0]!.id]);

    const supports = await list<{ id: string; positionId: string; party: string; roundId: string; wording: Record<string, string>; ownerParty: string }>(`supports?roundId=${accepted.round.id}`);
    expect(supports.map((s) => [s.positionId, s.party, s.ownerParty]).sort()).toEqual(
      [
        [taiwan[0]!.id, 'ru', 'cn'],
        [arctic[0]!.id, 'cn', 'cn'],
      ].sort(),
    );

    const milestones = await list<{ id: string; date: string; title: Record<string, string> }>(`milestones?mechanismId=${demo.mechanismId}`);
    expect(milestones.filter((m) => m.date === '2001')).toHaveLength(1);
    expect(accepted.linked.milestones).toEqual(milestones.filter((m) => m.date === '2001').map((m) => m.id));
    expect(milestones.filter((m) => m.date === '2019').map((m) => m.title)).toEqual([{ en: 'the first joint patrol' }]);

    const events = await list<{ id: string; kind: string; date: string; title: Record<string, string>; place: Record<string, string>; participantIds: string[] }>(`events?mechanismId=${demo.mechanismId}`);
    expect(events.filter((e) => e.title.en === 'Xi Jinping visits Moscow').map((e) => e.id)).toEqual(accepted.linked.events);
    const tianjin = events.filter((e) => e.title.en === 'Summit in Tianjin');
    expect(tianjin.map((e) => [e.kind, e.date, e.place])).toEqual([['summit', '2025-08', { en: 'Tianjin' }]]);
    expect(accepted.created.events).toEqual([tianjin[0]!.id]);
  });

  it('writes exactly the records it reports, each an entry of the joint log', async () => {
    const after = await rowCounts(demo.store.db);
    const made = accepted.created;
    expect({
      rounds: after.rounds! - before.rounds!,
      statements: after.statements! - before.statements!,
      commitments: after.commitments! - before.commitments!,
      consensusItems: after.consensusItems! - before.consensusItems!,
      positions: after.positions! - before.positions!,
      supports: after.supports! - before.supports!,
      milestones: after.milestones! - before.milestones!,
      events: after.events! - before.events!,
      people: after.people! - before.people!,
    }).toEqual({ rounds: 1, statements: 3, commitments: 2, consensusItems: 1, positions: 1, supports: 2, milestones: 1, events: 1, people: 0 });
    const total = Object.values(made).reduce((n, ids) => n + ids.length, 1);
    expect(after.logEntries! - before.logEntries!).toBe(total);
  });

  it('answers 409 at `round` for a round number the mechanism has, and writes nothing', async () => {
    const counts = await rowCounts(demo.store.db);
    const res = await demo.call('cn-secretariat', 'POST', ACCEPT, { ...round21(), round: { value: 20 } });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as ProblemJson).errors?.map((e) => e.field)).toEqual(['round']);
    expect(await rowCounts(demo.store.db)).toEqual(counts);
  });
});

describe('people the directory lacks', () => {
  it('registers a new person of the writer’s own party once, for the co-chair and the statement naming them', async () => {
    const draft = round21();
    draft.round = { value: 31 };
    draft.coChairs![0] = { value: { name: 'Li Qiang Wei', title: 'Vice-minister', party: 'cn' } };
    draft.statements = [{ value: { speaker: 'Li Qiang Wei', kind: 'remark', form: 'gist', text: 'Opened the talks.', party: null } }];
    draft.events = [];
    const res = await demo.call('cn-secretariat', 'POST', ACCEPT, draft);
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json() as Accepted;
    const li = await personNamed('Li Qiang Wei');
    expect(li).toMatchObject({ party: 'cn', titles: [{ title: { en: 'Vice-minister' } }] });
    expect(made.created.people).toEqual([li.id]);
    const view = (await demo.call('cn-secretariat', 'GET', `/api/v1/mechanisms/${demo.mechanismId}/rounds/31`)).json() as {
      round: { coChairs: Array<{ personId: string }> };
      statements: Array<{ speakerId: string; party: string }>;
    };
    expect(view.round.coChairs[0]!.personId).toBe(li.id);
    expect(view.statements.map((s) => [s.speakerId, s.party])).toEqual([[li.id, 'cn']]);
  });

  it('refuses (403) to register people of the other party, naming every such item, and writes nothing', async () => {
    const draft = round21();
    draft.round = { value: 32 };
    draft.coChairs![1] = { value: { name: 'Ivan Petrovich Sidorov', title: null, party: 'ru' } };
    draft.statements!.push({ value: { speaker: 'Nikolai Vasilyev', kind: 'readout', form: 'gist', text: 'A readout.', party: 'ru' } });
    const counts = await rowCounts(demo.store.db);
    const res = await demo.call('cn-secretariat', 'POST', ACCEPT, draft);
    expect(res.statusCode, res.body).toBe(403);
    const problem = res.json() as ProblemJson;
    expect(problem.errors?.map((e) => e.field)).toEqual(['coChairs.1.value.name', 'statements.3.value.speaker']);
    expect(problem.errors?.[0]?.message).toMatch(/only ru registers its people/);
    expect(await rowCounts(demo.store.db)).toEqual(counts);
  });
});

describe('a refused item names its field in the draft, and nothing is written', () => {
  const cases: Array<[string, (d: ReviewedDraft) => void, number, string]> = [
    ['a party bound that is not the mechanism’s', (d) => (d.commitments![1]!.value.parties = ['cn', 'us']), 422, 'commitments.1.value.parties.1'],
    // (An event the record holds already is linked, whatever its participants: these are new ones.)
    ['an event without a date', (d) => (d.events![0]!.value = { ...d.events![0]!.value, title: 'A call nobody recorded', date: null }), 422, 'events.0.value.date'],
    [
      'a participant nobody knows',
      (d) => (d.events![0]!.value = { ...d.events![0]!.value, title: 'A call nobody recorded', participants: ['Xi Jinping', 'Nobody Known'] }),
      422,
      'events.0.value.participants.1',
    ],
    ['a leader nobody knows', (d) => (d.consensus![0]!.value.leaders = ['Someone Unknown']), 422, 'consensus.0.value.leaders.0'],
    ['a position without its holder', (d) => (d.positions![1]!.value.holder = null), 422, 'positions.1.value.holder'],
    ['a party supporting its own position', (d) => (d.positions![0]!.value.supporter = 'cn'), 422, 'positions.0.value.supporter'],
    ['a co-chair of a party not in the mechanism', (d) => (d.coChairs![1]!.value.party = 'us'), 422, 'coChairs.1.value.party'],
    ['two co-chairs of one party', (d) => (d.coChairs![1] = { value: { name: 'Xi Jinping', title: null, party: 'cn' } }), 422, 'coChairs.1.value.party'],
    // Wang Yi is China's: a Wang Yi of Russia would be a new person, whom only Russia registers.
    ['a known person given another party', (d) => (d.coChairs![0]!.value.party = 'ru'), 403, 'coChairs.0.value.name'],
    ['a party the text names that the mechanism lacks', (d) => d.parties!.push({ value: { name: 'France', code: 'fr' } }), 422, 'parties.2.value.code'],
    ['a host that is not a party', (d) => (d.hostParty = 'us'), 422, 'hostParty'],
    ['an impossible date', (d) => (d.date = { value: '2026-02-30' }), 400, 'date.value'],
    ['a statement of an unknown kind', (d) => (d.statements![0]!.value.kind = 'speech'), 400, 'statements.0.value.kind'],
    ['an empty commitment', (d) => (d.commitments![0]!.value.text = '  '), 400, 'commitments.0.value.text'],
    ['a round number that is not a number', (d) => (d.round = { value: 'twenty' as unknown as number }), 400, 'round.value'],
    ['no mechanism chosen (a new one)', (d) => (d.mechanism = { value: { name: 'A new dialogue', parties: ['cn', 'ru'] } }), 422, 'mechanism.value.id'],
    ['a text with a NUL character', (d) => (d.statements![2]!.value.text = 'A\u0000B'), 422, 'statements.2.value.text'],
    ['an unknown marking', (d) => (d.marking = 'secret' as 'public'), 400, 'marking'],
  ];

  for (const [i, [what, mutate, status, field]] of cases.entries()) {
    it(`${what} → ${status} at ${field}`, async () => {
      const draft = round21();
      draft.round = { value: 100 + i };
      mutate(draft);
      const counts = await rowCounts(demo.store.db);
      const res = await demo.call('cn-secretariat', 'POST', ACCEPT, draft);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.json() as ProblemJson).errors?.map((e) => e.field), res.body).toContain(field);
      expect(await rowCounts(demo.store.db)).toEqual(counts);
    });
  }

  it('a co-chair person less open than the round (a public round, an internal person) → 422 at the co-chair, nothing written', async () => {
    const person = await demo.call('cn-secretariat', 'POST', '/api/v1/people', { party: 'cn', name: { en: 'Zhou Internal' }, marking: 'internal' });
    expect(person.statusCode, person.body).toBe(201);
    const draft = round21();
    draft.round = { value: 41 };
    draft.marking = 'public';
    draft.events = [];
    draft.coChairs![0] = { value: { name: 'Zhou Internal', title: null, party: 'cn' } };
    draft.statements = [];
    const counts = await rowCounts(demo.store.db);
    const res = await demo.call('cn-secretariat', 'POST', ACCEPT, draft);
    expect(res.statusCode, res.body).toBe(422);
    expect((res.json() as ProblemJson).errors?.map((e) => e.field)).toEqual(['coChairs.0.value.personId']);
    expect(await rowCounts(demo.store.db)).toEqual(counts);
  });
});

describe('who may accept', () => {
  it('refuses the signed out (401), observers and delegates (403), and writes nothing', async () => {
    const counts = await rowCounts(demo.store.db);
    const draft = { ...round21(), round: { value: 50 } };
    expect((await demo.call(null, 'POST', ACCEPT, draft)).statusCode).toBe(401);
    for (const user of ['cn-observer', 'ru-delegate', 'cn-admin']) {
      const res = await demo.call(user, 'POST', ACCEPT, draft);
      expect(res.statusCode, `${user}: ${res.body}`).toBe(403);
    }
    expect(await rowCounts(demo.store.db)).toEqual(counts);
  });

  it('refuses a secretariat a mechanism where it holds no role (403 at `mechanism`)', async () => {
    const made = await demo.call('cn-admin', 'POST', '/api/v1/mechanisms', { name: { en: 'Another dialogue' }, parties: ['cn', 'ru'], marking: 'public' });
    expect(made.statusCode, made.body).toBe(201);
    const draft = { ...round21(), mechanism: { value: { id: (made.json() as { id: string }).id } }, round: { value: 1 } };
    const res = await demo.call('cn-secretariat', 'POST', ACCEPT, draft);
    expect(res.statusCode, res.body).toBe(403);
    expect((res.json() as ProblemJson).errors?.map((e) => e.field)).toEqual(['mechanism']);
  });

  it('lets the other party’s secretariat accept too, its records its own', async () => {
    const draft = round21();
    draft.round = { value: 60 };
    draft.place = { value: 'Zelenogorsk' };
    draft.hostParty = 'ru';
    const res = await demo.call('ru-secretariat', 'POST', ACCEPT, draft);
    expect(res.statusCode, res.body).toBe(201);
    const round = (await demo.call('ru-secretariat', 'GET', `/api/v1/rounds/${(res.json() as Accepted).round.id}`)).json() as { ownerParty: string; hostParty: string };
    expect(round).toMatchObject({ ownerParty: 'ru', hostParty: 'ru' });
  });

  it('takes the host from an earlier round at the same place, else from the city’s country, when the reviewer names none', async () => {
    const hostOf = async (number: number, place: string | null, language: 'fr' | 'en') => {
      const draft = { ...round21(), round: { value: number }, place: place === null ? null : { value: place }, language };
      const res = await demo.call('cn-secretariat', 'POST', ACCEPT, draft);
      expect(res.statusCode, res.body).toBe(201);
      return (await demo.call('cn-secretariat', 'GET', `/api/v1/rounds/${(res.json() as Accepted).round.id}`)).json() as { hostParty: string | null; place: Record<string, string> };
    };
    // Round 60 (above) was hosted by ru in Zelenogorsk, a town the city table does not know.
    expect((await hostOf(61, 'Zelenogorsk', 'en')).hostParty).toBe('ru');
    const beijing = await hostOf(62, 'Pékin', 'fr');
    expect(beijing.hostParty).toBe('cn');
    // Written as the record writes Beijing (the demo's event "Vladimir Putin comes to Beijing").
    expect(beijing.place).toMatchObject({ en: 'Beijing', fr: 'Pékin' });
    expect((await hostOf(63, 'Genève', 'fr')).hostParty).toBeNull();
    expect((await hostOf(64, 'Nowhere-on-Sea', 'en')).hostParty).toBeNull();
    expect((await hostOf(65, null, 'en')).hostParty).toBeNull();
  });
});
