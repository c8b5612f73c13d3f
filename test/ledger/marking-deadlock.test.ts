import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../support/app.ts';

/**
 * Moving records between two logs in opposite directions at the same moment: each such write
 * appends to both logs, so without one lock order two of them wait for each other (on
 * PostgreSQL a deadlock, answered 500). Every change must succeed and both logs stay gap-free.
 */
let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => demo?.close());

it('opposite marking changes at once all succeed, and the logs stay gap-free', async () => {
  const make = async (marking: string, i: number) =>
    (await demo.call('cn-secretariat', 'POST', '/api/v1/milestones', { mechanismId: demo.mechanismId, marking, date: '2019', title: { en: `move ${marking} ${i}` } })).json().id as string;
  const joint: string[] = [];
  const internal: string[] = [];
  for (let i = 0; i < 30; i++) {
    joint.push(await make('joint', i));
    internal.push(await make('internal', i));
  }
  const results = await Promise.all([
    ...joint.map((id) => demo.call('cn-secretariat', 'PATCH', `/api/v1/milestones/${id}`, { marking: 'internal' })),
    ...internal.map((id) => demo.call('cn-secretariat', 'PATCH', `/api/v1/milestones/${id}`, { marking: 'joint' })),
  ]);
  expect(results.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
  for (const logId of [demo.mechanismId, `${demo.mechanismId}/cn`]) {
    const { size } = await demo.store.db.selectFrom('logs').select('size').where('id', '=', logId).executeTakeFirstOrThrow();
    const idx = (await demo.store.db.selectFrom('logEntries').select('idx').where('logId', '=', logId).orderBy('idx').execute()).map((r) => Number(r.idx));
    expect(idx).toEqual([...Array(Number(size)).keys()]);
  }
});
