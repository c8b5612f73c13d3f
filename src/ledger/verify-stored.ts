/**
 * `entente verify --data` on the embedded database, for large logs: each worker thread reads
 * its chunk of entries and the chunk's stored nodes itself, through its own read-only
 * connection, hashes the chunk, compares the stored nodes, and sends back only what the replay
 * needs (each entry's id, kind and op). Reading and hashing then use every core, and the main
 * thread keeps only the replay's bookkeeping (decision 0013).
 *
 * Reading outside the main thread's snapshot is sound: the file is the one the snapshot reads
 * (verifyDatabase asks the connection for it), and entries and nodes below a log's size never
 * change once written (appends go above it). Nothing irregular is reported from here (a
 * missing or extra index, a node missing or different, a read that fails): the chunk is marked
 * irregular, and the caller verifies again entirely inside its snapshot, the way that names
 * the first problem.
 *
 * The functions below run in the worker threads from their source text: each is
 * self-contained (no outside names but globals).
 */

/** id, kind and op of an entry, and where its record starts. */
export interface EntryHead {
  id: string;
  kind: string;
  op: string;
  record: number;
}

/**
 * Finds id, kind and op in the start of a canonical entry without parsing it (the replay's
 * hot path): in canonical JSON an unescaped `","` never occurs inside a string, so the first
 * `","id":"` is the key. Anything unusual (an escape, another shape) returns false and the
 * entry is parsed in full. `text` may be a latin1 view of the UTF-8 bytes: the ASCII
 * structure is the same.
 */
export function headOf(text: string, out: EntryHead): boolean {
  if (!text.startsWith('{"actor":"')) return false;
  let i = text.indexOf('","at":"', 10);
  if (i < 0) return false;
  i = text.indexOf('","id":"', i + 8);
  if (i < 0) return false;
  const idStart = i + 8;
  const idEnd = text.indexOf('"', idStart);
  if (idEnd < 0 || !text.startsWith('","kind":"', idEnd)) return false;
  const kindEnd = text.indexOf('"', idEnd + 10);
  if (kindEnd < 0 || !text.startsWith('","op":"', kindEnd)) return false;
  const opEnd = text.indexOf('"', kindEnd + 8);
  if (opEnd < 0 || !text.startsWith('","party":"', opEnd)) return false;
  const rec = text.indexOf('","record":', opEnd + 11);
  if (rec < 0 || text.lastIndexOf('\\', rec) >= 0) return false;
  out.id = text.slice(idStart, idEnd);
  out.kind = text.slice(idEnd + 10, kindEnd);
  out.op = text.slice(kindEnd + 8, opEnd);
  out.record = rec + 11;
  return true;
}

/** A chunk of a log to read from a database file: entries from..to-1. */
export interface StoredChunk {
  file: string;
  logId: string;
  from: number;
  to: number;
  /** Sizes inside the chunk (relative to `from`) whose frontier the fold needs. */
  cuts: number[];
}

/** What a worker sends back for a stored chunk. */
export interface StoredOut {
  /** Why the chunk is not what a clean log holds; the caller then verifies the slow way. */
  irregular: string | undefined;
  counts: number[];
  cuts: Array<[number, Uint8Array]>;
  /**
   * Every entry's id, one after the other (entry i's is ids.slice(idEnds[i - 1], idEnds[i])):
   * one string per chunk instead of one per entry (their copies and collection cost the
   * replay's thread more than the replay).
   */
  ids: string;
  idEnds: Uint32Array;
  /** Every entry's kind and op, as a place in `names`. */
  kinds: Uint16Array;
  ops: Uint16Array;
  names: string[];
  /** 1 where the entry's record is an object. */
  objects: Uint8Array;
  /** Entries the replay reads in full (unusual text, co-signatures): [position in the chunk, text]. */
  full: Array<[number, string]>;
}

type ChunkHasher = (
  bytes: Uint8Array,
  offsets: Uint32Array,
  cuts: readonly number[],
  withNodes: boolean,
) => { nodes: Uint8Array | undefined; counts: number[]; cuts: Array<[number, Uint8Array]> };

interface SqliteStatement {
  raw(on: boolean): SqliteStatement;
  pluck(on: boolean): SqliteStatement;
  all(...params: unknown[]): unknown[][];
  get(...params: unknown[]): unknown;
}
type SqliteOpen = new (
  file: string,
  opts: { readonly: boolean; fileMustExist: boolean },
) => { prepare(sql: string): SqliteStatement; transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R };

