import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from './index.ts';
import { freshStore, type TestStore } from '../../test/support/store.ts';

/**
 * inTransaction's contract, on whichever database the suite runs on (SQLite: group commit over
 * a writer and a reader connection): each caller's work commits or rolls back on its own, its
 * promise settles only once its change is committed, and reads outside a transaction see
 * committed data only and never wait for an open transaction.
 */

let store: TestStore;
beforeAll(async () => {
  store = await freshStore();
});
afterAll(async () => {
  await store.destroy();
});

const keysLike = async (prefix: string) =>
  (await store.db.selectFrom('meta').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute()).map((r) => r.key);

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('inTransaction', () => {
  it('commits each concurrent caller on its own: a failing one leaves no trace, the others all land', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        inTransaction(store.db, async (tx) => {
          const key = `many-${String(i).padStart(2, '0')}`;
          await tx.insertInto('meta').values({ key, value: 'a' }).execute();
          await tx.updateTable('meta').set({ value: 'b' }).where('key', '=', key).execute();
          if (i % 7 === 3) throw new Error(`refused ${i}`);
          return key;
        }),
      ),
    );
    const kept = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(refused).toEqual(Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 7 === 3));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toContain('Error: refused 3');
    expect(await keysLike('many-')).toEqual(kept);
    const values = await store.db.selectFrom('meta').select('value').where('key', 'like', 'many-%').execute();
    expect(new Set(values.map((v) => v.value))).toEqual(new Set(['b']));
  });

  it('settles only after the commit, and readers never see the uncommitted change', async () => {
    const g = gate();
    let inserted = false;
    const writing = inTransaction(store.db, async (tx) => {
      await tx.insertInto('meta').values({ key: 'gated-1', value: 'x' }).execute();
      inserted = true;
      await g.opened;
      return 'done';
    });
    // A second caller (SQLite: queued behind the open one; PostgreSQL: on its own connection).
    const second = inTransaction(store.db, (tx) => tx.insertInto('meta').values({ key: 'gated-2', value: 'y' }).execute());
    while (!inserted) await new Promise((r) => setTimeout(r, 1));
    // The read outside a transaction answers while the transaction is open, from committed data.
    expect(await keysLike('gated-1')).toEqual([]);
    g.open();
    expect(await writing).toBe('done');
    await second;
    expect(await keysLike('gated-')).toEqual(['gated-1', 'gated-2']);
  });

  it('a unit that fails on a constraint is rolled back alone, even in the middle of others', async () => {
    await inTransaction(store.db, (tx) => tx.insertInto('meta').values({ key: 'dup', value: '1' }).execute());
    const [a, b, c] = await Promise.allSettled([
      inTransaction(store.db, (tx) => tx.insertInto('meta').values({ key: 'dup-a', value: '1' }).execute()),
      inTransaction(store.db, async (tx) => {
        await tx.insertInto('meta').values({ key: 'dup-b', value: '1' }).execute();
        await tx.insertInto('meta').values({ key: 'dup', value: '2' }).execute(); // primary key taken
      }),
      inTransaction(store.db, (tx) => tx.insertInto('meta').values({ key: 'dup-c', value: '1' }).execute()),
    ]);
    expect([a.status, b.status, c.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await keysLike('dup')).toEqual(['dup', 'dup-a', 'dup-c']);
    expect((await store.db.selectFrom('meta').select('value').where('key', '=', 'dup').executeTakeFirstOrThrow()).value).toBe('1');
  });
});
