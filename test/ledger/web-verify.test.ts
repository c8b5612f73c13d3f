import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../support/app.ts';
import { verifyCheckpoint, type VerifiedCheckpoint } from '../../web/ledger/checkpoint.ts';
import { verifyEntryInclusion, type InclusionProofAnswer } from '../../web/ledger/inclusion.ts';

/**
 * The workspace's in-browser verification (web/ledger, WebCrypto) against the real server's
 * answers: the node key, a signed checkpoint, every entry's inclusion proof — and a tampered
 * proof, which must not pass.
 */

let demo: Demo;
let log: string;
let checkpoint: VerifiedCheckpoint;

beforeAll(async () => {
  demo = await startDemo();
  log = demo.mechanismId;
  const signed = await demo.call('cn-secretariat', 'POST', `/api/v1/logs/${log}/checkpoint`);
  expect(signed.statusCode, signed.body).toBe(200);
  const key = await demo.call(null, 'GET', '/.well-known/entente/node-key');
  const check = await verifyCheckpoint(signed.body, key.body);
  expect(check.ok).toBe(true);
  if (check.ok) checkpoint = check.checkpoint;
});

afterAll(async () => {
  await demo?.close();
});

describe('the browser verifier against the server', () => {
  it('verifies the checkpoint the server signed with the key it publishes, and no other', async () => {
    expect(checkpoint.origin).toMatch(new RegExp(`/${log}$`));
    const logs = (await demo.call('cn-observer', 'GET', '/api/v1/logs')).json() as { node: { verifierKey: string }; items: Array<{ log: string; size: number }> };
    expect(checkpoint.size).toBe(logs.items.find((l) => l.log === log)?.size);
    const note = (await demo.call('cn-observer', 'GET', `/api/v1/logs/${log}/checkpoint`)).body;
    expect((await verifyCheckpoint(note, logs.node.verifierKey)).ok).toBe(true);
    expect(await verifyCheckpoint(note.replace(checkpoint.rootBase64, checkpoint.rootBase64.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))), logs.node.verifierKey)).toEqual({
      ok: false,
      problem: 'bad-signature',
    });
  });

  it("verifies every entry's inclusion proof against the checkpoint's root", async () => {
    const res = (await demo.call('cn-observer', 'GET', `/api/v1/logs/${log}/entries?start=0&end=${checkpoint.size}`)).json() as { entries: string[] };
    expect(res.entries).toHaveLength(checkpoint.size);
    for (const [index, entry] of res.entries.entries()) {
      const proof = (await demo.call('cn-observer', 'GET', `/api/v1/logs/${log}/proof/inclusion?index=${index}&size=${checkpoint.size}`)).json() as InclusionProofAnswer;
      expect(await verifyEntryInclusion(entry, index, proof, checkpoint), `entry ${index}`).toBe(true);
      // Another entry's text at this index does not pass.
      expect(await verifyEntryInclusion(res.entries[(index + 1) % res.entries.length]!, index, proof, checkpoint)).toBe(false);
    }
  });

  it('refuses a proof with one byte of one hash flipped, or for another size', async () => {
    const entry = ((await demo.call('cn-observer', 'GET', `/api/v1/logs/${log}/entries?start=3&end=4`)).json() as { entries: string[] }).entries[0]!;
    const proof = (await demo.call('cn-observer', 'GET', `/api/v1/logs/${log}/proof/inclusion?index=3&size=${checkpoint.size}`)).json() as InclusionProofAnswer;
    const bytes = Buffer.from(proof.proof[1]!, 'base64');
    bytes[5]! ^= 0x01;
    expect(await verifyEntryInclusion(entry, 3, { ...proof, proof: proof.proof.map((p, i) => (i === 1 ? bytes.toString('base64') : p)) }, checkpoint)).toBe(false);
    expect(await verifyEntryInclusion(entry, 3, { ...proof, size: proof.size - 1 }, checkpoint)).toBe(false);
    expect(await verifyEntryInclusion(entry, 3, { ...proof, proof: [...proof.proof, 'not base64!'] }, checkpoint)).toBe(false);
  });
});
