import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../test/support/app.ts';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => demo.close());

describe('the demo mechanism', () => {
  it('is listed at /api/v1/mechanisms, also for the public', async () => {
    const res = await demo.call(null, 'GET', '/api/v1/mechanisms');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((m: { name: { en: string } }) => m.name.en);
    expect(names).toEqual(['China–Russia strategic security consultation']);
  });

  it('shows round 20 with its date, place, co-chairs, two statements and its commitments', async () => {
    const res = await demo.call('cn-observer', 'GET', `/api/v1/mechanisms/${demo.mechanismId}/rounds/20`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.round.startDate).toBe('2025-12-02');
    expect(view.round.place.en).toBe('Beijing');
    expect(view.coChairs.map((c: { person: { name: { en: string } } }) => c.person.name.en)).toEqual(['Wang Yi', 'Sergei Shoigu']);
    expect(view.coChairs[1].title.en).toBe('Secretary of the Security Council of Russia');
    expect(view.statements).toHaveLength(2);
    expect(view.commitments).toHaveLength(4);
    expect(view.consensusItems).toHaveLength(1);
    expect(view.agreements).toEqual([expect.objectContaining({ titleDisclosed: false, title: {} })]);
    expect(view.agenda.map((a: { position: number }) => a.position)).toEqual([1, 2]);
  });

  it('shows the public only the public set of round 20', async () => {
    const res = await demo.call(null, 'GET', `/api/v1/mechanisms/${demo.mechanismId}/rounds/20`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.round.startDate).toBe('2025-12-02');
    expect(view.coChairs.map((c: { person: { name: { en: string } } }) => c.person.name.en)).toEqual(['Wang Yi', 'Sergei Shoigu']);
    expect(view.statements).toEqual([]);
    expect(view.commitments).toEqual([]);
  });

  it('lists the 30th anniversary of strategic coordination and the 25th of the Treaty in 2026', async () => {
    const res = await demo.call('ru-observer', 'GET', `/api/v1/mechanisms/${demo.mechanismId}/anniversaries?year=2026`);
    expect(res.statusCode).toBe(200);
    const got = res.json().anniversaries.map((a: { years: number; milestone: { title: { en: string } } }) => [a.years, a.milestone.title.en]);
    expect(got).toEqual([
      [30, 'Strategic coordination launched'],
      [25, 'Treaty of Good-Neighbourliness and Friendly Cooperation signed'],
    ]);
  });

  it("gives each side its own internal notes and never the other's", async () => {
    const cn = (await demo.call('cn-observer', 'GET', '/api/v1/assessments')).json().items;
    const ru = (await demo.call('ru-observer', 'GET', '/api/v1/assessments')).json().items;
    expect(cn.map((a: { ownerParty: string }) => a.ownerParty)).toEqual(['cn']);
    expect(ru.map((a: { ownerParty: string }) => a.ownerParty)).toEqual(['ru']);
    const hidden = ru[0].id;
    expect((await demo.call('cn-observer', 'GET', `/api/v1/assessments/${hidden}`)).statusCode).toBe(404);
    expect((await demo.call(null, 'GET', '/api/v1/assessments')).json().items).toEqual([]);
  });

  it('builds the positions matrix: four Chinese positions, each supported by Russia at round 20', async () => {
    const res = await demo.call('ru-delegate', 'GET', `/api/v1/mechanisms/${demo.mechanismId}/positions-matrix`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    const supported = m.rows.filter((r: { cells: unknown[] }) => r.cells.length > 0);
    expect(supported.map((r: { position: { issue: { en: string } } }) => r.position.issue.en)).toEqual(['Taiwan', 'Xizang', 'Xinjiang', 'Hong Kong']);
    expect(supported.every((r: { cells: Array<{ party: string; roundId: string }> }) => r.cells[0]!.party === 'ru' && r.cells[0]!.roundId === m.rounds[0].id)).toBe(true);
    // ru's own internal briefing note is a row for ru; cn's is not.
    expect(m.rows.filter((r: { position: { marking: string } }) => r.position.marking === 'internal').map((r: { position: { ownerParty: string } }) => r.position.ownerParty)).toEqual(['ru']);
  });

  it('follows a commitment from the consensus item through the round to its evidence', async () => {
    const list = (await demo.call('cn-delegate', 'GET', `/api/v1/commitments?mechanismId=${demo.mechanismId}`)).json().items;
    const c = list.find((x: { text: { en: string } }) => x.text.en === 'Strengthen strategic trust.');
    const trail = (await demo.call('cn-delegate', 'GET', `/api/v1/commitments/${c.id}/trail`)).json();
    expect(trail.consensusItem.text.en).toMatch(/key consensus/);
    expect(trail.round.number).toBe(20);
    expect(trail.commitment.id).toBe(c.id);
    expect(trail.assessments).toHaveLength(1);
    expect(trail.compliance).toEqual([
      { party: 'cn', self: 50, partner: null, agreed: null },
      { party: 'ru', self: null, partner: null, agreed: null },
    ]);
    // ru cannot see cn's internal self-assessment in the same trail.
    const ruTrail = (await demo.call('ru-delegate', 'GET', `/api/v1/commitments/${c.id}/trail`)).json();
    expect(ruTrail.assessments).toEqual([]);
  });

  it('answers health and serves the OpenAPI document and the docs page', async () => {
    expect((await demo.call(null, 'GET', '/api/v1/health')).json()).toEqual({ status: 'ok', database: demo.store.dialect });
    const doc = (await demo.call(null, 'GET', '/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/commitments/{id}/trail');
    const page = await demo.call(null, 'GET', '/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });
});
