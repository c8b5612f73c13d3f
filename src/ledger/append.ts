import canonicalize from 'canonicalize';
import { PostgresAdapter, sql } from 'kysely';
import { beforeCommit, type Dialect, type Tx } from '../db/index.ts';
import { runTemplate, slot, template } from '../db/templates.ts';
import type { Marking } from '../record/common/fields.ts';
import { insertRows } from '../db/insert-rows.ts';
import { appendRun, appendSteps, HASH_SIZE, leafHashOfText, type StoredNode } from './merkle.ts';

/**
 * The log step of the write path: inside the writer's transaction, append one canonical
 * entry (RFC 8785) to the log the record's marking selects, extend that log's Merkle tree,
 * and return the entry's index.
 *
 * Joint and public records go to the mechanism's joint log; internal records to the owner
 * party's own log of that mechanism. Directory records (parties, people) use the
 * "directory" logs in the same way. The sequence is gap-free and ordered across processes:
 * the log's row is updated first, which holds its row lock to the end of the transaction,
 * and that row carries the tree's frontier (the O(log n) hashes the next append needs).
 */
export interface LogEntry {
  v: 1;
  at: string;
  actor: string;
  party: string;
  op: 'create' | 'update' | 'delete' | 'marking' | 'withdraw' | 'roles' | 'cosign' | 'conclude';
  kind: string;
  id: string;
  record: Record<string, unknown> | null;
}

export function logIdFor(mechanismId: string | null | undefined, marking: Marking, ownerParty: string): string {
  const base = mechanismId ?? 'directory';
  return marking === 'internal' ? `${base}/${ownerParty}` : base;
}

/** The bytes of an entry as the log stores and hashes them. */
export function entryText(entry: LogEntry): string {
  // Written directly with the engine's JSON.stringify for strings and numbers (which is what
  // RFC 8785 prescribes for them) and keys sorted as RFC 8785 sorts them: a fraction of
  // canonicalize's cost (a bulk import spent an eighth of its time there). Whatever that could
  // write differently, or canonicalize would refuse, goes to canonicalize itself.
  const text = canonicalText(entry, 0) ?? canonicalize(entry);
  if (text === undefined) throw new Error('log entry is not serialisable');
  return text;
}

/**
 * RFC 8785 text of `value`, or undefined where this writer and canonicalize could differ:
 * keys that begin with a digit (the engine orders array-index keys first), non-finite
 * numbers, lone surrogates, toJSON, values JSON has no form for, holes in arrays, and nesting
 * deep enough to be a cycle.
 */
function canonicalText(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return value.isWellFormed() ? JSON.stringify(value) : undefined;
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth > 64 || typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
      return Array.isArray(value) ? canonicalItems(value, depth) : canonicalFields(value as Record<string, unknown>, depth);
    default:
      return undefined;
  }
}

function canonicalItems(list: readonly unknown[], depth: number): string | undefined {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    // A hole: canonicalize writes nothing there, not null.
    if (!(i in list)) return undefined;
    const item = list[i];
    const text = item === undefined || typeof item === 'symbol' ? 'null' : canonicalText(item, depth + 1);
    if (text === undefined) return undefined;
    out += i === 0 ? text : ',' + text;
  }
  return out + ']';
}

function canonicalFields(object: Record<string, unknown>, depth: number): string | undefined {
  const order = keyOrder(Object.keys(object));
  if (order === undefined) return undefined;
  let out = '{';
  let first = true;
  for (let i = 0; i < order.keys.length; i++) {
    const field = object[order.keys[i]!];
    if (field === undefined || typeof field === 'symbol') continue;
    const text = canonicalText(field, depth + 1);
    if (text === undefined) return undefined;
    out += (first ? order.quoted[i]! : ',' + order.quoted[i]!) + text;
    first = false;
  }
  return out + '}';
}

interface KeyOrder {
  /** The keys, sorted as RFC 8785 sorts them (UTF-16 code units, what Array.sort does). */
  keys: string[];
  /** Each as it is written: `"key":`. */
  quoted: string[];
}

/**
 * The sorted order of an object's keys, remembered for the last few key lists seen: the
 * objects of one kind (records, entries, texts) share theirs, and a bulk import writes
 * thousands of each. The lists compare key by key; the engine's keys of the same name are
 * one string, so that is cheap. Undefined for keys this writer leaves to canonicalize.
 */
const orders: Array<{ given: string[]; order: KeyOrder | undefined }> = [];

