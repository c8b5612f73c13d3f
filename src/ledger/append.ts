import canonicalize from 'canonicalize';
import type { Tx } from '../db/index.ts';
import { runTemplate, slot, template } from '../db/templates.ts';
import type { Marking } from '../record/common/fields.ts';

/**
 * The log step of the write path: inside the writer's transaction, append one canonical
 * entry (RFC 8785) to the log the record's marking selects, and return its index.
 *
 * Joint and public records go to the mechanism's joint log; internal records to the owner
 * party's own log of that mechanism. Directory records (parties, people) use the
 * "directory" logs in the same way. The Merkle tree and checkpoints over these entries are
 * the ledger's own work (issue 4); the sequence here is already gap-free: the log's size
 * row is incremented with a row lock held to the end of the transaction.
 */
export interface LogEntry {
  v: 1;
  at: string;
  actor: string;
  party: string;
  op: 'create' | 'update' | 'delete' | 'marking' | 'withdraw';
  kind: string;
  id: string;
  record: Record<string, unknown> | null;
}

export function logIdFor(mechanismId: string | null | undefined, marking: Marking, ownerParty: string): string {
  const base = mechanismId ?? 'directory';
  return marking === 'internal' ? `${base}/${ownerParty}` : base;
}

export async function appendLogEntry(tx: Tx, logId: string, entry: LogEntry): Promise<number> {
  const text = canonicalize(entry);
  if (text === undefined) throw new Error('log entry is not serialisable');
  const bump = async () => {
    const t = template(tx, 'log|bump', () =>
      tx
        .updateTable('logs')
        .set((eb) => ({ size: eb('size', '+', 1) }))
        .where('id', '=', slot('logId'))
        .returning('size'),
    );
    return (await runTemplate<{ size: number }>(tx, t, { logId }))[0];
  };
  let head = await bump();
  if (!head) {
    // First entry of this log. Another writer may create it at the same moment: do nothing
    // on conflict, then take the row lock like everyone else.
    const [mechanismId, party] = logId.split('/');
    await tx
      .insertInto('logs')
      .values({ id: logId, mechanismId: mechanismId!, party: party ?? null, size: 0 })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    head = await bump();
    if (!head) throw new Error(`log ${logId} could not be created`);
  }
  const index = Number(head.size) - 1;
  const insert = template(tx, 'log|insert', () => tx.insertInto('logEntries').values({ logId: slot('logId'), idx: slot('idx') as unknown as number, entry: slot('entry') }));
  await runTemplate(tx, insert, { logId, idx: index, entry: text });
  return index;
}
