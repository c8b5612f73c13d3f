import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../../test/support/store.ts';
import { inTransaction, openStore, type Db, type Store, type Tx } from '../db/index.ts';
import { appendLogEntry, entryText, type LogEntry } from './append.ts';
import { MemoryTree, planRoot, type Plan } from './merkle.ts';
import { planConsistency, planInclusion } from './proof.ts';
import { consistencyProof, fetchNodes, inclusionProof, inclusionProofWithRoot, rootAt } from './tree-store.ts';
import { LOWEST_KEPT_LEVEL } from './upper-nodes.ts';

/**
 * Roots and proofs read through the kept upper levels (upper-nodes.ts) against the same plans
 * answered from the database alone and against an in-memory tree of the same entries, on the
 * backend the run selects: before and after appends that complete new upper nodes, from a
 * second store on the same database, and around a transaction that rolls back.
 */

let a: TestStore;
/** A second store instance on the same database (another process would be the same). */
let b: Store;

beforeAll(async () => {
  a = await freshStore();
  b = await openStore({ dataDir: a.dataDir, databaseUrl: a.databaseUrl, lock: false });
});
afterAll(async () => {
  await b?.close();
  await a?.destroy();
});

const UPPER = 2 ** LOWEST_KEPT_LEVEL;

function entry(n: number, tag: string): LogEntry {
  return { v: 1, at: '2026-01-01T00:00:00.000Z', actor: 'tester', party: 'cn', op: 'create', kind: 'milestone', id: `${tag}-${n}`, record: { n } };
}

/** Appends `count` entries through the write path's log step, in one transaction. */
async function append(db: Db, logId: string, tree: MemoryTree, count: number, tag: string): Promise<void> {
  const entries = Array.from({ length: count }, (_, i) => entry(tree.size + i, tag));
  await inTransaction(db, async (tx) => {
    for (const e of entries) await appendLogEntry(tx, logId, e);
  });
  for (const e of entries) tree.append(Buffer.from(entryText(e), 'utf8'));
}

/** The plan answered from stored rows only, as `entente verify` reads them. */
async function fromDatabase<T>(db: Db | Tx, logId: string, plan: Plan<T>): Promise<T> {
  return plan.build(await fetchNodes(db, logId, plan.ids));
}

/** Indices spread over the tree, both ends included. */
function indices(size: number): number[] {
  const step = Math.max(1, Math.floor(size / 37));
  const out = new Set<number>([0, 1, size - 2, size - 1]);
  for (let i = 0; i < size; i += step) out.add(i);
  return [...out].filter((i) => i >= 0 && i < size);
}

/** Every read of `store` at `size` equals the database's own answer and the in-memory tree's. */
async function expectSameAnswers(db: Db, logId: string, tree: MemoryTree, size: number): Promise<void> {
  const root = tree.rootAt(size);
  expect(await rootAt(db, logId, size)).toEqual(root);
  expect(await fromDatabase(db, logId, planRoot(size))).toEqual(root);
  for (const index of indices(size)) {
    const expected = tree.resolve(planInclusion(index, size));
    expect(await fromDatabase(db, logId, planInclusion(index, size))).toEqual(expected);
    expect(await inclusionProof(db, logId, index, size)).toEqual(expected);
    expect(await inclusionProofWithRoot(db, logId, index, size)).toEqual({ proof: expected, root });
  }
  for (const size1 of [1, 3, UPPER, UPPER + 5, size - 1]) {
    if (size1 > size) continue;
    const expected = tree.resolve(planConsistency(size1, size));
    expect(await fromDatabase(db, logId, planConsistency(size1, size))).toEqual(expected);
    expect(await consistencyProof(db, logId, size1, size)).toEqual(expected);
  }
}

