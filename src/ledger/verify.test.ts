import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startDemo, type Demo } from '../../test/support/app.ts';
import { cosign } from '../outcome/conclude.ts';
import { ensureSigningKey } from '../access/signing-keys.ts';
import { inTransaction } from '../db/index.ts';
import { principalByName } from '../access/accounts.ts';
import { deleteRecord, updateRecord } from '../record/write.ts';
import { resource } from '../record/registry.ts';
import { appendLogEntry, entryText, type LogEntry } from './append.ts';
import { readBundle, verifyBundle, writeBundle } from './bundle.ts';
import { signDueCheckpoints } from './checkpoints.ts';
import { rootAt } from './tree-store.ts';
import { loadNodeKey } from './node-key.ts';
import { generateSigner, parseVerifierKey } from './note.ts';
import { Replay, VerifyProblem, verifyCosignEntry, verifyDatabase, type Seen } from './verify.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

describe('the replay', () => {
  const id = '01a217d8-137a-7000-8061-000000000001';
  const e = (op: LogEntry['op'], record: Record<string, unknown> | null = { title: 'x' }, over: Partial<LogEntry> = {}) => entryText({ v: 1, at: '2026-01-01T00:00:00.000Z', actor: 'a', party: 'cn', op, kind: 'milestone', id, record, ...over });

  it('reads entries on the fast path and off it, keeping the records\' texts or not', () => {
    const texts = [
      e('create'),
      e('update', { title: 'y' }, { actor: 'Ваня "the \\ one"' }),
      e('update', { title: 'z' }, { actor: 'x'.repeat(2000) }),
      e('marking', { title: 'w', marking: 'public' }),
    ];
    const a = new Replay(true);
    const b = new Replay(false);
    const la = a.addLog('L');
    const lb = b.addLog('L');
    texts.forEach((t, i) => {
      a.observe(la, i, t);
      b.observe(lb, i, t);
    });
    expect([...a.liveRecords()]).toEqual([{ id, kind: 'milestone', logId: 'L', idx: 3, text: canonicalize({ title: 'w', marking: 'public' }) }]);
    expect([...b.liveRecords()].map((r) => ({ ...r, text: undefined }))).toEqual([{ id, kind: 'milestone', logId: 'L', idx: 3, text: undefined }]);
  });

  it('follows a record from log to log (withdraw, marking) to its deletion', () => {
    const r = new Replay(false);
    const joint = r.addLog('m');
    const own = r.addLog('m/cn');
    r.observe(joint, 0, e('create'));
    r.observe(joint, 1, e('withdraw', { marking: 'internal' }));
    r.observe(own, 0, e('marking'));
    expect([...r.liveRecords()].map((x) => [x.logId, x.idx])).toEqual([['m/cn', 0]]);
    r.observe(own, 1, e('withdraw', { marking: 'joint' }));
    r.observe(joint, 2, e('marking'));
    expect([...r.liveRecords()].map((x) => [x.logId, x.idx])).toEqual([['m', 2]]);
    r.observe(joint, 3, e('delete'));
    expect([...r.liveRecords()]).toEqual([]);
    expect(r.removal(r.byId.get(id)!)).toBe('log m entry 3 deleted it');
    // Other ops change no row; entries of kinds that are no record are not followed.
    r.observe(joint, 4, e('roles', { roles: [] }));
    r.observe(joint, 5, e('create', { a: 1 }, { kind: 'user', id: 'u1' }));
    expect(r.byId.size).toBe(1);
  });

  it('names entries that break the rules', () => {
    const bad = (texts: string[], message: RegExp) => {
      const r = new Replay(false);
      const l = r.addLog('L');
      expect(() => {
        texts.forEach((t, i) => r.observe(l, i, t));
        for (const x of r.liveRecords()) void x;
      }).toThrow(message);
    };
    bad(['{"not json'], /^log L entry 0 is not JSON$/);
    bad(['{"v":1}'], /entry 0 is not a log entry/);
    bad([JSON.stringify({ v: 1, at: 'a', actor: 'a', party: 'cn', op: 'create', kind: 'milestone', id, record: {} })], /entry 0 is not canonical JSON/);
    bad([e('create'), e('create', { a: 1 }, { kind: 'round' })], /entry 1: record .* was a milestone and this entry makes it a round/);
    bad([e('create', null)], /entry 0: a create entry without a record/);
    const twoLogs = () => {
      const r = new Replay(false);
      r.observe(r.addLog('a'), 0, e('create'));
      r.observe(r.addLog('b'), 0, e('create'));
      return [...r.liveRecords()];
    };
    expect(twoLogs).toThrow(/milestone .* is live in two logs: a \(entry 0\) and b \(entry 0\)/);
  });
});

