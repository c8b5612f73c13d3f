import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionHeaders, startDemo, type Demo } from '../../test/support/app.ts';
import { principalByName } from '../access/accounts.ts';
import { ANONYMOUS } from '../access/principal.ts';
import { COMMUNIQUE_TEXT_FR } from '../seed/communique-2025-12-02.fr.ts';
import type { IntakeDraft } from './draft.ts';
import { knownNames } from './known.ts';
import { MAX_TEXT_BYTES } from './schema.ts';
import { rowCounts, type ProblemJson } from './test-helpers.ts';

/**
 * POST /api/v1/intake through the real app: the seed communiqué's draft with the names the
 * caller may read matched; bad input as problem+json naming the field; who may ask; and no
 * name the caller may not read (the other party's internal people) matched into a draft.
 */

let demo: Demo;
const INTAKE = '/api/v1/intake';

interface Person {
  id: string;
  name: Record<string, string>;
}

async function personId(name: string): Promise<string> {
  const res = await demo.call('cn-secretariat', 'GET', '/api/v1/people?limit=200');
  const found = (res.json() as { items: Person[] }).items.find((p) => p.name.en === name);
  if (!found) throw new Error(`no person ${name}`);
  return found.id;
}

function problem(res: { statusCode: number; body: string; headers: Record<string, unknown> }): ProblemJson {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return JSON.parse(res.body) as ProblemJson;
}

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.close();
});

