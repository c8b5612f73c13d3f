import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startDemo, type Demo } from '../../test/support/app.ts';
import { verifyCosignature } from './conclude.ts';
import fs from 'node:fs';
import path from 'node:path';
import { rootAt } from '../ledger/tree-store.ts';
import { writeBundle } from '../ledger/bundle.ts';
import { principalByName } from '../access/accounts.ts';
import { runCli } from '../../test/support/cli.ts';

/**
 * Co-signed outcomes end to end on the demo: the two co-chairs conclude round 20, each after
 * re-authenticating; the signatures are joint-log entries over the tree as it stood; the
 * outcome is then frozen (409 with the way to amend) while tracking fields still move.
 */
let demo: Demo;
let M: string;

beforeAll(async () => {
  demo = await startDemo();
  M = demo.mechanismId;
});
afterAll(async () => demo?.close());

async function reauth(user: string) {
  await demo.cookie(user); // signed in first: sign-in takes a code too
  const code = await demo.totpCode(user);
  const res = await demo.call(user, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: code });
  expect(res.statusCode, `reauth of ${user}: ${res.body}`).toBe(200);
}
const logSize = async () => Number((await demo.store.db.selectFrom('logs').select('size').where('id', '=', M).executeTakeFirstOrThrow()).size);
const round20 = async () => (await demo.call('cn-observer', 'GET', `/api/v1/rounds?mechanismId=${M}&number=20`)).json().items[0] as { id: string; status: string };

