import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../test/support/app.ts';
import { freshStore, type TestStore } from '../../test/support/store.ts';
import { createUser, grantRole, principalByName } from '../access/accounts.ts';
import type { UserPrincipal } from '../access/principal.ts';
import { inTransaction } from '../db/index.ts';
import { Problem } from '../http/problem.ts';
import { newId } from './common/id.ts';
import type { RecordData } from './common/resource.ts';
import { RESOURCES } from './registry.ts';
import { createRecord } from './write.ts';
import { exportRecords, importRecords, type ExportFile, type Rejection } from './transfer.ts';

let source: Demo;
let target: TestStore;
let exported: ExportFile;

const principal = async (store: TestStore, name: string): Promise<UserPrincipal> => {
  const p = await principalByName(store.db, name);
  if (!p) throw new Error(name);
  return p;
};

/** What must survive a round trip: everything but the server's own stamps. */
const comparable = (file: ExportFile) =>
  Object.fromEntries(
    Object.entries(file.records).map(([kind, list]) => [
      kind,
      list.map(({ createdAt: _c, updatedAt: _u, logIndex: _l, ...rest }) => rest),
    ]),
  );

beforeAll(async () => {
  source = await startDemo();
  exported = await exportRecords(source.store, await principal(source.store, 'cn-secretariat'));
  target = await freshStore();
  for (const [name, party, admin] of [
    ['cn-admin', 'cn', true],
    ['cn-secretariat', 'cn', false],
    ['ru-admin', 'ru', true],
    ['ru-secretariat', 'ru', false],
  ] as const) {
    const id = await createUser(target.db, { username: name, party, passwordHash: 'x', admin });
    if (!admin) await grantRole(target.db, id, source.mechanismId, 'secretariat');
  }
});
afterAll(async () => {
  await source.close();
  await target.destroy();
});

describe('export and import', () => {
  it("exports what the principal may see: both sides' joint records, only its own internal ones", () => {
    const internal = Object.values(exported.records)
      .flat()
      .filter((r) => r.marking === 'internal');
    expect(internal.length).toBeGreaterThan(0);
    expect(new Set(internal.map((r) => r.ownerParty))).toEqual(new Set(['cn']));
    expect(exported.records.round).toHaveLength(1);
  });

  it('rejects the records of a party no given account belongs to, and imports nothing', async () => {
    const cnOnly = [await principal(target, 'cn-admin'), await principal(target, 'cn-secretariat')];
    const report = await importRecords(target, cnOnly, exported, { skipRejected: false });
    expect(report.committed).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.rejected.find((r) => r.kind === 'party')?.reason).toMatch(/owned by party "ru"/);
    const after = await exportRecords(target, cnOnly[1]!);
    expect(Object.values(after.records).flat()).toEqual([]);
  });

  it('recreates the same records, with the same ids, through the write path', async () => {
    const all = await Promise.all(['cn-admin', 'cn-secretariat', 'ru-admin', 'ru-secretariat'].map((n) => principal(target, n)));
    const progress: number[] = [];
    const report = await importRecords(target, all, exported, { skipRejected: false, onProgress: (done) => progress.push(done) });
    expect(report.rejected).toEqual([]);
    expect(report.committed).toBe(true);
    expect(report.imported).toBe(report.total);
    expect(progress.at(-1)).toBe(report.total);
    const again = await exportRecords(target, await principal(target, 'cn-secretariat'));
    expect(comparable(again)).toEqual(comparable(exported));
    const entries = await target.db.selectFrom('logEntries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(entries.n)).toBe(report.total);
  });

  it('refuses a second import of the same records and changes nothing', async () => {
    const all = await Promise.all(['cn-admin', 'cn-secretariat', 'ru-admin', 'ru-secretariat'].map((n) => principal(target, n)));
    const before = await exportRecords(target, all[1]!);
    const report = await importRecords(target, all, exported, { skipRejected: true });
    expect(report.imported).toBe(0);
    expect(report.rejected).toHaveLength(report.total);
    expect(report.rejected[0]!.reason).toMatch(/exists already/);
    expect(comparable(await exportRecords(target, all[1]!))).toEqual(comparable(before));
  });

  it('says plainly when a file is not an export', async () => {
    const all = [await principal(target, 'cn-admin')];
    await expect(importRecords(target, all, { format: 'other' }, { skipRejected: false })).rejects.toThrow(/not an Entente export: format/);
    await expect(importRecords(target, all, { format: 'entente-export', version: 1, records: { spaceship: [] } }, { skipRejected: false })).rejects.toThrow(/unknown record kind "spaceship"/);
    await expect(importRecords(target, all, { format: 'entente-export', version: 1, records: { round: [['not', 'a record']] } }, { skipRejected: false })).rejects.toThrow(
      /not an Entente export: records\.round\.0: expected a record/,
    );
  });
});