/** Reads, hashes, compares and takes the heads of stored chunks (worker side). */
export function storedCore(
  Database: SqliteOpen,
  hashChunk: ChunkHasher,
  head: (text: string, out: EntryHead) => boolean,
  pack: (entries: readonly string[]) => { bytes: Uint8Array; offsets: Uint32Array },
) {
  const HEAD = 1024;
  const SUFFIX = ',"v":1}';
  interface Opened {
    /** Whether (logId, idx) is the entries' primary key, which keeps the indices of a log distinct. */
    keyed: boolean;
    /** A chunk's entry texts in order, and how many of its rows stand at an integer index: one read transaction. */
    read: (logId: string, from: number, to: number) => [unknown[], unknown];
    nodes: SqliteStatement;
  }
  const opened = new Map<string, Opened>();
  const open = (file: string): Opened => {
    let s = opened.get(file);
    if (!s) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      // The texts alone (an array per row would cost as much as the read itself); where they
      // stand is checked by one count (below).
      const entries = db.prepare('select entry from "logEntries" where "logId" = ? and idx >= ? and idx < ? order by idx').pluck(true);
      const whole = db.prepare('select count(*) from "logEntries" where "logId" = ? and idx >= ? and idx < ? and typeof(idx) = \'integer\'').pluck(true);
      const key = db
        .prepare('select i.seqno, i.name from pragma_index_list(\'logEntries\') l, pragma_index_info(l.name) i where l.origin = \'pk\' and l."unique" = 1')
        .raw(true)
        .all() as Array<[number, string]>;
      const columns = key.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
      s = {
        keyed: columns.length === 2 && columns[0] === 'logId' && columns[1] === 'idx',
        read: db.transaction((logId: string, from: number, to: number): [unknown[], unknown] => [entries.all(logId, from, to), whole.get(logId, from, to)]),
        nodes: db
          .prepare('select count(*), min(case when hash <> substr(?, (idx - ?) * 32 + 1, 32) then idx end) from "logNodes" where "logId" = ? and level = ? and idx >= ? and idx <= ?')
          .raw(true),
      };
      opened.set(file, s);
    }
    return s;
  };
  const irregular = (why: string): StoredOut => ({
    irregular: why,
    counts: [],
    cuts: [],
    ids: '',
    idEnds: new Uint32Array(0),
    kinds: new Uint16Array(0),
    ops: new Uint16Array(0),
    names: [],
    objects: new Uint8Array(0),
    full: [],
  });

  return (job: StoredChunk): StoredOut => {
    let s;
    let texts: unknown[];
    let integers: unknown;
    try {
      s = open(job.file);
      if (!s.keyed) return irregular("the entries' primary key is not (logId, idx)");
      [texts, integers] = s.read(job.logId, job.from, job.to);
    } catch (err) {
      return irregular(`read failed: ${String((err as Error)?.message ?? err)}`);
    }
    const n = job.to - job.from;
    // n rows in from..to-1, each at an integer index (the primary key keeps them distinct):
    // exactly the entries from..to-1, in order.
    if (texts.length !== n || integers !== n) return irregular(`${texts.length} entries stored for ${n}`);
    // Texts, not blobs: a string per row costs a third of a Buffer per row to read.
    for (let i = 0; i < n; i++) if (typeof texts[i] !== 'string') return irregular(`entry ${job.from + i} is not text`);
    const { bytes, offsets } = pack(texts as string[]);
    const out = hashChunk(bytes, offsets, job.cuts, true);
    const nodes = out.nodes!;
    let at = 0;
    for (let level = 0; level < out.counts.length; level++) {
      const count = out.counts[level]!;
      const first = job.from / 2 ** level;
      const [found, bad] = s.nodes.get(nodes.subarray(at, at + count * 32), first, job.logId, level, first, first + count - 1) as [number, number | null];
      if (found !== count || bad !== null) return irregular(`stored nodes of level ${level} differ`);
      at += count * 32;
    }

    const ids: string[] = [];
    const idEnds = new Uint32Array(n);
    let idLength = 0;
    const kinds = new Uint16Array(n);
    const ops = new Uint16Array(n);
    const names: string[] = [];
    const places = new Map<string, number>();
    // Entries in a row mostly share kind and op: the last answer first, the map only on a change.
    let lastName: string | undefined;
    let lastPlace = -1;
    const place = (name: string): number => {
      if (name === lastName) return lastPlace;
      let p = places.get(name);
      if (p === undefined) places.set(name, (p = names.push(name) - 1));
      lastName = name;
      return (lastPlace = p);
    };
    const objects = new Uint8Array(n);
    const full: Array<[number, string]> = [];
    const h: EntryHead = { id: '', kind: '', op: '', record: 0 };
    for (let i = 0; i < n; i++) {
      const text = texts[i] as string;
      const fast = text.endsWith(SUFFIX) && head(text.length <= HEAD + SUFFIX.length ? text : text.slice(0, HEAD), h) && h.op !== 'cosign';
      if (!fast) {
        full.push([i, text]);
        idEnds[i] = idLength;
        continue;
      }
      ids.push(h.id);
      idEnds[i] = idLength += h.id.length;
      kinds[i] = place(h.kind);
      ops[i] = place(h.op);
      objects[i] = text.charCodeAt(h.record) === 0x7b ? 1 : 0;
    }
    return { irregular: undefined, counts: out.counts, cuts: out.cuts, ids: ids.join(''), idEnds, kinds, ops, names, objects, full };
  };
}