function keyOrder(given: string[]): KeyOrder | undefined {
  for (const o of orders) {
    if (o.given.length !== given.length) continue;
    let same = true;
    for (let i = 0; i < given.length; i++) {
      if (o.given[i] !== given[i]) {
        same = false;
        break;
      }
    }
    if (same) return o.order;
  }
  let order: KeyOrder | undefined;
  if (given.every((key) => !(key.charCodeAt(0) >= 0x30 && key.charCodeAt(0) <= 0x39) && key.isWellFormed())) {
    const keys = [...given].sort();
    order = { keys, quoted: keys.map((key) => JSON.stringify(key) + ':') };
  }
  if (orders.length >= 16) orders.pop();
  orders.unshift({ given, order });
  return order;
}

const isPostgres = (tx: Tx) => tx.getExecutor().adapter instanceof PostgresAdapter;

export function splitFrontier(blob: Uint8Array | null): Buffer[] {
  const out: Buffer[] = [];
  if (!blob) return out;
  for (let i = 0; i + HASH_SIZE <= blob.length; i += HASH_SIZE) out.push(Buffer.from(blob.subarray(i, i + HASH_SIZE)));
  return out;
}

/**
 * A transaction that appends to more than one log takes their row locks first, in one order
 * (sorted ids): two writers moving records between the same two logs in opposite directions
 * would otherwise each hold one lock and wait for the other (a deadlock on PostgreSQL; SQLite
 * has one writer at a time anyway).
 */
export async function lockLogs(tx: Tx, dialect: Dialect, logIds: readonly string[]): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const id of [...new Set(logIds)].sort()) await sql`select 1 from logs where id = ${id} for update`.execute(tx);
}

/**
 * The heads this transaction holds (it appended to them, so it has their row locks and their
 * rows change only through it): a run of appends in one transaction, a bulk import, reads
 * each log's row once.
 */
const heldHeads = new WeakMap<Tx, Map<string, Head>>();

/** The heads `tx` holds, written back once before it commits. */
function heldHeadsOf(tx: Tx): Map<string, Head> {
  let held = heldHeads.get(tx);
  if (!held) {
    const heads = (held = new Map());
    heldHeads.set(tx, heads);
    beforeCommit(tx, () => writeHeads(tx, heads));
  }
  return held;
}

interface Head {
  size: number;
  frontier: Buffer[];
  /** Appended to since the log's row was last written. */
  dirty?: boolean;
}

/**
 * The log rows this transaction advanced, written once before it commits (beforeCommit): on
 * PostgreSQL each UPDATE of a row leaves a version that every later lookup of the row walks
 * until the transaction ends, so a bulk import that updated it per append slowed with each one.
 * A log's row is locked from the first read, so nobody else sees or moves it meanwhile; a
 * transaction that fails never writes it, and one that forgot to would fail its next append
 * on the entries' primary key, never skip or reuse an index.
 */
async function writeHeads(tx: Tx, held: Map<string, Head>): Promise<void> {
  const advance = template(tx, 'log|advance', () =>
    tx.updateTable('logs').set({ size: slot('size') as unknown as number, frontier: slot('frontier') as unknown as Buffer }).where('id', '=', slot('logId')),
  );
  for (const [logId, head] of held) {
    if (!head.dirty) continue;
    await runTemplate(tx, advance, { logId, size: head.size, frontier: Buffer.concat(head.frontier) });
    head.dirty = false;
  }
}

