import type { Db, Tx } from '../db/index.ts';
import { HASH_SIZE, pow2, type NodeId } from './merkle.ts';

/**
 * The upper levels of each log's tree, kept in memory (decision 0015).
 *
 * A proof at 1,000,000 entries needs ~20 perfect nodes; all but the ~9 below level 8 are among
 * the few thousand upper nodes that every proof and root of the log share. A perfect node never
 * changes once committed (decision 0008), so a copy stays right as long as the database does.
 * Only nodes read outside a transaction are kept: those reads see committed rows only (on SQLite
 * the reader connection, on PostgreSQL an autocommit statement), so a copy never holds a node
 * of a transaction that may still roll back. Inside a transaction the copies are read, never added.
 *
 * Bounded: per log, only levels ≥ `fromLevel(size)`, at most 2^15 nodes (1 MiB of hashes).
 * The copies belong to one database handle (its dialect adapter, shared by its transactions),
 * never to a log id alone: two stores in one process keep their own.
 */

/** Lowest level kept, for logs below 2^22 entries (fewer than 2 × 2^22 / 2^8 = 32,768 nodes). */
export const LOWEST_KEPT_LEVEL = 8;
/** From 2^22 entries on, the lowest kept level rises with the size, so the count stays below 2^15. */
const MAX_KEPT_BITS = 14;

/** The lowest level kept for a tree of `size` leaves. */
export function fromLevel(size: number): number {
  return Math.max(LOWEST_KEPT_LEVEL, bitLength(size) - MAX_KEPT_BITS);
}

function bitLength(n: number): number {
  return n === 0 ? 0 : Math.floor(Math.log2(n)) + 1;
}

/** One level's hashes, index by index in one buffer, with which of them are present. */
interface Level {
  hashes: Buffer;
  present: Uint8Array;
}

/** The kept nodes of one log. */
export class UpperNodes {
  #levels: Level[] = [];

  constructor(private lowest: number) {}

  get from(): number {
    return this.lowest;
  }

  /** The node's hash, a view of the kept bytes (callers copy what they hand out), or undefined. */
  get(id: NodeId): Buffer | undefined {
    const level = this.#levels[id.level - this.lowest];
    if (!level || id.index >= level.present.length || level.present[id.index] === 0) return undefined;
    return level.hashes.subarray(id.index * HASH_SIZE, (id.index + 1) * HASH_SIZE);
  }

  /** Keeps a committed node (ignored below the kept levels). */
  put(id: NodeId, hash: Uint8Array): void {
    if (id.level < this.lowest || hash.length !== HASH_SIZE) return;
    const level = this.#grow(id.level - this.lowest, id.index + 1);
    level.hashes.set(hash, id.index * HASH_SIZE);
    level.present[id.index] = 1;
  }

  /** Drops the levels below `lowest` (the log grew past what the lower ones may hold). */
  raise(lowest: number): void {
    if (lowest <= this.lowest) return;
    this.#levels = this.#levels.slice(lowest - this.lowest);
    this.lowest = lowest;
  }

  #grow(at: number, count: number): Level {
    const level = this.#levels[at];
    if (level && level.present.length >= count) return level;
    const capacity = Math.max(count, 2 * (level?.present.length ?? 0), 16);
    const grown: Level = { hashes: Buffer.alloc(capacity * HASH_SIZE), present: new Uint8Array(capacity) };
    if (level) {
      grown.hashes.set(level.hashes);
      grown.present.set(level.present);
    }
    for (let i = this.#levels.length; i < at; i++) this.#levels[i] = { hashes: Buffer.alloc(0), present: new Uint8Array(0) };
    this.#levels[at] = grown;
    return grown;
  }
}

interface Kept {
  nodes: UpperNodes;
  /** Every kept-level node of the tree of this size has been read (more may be, one by one). */
  loadedUpTo: number;
  /** The bulk read in progress, if any (one at a time: the others wait for it). */
  loading: Promise<void> | undefined;
}

/** Rows of the stored upper levels of a log: levels ≥ from, nodes of trees of sizes (since, upTo]. */
export type LoadLevels = (from: number, since: number, upTo: number) => Promise<Array<{ id: NodeId; hash: Uint8Array }>>;

const byDatabase = new WeakMap<object, Map<string, Kept>>();

function keptFor(adapter: object): Map<string, Kept> {
  const logs = new Map<string, Kept>();
  byDatabase.set(adapter, logs);
  return logs;
}

/**
 * The kept upper nodes of `logId` for a read at tree size `size`, and whether this caller may
 * add to them (only outside a transaction). Outside a transaction, the first read of a log
 * loads every kept-level node of its size in one query, and so does a read at twice the size
 * last loaded (the log grew a lot since); in between, reads add the few new nodes they fetch.
 */
export async function upperNodes(db: Db | Tx, logId: string, size: number, loadLevels: LoadLevels): Promise<{ nodes: UpperNodes; mayAdd: boolean } | undefined> {
  const adapter = db.getExecutor().adapter;
  const logs = byDatabase.get(adapter) ?? keptFor(adapter);
  let kept = logs.get(logId);
  if (db.isTransaction) return kept && { nodes: kept.nodes, mayAdd: false };

  const from = fromLevel(size);
  if (!kept) {
    if (size < pow2(from)) return undefined; // a tree this small has no node at a kept level
    logs.set(logId, (kept = { nodes: new UpperNodes(from), loadedUpTo: 0, loading: undefined }));
  }
  kept.nodes.raise(from);
  while (kept.loading) await kept.loading.catch(() => {}); // its caller reports its failure
  if (size >= 2 * kept.loadedUpTo && size >= pow2(kept.nodes.from)) await load(kept, size, loadLevels);
  return { nodes: kept.nodes, mayAdd: true };
}

async function load(kept: Kept, size: number, loadLevels: LoadLevels): Promise<void> {
  const since = kept.loadedUpTo;
  kept.loading = loadLevels(kept.nodes.from, since, size).then((rows) => {
    for (const row of rows) kept.nodes.put(row.id, row.hash);
    kept.loadedUpTo = size;
  });
  try {
    await kept.loading;
  } finally {
    kept.loading = undefined;
  }
}