describe('roots and proofs through the kept upper levels', () => {
  it('equal the database and the in-memory tree, as the log grows, from two stores', async () => {
    const logId = 'kept-levels';
    const tree = new MemoryTree();
    await append(a.db, logId, tree, 3 * UPPER - 17, 'first'); // level 8: nodes 0, 1; level 9: node 0
    await expectSameAnswers(a.db, logId, tree, tree.size);
    await expectSameAnswers(b.db, logId, tree, tree.size);

    // Appends through the other store complete new nodes at levels 8, 9 and 10.
    const before = tree.size;
    await append(b.db, logId, tree, 2 * UPPER + 40, 'second');
    expect(Math.floor(tree.size / (4 * UPPER))).toBe(1);
    await expectSameAnswers(a.db, logId, tree, tree.size);
    await expectSameAnswers(a.db, logId, tree, before); // older sizes still answer
    await expectSameAnswers(b.db, logId, tree, tree.size);

    // At twice the size last read in bulk, the new upper levels are read in bulk again.
    const middle = tree.size;
    await append(b.db, logId, tree, middle + 7, 'third');
    await expectSameAnswers(a.db, logId, tree, tree.size);
    await expectSameAnswers(a.db, logId, tree, middle);
  });

  it('never keeps a node of a transaction that rolled back', async () => {
    const logId = 'kept-levels-rollback';
    const tree = new MemoryTree();
    await append(a.db, logId, tree, UPPER + 10, 'first');
    await expectSameAnswers(a.db, logId, tree, tree.size); // the upper levels are now kept

    // Inside a transaction that appends and then fails, its own reads see its nodes...
    const doomed = new MemoryTree();
    for (let i = 0; i < tree.size; i++) doomed.appendLeafHash(tree.node({ level: 0, index: i })!);
    const failure = new Error('roll back');
    await expect(
      inTransaction(a.db, async (tx) => {
        for (let i = 0; i < 2 * UPPER; i++) {
          const e = entry(doomed.size, 'doomed');
          await appendLogEntry(tx, logId, e);
          doomed.append(Buffer.from(entryText(e), 'utf8'));
        }
        for (const index of [0, UPPER + 3, doomed.size - 1]) {
          const plan = planInclusion(index, doomed.size);
          expect(await inclusionProof(tx, logId, index, doomed.size)).toEqual(doomed.resolve(plan));
          expect(await fromDatabase(tx, logId, plan)).toEqual(doomed.resolve(plan));
        }
        throw failure;
      }),
    ).rejects.toBe(failure);
    // On SQLite the failed unit's batch commits after it is answered; the other store's
    // writer would wait for it while holding this process.
    await inTransaction(a.db, async () => {});

    // ...and once other entries take the same indices, every read outside sees only those.
    await append(b.db, logId, tree, 2 * UPPER, 'kept');
    expect(tree.rootAt(tree.size)).not.toEqual(doomed.rootAt(doomed.size));
    await expectSameAnswers(a.db, logId, tree, tree.size);
  });

  it('reads a kept upper node from memory, not from its stored row again', async () => {
    const logId = 'kept-levels-memory';
    const tree = new MemoryTree();
    await append(a.db, logId, tree, 2 * UPPER, 'first');
    const index = 7;
    const proof = await inclusionProof(a.db, logId, index, tree.size);
    // Node (8, 1) is the last element of this proof. Changing its stored row (what `entente
    // verify` exists to catch) shows which reads still go to the database.
    const upper = { level: LOWEST_KEPT_LEVEL, index: 1 };
    await a.db.updateTable('logNodes').set({ hash: Buffer.alloc(32, 7) }).where('logId', '=', logId).where('level', '=', upper.level).where('idx', '=', upper.index).execute();
    expect(await inclusionProof(a.db, logId, index, tree.size)).toEqual(proof);
    expect((await fetchNodes(a.db, logId, [upper]))[0]).toEqual(Buffer.alloc(32, 7));
    // A store that has not read it yet serves the stored row.
    expect((await inclusionProof(b.db, logId, index, tree.size)).at(-1)).toEqual(Buffer.alloc(32, 7));
  });
});
