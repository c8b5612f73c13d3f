import { sql } from 'kysely';
import { inTransaction, type Store, type Tx } from '../db/index.ts';
import { signCheckpoint } from './checkpoint.ts';
import { splitFrontier } from './append.ts';
import { rootFromFrontier } from './merkle.ts';
import type { NodeKey } from './node-key.ts';
import { RoundsInTurn } from '../http/rounds-in-turn.ts';

/**
 * Signing checkpoints. Entries count as published once a checkpoint covers them (DESIGN §4).
 * After writes a log gets a new checkpoint within a second (the server checks every second
 * which logs grew), and on demand. Several server processes may share one PostgreSQL
 * database: one signs at a time, under a transaction-scoped advisory lock; the others skip
 * the round (or, on demand, wait for it).
 */

/** The origin line of a log's checkpoints: the node's name and the log's id. */
export function originOf(nodeName: string, logId: string): string {
  return `${nodeName}/${logId}`;
}

const SIGNER_LOCK = 0x656e7465; // "ente"

async function takeSignerLock(tx: Tx, store: Store, wait: boolean): Promise<boolean> {
  if (store.dialect !== 'postgres') return true; // one process per SQLite data directory (the data-dir lock)
  if (wait) {
    await sql`select pg_advisory_xact_lock(${SIGNER_LOCK})`.execute(tx);
    return true;
  }
  const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SIGNER_LOCK}) as ok`.execute(tx);
  return got.rows[0]?.ok === true;
}

/**
 * Signs a checkpoint for every log (or only `logId`) that grew since its latest one. Returns
 * the number signed; 0 when another process holds the signer's lock and `wait` is false.
 */
export async function signDueCheckpoints(store: Store, key: NodeKey, opts: { logId?: string; wait?: boolean } = {}): Promise<number> {
  return inTransaction(store.db, async (tx) => {
    if (!(await takeSignerLock(tx, store, opts.wait ?? false))) return 0;
    let logs = tx.selectFrom('logs').select(['id', 'size', 'frontier']);
    if (opts.logId !== undefined) logs = logs.where('id', '=', opts.logId);
    const latest = await tx.selectFrom('checkpoints').select(['logId', (eb) => eb.fn.max('size').as('size')]).groupBy('logId').execute();
    const signedUpTo = new Map(latest.map((c) => [c.logId, Number(c.size)]));
    const at = new Date().toISOString();
    let signed = 0;
    for (const log of await logs.execute()) {
      const size = Number(log.size);
      if (size === 0 || size <= (signedUpTo.get(log.id) ?? 0)) continue;
      const root = rootFromFrontier(splitFrontier(log.frontier));
      const note = signCheckpoint({ origin: originOf(key.name, log.id), size, root }, key.signer);
      await tx.insertInto('checkpoints').values({ logId: log.id, size, root, note, at }).execute();
      signed++;
    }
    return signed;
  });
}

/** The server's side: a check every second, stopped with the server. */
export class Checkpointer {
  private readonly rounds: RoundsInTurn;

  constructor(
    private readonly store: Store,
    private readonly key: NodeKey,
    onError: (err: unknown) => void,
  ) {
    this.rounds = new RoundsInTurn(onError);
  }

  start(intervalMs = 1000): void {
    this.rounds.every(intervalMs, () => signDueCheckpoints(this.store, this.key));
  }

  /** Signs now (for `logId`, or every log that grew), after any round in progress. */
  now(logId?: string): Promise<number> {
    return this.rounds.now(() => signDueCheckpoints(this.store, this.key, { logId, wait: true }));
  }

  stop(): Promise<void> {
    return this.rounds.stop();
  }
}
