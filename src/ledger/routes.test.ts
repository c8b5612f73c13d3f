import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../test/support/app.ts';
import { openCheckpoint } from './checkpoint.ts';
import { leafHash } from './merkle.ts';
import { verifyConsistency, verifyInclusion } from './proof.ts';

/**
 * The log API end to end on the demo: every entry of the joint log proves into the signed
 * checkpoint, consistency holds across growth, and bad numbers get problem+json.
 */
let demo: Demo;
let log: string;
const b = (s: string) => Buffer.from(s, 'base64');

beforeAll(async () => {
  demo = await startDemo();
  log = demo.mechanismId;
});
afterAll(async () => demo?.close());

async function checkpointOf(name: string) {
  const key = (await demo.call(null, 'GET', '/.well-known/entente/node-key')).body.trim();
  const res = await demo.call('cn-observer', 'POST', `/api/v1/logs/${name}/checkpoint`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return openCheckpoint(res.body, [key]).checkpoint;
}

describe('the log API', () => {
  it('serves a signed checkpoint that every entry of the joint log proves into', async () => {
    const cp = await checkpointOf(log);
    expect(cp.origin).toMatch(new RegExp(`/${log}$`));
    expect(cp.size).toBeGreaterThan(10);
    const entries = (await demo.call('cn-observer', 'GET', `/api/v1/logs/${log}/entries?start=0`)).json() as { entries: string[]; size: number };
    expect(entries.entries).toHaveLength(cp.size);
    for (let i = 0; i < cp.size; i++) {
      const res = await demo.call('cn-observer', 'GET', `/api/v1/logs/${log}/proof/inclusion?index=${i}&size=${cp.size}`);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json() as { leafHash: string; root: string; proof: string[] };
      expect(b(p.leafHash)).toEqual(leafHash(Buffer.from(entries.entries[i]!, 'utf8')));
      expect(b(p.root)).toEqual(Buffer.from(cp.root));
      expect(verifyInclusion(b(p.leafHash), i, cp.size, p.proof.map(b), cp.root)).toBe(true);
      expect(verifyInclusion(b(p.leafHash), i, cp.size, p.proof.map(b).reverse(), cp.root)).toBe(p.proof.length < 2 || p.proof[0] === p.proof.at(-1));
    }
  });

  it('grows consistently: a write, a new checkpoint, a consistency proof from the old one', async () => {
    const before = await checkpointOf(log);
    const made = await demo.call('cn-secretariat', 'POST', '/api/v1/milestones', { mechanismId: demo.mechanismId, date: '2019', title: { en: 'Log growth test' } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().logIndex).toBe(before.size);
    const after = await checkpointOf(log);
    expect(after.size).toBe(before.size + 1);
    const res = await demo.call('ru-delegate', 'GET', `/api/v1/logs/${log}/proof/consistency?size1=${before.size}&size2=${after.size}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as { proof: string[]; root1: string; root2: string };
    expect(verifyConsistency(before.size, after.size, p.proof.map(b), before.root, after.root)).toBe(true);
    expect(verifyConsistency(before.size, after.size, p.proof.map(b), after.root, after.root)).toBe(false);
  });

  it('keeps internal logs to their party and every log from the public', async () => {
    const internal = `${log}.cn`;
    expect((await demo.call('cn-delegate', 'GET', `/api/v1/logs/${internal}/entries?start=0`)).statusCode).toBe(200);
    expect((await demo.call('ru-delegate', 'GET', `/api/v1/logs/${internal}/entries?start=0`)).statusCode).toBe(404);
    expect((await demo.call(null, 'GET', `/api/v1/logs/${log}/checkpoint`)).statusCode).toBe(401);
    const listed = (await demo.call('ru-observer', 'GET', '/api/v1/logs')).json() as { items: Array<{ log: string }> };
    expect(listed.items.map((l) => l.log)).toContain(`${log}.ru`);
    expect(listed.items.map((l) => l.log)).not.toContain(internal);
  });

  it('answers bad indices and sizes with a problem naming the field', async () => {
    const size = ((await demo.call('cn-observer', 'GET', '/api/v1/logs')).json() as { items: Array<{ log: string; size: number }> }).items.find((l) => l.log === log)!.size;
    const cases: Array<[string, string]> = [
      [`proof/inclusion?index=${size}&size=${size}`, 'index'],
      [`proof/inclusion?index=-1`, 'index'],
      [`proof/inclusion?index=abc`, 'index'],
      [`proof/inclusion?index=1e3`, 'index'],
      [`proof/inclusion?index=0&size=${size + 1}`, 'size'],
      [`proof/inclusion?index=0&size=99999999999999999999`, 'size'],
      [`proof/consistency?size1=${size}&size2=${size - 1}`, 'size1'],
      [`proof/consistency?size1=0&size2=${size + 5}`, 'size2'],
      [`entries?start=${size + 1}`, 'start'],
      [`entries?start=0&end=${size + 1}`, 'end'],
      [`entries?start=5&end=4`, 'end'],
    ];
    for (const [path, field] of cases) {
      const res = await demo.call('cn-observer', 'GET', `/api/v1/logs/${log}/${path}`);
      expect(res.statusCode, `${path}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, path).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.json().errors ?? res.json().detail), path).toContain(field);
    }
    for (const name of ['nope', 'directory.', `${log}.CN`, `${log}/cn`, '0190a0b0-0000-7000-8000-000000000000']) {
      const res = await demo.call('cn-observer', 'GET', `/api/v1/logs/${encodeURIComponent(name)}/checkpoint`);
      expect([400, 404], `${name}: ${res.body}`).toContain(res.statusCode);
    }
  });
});