async function readHead(tx: Tx, logId: string): Promise<Head> {
  // The log's row, locked to the end of the transaction (SQLite: the one writer holds the
  // database). Read, then updated once: one row version per append, not two (on PostgreSQL each
  // version stays until the transaction ends, and a bulk import would walk ever more of them).
  const select = async () => {
    const t = template(tx, 'log|head', () => {
      const q = tx.selectFrom('logs').select(['size', 'frontier']).where('id', '=', slot('logId'));
      return isPostgres(tx) ? q.forUpdate() : q;
    });
    return (await runTemplate<{ size: number; frontier: Buffer | null }>(tx, t, { logId }))[0];
  };
  let row = await select();
  if (!row) {
    // First entry of this log. Another writer may create it at the same moment: do nothing
    // on conflict, then take the row lock like everyone else.
    const [mechanismId, party] = logId.split('/');
    await tx
      .insertInto('logs')
      .values({ id: logId, mechanismId: mechanismId!, party: party ?? null, size: 0, frontier: Buffer.alloc(0) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    row = await select();
    if (!row) throw new Error(`log ${logId} could not be created`);
  }
  return { size: Number(row.size), frontier: splitFrontier(row.frontier) };
}

/**
 * A log's size and frontier as this transaction sees them (its own appends included), with
 * the log's row locked to the end of the transaction: what a signature over the log signs.
 */
export async function logHead(tx: Tx, logId: string): Promise<{ size: number; frontier: Buffer[] }> {
  const head = heldHeads.get(tx)?.get(logId) ?? (await readHead(tx, logId));
  return { size: head.size, frontier: [...head.frontier] };
}

export async function appendLogEntry(tx: Tx, logId: string, entry: LogEntry): Promise<number> {
  const text = entryText(entry);
  const held = heldHeadsOf(tx);
  const head = held.get(logId) ?? (await readHead(tx, logId));
  const index = head.size;
  const step = appendSteps(index, leafHashOfText(text), head.frontier);
  // Held only once the append is written: a failed statement below leaves the map as it was.
  held.delete(logId);

  const insert = template(tx, 'log|insert', () => tx.insertInto('logEntries').values({ logId: slot('logId'), idx: slot('idx') as unknown as number, entry: slot('entry') }));
  await runTemplate(tx, insert, { logId, idx: index, entry: text });
  // The leaf and every parent it completes (one more on average): one statement per count.
  const n = step.nodes.length;
  const nodes = template(tx, `log|nodes|${n}`, () =>
    tx.insertInto('logNodes').values(
      step.nodes.map((_, i) => ({ logId: slot('logId'), level: slot(`l${i}`) as unknown as number, idx: slot(`i${i}`) as unknown as number, hash: slot(`h${i}`) as unknown as Buffer })),
    ),
  );
  const values: Record<string, unknown> = { logId };
  step.nodes.forEach((node, i) => {
    values[`l${i}`] = node.id.level;
    values[`i${i}`] = node.id.index;
    values[`h${i}`] = node.hash;
  });
  await runTemplate(tx, nodes, values);
  held.set(logId, { size: index + 1, frontier: step.frontier, dirty: true });
  return index;
}

/**
 * Appends `entries` to one log, in order, exactly as that many appendLogEntry calls would (the
 * same canonical entries, indices and nodes), for bulk writes: the leaf hashes and every node
 * they complete are computed in memory, and written with a few multi-row statements instead of
 * two statements an entry. Returns the index of the first entry.
 */
export async function appendLogEntries(tx: Tx, logId: string, entries: readonly LogEntry[]): Promise<number> {
  const held = heldHeadsOf(tx);
  const head = held.get(logId) ?? (await readHead(tx, logId));
  const first = head.size;
  const texts = entries.map(entryText);
  const { nodes, frontier } = appendRun(first, texts.map(leafHashOfText), head.frontier);
  // As in appendLogEntry: held again only once everything is written.
  held.delete(logId);
  if (isPostgres(tx)) await writeUnnested(tx, logId, first, texts, nodes);
  else {
    const entryValues: unknown[] = [];
    for (let i = 0; i < texts.length; i++) entryValues.push(logId, first + i, texts[i]);
    await insertRows(tx, 'logEntries', ['logId', 'idx', 'entry'], entryValues);
    const nodeValues: unknown[] = [];
    for (const node of nodes) nodeValues.push(logId, node.id.level, node.id.index, node.hash);
    await insertRows(tx, 'logNodes', ['logId', 'level', 'idx', 'hash'], nodeValues);
  }
  held.set(logId, { size: first + entries.length, frontier, dirty: true });
  return first;
}

/** PostgreSQL: a statement per table whatever the count, from arrays (faster to plan and bind than rows of values). */
async function writeUnnested(tx: Tx, logId: string, first: number, texts: readonly string[], nodes: readonly StoredNode[]): Promise<void> {
  if (texts.length === 0) return;
  const idx = texts.map((_, i) => first + i);
  await sql`insert into "logEntries" ("logId", "idx", "entry") select ${logId}, * from unnest(${idx}::int[], ${texts}::text[])`.execute(tx);
  const levels = nodes.map((n) => n.id.level);
  const indices = nodes.map((n) => n.id.index);
  const hashes = nodes.map((n) => n.hash);
  await sql`insert into "logNodes" ("logId", "level", "idx", "hash") select ${logId}, * from unnest(${levels}::int[], ${indices}::int[], ${hashes}::bytea[])`.execute(tx);
}
