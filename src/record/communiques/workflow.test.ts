import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startDemo, type Demo } from '../../../test/support/app.ts';
import { verifyDatabase } from '../../ledger/verify.ts';
import { Publisher, publishDue } from './workflow.ts';

/**
 * A communiqué's life on the demo, through the API: the seeded round-20 draft is approved by
 * both co-chairs (each re-authenticated) and, its embargo past, published at once; it is then
 * public and frozen; a correction is a new version, approved, scheduled and published by the node.
 */
let demo: Demo;
let M: string;

beforeAll(async () => {
  demo = await startDemo();
  M = demo.mechanismId;
});
afterAll(async () => demo?.close());

interface Communique {
  id: string;
  status: string;
  marking: string;
  approvals: Array<{ party: string; username: string; contentHash: string }>;
  contentHash: string;
  publishedAt: string | null;
  embargo: string | null;
  version: number;
  previousId: string | null;
  text: Record<string, string>;
  logIndex: number;
}

async function reauth(user: string) {
  await demo.cookie(user);
  const res = await demo.call(user, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode(user) });
  expect(res.statusCode, `reauth of ${user}: ${res.body}`).toBe(200);
}
const draft = async () => (await demo.call('cn-secretariat', 'GET', `/api/v1/communiques?mechanismId=${M}`)).json().items[0] as Communique;
const logSize = async () => Number((await demo.store.db.selectFrom('logs').select('size').where('id', '=', M).executeTakeFirstOrThrow()).size);
const entryAt = async (idx: number) => JSON.parse((await demo.store.db.selectFrom('logEntries').select('entry').where('logId', '=', M).where('idx', '=', idx).executeTakeFirstOrThrow()).entry);

