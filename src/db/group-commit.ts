import type { ControlledTransaction, Kysely, Transaction } from 'kysely';

/**
 * Group commit for the embedded database (decision 0011).
 *
 * A durable SQLite commit is an fsync, and one connection manages about 2,000 of them a second
 * on this machine: with one transaction per request that is the server's ceiling for writes,
 * whatever the CPU. Here the transactions of concurrent requests run one after the other
 * inside one database transaction, each in its own savepoint, and are committed (fsynced)
 * together. Each caller's promise settles only after that commit: a request is answered only
 * once its change is on disk, as before.
 *
 * A unit of work that throws is rolled back to its savepoint and only its caller sees the
 * error; the others in the batch are unaffected. If the commit itself fails, every caller of
 * the batch gets that error and nothing of the batch is kept.
 *
 * Work must not start another transaction on the same database from inside itself (it would
 * wait for its own batch); the write path passes its `tx` down instead.
 */

interface Unit<DB> {
  work: (tx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** Enough to amortise the fsync; few enough that no caller waits long behind the others. */
const MAX_BATCH = 64;

export class GroupCommit<DB> {
  #queue: Unit<DB>[] = [];
  #running = false;

  constructor(private readonly db: Kysely<DB>) {}

  run<T>(work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length) await this.#batch();
    } finally {
      this.#running = false;
    }
  }

  async #batch(): Promise<void> {
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (err) {
      for (const unit of this.#queue.splice(0)) unit.reject(err);
      return;
    }
    const done: Array<{ unit: Unit<DB>; value: unknown }> = [];
    let count = 0;
    while (count < MAX_BATCH) {
      let unit = this.#queue.shift();
      if (!unit) {
        // Let requests that are still being read and checked reach the queue before the batch
        // closes: one turn of the event loop, at no cost when none comes.
        await new Promise((resolve) => setImmediate(resolve));
        unit = this.#queue.shift();
        if (!unit) break;
      }
      count++;
      const sp = await trx.savepoint('unit').execute();
      try {
        const value = await unit.work(sp);
        await sp.releaseSavepoint('unit').execute();
        done.push({ unit, value });
      } catch (err) {
        try {
          await sp.rollbackToSavepoint('unit').execute();
          await sp.releaseSavepoint('unit').execute();
        } catch {
          // The transaction itself is gone (the database refused more work): the commit below
          // fails and reports it to every caller.
        }
        unit.reject(err);
      }
    }
    try {
      await trx.commit().execute();
    } catch (err) {
      await trx.rollback().execute().catch(() => {});
      for (const { unit } of done) unit.reject(err);
      return;
    }
    for (const { unit, value } of done) unit.resolve(value);
  }
}
