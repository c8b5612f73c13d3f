import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import { runTemplate, slot, template, type Template } from '../db/templates.ts';
import { planRoot, pow2, type NodeId, type Plan } from './merkle.ts';
import { planConsistency, planInclusion } from './proof.ts';
import { upperNodes } from './upper-nodes.ts';

/**
 * The stored tree of a log, read through proof plans: every root or proof is at most one query
 * for the O(log n) perfect-subtree hashes it needs (DESIGN §4: never a rebuild). The upper
 * levels, which every proof of a log shares, come from memory (upper-nodes.ts, decision 0015),
 * so a proof at 1,000,000 entries reads ~9 nodes from the database instead of ~25.
 */

/** The stored hashes of `ids`, from the database alone (`entente verify` checks what is stored). */
export async function fetchNodes(db: Db | Tx, logId: string, ids: readonly NodeId[]): Promise<Buffer[]> {
  if (ids.length === 0) return [];
  const key = (level: number, index: number) => `${level}:${index}`;
  const unique = new Map<string, NodeId>();
  for (const id of ids) unique.set(key(id.level, id.index), id);
  const wanted = [...unique.values()];
  // PostgreSQL plans a join against two arrays several times faster than a list of row values
  // (measured by the ledger bench: 0.7 against 1.9 ms for a proof at 1,000,000 entries).
  const rows =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (
          await sql<{ level: number; idx: number; hash: Buffer }>`select n.level, n.idx, n.hash from "logNodes" n
            join unnest(${wanted.map((id) => id.level)}::int[], ${wanted.map((id) => id.index)}::bigint[]) as q(level, idx)
            on n.level = q.level and n.idx = q.idx where n."logId" = ${logId}`.execute(db)
        ).rows
      : await runTemplate<{ level: number; idx: number; hash: Buffer }>(db, nodesQuery(db, wanted.length), nodeValues(logId, wanted));
  const found = new Map(rows.map((r) => [key(Number(r.level), Number(r.idx)), Buffer.from(r.hash)]));
  return ids.map((id) => {
    const hash = found.get(key(id.level, id.index));
    // A missing node is a damaged store, not bad input: say which.
    if (!hash) throw new Error(`log ${logId}: tree node (level ${id.level}, index ${id.index}) is missing`);
    return hash;
  });
}

/**
 * SQLite: one compiled query per number of nodes (a proof at 1M entries costs more to build than
 * to run). Every key is a whole (logId, level, idx) row value of the list: with `logId = ?` beside
 * the list, a database with ANALYZE statistics (sqlite_stat4) re-plans the statement at each run,
 * because the planner looked at that value, which cost more than the lookups themselves.
 */
function nodesQuery(db: Db | Tx, count: number): Template {
  return template(db, `log|fetch-nodes|${count}`, () =>
    db
      .selectFrom('logNodes')
      .select(['level', 'idx', 'hash'])
      .where((eb) =>
        eb(
          eb.refTuple('logId', 'level', 'idx'),
          'in',
          Array.from({ length: count }, (_, i) => eb.tuple(slot('logId'), slot(`l${i}`) as unknown as number, slot(`i${i}`) as unknown as number)),
        ),
      ),
  );
}

function nodeValues(logId: string, ids: readonly NodeId[]): Record<string, unknown> {
  const values: Record<string, unknown> = { logId };
  ids.forEach((id, i) => {
    values[`l${i}`] = id.level;
    values[`i${i}`] = id.index;
  });
  return values;
}

/**
 * Answers a plan at tree size `size`: kept upper nodes from memory, the rest in one query; the
 * upper nodes that query returned are kept when read outside a transaction (the log grew).
 */
async function run<T>(db: Db | Tx, logId: string, size: number, plan: Plan<T>): Promise<T> {
  const kept = await upperNodes(db, logId, size, (from, since, upTo) => upperLevels(db, logId, from, since, upTo));
  const hashes: Uint8Array[] = new Array<Uint8Array>(plan.ids.length);
  const missing: NodeId[] = [];
  plan.ids.forEach((id, i) => {
    const hash = kept?.nodes.get(id);
    if (hash) hashes[i] = hash;
    else missing.push(id);
  });
  if (missing.length > 0) {
    const fetched = await fetchNodes(db, logId, missing);
    let k = 0;
    plan.ids.forEach((id, i) => {
      if (hashes[i]) return;
      const hash = fetched[k++]!;
      hashes[i] = hash;
      if (kept?.mayAdd) kept.nodes.put(id, hash);
    });
  }
  return plan.build(hashes);
}

/** The stored nodes of levels ≥ `from` that the tree of `upTo` leaves has and that of `since` had not, in one query. */
async function upperLevels(db: Db | Tx, logId: string, from: number, since: number, upTo: number): Promise<Array<{ id: NodeId; hash: Uint8Array }>> {
  const ranges: Array<{ level: number; first: number; end: number }> = [];
  for (let level = from; pow2(level) <= upTo; level++) {
    const first = Math.floor(since / pow2(level));
    const end = Math.floor(upTo / pow2(level));
    if (end > first) ranges.push({ level, first, end });
  }
  if (ranges.length === 0) return [];
  const rows = await db
    .selectFrom('logNodes')
    .select(['level', 'idx', 'hash'])
    .where('logId', '=', logId)
    .where((eb) => eb.or(ranges.map(({ level, first, end }) => eb.and([eb('level', '=', level), eb('idx', '>=', first), eb('idx', '<', end)]))))
    .execute();
  return rows.map((r) => ({ id: { level: Number(r.level), index: Number(r.idx) }, hash: r.hash }));
}

/** Two plans answered together: what one query for both costs, instead of two queries. */
function both<A, B>(a: Plan<A>, b: Plan<B>): Plan<[A, B]> {
  const split = a.ids.length;
  return { ids: [...a.ids, ...b.ids], build: (hashes) => [a.build(hashes.slice(0, split)), b.build(hashes.slice(split))] };
}

export const rootAt = (db: Db | Tx, logId: string, size: number) => run(db, logId, size, planRoot(size));
export const inclusionProof = (db: Db | Tx, logId: string, index: number, size: number) => run(db, logId, size, planInclusion(index, size));
export const consistencyProof = (db: Db | Tx, logId: string, size1: number, size2: number) => run(db, logId, size2, planConsistency(size1, size2));

/** What GET …/proof/inclusion serves: the proof of leaf `index` and the root of the tree of `size`. */
export async function inclusionProofWithRoot(db: Db | Tx, logId: string, index: number, size: number): Promise<{ proof: Buffer[]; root: Buffer }> {
  const [proof, root] = await run(db, logId, size, both(planInclusion(index, size), planRoot(size)));
  return { proof, root };
}
