import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../../test/support/store.ts';
import { inTransaction, type Db } from '../db/index.ts';
import { appendLogEntries, appendLogEntry, entryText, logHead, type LogEntry } from './append.ts';
import { rootAt } from './tree-store.ts';
import { MemoryTree } from './merkle.ts';

const entry = (n: number, extra: Record<string, unknown> = {}): LogEntry => ({
  v: 1,
  at: '2026-01-02T03:04:05.678Z',
  actor: 'cn-secretariat',
  party: 'cn',
  op: 'create',
  kind: 'milestone',
  id: `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`,
  record: { title: { en: `Milestone ${n}`, 'zh-Hans': '里程碑' }, step: n, done: n % 2 === 0, ...extra },
});

/** What the database holds of a log: its row, its entries and its nodes, as comparable values. */
async function stored(db: Db, logId: string) {
  const head = await db.selectFrom('logs').select(['size', 'frontier']).where('id', '=', logId).executeTakeFirstOrThrow();
  const entries = await db.selectFrom('logEntries').select(['idx', 'entry']).where('logId', '=', logId).orderBy('idx').execute();
  const nodes = await db.selectFrom('logNodes').select(['level', 'idx', 'hash']).where('logId', '=', logId).orderBy('level').orderBy('idx').execute();
  return {
    size: Number(head.size),
    frontier: Buffer.from(head.frontier ?? []).toString('hex'),
    entries: entries.map((e) => [Number(e.idx), e.entry]),
    nodes: nodes.map((n) => [Number(n.level), Number(n.idx), Buffer.from(n.hash).toString('hex')]),
  };
}

describe('appendLogEntries', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore();
  });
  afterAll(async () => {
    await store.destroy();
  });

  it('writes the same entries, indices, nodes and head as appendLogEntry one by one', async () => {
    // Runs of 1, 3 and 700 entries, then 4,200 at once: more rows than one multi-row statement
    // of insertRows holds (4,096 nodes), so that it takes several.
    const runs = [1, 3, 700, 4_200];
    const all = runs.flatMap((n, r) => Array.from({ length: n }, (_, i) => entry(r * 100_000 + i)));
    await inTransaction(store.db, async (tx) => {
      for (const e of all) await appendLogEntry(tx, 'one-by-one', e);
      let at = 0;
      for (const n of runs) {
        expect(await appendLogEntries(tx, 'batched', all.slice(at, at + n))).toBe(at);
        at += n;
      }
      // The head held in the transaction is the batch's end, for any append that follows in it.
      expect((await logHead(tx, 'batched')).size).toBe(all.length);
      expect(await appendLogEntry(tx, 'batched', entry(1))).toBe(all.length);
      await appendLogEntry(tx, 'one-by-one', entry(1));
    });
    const [one, batched] = [await stored(store.db, 'one-by-one'), await stored(store.db, 'batched')];
    expect(batched.size).toBe(all.length + 1);
    expect(batched).toEqual(one);
    const memory = new MemoryTree();
    for (const e of [...all, entry(1)]) memory.append(Buffer.from(entryText(e)));
    expect((await rootAt(store.db, 'batched', all.length + 1)).toString('hex')).toBe(memory.root().toString('hex'));
  });

  it('keeps the log as it was when its transaction fails', async () => {
    const before = await stored(store.db, 'batched');
    await expect(
      inTransaction(store.db, async (tx) => {
        await appendLogEntries(tx, 'batched', [entry(7), entry(8)]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await stored(store.db, 'batched')).toEqual(before);
  });
});

describe('entryText', () => {
  const record = (value: unknown): LogEntry => ({ ...entry(0), record: { value } });
  /** canonicalize's text, or its refusal. */
  const outcome = (f: () => string | undefined) => {
    try {
      return { text: f() };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  const same = (e: LogEntry) => expect(outcome(() => entryText(e))).toEqual(outcome(() => canonicalize(e)));

  it('is RFC 8785 as canonicalize writes it, for any JSON', () => {
    const text = fc.string({ unit: 'binary' });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), text, tie('list'), tie('object')),
      list: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(fc.oneof(text, fc.constantFrom('10', '2', '__proto__', 'a', 'B', 'é', '\u{1F600}')), tie('value'), { maxKeys: 6 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        same(record(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes or refuses what JSON.stringify would write otherwise, as canonicalize does', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    for (const value of [NaN, -Infinity, -0, 1e21, 'a\uD800b', { '\uDC00': 1 }, { 1: 'a', 0: 'b', a: 'c' }, sparse, [undefined, () => 1], { a: undefined, b: Symbol('s') }, new Date(0), Buffer.from('x'), { toJSON: () => ({ b: 1, a: 2 }) }, new Map([[1, 2]])]) {
      same(record(value));
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    same(record(cycle));
  });
});