describe('the batched import', () => {
  // One account per party that may write every kind (an admin holding the secretariat role),
  // so that the reference below needs no fallback from one account to another.
  const clock = () => new Date('2026-01-02T03:04:05.678Z');
  let batched: TestStore;
  let oneByOne: TestStore;
  let file: ExportFile;
  const chiefs = new Map<TestStore, UserPrincipal[]>();

  const accounts = async (store: TestStore): Promise<UserPrincipal[]> => {
    const out: UserPrincipal[] = [];
    for (const party of ['cn', 'ru']) {
      const id = await createUser(store.db, { username: `${party}-chief`, party, passwordHash: 'x', admin: true });
      await grantRole(store.db, id, source.mechanismId, 'secretariat');
      out.push(await principal(store, `${party}-chief`));
    }
    return out;
  };

  /** The reference: each record through createRecord, one after the other, in one transaction. */
  const importOneByOne = async (store: TestStore, principals: UserPrincipal[]): Promise<Rejection[]> => {
    const rejected: Rejection[] = [];
    await inTransaction(store.db, async (tx) => {
      for (const def of RESOURCES) {
        for (const { id, ownerParty, createdAt: _c, updatedAt: _u, logIndex: _l, ...fields } of file.records[def.kind] ?? []) {
          for (const derived of Object.keys(def.derived?.shape ?? {})) delete fields[derived];
          if (def.scope === 'root') delete fields.mechanismId;
          const writer = { db: store.db, dialect: store.dialect, principal: principals.find((p) => p.party === ownerParty)!, now: clock };
          await createRecord(writer, def, fields, tx, { id: String(id) }).catch((err: unknown) => {
            if (!(err instanceof Problem)) throw err;
            rejected.push({ kind: def.kind, id: String(id), reason: err.detail });
          });
        }
      }
    });
    return rejected;
  };

  /** Every log, entry, tree node and record row of a store, in a fixed order. */
  const contents = async (store: TestStore) => {
    const tables: Record<string, unknown[]> = {};
    for (const def of RESOURCES) tables[def.kind] = await store.db.selectFrom(def.table).selectAll().orderBy('id').execute();
    const hex = (b: Uint8Array | null) => Buffer.from(b ?? []).toString('hex');
    return {
      logs: (await store.db.selectFrom('logs').selectAll().orderBy('id').execute()).map((l) => ({ ...l, size: Number(l.size), frontier: hex(l.frontier) })),
      entries: (await store.db.selectFrom('logEntries').selectAll().orderBy('logId').orderBy('idx').execute()).map((e) => ({ ...e, idx: Number(e.idx) })),
      nodes: (await store.db.selectFrom('logNodes').selectAll().orderBy('logId').orderBy('level').orderBy('idx').execute()).map((n) => ({ ...n, idx: Number(n.idx), hash: hex(n.hash) })),
      tables,
    };
  };

  beforeAll(async () => {
    // The demo's export, with more commitments than one chunk holds (a third of them internal:
    // a second log), and records the import must refuse as createRecord would.
    const [round] = exported.records.round!;
    const commitment = (n: number): RecordData => ({
      id: newId(),
      ownerParty: 'cn',
      marking: n % 3 === 0 ? 'internal' : 'joint',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      logIndex: n,
      mechanismId: source.mechanismId,
      roundId: round!.id,
      text: { en: `Commitment ${n}` },
      parties: n % 2 ? ['cn'] : ['cn', 'ru'],
      status: 'open',
    });
    const many = Array.from({ length: 2_500 }, (_, n) => commitment(n));
    const twin = { ...round!, id: newId() };
    const next = { ...round!, id: newId(), number: Number(round!.number) + 1, coChairs: [] };
    file = {
      ...exported,
      records: {
        ...exported.records,
        round: [...exported.records.round!, twin, next],
        commitment: [
          ...exported.records.commitment!,
          ...many.slice(0, 1_500),
          { ...many[0]!, text: { en: 'The same id again' } },
          { ...commitment(1), roundId: twin.id },
          { ...commitment(2), roundId: next.id },
          { ...commitment(3), status: 'forgotten' },
          ...many.slice(1_500),
        ],
      },
    };
    [batched, oneByOne] = await Promise.all([freshStore(), freshStore()]);
    for (const store of [batched, oneByOne]) chiefs.set(store, await accounts(store));
  });
  afterAll(async () => {
    await batched.destroy();
    await oneByOne.destroy();
  });

  it('writes the log, its tree and the rows that createRecord one by one writes, and refuses the same records for the same reasons', async () => {
    const progress: number[] = [];
    const report = await importRecords(batched, chiefs.get(batched)!, file, { skipRejected: true, now: clock, onProgress: (done) => progress.push(done) });
    const reference = await importOneByOne(oneByOne, chiefs.get(oneByOne)!);

    expect(report.rejected.map((r) => r.reason)).toEqual([
      `round ${String(file.records.round![0]!.number)} exists already in this mechanism`,
      expect.stringMatching(/^a commitment with id .* exists already$/),
      'roundId: no round with this id is visible to you',
      expect.stringMatching(/^status: /),
    ]);
    expect(report.rejected).toEqual(reference);
    expect(report).toMatchObject({ committed: true, imported: report.total - 4 });
    expect(progress).toEqual(Array.from({ length: report.total }, (_, i) => i + 1));

    const [got, want] = [await contents(batched), await contents(oneByOne)];
    expect(got.entries).toHaveLength(report.imported);
    expect(new Set(got.logs.map((l) => l.id)).size).toBeGreaterThan(2);
    expect(got.logs).toEqual(want.logs);
    expect(got.entries).toEqual(want.entries);
    expect(got.nodes).toEqual(want.nodes);
    expect(got.tables).toEqual(want.tables);
  });

  it('refuses a change to the outcome of a concluded round as createRecord does, and writes the rest the same', async () => {
    // The round concluded meanwhile (set directly: the co-signing is not what is tested here).
    const round = file.records.round![0]!;
    for (const store of [batched, oneByOne]) await store.db.updateTable('rounds').set({ status: 'concluded' }).where('id', '=', round.id).execute();
    const commitment = (marking: RecordData['marking']): RecordData => ({ ...file.records.commitment!.at(-1)!, id: newId(), marking, text: { en: `After the conclusion, ${marking}` } });
    file = { ...file, records: { commitment: [commitment('joint'), commitment('internal'), commitment('joint')] } };

    const report = await importRecords(batched, chiefs.get(batched)!, file, { skipRejected: true, now: clock });
    const reference = await importOneByOne(oneByOne, chiefs.get(oneByOne)!);
    expect(report.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/is concluded/), expect.stringMatching(/is concluded/)]);
    expect(report.rejected).toEqual(reference);
    expect(report.imported).toBe(1);
    expect(await contents(batched)).toEqual(await contents(oneByOne));
  });
});
