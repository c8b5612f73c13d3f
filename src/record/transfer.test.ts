import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../test/support/app.ts';
import { freshStore, type TestStore } from '../../test/support/store.ts';
import { createUser, grantRole, principalByName } from '../access/accounts.ts';
import type { UserPrincipal } from '../access/principal.ts';
import { exportRecords, importRecords, type ExportFile } from './transfer.ts';

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
  });
});