describe("the round-20 communiqué's workflow", () => {
  it('is a joint draft: hidden from the public, read by both parties, edited by its owner only', async () => {
    const c = await draft();
    expect(c).toMatchObject({ status: 'draft', marking: 'joint', version: 1, approvals: [] });
    expect(c.text.fr).toMatch(/^Le 2 décembre 2025/);
    expect((await demo.call(null, 'GET', `/api/v1/communiques/${c.id}`)).statusCode).toBe(404);
    expect((await demo.call('ru-observer', 'GET', `/api/v1/communiques/${c.id}`)).statusCode).toBe(200);
    expect((await demo.call('ru-secretariat', 'PATCH', `/api/v1/communiques/${c.id}`, { title: { fr: 'Autre' } })).statusCode).toBe(403);
  });

  it('refuses workflow fields and an early public marking from a plain write, and changes nothing', async () => {
    const c = await draft();
    const before = await logSize();
    for (const [body, field] of [
      [{ status: 'published' }, 'status'],
      [{ approvals: [{ party: 'cn', username: 'x', at: '2026-01-01T00:00:00Z', contentHash: c.contentHash }] }, 'approvals'],
      [{ publishedAt: '2026-01-01T00:00:00Z' }, 'publishedAt'],
      [{ marking: 'public' }, 'marking'],
    ] as const) {
      const res = await demo.call('cn-secretariat', 'PATCH', `/api/v1/communiques/${c.id}`, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors[0].field).toBe(field);
    }
    const forged = await demo.call('cn-secretariat', 'POST', '/api/v1/communiques', { mechanismId: M, roundId: c.id, title: { fr: 'x' }, text: { fr: 'y' }, status: 'approved' });
    expect(forged.statusCode).toBe(422);
    expect(await logSize()).toBe(before);
  });

  it('is approved only by a re-authenticated co-chair; an edit makes earlier approvals lapse', async () => {
    const c = await draft();
    const url = `/api/v1/communiques/${c.id}/approve`;
    expect((await demo.call('cn-secretariat', 'POST', url)).statusCode).toBe(403);
    expect((await demo.call(null, 'POST', url)).statusCode).toBe(401);
    expect((await demo.call('cn-cochair', 'POST', url)).json()).toMatchObject({ status: 403, type: 'urn:entente:reauth-required' });
    await reauth('cn-cochair');
    const first = await demo.call('cn-cochair', 'POST', url);
    expect(first.statusCode, first.body).toBe(200);
    const approved = first.json() as Communique;
    expect(approved.status).toBe('draft');
    expect(approved.approvals.map((a) => [a.party, a.username, a.contentHash === approved.contentHash])).toEqual([['cn', 'cn-cochair', true]]);
    // The approval is an entry of the joint log.
    expect(await entryAt(approved.logIndex)).toMatchObject({ op: 'update', kind: 'communique', actor: 'cn-cochair', record: { approvals: [{ party: 'cn' }] } });

    const edited = await demo.call('cn-secretariat', 'PATCH', `/api/v1/communiques/${c.id}`, { text: { fr: `${c.text.fr} (projet)` } });
    expect(edited.statusCode, edited.body).toBe(200);
    const now = edited.json() as Communique;
    expect(now.contentHash).not.toBe(approved.contentHash);
    await reauth('ru-cochair');
    const ru = (await demo.call('ru-cochair', 'POST', url)).json() as Communique;
    // cn approved another text: only ru's approval counts, so it is still a draft.
    expect(ru.status).toBe('draft');
    expect(ru.approvals.map((a) => a.party)).toEqual(['ru']);
    const back = await demo.call('cn-secretariat', 'PATCH', `/api/v1/communiques/${c.id}`, { text: c.text });
    expect(back.statusCode).toBe(200);
  });

  it('is published at once when both co-chairs approve the same text after its embargo: public, every language, frozen', async () => {
    const c = await draft();
    const url = `/api/v1/communiques/${c.id}/approve`;
    await demo.call('ru-cochair', 'POST', url);
    const res = await demo.call('cn-cochair', 'POST', url);
    expect(res.statusCode, res.body).toBe(200);
    const published = res.json() as Communique;
    expect(published).toMatchObject({ status: 'published', marking: 'public' });
    expect(published.approvals.map((a) => a.party).sort()).toEqual(['cn', 'ru']);
    expect(Date.parse(published.publishedAt!)).toBeGreaterThan(Date.now() - 60_000);
    // Publication is the node's entry in the joint log.
    expect(await entryAt(published.logIndex)).toMatchObject({ op: 'marking', actor: 'node', record: { status: 'published', marking: 'public' } });
    const anon = await demo.call(null, 'GET', `/api/v1/communiques/${c.id}`);
    expect(anon.statusCode).toBe(200);
    expect(anon.json().title.fr).toBe("La Chine et la Russie s'engagent à renforcer la coordination stratégique");

    const before = await logSize();
    const frozen = await demo.call('cn-secretariat', 'PATCH', `/api/v1/communiques/${c.id}`, { title: { fr: 'Changé' } });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().detail).toMatch(/correct/);
    expect((await demo.call('cn-secretariat', 'DELETE', `/api/v1/communiques/${c.id}`)).statusCode).toBe(409);
    expect((await demo.call('cn-cochair', 'POST', url)).statusCode).toBe(409);
    expect(await logSize()).toBe(before);
  });

  it('is corrected by a new version, approved, scheduled and published by the node at its embargo', async () => {
    const first = (await demo.call(null, 'GET', `/api/v1/communiques?mechanismId=${M}`)).json().items[0] as Communique;
    const url = `/api/v1/communiques/${first.id}/correct`;
    expect((await demo.call('ru-secretariat', 'POST', url, { correctionNote: { fr: 'x' } })).statusCode).toBe(403);
    expect((await demo.call('cn-secretariat', 'POST', url, {})).statusCode).toBe(400);
    const made = await demo.call('cn-secretariat', 'POST', url, { text: { fr: `${first.text.fr} (corrigé)` }, correctionNote: { fr: 'Une coquille corrigée.' } });
    expect(made.statusCode, made.body).toBe(201);
    const v2 = made.json() as Communique;
    expect(v2).toMatchObject({ version: 2, previousId: first.id, status: 'draft', marking: 'joint', embargo: null });
    expect((await demo.call('cn-secretariat', 'POST', url, { correctionNote: { fr: 'encore' } })).statusCode).toBe(409);

    for (const who of ['cn-cochair', 'ru-cochair']) expect((await demo.call(who, 'POST', `/api/v1/communiques/${v2.id}/approve`)).statusCode).toBe(200);
    expect((await draftOf(v2.id)).status).toBe('approved');
    // Approved by both for both to read: its owner may not hide it from the other party now.
    expect((await demo.call('cn-secretariat', 'PATCH', `/api/v1/communiques/${v2.id}`, { marking: 'internal' })).statusCode).toBe(409);
    const bad = await demo.call('cn-secretariat', 'POST', `/api/v1/communiques/${v2.id}/schedule`, { embargo: 'tomorrow' });
    expect(bad.statusCode).toBe(400);
    const embargo = new Date(Date.now() + 3_600_000).toISOString();
    expect((await demo.call('ru-secretariat', 'POST', `/api/v1/communiques/${v2.id}/schedule`, { embargo })).statusCode).toBe(403);
    const scheduled = await demo.call('cn-secretariat', 'POST', `/api/v1/communiques/${v2.id}/schedule`, { embargo });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', embargo });
    // Reopened and approved again: it stays scheduled for the same time.
    expect((await demo.call('cn-secretariat', 'POST', `/api/v1/communiques/${v2.id}/reopen`)).json()).toMatchObject({ status: 'draft', approvals: [] });
    for (const who of ['ru-cochair', 'cn-cochair']) expect((await demo.call(who, 'POST', `/api/v1/communiques/${v2.id}/approve`)).statusCode).toBe(200);
    expect((await draftOf(v2.id)).status).toBe('scheduled');

    expect((await publishDue(demo.store, new Date())).published).toEqual([]);
    expect((await demo.call(null, 'GET', `/api/v1/communiques/${v2.id}`)).statusCode).toBe(404);
    expect((await publishDue(demo.store, new Date(Date.parse(embargo) + 1000))).published).toEqual([v2.id]);
    expect((await demo.call(null, 'GET', `/api/v1/communiques/${v2.id}`)).json()).toMatchObject({ status: 'published', version: 2 });
    // The earlier text stays readable.
    expect((await demo.call(null, 'GET', `/api/v1/communiques/${first.id}`)).json().text.fr).toBe(first.text.fr);
  });

  it("publishes on its timer and on demand, one round after another (a timed round never waits for itself)", async () => {
    const errors: unknown[] = [];
    const publisher = new Publisher(demo.store, () => {}, (err) => errors.push(err));
    publisher.start(5);
    try {
      await new Promise((r) => setTimeout(r, 50)); // several timed rounds
      const asked = await Promise.race([publisher.now(), new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000))]);
      expect(asked).toEqual([]);
    } finally {
      await publisher.stop();
    }
    expect(errors).toEqual([]);
  });

  it('leaves a log that verifies, records and rows alike', async () => {
    const report = await verifyDatabase(demo.store.db, demo.store.dialect, { dataDir: demo.store.dataDir, source: 'test' });
    expect(report.records!.compared).toBeGreaterThan(0);
  });
});

async function draftOf(id: string): Promise<Communique> {
  return (await demo.call('cn-observer', 'GET', `/api/v1/communiques/${id}`)).json() as Communique;
}