describe('concluding a round', () => {
  it('refuses everyone but a re-authenticated co-chair with the right password, and signs nothing meanwhile', async () => {
    const before = await logSize();
    const url = `/api/v1/mechanisms/${M}/rounds/20/conclude`;
    expect((await demo.call('cn-secretariat', 'POST', url, { password: DEMO_PASSWORD })).statusCode).toBe(403);
    expect((await demo.call(null, 'POST', url, { password: DEMO_PASSWORD })).statusCode).toBe(401);
    const stale = await demo.call('cn-cochair', 'POST', url, { password: DEMO_PASSWORD });
    expect(stale.json(), stale.body).toMatchObject({ status: 403, type: 'urn:entente:reauth-required' });
    await reauth('cn-cochair');
    const wrong = await demo.call('cn-cochair', 'POST', url, { password: 'not the password at all' });
    expect(wrong.statusCode, wrong.body).toBe(409);
    expect(wrong.json().errors[0].field).toBe('password');
    expect((await demo.call('cn-cochair', 'POST', url, {})).statusCode).toBe(400);
    expect((await demo.call('cn-cochair', 'POST', `/api/v1/mechanisms/${M}/rounds/999/conclude`, { password: DEMO_PASSWORD })).statusCode).toBe(404);
    expect(await logSize()).toBe(before);
  });

  it('is concluded by the two demo co-chairs; both signatures are log entries over the tree as it stood', async () => {
    const url = `/api/v1/mechanisms/${M}/rounds/20/conclude`;
    // cn-cochair re-authenticated in the test before, less than five minutes ago.
    const first = await demo.call('cn-cochair', 'POST', url, { password: DEMO_PASSWORD });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ concluded: false, parties: ['cn', 'ru'] });
    expect((await round20()).status).not.toBe('concluded');

    await reauth('ru-cochair');
    const second = await demo.call('ru-cochair', 'POST', url, { password: DEMO_PASSWORD });
    expect(second.statusCode, second.body).toBe(200);
    const state = second.json() as { concluded: boolean; outcomeHash: string; cosignatures: Array<{ party: string; outcomeHash: string; logSize: number; root: string; publicKey: string; signature: string; logIndex: number; current: boolean; valid: boolean }> };
    expect(state.concluded).toBe(true);
    expect(state.cosignatures.map((s) => [s.party, s.current, s.valid])).toEqual([['cn', true, true], ['ru', true, true]]);
    expect((await round20()).status).toBe('concluded');

    for (const s of state.cosignatures) {
      // The entry in the joint log is the signature, and it signs the root of the tree before it.
      const entry = JSON.parse((await demo.store.db.selectFrom('logEntries').select('entry').where('logId', '=', M).where('idx', '=', s.logIndex).executeTakeFirstOrThrow()).entry);
      expect(entry).toMatchObject({ op: 'cosign', kind: 'round', party: s.party, record: { outcomeHash: state.outcomeHash, signature: s.signature, logSize: s.logIndex } });
      expect((await rootAt(demo.store.db, M, s.logSize)).toString('base64')).toBe(s.root);
      expect(verifyCosignature({ ...entry.record, mechanismId: M, round: 20 })).toBe(true);
      expect(verifyCosignature({ ...entry.record, mechanismId: M, round: 21 })).toBe(false);
      expect(verifyCosignature({ ...entry.record, outcomeHash: '0'.repeat(64) })).toBe(false);
    }
    const again = await demo.call('ru-cochair', 'POST', url, { password: DEMO_PASSWORD });
    expect(again.statusCode).toBe(409);
  });

  it('its co-signatures verify offline, from a bundle, with `entente verify FILE`', async () => {
    expect((await demo.call('cn-observer', 'POST', `/api/v1/logs/${M}/checkpoint`)).statusCode).toBe(200);
    const file = path.join(demo.store.dataDir, 'round-20.bundle.json');
    await writeBundle(demo.store, demo.store.dataDir, (await principalByName(demo.store.db, 'ru-observer'))!, 'ru-observer', file);
    // No database, no network: only the file (and a throwaway state file).
    const env = { PATH: process.env.PATH, HOME: demo.store.dataDir, LANG: 'C.UTF-8' };
    const ok = await runCli(['verify', file, '--state', path.join(demo.store.dataDir, 'seen.json')], env);
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
    const cosigned = ok.stdout.split('\n').filter((l) => /co-signed/.test(l) && /round 20/.test(l));
    expect(cosigned).toHaveLength(2);
    for (const line of cosigned) expect(line).toMatch(/signature valid; root matches/);
    expect(cosigned.join('\n')).toMatch(/cn-cochair[\s\S]*ru-cochair/);
    // A signature changed in the file is caught.
    const text = fs.readFileSync(file, 'utf8');
    const sig = /\\"signature\\":\\"([A-Za-z0-9+/]{20})/.exec(text)![1]!;
    const forged = path.join(demo.store.dataDir, 'forged.bundle.json');
    fs.writeFileSync(forged, text.replace(sig, sig.startsWith('A') ? `B${sig.slice(1)}` : `A${sig.slice(1)}`));
    const bad = await runCli(['verify', forged, '--no-state'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr + bad.stdout).toMatch(/verify failed/);
  });

  it('freezes the outcome: changes answer 409 with the way to amend; tracking and amendments go on', async () => {
    const r = await round20();
    const statements = (await demo.call('cn-secretariat', 'GET', `/api/v1/statements?mechanismId=${M}&roundId=${r.id}`)).json().items as Array<{ id: string; marking: string }>;
    const shared = statements.find((s) => s.marking !== 'internal')!;
    const patch = await demo.call('cn-secretariat', 'PATCH', `/api/v1/statements/${shared.id}`, { text: { en: 'rewritten' } });
    expect(patch.statusCode, patch.body).toBe(409);
    expect(patch.json().detail).toMatch(/concluded.*POST \/api\/v1\/amendments/);
    const add = await demo.call('cn-secretariat', 'POST', '/api/v1/statements', { mechanismId: M, roundId: r.id, kind: 'remark', party: 'cn', text: { en: 'late' } });
    expect(add.statusCode, add.body).toBe(409);
    expect((await demo.call('cn-secretariat', 'PATCH', `/api/v1/rounds/${r.id}`, { place: { en: 'Elsewhere' } })).statusCode).toBe(409);
    expect((await demo.call('cn-secretariat', 'PATCH', `/api/v1/rounds/${r.id}`, { status: 'held' })).statusCode).toBe(409);
    expect((await demo.call('cn-secretariat', 'DELETE', `/api/v1/statements/${shared.id}`)).statusCode).toBe(409);

    const commitment = (await demo.call('cn-secretariat', 'GET', `/api/v1/commitments?mechanismId=${M}&roundId=${r.id}`)).json().items[0] as { id: string };
    const tracked = await demo.call('cn-secretariat', 'PATCH', `/api/v1/commitments/${commitment.id}`, { status: 'in-progress' });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect((await demo.call('cn-secretariat', 'PATCH', `/api/v1/commitments/${commitment.id}`, { text: { en: 'other terms' } })).statusCode).toBe(409);

    const amendment = await demo.call('cn-secretariat', 'POST', '/api/v1/amendments', { mechanismId: M, roundId: r.id, text: { en: 'Correction: the statement of 2 December also covered…' } });
    expect(amendment.statusCode, amendment.body).toBe(201);
    const outcome = (await demo.call('ru-observer', 'GET', `/api/v1/mechanisms/${M}/rounds/20/outcome`)).json();
    expect(outcome).toMatchObject({ concluded: true });
    expect(outcome.cosignatures.every((s: { current: boolean }) => s.current)).toBe(true);
  });

  it('does not conclude when the outcome changed between the two signatures', async () => {
    const made = await demo.call('cn-secretariat', 'POST', '/api/v1/rounds', { mechanismId: M, number: 21, status: 'held' });
    expect(made.statusCode, made.body).toBe(201);
    const url = `/api/v1/mechanisms/${M}/rounds/21/conclude`;
    expect((await demo.call('cn-cochair', 'POST', url, { password: DEMO_PASSWORD })).statusCode).toBe(200);
    const add = await demo.call('cn-secretariat', 'POST', '/api/v1/agenda-items', { mechanismId: M, roundId: made.json().id, position: 1, title: { en: 'Added after the first signature' } });
    expect(add.statusCode, add.body).toBe(201);
    const second = (await demo.call('ru-cochair', 'POST', url, { password: DEMO_PASSWORD })).json();
    expect(second.concluded).toBe(false);
    expect(second.cosignatures.map((s: { party: string; current: boolean }) => [s.party, s.current])).toEqual([['cn', false], ['ru', true]]);
  });
});