describe('the draft of a communiqué', () => {
  let draft: IntakeDraft;

  beforeAll(async () => {
    const res = await demo.call('cn-secretariat', 'POST', INTAKE, { text: COMMUNIQUE_TEXT_FR, published: '2025-12-02' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    draft = res.json() as IntakeDraft;
  });

  it('has the shape of the draft: every field, each item with a value, a confidence and a span', () => {
    expect(Object.keys(draft).sort()).toEqual(
      ['language', 'mechanism', 'round', 'date', 'place', 'parties', 'coChairs', 'statements', 'commitments', 'consensus', 'positions', 'milestones', 'events', 'notes'].sort(),
    );
    const items = [draft.mechanism, draft.round, draft.date, draft.place, ...draft.parties, ...draft.coChairs, ...draft.statements, ...draft.commitments, ...draft.consensus, ...draft.positions, ...draft.milestones, ...draft.events];
    for (const item of items) {
      expect(item).not.toBeNull();
      expect(item!.confidence).toBeGreaterThanOrEqual(0);
      expect(item!.confidence).toBeLessThanOrEqual(1);
      const [start, end] = item!.span;
      expect(0 <= start && start <= end && end <= COMMUNIQUE_TEXT_FR.length, JSON.stringify(item)).toBe(true);
    }
  });

  it('gives round 20 of the demo mechanism, on 2 December 2025 in Beijing, co-chaired by the people the record knows', async () => {
    expect(draft.language).toBe('fr');
    expect(draft.round?.value).toBe(20);
    expect(draft.date?.value).toBe('2025-12-02');
    expect(draft.place?.value).toBe('Pékin');
    expect(draft.mechanism?.value).toMatchObject({ id: demo.mechanismId, isNew: false });
    expect(draft.coChairs.map((c) => c.value.personId)).toEqual([await personId('Wang Yi'), await personId('Sergei Shoigu')]);
    expect(draft.coChairs.map((c) => c.value.party)).toEqual(['cn', 'ru']);
  });

  it('writes nothing', async () => {
    const before = await rowCounts(demo.store.db);
    const res = await demo.call('cn-secretariat', 'POST', INTAKE, { text: COMMUNIQUE_TEXT_FR });
    expect(res.statusCode).toBe(200);
    expect(await rowCounts(demo.store.db)).toEqual(before);
  });

  it('gives an empty draft with a note for an empty text, never an error', async () => {
    const res = await demo.call('cn-cochair', 'POST', INTAKE, { text: '', language: 'en' });
    expect(res.statusCode, res.body).toBe(200);
    const empty = res.json() as IntakeDraft;
    expect(empty.round).toBeNull();
    expect(empty.statements).toEqual([]);
    expect(empty.notes.length).toBeGreaterThan(0);
  });
});

describe('bad input: a problem naming the field', () => {
  const cases: Array<[string, unknown, number, string]> = [
    ['no text', { language: 'fr' }, 400, 'text'],
    ['a text that is not a string', { text: 42 }, 400, 'text'],
    ['a language other than fr or en', { text: 'Bonjour', language: 'de' }, 400, 'language'],
    ['a publication date that is no date', { text: 'Bonjour', published: '2025-13-02' }, 400, 'published'],
    ['a publication date in another form', { text: 'Bonjour', published: '2 December 2025' }, 400, 'published'],
    ['an unknown field', { text: 'Bonjour', mechanismId: 'x' }, 400, 'mechanismId'],
    ['a body that is not an object', ['Bonjour'], 400, '(body)'],
  ];
  for (const [what, body, status, field] of cases) {
    it(`${what} → ${status} at ${field}`, async () => {
      const res = await demo.call('cn-secretariat', 'POST', INTAKE, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(problem(res).errors?.map((e) => e.field)).toContain(field);
    });
  }

  it('a text over 10 MiB → 413 at text (a body within the route’s limit)', async () => {
    const text = 'é'.repeat(MAX_TEXT_BYTES / 2 + 1);
    const res = await demo.call('cn-secretariat', 'POST', INTAKE, { text });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
    expect(problem(res).errors?.map((e) => e.field)).toEqual(['text']);
  });

  it('a body over the route’s limit → 413 at text, before it is read', async () => {
    const res = await demo.app.inject({
      method: 'POST',
      url: INTAKE,
      headers: { ...sessionHeaders(await demo.cookie('cn-secretariat')), 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'a'.repeat(13 * 1024 * 1024) }),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
    expect(problem(res).errors?.map((e) => e.field)).toEqual(['text']);
  });

  it('a text of 10 MiB (within the limit) gets its draft', async () => {
    const paragraph = `${COMMUNIQUE_TEXT_FR}\n\n`;
    const text = paragraph.repeat(Math.floor((9 * 1024 * 1024) / Buffer.byteLength(paragraph)));
    const started = Date.now();
    const res = await demo.call('cn-secretariat', 'POST', INTAKE, { text, language: 'fr' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect((res.json() as IntakeDraft).language).toBe('fr');
    // The extractor's own bound is 5 s; the request adds parsing and the answer.
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});

describe('who may ask', () => {
  const body = { text: COMMUNIQUE_TEXT_FR };

  it('the signed out: 401; observers, delegates and admins (no role to write): 403', async () => {
    expect(problem(await demo.call(null, 'POST', INTAKE, body)).status).toBe(401);
    for (const user of ['cn-observer', 'ru-observer', 'cn-delegate', 'ru-delegate', 'cn-admin']) {
      const res = await demo.call(user, 'POST', INTAKE, body);
      expect(res.statusCode, `${user}: ${res.body}`).toBe(403);
      problem(res);
    }
  });

  it('secretariats and co-chairs of either party: 200', async () => {
    for (const user of ['cn-secretariat', 'ru-secretariat', 'cn-cochair', 'ru-cochair']) {
      expect((await demo.call(user, 'POST', INTAKE, body)).statusCode, user).toBe(200);
    }
  });

  it('a read-only API token of a secretariat: 403', async () => {
    const made = await demo.call('cn-secretariat', 'POST', '/api/v1/me/tokens', { name: 'intake', scope: 'read' });
    expect(made.statusCode, made.body).toBe(201);
    const token = (made.json() as { token: string }).token;
    const res = await demo.app.inject({ method: 'POST', url: INTAKE, headers: { authorization: `Bearer ${token}` }, payload: body });
    expect(res.statusCode, res.body).toBe(403);
  });
});

describe('the names a draft is matched against', () => {
  const NAME = 'Mikhail Internalov';
  let hiddenId: string;

  beforeAll(async () => {
    const made = await demo.call('ru-secretariat', 'POST', '/api/v1/people', {
      party: 'ru',
      name: { en: NAME, fr: NAME },
      titles: [{ title: { fr: 'vice-secrétaire du Conseil de sécurité de la Russie' } }],
      marking: 'internal',
    });
    expect(made.statusCode, made.body).toBe(201);
    hiddenId = (made.json() as { id: string }).id;
  });

  it('are those the caller may read (knownNames): the other party’s internal people are not among them', async () => {
    const cn = await knownNames(demo.store, (await principalByName(demo.store.db, 'cn-secretariat'))!);
    const ru = await knownNames(demo.store, (await principalByName(demo.store.db, 'ru-secretariat'))!);
    const pub = await knownNames(demo.store, ANONYMOUS);
    expect(cn.people.map((p) => p.id)).not.toContain(hiddenId);
    expect(pub.people.map((p) => p.id)).not.toContain(hiddenId);
    expect(ru.people.find((p) => p.id === hiddenId)).toMatchObject({ party: 'ru', names: [NAME], titles: ['vice-secrétaire du Conseil de sécurité de la Russie'] });
    expect(cn.mechanisms.map((m) => m.id)).toEqual([demo.mechanismId]);
    expect(cn.mechanisms[0]).toMatchObject({ parties: ['cn', 'ru'], established: '2005' });
    expect(cn.parties.map((p) => p.code).sort()).toEqual(['cn', 'ru']);
  });

  it('never match a person hidden from the caller: the id stays out of the draft', async () => {
    const text = COMMUNIQUE_TEXT_FR.replace('Sergei Shoigu, secrétaire du Conseil de sécurité de la Russie', `${NAME}, vice-secrétaire du Conseil de sécurité de la Russie`);
    const asCn = await demo.call('cn-secretariat', 'POST', INTAKE, { text });
    expect(asCn.statusCode).toBe(200);
    expect(asCn.body).not.toContain(hiddenId);
    const asRu = await demo.call('ru-secretariat', 'POST', INTAKE, { text });
    expect(asRu.statusCode).toBe(200);
    // The same text matches him for his own party: the names are what decides.
    expect((asRu.json() as IntakeDraft).coChairs.map((c) => c.value.personId)).toContain(hiddenId);
  });
});
