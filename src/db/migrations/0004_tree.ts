import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';
import { appendSteps, HASH_SIZE, leafHash } from '../../ledger/merkle.ts';

/**
 * The Merkle tree over each log (DESIGN §4): every complete subtree hash (`logNodes`), the
 * frontier of the current size in the log's row (what the next append needs), and the signed
 * checkpoints. Logs written before this migration get their tree computed here.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema.alterTable('logs').addColumn('frontier', bytes).execute();

  await db.schema
    .createTable('logNodes')
    .addColumn('logId', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('hash', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('logNodes_pk', ['logId', 'level', 'idx'])
    // On SQLite the hash lives in the primary-key B-tree itself: a proof's lookups touch one tree, not two.
    .$call((t) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();

  await db.schema
    .createTable('checkpoints')
    .addColumn('logId', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('root', bytes, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkpoints_pk', ['logId', 'size'])
    .execute();

  // Trees of the logs that exist already, entry by entry.
  const t = db as unknown as Kysely<{
    logs: { id: string; size: number; frontier: Buffer | null };
    logEntries: { logId: string; idx: number; entry: string };
    logNodes: { logId: string; level: number; idx: number; hash: Buffer };
  }>;
  for (const log of await t.selectFrom('logs').select(['id', 'size']).execute()) {
    let frontier: Buffer[] = [];
    const entries = await t.selectFrom('logEntries').select(['idx', 'entry']).where('logId', '=', log.id).orderBy('idx').execute();
    const nodes: Array<{ logId: string; level: number; idx: number; hash: Buffer }> = [];
    for (const e of entries) {
      const step = appendSteps(Number(e.idx), leafHash(Buffer.from(e.entry, 'utf8')), frontier);
      frontier = step.frontier;
      for (const n of step.nodes) nodes.push({ logId: log.id, level: n.id.level, idx: n.id.index, hash: n.hash });
    }
    for (let i = 0; i < nodes.length; i += 500) await t.insertInto('logNodes').values(nodes.slice(i, i + 500)).execute();
    await t.updateTable('logs').set({ frontier: Buffer.concat(frontier, frontier.length * HASH_SIZE) }).where('id', '=', log.id).execute();
  }
}