describe('co-signature entries', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(12);
  const signed = { mechanismId: 'm1', round: 20, outcomeHash: 'sha256:ab', logSize: 12, root: b64(randomBytes(32)) };
  const signature = sign(null, Buffer.from(canonicalize(signed)!), privateKey);
  const cosign = (record: Record<string, unknown>) => ({ v: 1, at: 'x', actor: 'cn-cochair', party: 'cn', op: 'cosign', kind: 'round', id: 'r1', record });

  it('checks the Ed25519 signature over the canonical {mechanismId, round, outcomeHash, logSize, root}', () => {
    const ok = verifyCosignEntry(cosign({ ...signed, signer: 'Wang Yi', publicKey: b64(raw), signature: b64(signature) }));
    expect(ok).toMatchObject({ mechanismId: 'm1', round: '20', signer: 'Wang Yi', logSize: 12, signature: 'valid' });
    expect(verifyCosignEntry(cosign({ ...signed, round: 21, publicKey: b64(raw), signature: b64(signature) }))).toMatchObject({ signature: 'invalid', reason: 'the Ed25519 signature does not verify' });
    expect(verifyCosignEntry(cosign({ ...signed, publicKey: 'AAAA', signature: b64(signature) }))).toMatchObject({ signature: 'invalid', reason: /publicKey/ });
    expect(verifyCosignEntry(cosign({ ...signed, publicKey: b64(raw) }))).toMatchObject({ signature: 'invalid' });
    expect(verifyCosignEntry(cosign(signed))).toMatchObject({ signer: 'cn-cochair', signature: 'unsigned' });
    expect(verifyCosignEntry(null)).toMatchObject({ signature: 'unsigned', mechanismId: '?' });
  });
});

