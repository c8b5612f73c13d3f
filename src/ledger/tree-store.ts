import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import { runTemplate, slot, template, type Template } from '../db/templates.ts';
import { planRoot, type NodeId, type Plan } from './merkle.ts';
import { planConsistency, planInclusion } from './proof.ts';

/**
 * The stored tree of a log, read through proof plans: every root or proof is one query for
 * the O(log n) perfect-subtree hashes it needs (DESIGN §4: never a rebuild).
 */

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

/** SQLite: one compiled query per number of nodes (a proof at 1M entries costs more to build than to run). */
function nodesQuery(db: Db | Tx, count: number): Template {
  return template(db, `log|fetch-nodes|${count}`, () =>
    db
      .selectFrom('logNodes')
      .select(['level', 'idx', 'hash'])
      .where('logId', '=', slot('logId'))
      .where((eb) => eb(eb.refTuple('level', 'idx'), 'in', Array.from({ length: count }, (_, i) => eb.tuple(slot(`l${i}`) as unknown as number, slot(`i${i}`) as unknown as number)))),
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

async function run<T>(db: Db | Tx, logId: string, plan: Plan<T>): Promise<T> {
  return plan.build(await fetchNodes(db, logId, plan.ids));
}

export const rootAt = (db: Db | Tx, logId: string, size: number) => run(db, logId, planRoot(size));
export const inclusionProof = (db: Db | Tx, logId: string, index: number, size: number) => run(db, logId, planInclusion(index, size));
export const consistencyProof = (db: Db | Tx, logId: string, size1: number, size2: number) => run(db, logId, planConsistency(size1, size2));