describe('verifying a database (the demo, with changes)', () => {
  let demo: Demo;
  let stateless: { dataDir: string; source: string };
  let mechanismId: string;

  beforeAll(async () => {
    demo = await startDemo();
    mechanismId = demo.mechanismId;
    const key = await loadNodeKey(demo.store.db, demo.store.dataDir);
    await signDueCheckpoints(demo.store, key, { wait: true });
    // Changes of every kind the replay follows, with a checkpoint between them.
    const w = { db: demo.store.db, dialect: demo.store.dialect, principal: (await principalByName(demo.store.db, 'cn-secretariat'))! };
    const milestones = await demo.store.db.selectFrom('milestones').select('id').orderBy('id').execute();
    await updateRecord(w, resource('milestone'), String(milestones[0]!.id), { title: { en: 'Changed' } });
    const note = await demo.store.db.selectFrom('assessments').select('id').where('marking', '=', 'internal').where('ownerParty', '=', 'cn').executeTakeFirstOrThrow();
    await updateRecord(w, resource('assessment'), String(note.id), { marking: 'joint' });
    await signDueCheckpoints(demo.store, key, { wait: true });
    await updateRecord(w, resource('assessment'), String(note.id), { marking: 'internal' });
    await deleteRecord(w, resource('milestone'), String(milestones[1]!.id));
    await signDueCheckpoints(demo.store, key, { wait: true });
    stateless = { dataDir: demo.store.dataDir, source: 'the test database' };
  });
  afterAll(async () => demo?.close());

  it.each([
    [false, undefined],
    [true, undefined],
    [true, 2],
    [false, 5],
  ])('finds no problem (worker threads: %s, chunks of 2^%s), comparing every node, checkpoint and row', async (worker, chunkBits) => {
    const report = await verifyDatabase(demo.store.db, demo.store.dialect, { ...stateless, worker, chunkBits });
    // With worker threads, SQLite's logs are read by the threads themselves (./verify-stored.ts).
    expect(report.storedChunks > 0).toBe(worker === true && demo.store.dialect === 'sqlite');
    const logs = await demo.store.db.selectFrom('logs').select(['id', 'size']).orderBy('id').execute();
    expect(report.logs.map((l) => [l.logId, l.size])).toEqual(logs.map((l) => [l.id, Number(l.size)]));
    expect(report.entries).toBe(logs.reduce((n, l) => n + Number(l.size), 0));
    expect(report.nodes).toBe(Number((await demo.store.db.selectFrom('logNodes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
    expect(report.checkpoints).toBeGreaterThanOrEqual(6);
    expect(report.consistencyProofs).toBeGreaterThanOrEqual(2);
    expect(report.key?.kind).toBe('key-file');
    const rows = await Promise.all(['milestones', 'assessments', 'rounds', 'people', 'parties', 'mechanisms'].map(async (t) => (await demo.store.db.selectFrom(t as 'milestones').select('id').execute()).length));
    expect(report.records!.compared).toBeGreaterThanOrEqual(rows.reduce((a, b) => a + b, 0));
    // The newest checkpoint of every log, to remember.
    for (const l of report.logs) expect(report.seen.get(`${report.node}/${l.logId}`)).toMatchObject({ size: l.newest!.size, root: l.newest!.root });
  });

  it('names a rollback and a rewrite against the checkpoints it remembers, and accepts what it saw', async () => {
    const first = await verifyDatabase(demo.store.db, demo.store.dialect, stateless);
    const origin = `${first.node}/${mechanismId}`;
    const seen = first.seen.get(origin)!;
    const again = await verifyDatabase(demo.store.db, demo.store.dialect, { ...stateless, remembered: first.seen });
    expect(again.rememberedChecked).toBe(first.logs.length);

    const later: Seen = { size: seen.size + 5, root: seen.root, seenAt: '2030-01-01T00:00:00.000Z' };
    await expect(verifyDatabase(demo.store.db, demo.store.dialect, { ...stateless, remembered: new Map([[origin, later]]) })).rejects.toThrow(
      `log ${mechanismId} was rolled back: verify saw size ${seen.size + 5} (root ${seen.root}) on 2030-01-01T00:00:00.000Z, the database now has size ${first.logs.find((l) => l.logId === mechanismId)!.size}`,
    );
    const other: Seen = { size: 3, root: b64(randomBytes(32)), seenAt: '2030-01-01T00:00:00.000Z' };
    await expect(verifyDatabase(demo.store.db, demo.store.dialect, { ...stateless, remembered: new Map([[origin, other]]) })).rejects.toThrow(
      new RegExp(`^log ${mechanismId} was rewritten: verify saw size 3 with root .* on 2030-01-01T00:00:00.000Z, but its entries 0..2 now give root `),
    );
    await expect(verifyDatabase(demo.store.db, demo.store.dialect, { ...stateless, remembered: new Map([[`${first.node}/gone`, seen]]) })).rejects.toThrow(/^log gone was rolled back: .* the database now has no such log$/);
  });

  it('trusts a pinned key over the data directory, and fails the checkpoints for another', async () => {
    const pinned = parseVerifierKey((await loadNodeKey(demo.store.db, demo.store.dataDir)).verifierKey);
    expect((await verifyDatabase(demo.store.db, demo.store.dialect, { ...stateless, pinned })).key).toMatchObject({ kind: 'pinned' });
    const stranger = parseVerifierKey(generateSigner(pinned.name).verifierKey);
    await expect(verifyDatabase(demo.store.db, demo.store.dialect, { ...stateless, pinned: stranger })).rejects.toThrow(/checkpoint of size \d+ \(signed .*\): not signed by the trusted key .* \(pinned with --key\); it is signed by /);
  });

  it('writes a bundle of the logs a user may read, which verifies offline; a changed record or byte is named', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-bundle-'));
    try {
      const file = path.join(dir, 'b.json');
      const stats = await writeBundle(demo.store, demo.store.dataDir, (await principalByName(demo.store.db, 'cn-observer'))!, 'cn-observer', file);
      expect(stats.logs).toBe(3); // joint, cn's own, directory: never ru's
      const bundle = readBundle(file);
      expect(bundle.digestOk).toBe(true);
      expect(bundle.logs.map((l) => l.log).sort()).toEqual([mechanismId, `${mechanismId}/cn`, 'directory'].sort());
      const report = await verifyBundle(bundle, {});
      expect(report.records!.compared).toBe(stats.records);
      expect(report.key?.kind).toBe('bundle');

      const joint = bundle.logs.find((l) => l.log === mechanismId)!;
      const changed = { ...bundle, logs: bundle.logs.map((l) => (l === joint ? { ...l, records: l.records.map((r, i) => (i === 0 ? { ...r, record: { ...r.record, updatedAt: '1999-01-01T00:00:00.000Z' } } : r)) } : l)) };
      await expect(verifyBundle(changed, {})).rejects.toThrow(new RegExp(`^log ${mechanismId}: the bundle's \\w+ ${joint.records[0]!.id}: field updatedAt differs from log entry \\d+$`));
      await expect(verifyBundle({ ...bundle, digestOk: false }, {})).rejects.toThrow(/was changed or damaged after export: its digest does not match its content/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks the co-signatures of a round concluded by its co-chairs (src/outcome/conclude.ts)', async () => {
    for (const user of ['cn-cochair', 'ru-cochair']) {
      const principal = (await principalByName(demo.store.db, user))!;
      await ensureSigningKey(demo.store.db, principal.userId, DEMO_PASSWORD); // made at sign-in otherwise
      await cosign({ db: demo.store.db, dialect: demo.store.dialect, principal }, mechanismId, 20, DEMO_PASSWORD);
    }
    const report = await verifyDatabase(demo.store.db, demo.store.dialect, stateless);
    expect(report.cosigns.map((c) => [c.signer, c.round, c.signature, c.rootCheck])).toEqual([
      ['cn-cochair', '20', 'valid', 'matches'],
      ['ru-cochair', '20', 'valid', 'matches'],
    ]);
  });

  it('lists co-signature entries, checks their signature and whether their root is the log\'s', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(12);
    const logSize = 5;
    const root = b64(await rootAt(demo.store.db, mechanismId, logSize));
    const signed = { mechanismId, round: 20, outcomeHash: 'sha256:00', logSize, root };
    const record = { ...signed, publicKey: b64(raw), signature: b64(sign(null, Buffer.from(canonicalize(signed)!), privateKey)) };
    await inTransaction(demo.store.db, (tx) => appendLogEntry(tx, mechanismId, { v: 1, at: new Date().toISOString(), actor: 'cn-cochair', party: 'cn', op: 'cosign', kind: 'round', id: 'r', record }));
    const report = await verifyDatabase(demo.store.db, demo.store.dialect, stateless);
    expect(report.cosigns.at(-1)).toEqual(expect.objectContaining({ logId: mechanismId, mechanismId, round: '20', signer: 'cn-cochair', signature: 'valid', rootCheck: 'matches' }));
  });
});

describe('worker threads that read the database themselves', () => {
  let demo: Demo;
  let opts: { dataDir: string; source: string };
  beforeAll(async () => {
    demo = await startDemo();
    opts = { dataDir: demo.store.dataDir, source: 'the test database' };
  });
  afterAll(async () => demo?.close());

  const message = async (o: object): Promise<string> => {
    try {
      await verifyDatabase(demo.store.db, demo.store.dialect, { ...opts, ...o });
      return 'clean';
    } catch (err) {
      return err instanceof VerifyProblem ? err.message : `not a VerifyProblem: ${String(err)}`;
    }
  };

  it('name every tampering exactly as reading in one thread does', async () => {
    const db = demo.store.db;
    const m = demo.mechanismId;
    const entry = async (idx: number) => (await db.selectFrom('logEntries').select('entry').where('logId', '=', m).where('idx', '=', idx).executeTakeFirstOrThrow()).entry;
    const setEntry = (idx: number, text: string) => db.updateTable('logEntries').set({ entry: text }).where('logId', '=', m).where('idx', '=', idx).execute();
    const node = async (level: number, idx: number) => (await db.selectFrom('logNodes').select('hash').where('logId', '=', m).where('level', '=', level).where('idx', '=', idx).executeTakeFirstOrThrow()).hash;
    const setNode = (level: number, idx: number, hash: Buffer) => db.updateTable('logNodes').set({ hash }).where('logId', '=', m).where('level', '=', level).where('idx', '=', idx).execute();
    const size = Number((await db.selectFrom('logs').select('size').where('id', '=', m).executeTakeFirstOrThrow()).size);
    const [e10, e12, e13] = [await entry(10), await entry(12), await entry(13)];
    const [n01, n11, n21] = [await node(0, 1), await node(1, 1), await node(2, 1)];
    const threads = { worker: true, chunkBits: 2 };
    const milestone = await db.selectFrom('milestones').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const tampers: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['entry changed', () => setEntry(10, e10.replace(/"at":"[^"]*"/, '"at":"2020-01-01T00:00:00.000Z"')), () => setEntry(10, e10)],
      ['entry deleted', () => db.deleteFrom('logEntries').where('logId', '=', m).where('idx', '=', 10).execute(), () => db.insertInto('logEntries').values({ logId: m, idx: 10, entry: e10 }).execute()],
      ['entries swapped', async () => (await setEntry(12, e13), await setEntry(13, e12)), async () => (await setEntry(12, e12), await setEntry(13, e13))],
      // Still n rows in the chunk's range, one of them not at an integer index (SQLite only: PostgreSQL's column holds integers).
      ['an index made fractional', async () => (await db.deleteFrom('logEntries').where('logId', '=', m).where('idx', '=', 10).execute(), await db.insertInto('logEntries').values({ logId: m, idx: 10.5, entry: e10 }).execute()), async () => (await db.deleteFrom('logEntries').where('logId', '=', m).where('idx', '=', 10.5).execute(), await db.insertInto('logEntries').values({ logId: m, idx: 10, entry: e10 }).execute())],
      ['entries of a log that does not exist', () => db.insertInto('logEntries').values({ logId: 'no-such-log', idx: 0, entry: e10 }).execute(), () => db.deleteFrom('logEntries').where('logId', '=', 'no-such-log').execute()],
      ['entry beyond the size', () => db.insertInto('logEntries').values({ logId: m, idx: size + 2, entry: e10 }).execute(), () => db.deleteFrom('logEntries').where('logId', '=', m).where('idx', '=', size + 2).execute()],
      ['leaf node changed', () => setNode(0, 1, randomBytes(32)), () => setNode(0, 1, n01)],
      ['node inside a chunk changed', () => setNode(1, 1, randomBytes(32)), () => setNode(1, 1, n11)],
      ['node above the chunks changed', () => setNode(2, 1, randomBytes(32)), () => setNode(2, 1, n21)],
      ['a row changed', () => db.updateTable('milestones').set({ title: JSON.stringify({ en: 'Rewritten' }) }).where('id', '=', milestone.id).execute(), () => db.updateTable('milestones').set({ title: milestone.title }).where('id', '=', milestone.id).execute()],
      ['a row deleted', () => db.deleteFrom('milestones').where('id', '=', milestone.id).execute(), () => db.insertInto('milestones').values(milestone).execute()],
      ["a row's logIndex changed", () => db.updateTable('milestones').set({ logIndex: Number(milestone.logIndex) + 1 }).where('id', '=', milestone.id).execute(), () => db.updateTable('milestones').set({ logIndex: milestone.logIndex }).where('id', '=', milestone.id).execute()],
      ['a row that no entry made', () => db.insertInto('milestones').values({ ...milestone, id: '01900000-0000-7000-8000-000000000000' }).execute(), () => db.deleteFrom('milestones').where('id', '=', '01900000-0000-7000-8000-000000000000').execute()],
    ];
    if (demo.store.dialect !== 'sqlite') tampers.splice(tampers.findIndex(([what]) => what === 'an index made fractional'), 1);
    const clean = await verifyDatabase(db, demo.store.dialect, { ...opts, ...threads });
    expect(clean.storedChunks).toBe(demo.store.dialect === 'sqlite' ? clean.logs.reduce((n, l) => n + Math.ceil(l.size / 4), 0) : 0);
    for (const [what, tamper, undo] of tampers) {
      await tamper();
      const inOneThread = await message({ worker: false });
      expect(inOneThread, what).not.toBe('clean');
      expect(await message(threads), what).toBe(inOneThread);
      await undo();
    }
    expect(await message(threads)).toBe('clean');
  });

  it('finds a row that holds its record in other JSON text (spacing, key order) as it is: clean', async () => {
    const db = demo.store.db;
    const round = await db.selectFrom('rounds').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const coChairs = JSON.parse(String(round.coChairs)) as unknown;
    const milestone = await db.selectFrom('milestones').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const title = JSON.parse(String(milestone.title)) as Record<string, string>;
    // The same values, written otherwise: indented, and the title's languages in reverse order.
    await db.updateTable('rounds').set({ coChairs: JSON.stringify(coChairs, null, 2) }).where('id', '=', round.id).execute();
    await db.updateTable('milestones').set({ title: JSON.stringify(Object.fromEntries(Object.entries(title).reverse()), null, 1) }).where('id', '=', milestone.id).execute();
    try {
      expect(await message({ worker: false })).toBe('clean');
      expect(await message({ worker: true, chunkBits: 2 })).toBe('clean');
    } finally {
      await db.updateTable('rounds').set({ coChairs: round.coChairs }).where('id', '=', round.id).execute();
      await db.updateTable('milestones').set({ title: milestone.title }).where('id', '=', milestone.id).execute();
    }
    // A value changed is still named.
    await db.updateTable('rounds').set({ coChairs: JSON.stringify([]) }).where('id', '=', round.id).execute();
    try {
      expect(await message({ worker: false })).toMatch(new RegExp(`^rounds ${round.id}: column coChairs differs from log entry \\d+`));
    } finally {
      await db.updateTable('rounds').set({ coChairs: round.coChairs }).where('id', '=', round.id).execute();
    }
  });
});

describe('problems are VerifyProblems', () => {
  it('has its own class, so the CLI prints a plain message', () => {
    expect(new VerifyProblem('x')).toBeInstanceOf(Error);
    expect(new VerifyProblem('x').name).toBe('VerifyProblem');
  });
});
