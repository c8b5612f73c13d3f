import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { Db, Dialect, Tx } from '../db/index.ts';
import { fieldEntries, fromRow, type ResourceDef } from '../record/common/resource.ts';
import { RESOURCES } from '../record/registry.ts';
import { logIdFor } from './append.ts';
import { CheckpointError, openCheckpoint, parseCheckpoint } from './checkpoint.ts';
import { originOf } from './checkpoints.ts';
import { frontierIds, pow2, rootFromFrontier, type NodeId } from './merkle.ts';
import { NODE_KEY_FILE } from './node-key.ts';
import { NoteError, keyIdHex, parseVerifierKey, signerFromPem, type NoteVerifier } from './note.ts';
import { planConsistency, verifyConsistency } from './proof.ts';
import { fetchNodes } from './tree-store.ts';
import { CHUNK, packEntries, TreeHasher, WORKER_FROM, type LevelNodes, type TreeResult } from './verify-tree.ts';
import { headOf, type EntryHead, type StoredOut } from './verify-stored.ts';

/**
 * `entente verify`: the independent check of the log (DESIGN §4). From the entries alone it
 * recomputes every log's RFC 6962 tree and compares it with everything the node stored or
 * signed: the subtree hashes and frontier (database), every checkpoint (signature with the
 * trusted key, root at its size, consistency with the previous one), the checkpoints verify
 * saw on earlier runs (rollback), and, replaying the entries, the record rows. It names the
 * first thing that differs and stops there (a `VerifyProblem`).
 *
 * The sources differ only in what they can offer (`SourceLog`): a database has the stored
 * nodes, the frontier, every checkpoint and the rows; a server (the log API) the entries and
 * its latest checkpoint; a bundle (./bundle.ts) the entries, its checkpoints and the records
 * as the log holds them.
 *
 * Speed: entries are read in pages (8,192 per query from a database) and hashed in chunks of
 * that size, for large logs in worker threads side by side while the next pages are read
 * (./verify-tree.ts); the stored nodes are compared by the database itself (one query per level
 * and chunk). Nothing but one small state per record id is kept across pages (plus, for a
 * server or a bundle, the record's text), except that where worker threads hash, the rows are
 * read and compared with their entries meanwhile and kept (one small object per row, the row
 * itself only where it differs) until the replay can place them.
 */

export class VerifyProblem extends Error {
  override readonly name = 'VerifyProblem';
}

function fail(message: string): never {
  throw new VerifyProblem(message);
}

const b64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** The leaves a perfect node covers, for messages. */
function span(level: number, index: number): string {
  const first = index * pow2(level);
  return level === 0 ? `entry ${first}` : `entries ${first}..${first + pow2(level) - 1}`;
}

/**
 * Fails at the first stored node that differs from the recomputed one, in the order the
 * appends made them (by the leaf that completed them, then by level).
 */
export function reportNodes(logId: string, bad: ReadonlyArray<{ level: number; index: number; missing: boolean }>): void {
  let worst: { leaf: number; level: number; index: number; missing: boolean } | undefined;
  for (const b of bad) {
    const leaf = (b.index + 1) * pow2(b.level) - 1;
    if (!worst || leaf < worst.leaf || (leaf === worst.leaf && b.level < worst.level)) worst = { ...b, leaf };
  }
  if (!worst) return;
  const { level, index, missing } = worst;
  if (missing) fail(`log ${logId}: tree node (${level},${index}) (${span(level, index)}) is missing`);
  if (level === 0) fail(`log ${logId} entry ${index}: leaf hash does not match node (0,${index})`);
  fail(`log ${logId}: tree node (${level},${index}) (${span(level, index)}) does not match the hash recomputed from the entries`);
}

// ---------------------------------------------------------------------------------------
// Co-signatures.

/**
 * A co-signature is a log entry with op 'cosign' (written by the co-signing of outcomes,
 * DESIGN §4). verify lists them and checks what it can. Expected fields of `entry.record`:
 *
 *   mechanismId  string         the mechanism whose round was concluded
 *   round        number|string  the round (its number, or its id)
 *   outcomeHash  string         the hash of the outcome document
 *   logSize      number         the size of the log the co-chair signed
 *   root         string         base64 RFC 6962 root of that log at logSize
 *   signer       string?        who signed (default: the entry's actor)
 *   publicKey    string?        base64 of the signer's raw 32-byte Ed25519 public key
 *   signature    string?        base64 Ed25519 signature over the UTF-8 canonical JSON
 *                               (RFC 8785) of {mechanismId, round, outcomeHash, logSize, root}
 *
 * A signature that is present must verify (else verify fails). Whether `publicKey` is that
 * co-chair's registered key is for the node's records, not for the log, so it is only shown.
 */
export interface CosignCheck {
  logId?: string;
  index?: number;
  mechanismId: string;
  round: string;
  signer: string;
  outcomeHash: string;
  logSize: number | undefined;
  root: string | undefined;
  /** 'valid' and 'invalid': the signature was checked; 'unsigned': the entry carries none. */
  signature: 'valid' | 'invalid' | 'unsigned';
  reason?: string;
  /** Whether root is this log's root at logSize: set by the verifier where it could check. */
  rootCheck?: 'matches' | 'differs' | 'not checked';
}

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export function verifyCosignEntry(entry: unknown): CosignCheck {
  const e = (entry ?? {}) as { actor?: unknown; record?: unknown };
  const r = (e.record && typeof e.record === 'object' ? e.record : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
  const out: CosignCheck = {
    mechanismId: str(r.mechanismId),
    round: str(r.round),
    signer: typeof r.signer === 'string' ? r.signer : str(e.actor),
    outcomeHash: str(r.outcomeHash),
    logSize: typeof r.logSize === 'number' ? r.logSize : undefined,
    root: typeof r.root === 'string' ? r.root : undefined,
    signature: 'unsigned',
  };
  if (r.signature === undefined && r.publicKey === undefined) return out;
  const invalid = (reason: string): CosignCheck => ({ ...out, signature: 'invalid', reason });
  if (typeof r.signature !== 'string' || typeof r.publicKey !== 'string') return invalid('publicKey and signature must both be base64 strings');
  const publicKey = Buffer.from(r.publicKey, 'base64');
  const signature = Buffer.from(r.signature, 'base64');
  if (publicKey.length !== 32 || publicKey.toString('base64') !== r.publicKey) return invalid('publicKey is not base64 of a 32-byte Ed25519 key');
  if (signature.length !== 64 || signature.toString('base64') !== r.signature) return invalid('signature is not base64 of a 64-byte Ed25519 signature');
  const message = canonicalize({ mechanismId: r.mechanismId, round: r.round, outcomeHash: r.outcomeHash, logSize: r.logSize, root: r.root });
  if (message === undefined) return invalid('the signed fields are not serialisable');
  let ok: boolean;
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' });
    ok = cryptoVerify(null, Buffer.from(message, 'utf8'), key, signature);
  } catch {
    return invalid('publicKey is not a valid Ed25519 key');
  }
  return ok ? { ...out, signature: 'valid' } : invalid('the Ed25519 signature does not verify');
}

// ---------------------------------------------------------------------------------------
// Replay: the last state of every record, per log.

// Ops: create, update and marking carry the record's full state after the write; after
// withdraw (moved to another log) and delete the record is no longer in the log; every other
// op ('roles', 'cosign', 'conclude', …) changes no record row.
const RECORD_KINDS = new Set(RESOURCES.map((r) => r.kind));

// A canonical entry's keys are in this order (RFC 8785 sorts them), its record before "v":
// {"actor":"…","at":"…","id":"…","kind":"…","op":"…","party":"…","record":…,"v":1}
const ENTRY_SUFFIX = ',"v":1}';
/** How much of an entry's start the fields before its record need, at most (longer: the slow path). */
const HEAD = 1024;

/** The fields `headOf` found: id, kind, op, and where the record starts. */
const head: EntryHead = { id: '', kind: '', op: '', record: 0 };

const LIVE = 0;
const WITHDRAWN = 1;
const DELETED = 2;

interface LogState {
  log: number;
  idx: number;
  state: 0 | 1 | 2;
  /** The record's canonical text (kept for a server or a bundle, whose rows are not at hand). */
  text: string | undefined;
}

/**
 * A record's state in the first log that held it, and in any other (rare: a marking change
 * moves a record between logs). One object per record in the common case: a log of a
 * million entries has hundreds of thousands of them.
 */
export interface RecordSlot extends LogState {
  kind: string;
  matched: boolean;
  others: LogState[] | undefined;
}

export interface LiveRecord {
  id: string;
  kind: string;
  logId: string;
  idx: number;
  text: string | undefined;
}

/** The fields of a parsed entry, checked. */
function parseEntry(logId: string, idx: number, text: string): { id: string; kind: string; op: string; record: unknown } {
  let e: unknown;
  try {
    e = JSON.parse(text);
  } catch {
    fail(`log ${logId} entry ${idx} is not JSON`);
  }
  const o = e as Record<string, unknown>;
  if (!o || typeof o !== 'object' || Array.isArray(o) || o.v !== 1 || typeof o.id !== 'string' || typeof o.kind !== 'string' || typeof o.op !== 'string' || typeof o.at !== 'string' || typeof o.actor !== 'string' || typeof o.party !== 'string' || !('record' in o)) {
    fail(`log ${logId} entry ${idx} is not a log entry ({v: 1, at, actor, party, op, kind, id, record})`);
  }
  if (canonicalize(o) !== text) fail(`log ${logId} entry ${idx} is not canonical JSON (RFC 8785)`);
  return { id: o.id as string, kind: o.kind as string, op: o.op as string, record: o.record };
}

const NO_TEXT = (): string => {
  throw new Error('a co-signature entry must be observed whole');
};

export class Replay {
  readonly logIds: string[] = [];
  readonly byId = new Map<string, RecordSlot>();
  readonly cosigns: CosignCheck[] = [];

  constructor(private readonly keepText: boolean) {}

  addLog(logId: string): number {
    this.logIds.push(logId);
    return this.logIds.length - 1;
  }

  observe(log: number, idx: number, text: string): void {
    if (text.length <= HEAD + ENTRY_SUFFIX.length ? headOf(text, head) : headOf(text.slice(0, HEAD), head)) {
      if (text.endsWith(ENTRY_SUFFIX)) {
        const recordText = this.keepText ? text.slice(head.record, text.length - ENTRY_SUFFIX.length) : undefined;
        this.apply(log, idx, head.id, head.kind, head.op, text.charCodeAt(head.record) === 0x7b, recordText, () => text);
        return;
      }
    }
    this.slow(log, idx, text);
  }

  /** An entry whose id, kind and op were read elsewhere (./verify-stored.ts); never a co-signature. */
  observeHead(log: number, idx: number, id: string, kind: string, op: string, isObject: boolean): void {
    if (this.keepText) throw new Error('a replay that keeps texts needs whole entries');
    this.apply(log, idx, id, kind, op, isObject, undefined, NO_TEXT);
  }

  private slow(log: number, idx: number, text: string): void {
    const e = parseEntry(this.logIds[log]!, idx, text);
    const isObject = e.record !== null && typeof e.record === 'object' && !Array.isArray(e.record);
    this.apply(log, idx, e.id, e.kind, e.op, isObject, this.keepText ? canonicalize(e.record) : undefined, () => text);
  }

  private apply(log: number, idx: number, id: string, kind: string, op: string, hasRecord: boolean, recordText: string | undefined, full: () => string): void {
    let state: 0 | 1 | 2;
    switch (op) {
      case 'create':
      case 'update':
      case 'marking':
        state = LIVE;
        break;
      case 'withdraw':
        state = WITHDRAWN;
        break;
      case 'delete':
        state = DELETED;
        break;
      case 'cosign':
        this.cosigns.push({ ...verifyCosignEntry(JSON.parse(full())), logId: this.logIds[log]!, index: idx });
        return;
      default:
        return; // not a change of a record row ('roles', 'conclude', …)
    }
    if (!RECORD_KINDS.has(kind)) return;
    if (state === LIVE && !hasRecord) fail(`log ${this.logIds[log]} entry ${idx}: a ${op} entry without a record`);
    const text = state === LIVE ? recordText : undefined;
    const slot = this.byId.get(id);
    if (slot === undefined) {
      this.byId.set(id, { log, idx, state, text, kind, matched: false, others: undefined });
      return;
    }
    if (slot.kind !== kind) fail(`log ${this.logIds[log]} entry ${idx}: record ${id} was a ${slot.kind} and this entry makes it a ${kind}`);
    let st: LogState | undefined = slot.log === log ? slot : slot.others?.find((s) => s.log === log);
    if (st === undefined) (slot.others ??= []).push((st = { log, idx, state, text }));
    st.idx = idx;
    st.state = state;
    st.text = text;
  }

  private states(slot: RecordSlot): LogState[] {
    return slot.others ? [slot, ...slot.others] : [slot];
  }

  /** Where the record lives now, if anywhere; fails if two logs hold it. */
  live(id: string, slot: RecordSlot): LogState | undefined {
    if (!slot.others) return slot.state === LIVE ? slot : undefined;
    const live = this.states(slot).filter((s) => s.state === LIVE);
    if (live.length > 1) {
      const [a, b] = live as [LogState, LogState];
      fail(`${slot.kind} ${id} is live in two logs: ${this.logIds[a.log]} (entry ${a.idx}) and ${this.logIds[b.log]} (entry ${b.idx})`);
    }
    return live[0];
  }

  /** The last removal of a record that is nowhere live, for messages. */
  removal(slot: RecordSlot): string {
    const last = this.states(slot).reduce((a, b) => (b.state === DELETED ? b : a));
    return `log ${this.logIds[last.log]} entry ${last.idx} ${last.state === DELETED ? 'deleted it' : 'withdrew it, and no log holds it now'}`;
  }

  *liveRecords(logId?: string): Generator<LiveRecord> {
    for (const [id, slot] of this.byId) {
      const st = this.live(id, slot);
      if (st && (logId === undefined || this.logIds[st.log] === logId)) yield { id, kind: slot.kind, logId: this.logIds[st.log]!, idx: st.idx, text: st.text };
    }
  }
}

// ---------------------------------------------------------------------------------------
// Remembered checkpoints (rollback detection).

/** The newest checkpoint verify saw of a log (keyed by origin), and when. */
export interface Seen {
  size: number;
  /** base64 root. */
  root: string;
  seenAt: string;
}

// ---------------------------------------------------------------------------------------
// The run.

export interface Progress {
  advance(entries: number): void;
  /** Back to none: the run starts again (a database verified again the slow way). */
  restart?(): void;
}

export interface TrustedKey {
  verifier: NoteVerifier;
  /** Where the trust comes from, for the summary. */
  source: string;
  kind: 'pinned' | 'key-file' | 'database' | 'bundle' | 'server';
}

export interface CheckpointInput {
  note: string;
  /** The stored columns, when the source has them (a database), checked against the note. */
  size?: number;
  root?: Buffer;
  at?: string;
}

export interface EntryPage {
  /** Index of the first entry (when `idx` is not given). */
  start: number;
  /** The entries' texts. */
  entries: readonly string[];
  /** The stored index of every entry (a database), checked for gaps. */
  idx?: readonly number[];
}

/** One log as a source offers it. */
export interface SourceLog {
  logId: string;
  /** The size the source claims (the log's row, the API, the bundle). */
  size: number;
  checkpoints: readonly CheckpointInput[];
  pages(): AsyncIterable<EntryPage>;
  /** Stored tree (database): the frontier of the log's row, and the nodes a page made. */
  frontier?: Buffer | null;
  /** The stored nodes (among those a page made) that are missing or differ. */
  compareNodes?(nodes: readonly LevelNodes[]): Promise<Array<{ level: number; index: number; missing: boolean }>>;
  /** A stored node that lies beyond the tree of `size` leaves, if any. */
  extraNode?(size: number): Promise<NodeId | undefined>;
  /** Consistency proofs between sizes (database: from stored nodes; server: the API). */
  consistency?(pairs: ReadonlyArray<readonly [number, number]>): Promise<Buffer[][]>;
  /** Root at any size from the stored tree (database), for co-signatures. */
  rootAt?(size: number): Promise<Buffer>;
  /** Sizes whose root will be needed (co-signatures in a bundle). */
  rootSizes?: readonly number[];
  /** The database file, for worker threads to read large logs themselves. */
  stored?: StoredSource;
}

/** A log in an SQLite file that worker threads may read themselves (./verify-stored.ts). */
export interface StoredSource {
  file: string;
  /** Whether entries are stored at or beyond the log's size. */
  beyond(): Promise<boolean>;
}

/** A stored log is not what a clean log holds: verify again the way that names the problem. */
class IrregularStore extends Error {}

export interface LogReport {
  logId: string;
  origin: string | undefined;
  size: number;
  checkpoints: number;
  newest: { size: number; root: string } | undefined;
}

export interface VerifyReport {
  mode: 'database' | 'server' | 'bundle';
  source: string;
  node: string | undefined;
  key: TrustedKey | undefined;
  logs: LogReport[];
  entries: number;
  nodes: number;
  checkpoints: number;
  consistencyProofs: number;
  /** Rows (database) or API records (server) or bundle records compared with the replay. */
  records: { compared: number; what: string } | undefined;
  cosigns: CosignCheck[];
  notes: string[];
  /** The newest checkpoint per origin after this run, to remember when it was clean. */
  seen: Map<string, Seen>;
  rememberedChecked: number;
  /** Chunks that worker threads read, hashed and checked themselves (./verify-stored.ts). */
  storedChunks: number;
}

export interface RunOptions {
  pinned?: NoteVerifier | undefined;
  /** Hash in worker threads: always, never, or (undefined) for logs of WORKER_FROM entries or more. */
  worker?: boolean;
  /** log2 of the hashing chunk (default 13; tests use small chunks to cross many). */
  chunkBits?: number;
  remembered?: ReadonlyMap<string, Seen>;
  progress?: Progress;
  now?: Date;
}

/** Parses a checkpoint note without trusting it: its size, or undefined. */
function peekSize(note: string): number | undefined {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return undefined;
  try {
    return parseCheckpoint(note.slice(0, split + 1)).size;
  } catch {
    return undefined;
  }
}

/** The shared steps of every source: one log at a time, then what the source adds. */
export class VerifyRun {
  readonly replay: Replay;
  readonly report: VerifyReport;
  private readonly remembered: ReadonlyMap<string, Seen>;
  private readonly opts: RunOptions;

  private readonly now: string;

  constructor(mode: VerifyReport['mode'], source: string, opts: RunOptions, keepText: boolean) {
    this.opts = opts;
    this.now = (opts.now ?? new Date()).toISOString();
    this.remembered = opts.remembered ?? new Map();
    this.replay = new Replay(keepText);
    this.report = {
      mode,
      source,
      node: undefined,
      key: undefined,
      logs: [],
      entries: 0,
      nodes: 0,
      checkpoints: 0,
      consistencyProofs: 0,
      records: undefined,
      cosigns: this.replay.cosigns,
      notes: [],
      seen: new Map(this.remembered),
      rememberedChecked: 0,
      storedChunks: 0,
    };
  }

  /** Where "now" is, in rollback messages. */
  private get here(): string {
    return this.report.mode === 'database' ? 'the database' : this.report.mode === 'server' ? 'the server' : 'the bundle';
  }

  setNode(name: string | undefined, key: TrustedKey | undefined): void {
    this.report.node = key?.verifier.name ?? name;
    this.report.key = key;
  }

  originOf(logId: string): string | undefined {
    return this.report.node === undefined ? undefined : originOf(this.report.node, logId);
  }

  private inline: TreeHasher | undefined;
  private threaded: TreeHasher | undefined;

  private hasherFor(size: number): TreeHasher {
    if (this.opts.worker ?? size >= WORKER_FROM) return (this.threaded ??= new TreeHasher({ chunkBits: this.opts.chunkBits }));
    return (this.inline ??= new TreeHasher({ threads: 0, chunkBits: this.opts.chunkBits }));
  }

  /** Ends the worker threads, if any were started. */
  async close(): Promise<void> {
    await this.threaded?.close();
    this.threaded = undefined;
  }

  async log(src: SourceLog): Promise<LogReport> {
    const L = src.logId;
    const origin = this.originOf(L);
    const seen = origin === undefined ? undefined : this.remembered.get(origin);
    const logNo = this.replay.addLog(L);
    const sizes = src.checkpoints.map((c) => c.size ?? peekSize(c.note)).filter((s): s is number => s !== undefined && Number.isSafeInteger(s) && s >= 0);
    const hasher = this.hasherFor(src.size);
    hasher.begin([...new Set([...sizes, ...(seen ? [seen.size] : []), ...(src.rootSizes ?? [])])]);
    const cosignsBefore = this.replay.cosigns.length;
    const withNodes = src.compareNodes !== undefined;

    try {
      if (src.stored && hasher.threads > 0) await this.storedEntries(src, src.stored, hasher, logNo);
      else await this.pagedEntries(src, hasher, logNo, withNodes);
    } catch (err) {
      // The hasher holds this log's state: a new one for whatever comes next.
      if (this.threaded === hasher) this.threaded = undefined;
      await hasher.close();
      throw err;
    }
    const tree = await hasher.end();
    if (tree.size < src.size) {
      fail(`log ${L}: entr${src.size - tree.size === 1 ? 'y' : 'ies'} ${tree.size}${src.size - tree.size > 1 ? `..${src.size - 1}` : ''} missing (the log's size is ${src.size}, its entries end at ${tree.size - 1})`);
    }
    if (src.frontier !== undefined) {
      const stored = src.frontier ?? Buffer.alloc(0);
      if (!Buffer.from(stored).equals(tree.frontier)) fail(`log ${L}: the stored frontier (in its row of logs) does not match the tree of its ${tree.size} entries`);
    }
    if (src.extraNode) {
      const extra = await src.extraNode(tree.size);
      if (extra) fail(`log ${L}: tree node (${extra.level},${extra.index}) is stored but lies beyond the log's size ${tree.size}`);
    }
    const newest = await this.checkpoints(src, tree, origin);
    await this.cosignRoots(src, tree, cosignsBefore);
    if (seen && origin) this.rollback(L, seen, tree, newest?.size ?? 0);

    const rep: LogReport = { logId: L, origin, size: tree.size, checkpoints: src.checkpoints.length, newest: newest && { size: newest.size, root: b64(newest.root) } };
    if (origin && newest && newest.size >= (seen?.size ?? 0)) {
      this.report.seen.set(origin, { size: newest.size, root: b64(newest.root), seenAt: this.now });
    }
    this.report.logs.push(rep);
    return rep;
  }

  /**
   * Entries page by page from the source, hashed by ./verify-tree.ts. A pipeline: entries are
   * gathered into chunks; while the hashers work on the newest chunks, the next page is read and
   * the oldest chunk's stored nodes are compared, then its entries replayed (after its hashes: a
   * changed entry is named by its hash first).
   */
  private async pagedEntries(src: SourceLog, hasher: TreeHasher, logNo: number, withNodes: boolean): Promise<void> {
    const L = src.logId;
    interface Job {
      start: number;
      pages: EntryPage[];
      nodes: Promise<LevelNodes[]>;
    }
    const settle = async (job: Job) => {
      const nodes = await job.nodes;
      if (withNodes && src.compareNodes) {
        reportNodes(L, await src.compareNodes(nodes));
        for (const l of nodes) this.report.nodes += l.hashes.length / 32;
      }
      let at = job.start;
      for (const { entries } of job.pages) {
        const n = entries.length;
        for (let i = 0; i < n; i++) this.replay.observe(logNo, at + i, entries[i]!);
        at += n;
        this.report.entries += n;
        this.opts.progress?.advance(n);
      }
    };
    const queue: Job[] = [];
    let gathered: EntryPage[] = [];
    let gatheredCount = 0;
    let chunkStart = 0;
    const dispatch = async () => {
      const pages = gathered;
      const packed = packEntries(pages.length === 1 ? pages[0]!.entries : pages.flatMap((p) => p.entries));
      const job: Job = { start: chunkStart, pages, nodes: hasher.chunk(packed, withNodes) };
      job.nodes.catch(() => {}); // awaited in settle
      queue.push(job);
      chunkStart += gatheredCount;
      gathered = [];
      gatheredCount = 0;
      // Enough chunks in flight to keep every hashing thread busy.
      while (queue.length > hasher.threads + 1) await settle(queue.shift()!);
    };
    let count = 0;
    for await (const page of src.pages()) {
      const n = page.entries.length;
      if (page.idx) {
        for (let i = 0; i < n; i++) {
          const idx = page.idx[i]!;
          if (idx !== count + i) {
            if (count + i < src.size) fail(`log ${L}: entry ${count + i} is missing (the next stored entry is ${idx})`);
            fail(`log ${L}: entry ${idx} is beyond the log's size ${src.size}`);
          }
          if (idx >= src.size) fail(`log ${L}: entry ${idx} is beyond the log's size ${src.size}`);
        }
      } else if (page.start !== count || count + n > src.size) {
        fail(`log ${L}: the source gave entries ${page.start}..${page.start + n - 1}, expected entries from ${count} below the size ${src.size}`);
      }
      // Cut the page at chunk boundaries.
      for (let from = 0; from < n; ) {
        const take = Math.min(hasher.chunkSize - gatheredCount, n - from);
        const piece = from === 0 && take === n ? page : { start: count + from, entries: page.entries.slice(from, from + take) };
        gathered.push(piece);
        gatheredCount += take;
        from += take;
        if (gatheredCount === hasher.chunkSize) await dispatch();
      }
      count += n;
    }
    if (gatheredCount > 0) await dispatch();
    for (const job of queue.splice(0)) await settle(job);
  }

  /**
   * A log of an SQLite database, read by the worker threads themselves (./verify-stored.ts):
   * each chunk read, hashed and its stored nodes compared in a worker; here, the nodes above the
   * chunks compared and the replay fed. Anything irregular throws IrregularStore.
   */
  private async storedEntries(src: SourceLog, stored: StoredSource, hasher: TreeHasher, logNo: number): Promise<void> {
    const L = src.logId;
    interface Job {
      start: number;
      n: number;
      done: Promise<{ upper: LevelNodes[]; out: StoredOut }>;
    }
    const settle = async (job: Job) => {
      const { upper, out } = await job.done;
      if (out.irregular !== undefined) throw new IrregularStore(`log ${L}, entries from ${job.start}: ${out.irregular}`);
      if (upper.length > 0 && src.compareNodes) reportNodes(L, await src.compareNodes(upper));
      for (const c of out.counts) this.report.nodes += c;
      for (const l of upper) this.report.nodes += l.hashes.length / 32;
      const { full, ids, idEnds, names } = out;
      let f = 0;
      for (let i = 0; i < job.n; i++) {
        if (f < full.length && full[f]![0] === i) this.replay.observe(logNo, job.start + i, full[f++]![1]);
        else this.replay.observeHead(logNo, job.start + i, ids.slice(i === 0 ? 0 : idEnds[i - 1], idEnds[i]), names[out.kinds[i]!]!, names[out.ops[i]!]!, out.objects[i] === 1);
      }
      this.report.entries += job.n;
      this.report.storedChunks++;
      this.opts.progress?.advance(job.n);
    };
    const jobs: Job[] = [];
    for (let start = 0; start < src.size; start += hasher.chunkSize) {
      const n = Math.min(hasher.chunkSize, src.size - start);
      const done = hasher.stored(stored.file, L, n);
      done.catch(() => {}); // awaited in settle
      jobs.push({ start, n, done });
      // Enough chunks in flight to keep every thread busy.
      while (jobs.length > hasher.threads + 1) await settle(jobs.shift()!);
    }
    for (const job of jobs.splice(0)) await settle(job);
    if (await stored.beyond()) throw new IrregularStore(`log ${L} has entries beyond its size`);
  }

  private async checkpoints(src: SourceLog, tree: TreeResult, origin: string | undefined): Promise<{ size: number; root: Buffer } | undefined> {
    const L = src.logId;
    if (src.checkpoints.length === 0) return undefined;
    const key = this.report.key;
    if (!key || origin === undefined) fail(`log ${L} has checkpoints, but there is no verifier key to check them with: pin the node's key with --key`);
    let prev: { size: number; root: Buffer } | undefined;
    const pairs: Array<[number, number, Buffer, Buffer]> = [];
    for (const [i, row] of src.checkpoints.entries()) {
      const claimed = row.size ?? peekSize(row.note);
      const what = `log ${L} checkpoint ${claimed !== undefined ? `of size ${claimed}` : `#${i + 1}`}${row.at ? ` (signed ${row.at})` : ''}`;
      let cp;
      try {
        cp = openCheckpoint(row.note, [key.verifier], { expectedOrigin: origin }).checkpoint;
      } catch (err) {
        if (err instanceof NoteError && err.code === 'unverified-note') {
          const by = err.note?.unverified.map((s) => `${s.name}+${keyIdHex(s.keyId)}`).join(', ') || 'nobody';
          fail(`${what}: not signed by the trusted key ${key.verifier.verifierKey} (${key.source}); it is signed by ${by}`);
        }
        if (err instanceof NoteError && err.code === 'invalid-signature') fail(`${what}: the signature by the trusted key does not verify (the note was changed)`);
        if (err instanceof NoteError || err instanceof CheckpointError) fail(`${what}: ${err.message}`);
        throw err;
      }
      if (row.size !== undefined && cp.size !== row.size) fail(`${what}: the signed note says size ${cp.size}`);
      if (row.root !== undefined && !Buffer.from(row.root).equals(cp.root)) fail(`${what}: the stored root column differs from the signed note's root`);
      if (cp.size > tree.size) fail(`log ${L}: checkpoint of size ${cp.size} is beyond the log's size ${tree.size}: entries were removed`);
      if (prev && cp.size < prev.size) fail(`${what}: the checkpoints are not in order of size`);
      const root = tree.roots.get(cp.size);
      if (!root || !root.equals(cp.root)) fail(`log ${L}: checkpoint of size ${cp.size} has root ${b64(cp.root)}, but entries 0..${cp.size - 1} give ${root ? b64(root) : '(none)'}`);
      if (prev && prev.size > 0 && prev.size < cp.size) pairs.push([prev.size, cp.size, prev.root, Buffer.from(cp.root)]);
      prev = { size: cp.size, root: Buffer.from(cp.root) };
      this.report.checkpoints++;
    }
    if (src.consistency && pairs.length > 0) {
      const proofs = await src.consistency(pairs.map(([a, b]) => [a, b] as const));
      pairs.forEach(([s1, s2, r1, r2], i) => {
        if (!verifyConsistency(s1, s2, proofs[i]!, r1, r2)) fail(`log ${L}: the checkpoints of sizes ${s1} and ${s2} are not consistent (the consistency proof fails)`);
        this.report.consistencyProofs++;
      });
    }
    return prev;
  }

  private async cosignRoots(src: SourceLog, tree: TreeResult, from: number): Promise<void> {
    for (const c of this.replay.cosigns.slice(from)) {
      if (c.signature === 'invalid') fail(`log ${src.logId} entry ${c.index}: the co-signature of ${c.signer} (mechanism ${c.mechanismId}, round ${c.round}) is invalid: ${c.reason}`);
      if (c.logSize === undefined || c.root === undefined || c.logSize > tree.size) {
        c.rootCheck = 'not checked';
        continue;
      }
      const root = tree.roots.get(c.logSize) ?? (src.rootAt ? await src.rootAt(c.logSize) : undefined);
      c.rootCheck = root === undefined ? 'not checked' : b64(root) === c.root ? 'matches' : 'differs';
    }
  }

  private rollback(L: string, seen: Seen, tree: TreeResult, newestSize: number): void {
    this.report.rememberedChecked++;
    if (tree.size < seen.size) fail(`log ${L} was rolled back: verify saw size ${seen.size} (root ${seen.root}) on ${seen.seenAt}, ${this.here} now has size ${tree.size}`);
    const root = tree.roots.get(seen.size);
    if (!root || b64(root) !== seen.root) {
      fail(`log ${L} was rewritten: verify saw size ${seen.size} with root ${seen.root} on ${seen.seenAt}, but its entries 0..${seen.size - 1} now give root ${root ? b64(root) : '(none)'}`);
    }
    if (newestSize < seen.size) {
      const now = newestSize === 0 ? `${this.here} now has no checkpoint of it` : `the newest checkpoint in ${this.here} now has size ${newestSize}`;
      fail(`log ${L} was rolled back: verify saw a checkpoint of size ${seen.size} (root ${seen.root}) on ${seen.seenAt}, ${now}`);
    }
  }

  /** A remembered log of this node that the source (which shows every log) no longer has. */
  missingLogs(present: ReadonlySet<string>): void {
    const node = this.report.node;
    if (node === undefined) return;
    for (const [origin, seen] of this.remembered) {
      if (!origin.startsWith(`${node}/`)) continue;
      const logId = origin.slice(node.length + 1);
      if (!present.has(logId)) fail(`log ${logId} was rolled back: verify saw size ${seen.size} (root ${seen.root}) on ${seen.seenAt}, ${this.here} now has no such log`);
    }
  }

  /** Unpublished tails: entries after a log's newest checkpoint (not a failure). */
  noteUnsigned(): void {
    const tails = this.report.logs.filter((l) => l.size > (l.newest?.size ?? 0));
    for (const l of tails.slice(0, 5)) {
      const from = l.newest?.size ?? 0;
      this.report.notes.push(`log ${l.logId}: entr${l.size - from === 1 ? `y ${from} is` : `ies ${from}..${l.size - 1} are`} not yet covered by a checkpoint (checked against the stored tree only)`);
    }
    if (tails.length > 5) this.report.notes.push(`… and ${tails.length - 5} more logs with entries not yet covered by a checkpoint`);
  }
}

// ---------------------------------------------------------------------------------------
// The database.

/** Database pages are hashing chunks: each passes through as it is. */
export const ENTRY_PAGE = CHUNK;

async function meta(db: Db | Tx, key: string): Promise<string | undefined> {
  return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/**
 * The key to trust for a node's checkpoints: the pinned one; else the one of the key file in
 * the data directory; else the database's own record of it (which whoever can change the
 * database can change too: the summary says so).
 */
export async function trustedNodeKey(db: Db | Tx, dataDir: string, pinned?: NoteVerifier): Promise<{ name: string | undefined; key: TrustedKey | undefined }> {
  const name = await meta(db, 'nodeName');
  const stored = await meta(db, 'nodeVerifierKey');
  if (pinned) return { name: pinned.name, key: { verifier: pinned, kind: 'pinned', source: 'pinned with --key' } };
  const file = path.join(dataDir, NODE_KEY_FILE);
  if (fs.existsSync(file)) {
    if (name === undefined) fail(`${file} exists, but the database records no node name (meta.nodeName): pin the node's key with --key`);
    let verifierKey: string;
    try {
      verifierKey = signerFromPem(name, fs.readFileSync(file, 'utf8')).verifierKey;
    } catch (err) {
      fail(`${file} is not a readable node key: ${(err as Error).message}`);
    }
    if (stored !== undefined && stored !== verifierKey) fail(`the database's verifier key (meta.nodeVerifierKey ${stored}) is not the key in ${file} (${verifierKey})`);
    return { name, key: { verifier: parseVerifierKey(verifierKey), kind: 'key-file', source: `the key file ${file}` } };
  }
  if (stored !== undefined) {
    let verifier: NoteVerifier;
    try {
      verifier = parseVerifierKey(stored);
    } catch (err) {
      fail(`the database's verifier key (meta.nodeVerifierKey) is malformed: ${(err as Error).message}`);
    }
    return {
      name,
      key: { verifier, kind: 'database', source: `the database's own record (meta.nodeVerifierKey; there is no ${NODE_KEY_FILE} in ${dataDir}) — whoever can change the database can change it: pin the key with --key` },
    };
  }
  return { name, key: undefined };
}

type Bad = Array<{ level: number; index: number; missing: boolean }>;

/**
 * The stored entries with indices in [from, to). SQLite hands out their UTF-8 bytes as stored:
 * no string is made (the replay reads its few fields from the bytes). PostgreSQL sends text,
 * unsorted (sorting ten thousand entries can spill to disk; they come in order anyway).
 */
async function entryRange(tx: Tx, logId: string, from: number, to: number): Promise<EntryPage | undefined> {
  // Texts, not bytes: strings cost less to read than a Buffer each (and a stored byte that is
  // not UTF-8 becomes U+FFFD, so its entry's hash differs and verify names it).
  let rows = await tx.selectFrom('logEntries').select(['idx', 'entry']).where('logId', '=', logId).where('idx', '>=', from).where('idx', '<', to).execute();
  if (rows.length === 0) return undefined;
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) sorted = Number(rows[i - 1]!.idx) < Number(rows[i]!.idx);
  if (!sorted) rows = rows.sort((a, b) => Number(a.idx) - Number(b.idx));
  return { start: Number(rows[0]!.idx), entries: rows.map((r) => r.entry), idx: rows.map((r) => Number(r.idx)) };
}

/** The first missing index of a level's range, read only when some are missing. */
async function firstMissing(tx: Tx, logId: string, level: number, lo: number, hi: number): Promise<number> {
  const have = await tx.selectFrom('logNodes').select('idx').where('logId', '=', logId).where('level', '=', level).where('idx', '>=', lo).where('idx', '<=', hi).orderBy('idx').execute();
  let missing = lo;
  while (missing - lo < have.length && Number(have[missing - lo]!.idx) === missing) missing++;
  return missing;
}

function badOf(level: number, count: number, n: number, differs: number | undefined, missing: number | undefined): Bad[number] | undefined {
  if (n < count && missing !== undefined && (differs === undefined || missing < differs)) return { level, index: missing, missing: true };
  return differs === undefined ? undefined : { level, index: differs, missing: false };
}

/**
 * SQLite: per level, one primary-key range; the database compares each stored hash with the
 * recomputed one (all passed as one blob) and returns the count and the first that differs.
 */
async function compareNodesSqlite(tx: Tx, logId: string, nodes: readonly LevelNodes[]): Promise<Bad> {
  const bad: Bad = [];
  for (const { level, first: lo, hashes } of nodes) {
    const count = hashes.length / 32;
    const hi = lo + count - 1;
    const { rows } = await sql<{ n: number; bad: number | null }>`
      select count(*) as n, min(case when hash <> substr(${hashes}, (idx - ${lo}) * 32 + 1, 32) then idx end) as bad
      from "logNodes" where "logId" = ${logId} and level = ${level} and idx >= ${lo} and idx <= ${hi}`.execute(tx);
    const n = Number(rows[0]?.n ?? 0);
    const differs = rows[0]?.bad === null || rows[0]?.bad === undefined ? undefined : Number(rows[0].bad);
    const b = badOf(level, count, n, differs, n < count ? await firstMissing(tx, logId, level, lo, hi) : undefined);
    if (b) bad.push(b);
  }
  return bad;
}

/** PostgreSQL: the same for every level of a page in one statement (one round trip). */
async function compareNodesPostgres(tx: Tx, logId: string, nodes: readonly LevelNodes[]): Promise<Bad> {
  if (nodes.length === 0) return [];
  const levels: number[] = [];
  const los: number[] = [];
  const his: number[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const { level, first, hashes } of nodes) {
    levels.push(level);
    los.push(first);
    his.push(first + hashes.length / 32 - 1);
    offsets.push(at);
    at += hashes.length;
  }
  const blob = Buffer.concat(nodes.map((x) => x.hashes));
  const { rows } = await sql<{ level: number; n: number; bad: number | null }>`
    select r.level, x.n, x.bad
    from unnest(${levels}::int[], ${los}::int[], ${his}::int[], ${offsets}::int[]) as r(level, lo, hi, off)
    cross join lateral (
      select count(*) as n, min(case when n.hash <> substr(${blob}::bytea, r.off + (n.idx - r.lo) * 32 + 1, 32) then n.idx end) as bad
      from "logNodes" n where n."logId" = ${logId} and n.level = r.level and n.idx >= r.lo and n.idx <= r.hi
    ) x`.execute(tx);
  const bad: Bad = [];
  for (const row of rows) {
    const i = levels.indexOf(Number(row.level));
    const count = his[i]! - los[i]! + 1;
    const n = Number(row.n);
    const differs = row.bad === null ? undefined : Number(row.bad);
    const b = badOf(Number(row.level), count, n, differs, n < count ? await firstMissing(tx, logId, Number(row.level), los[i]!, his[i]!) : undefined);
    if (b) bad.push(b);
  }
  return bad;
}

function dbLog(tx: Tx, dialect: Dialect, log: { id: string; size: number; frontier: Buffer | null }, checkpoints: CheckpointInput[], file: string | undefined): SourceLog {
  const logId = log.id;
  return {
    ...(file && {
      stored: {
        file,
        beyond: async () => (await tx.selectFrom('logEntries').select('idx').where('logId', '=', logId).where('idx', '>=', Number(log.size)).limit(1).executeTakeFirst()) !== undefined,
      },
    }),
    logId,
    size: Number(log.size),
    checkpoints,
    frontier: log.frontier,
    async *pages() {
      // Ranges of ENTRY_PAGE indices up to the size; then whatever lies beyond it (which the
      // checks name). A gap shows as an index that is not the next one.
      const size = Number(log.size);
      for (let from = 0; from < size; from += ENTRY_PAGE) {
        const page = await entryRange(tx, logId, from, Math.min(size, from + ENTRY_PAGE));
        if (page) yield page;
      }
      const beyond = await tx.selectFrom('logEntries').select('idx').where('logId', '=', logId).where('idx', '>=', size).orderBy('idx').limit(1).executeTakeFirst();
      if (beyond) yield (await entryRange(tx, logId, Number(beyond.idx), Number(beyond.idx) + 1))!;
    },
    async compareNodes(nodes) {
      return dialect === 'sqlite' ? compareNodesSqlite(tx, logId, nodes) : compareNodesPostgres(tx, logId, nodes);
    },
    async extraNode(size) {
      // Level l holds nodes 0 .. floor(size / 2^l) - 1; anything else does not belong.
      const top = size > 0 ? Math.floor(Math.log2(size)) : -1;
      const row = await tx
        .selectFrom('logNodes')
        .select(['level', 'idx'])
        .where('logId', '=', logId)
        .where((eb) => eb.or([eb('level', '>', top), eb('level', '<', 0), ...Array.from({ length: top + 1 }, (_, l) => eb.and([eb('level', '=', l), eb('idx', '>=', Math.floor(size / pow2(l)))])), eb('idx', '<', 0)]))
        .limit(1)
        .executeTakeFirst();
      return row ? { level: Number(row.level), index: Number(row.idx) } : undefined;
    },
    async consistency(pairs) {
      const plans = pairs.map(([a, b]) => planConsistency(a, b));
      const out: Buffer[][] = [];
      // A few hundred proofs per query (each needs O(log n) nodes).
      for (let i = 0; i < plans.length; i += 200) {
        const chunk = plans.slice(i, i + 200);
        const ids = chunk.flatMap((p) => p.ids);
        const hashes = await fetchNodes(tx, logId, ids);
        let at = 0;
        for (const p of chunk) {
          out.push(p.build(hashes.slice(at, at + p.ids.length)));
          at += p.ids.length;
        }
      }
      return out;
    },
    async rootAt(size) {
      const ids = frontierIds(size);
      return rootFromFrontier(await fetchNodes(tx, logId, ids));
    },
  };
}

export interface DatabaseVerifyOptions extends RunOptions {
  dataDir: string;
  /** How the summary names the database. */
  source: string;
  /** Called once the total number of entries is known. */
  onTotal?: (entries: number) => void;
}

/**
 * Verifies a node's database: every log (entries, stored tree, frontier, checkpoints,
 * remembered checkpoints), then every record row against the replay. One read-only
 * transaction: a snapshot (PostgreSQL: repeatable read; SQLite: one read transaction in WAL
 * mode), so a server writing meanwhile does not disturb it. Throws `VerifyProblem`.
 */
export async function verifyDatabase(db: Db, dialect: Dialect, opts: DatabaseVerifyOptions): Promise<VerifyReport> {
  // SQLite: large logs are read by the worker threads themselves; anything irregular they
  // meet is named by a second run that reads everything in this thread, inside the snapshot.
  // The very file `db` reads (not one named by the options), for the threads to read too.
  const file =
    dialect === 'sqlite' ? (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db)).rows[0]?.file || undefined : undefined;
  if (file === undefined || !fs.existsSync(file)) return verifyDatabaseOnce(db, dialect, opts, undefined);
  try {
    return await verifyDatabaseOnce(db, dialect, opts, file);
  } catch (err) {
    if (!(err instanceof IrregularStore)) throw err;
    opts.progress?.restart?.();
    return verifyDatabaseOnce(db, dialect, opts, undefined);
  }
}

async function verifyDatabaseOnce(db: Db, dialect: Dialect, opts: DatabaseVerifyOptions, file: string | undefined): Promise<VerifyReport> {
  let tx = db.transaction();
  if (dialect === 'postgres') tx = tx.setIsolationLevel('repeatable read').setAccessMode('read only');
  return tx.execute(async (t) => {
    const run = new VerifyRun('database', opts.source, opts, false);
    let early: Promise<ScannedRow[][]> | undefined;
    const stop = { stopped: false };
    try {
      const { name, key } = await trustedNodeKey(t, opts.dataDir, opts.pinned);
      run.setNode(name, key);

      const logs = await t.selectFrom('logs').select(['id', 'size', 'frontier']).orderBy('id').execute();
      const ids = logs.map((l) => l.id);
      const known = new Set(ids);
      for (const table of ['logEntries', 'logNodes', 'checkpoints'] as const) {
        const stray = (await logIdsIn(t, table)).find((id) => !known.has(id));
        if (stray !== undefined) fail(`${table} has rows of log ${stray}, which has no row in logs`);
      }
      const cps = await t.selectFrom('checkpoints').select(['logId', 'size', 'root', 'note', 'at']).orderBy('logId').orderBy('size').execute();
      const byLog = new Map<string, CheckpointInput[]>();
      for (const c of cps) {
        const list = byLog.get(c.logId) ?? [];
        list.push({ note: c.note, size: Number(c.size), root: Buffer.from(c.root), at: c.at });
        byLog.set(c.logId, list);
      }
      opts.onTotal?.(logs.reduce((n, l) => n + Number(l.size), 0));
      // With worker threads hashing (an SQLite file), the rows are read and compared with the
      // entries they name while the threads work, in the main thread's spare time; their
      // places in the log are checked against the replay once it is complete.
      if (file !== undefined) {
        early = allPages(rowPages(t, stop));
        early.catch(() => {}); // awaited below
      }
      for (const log of logs) await run.log(dbLog(t, dialect, { id: log.id, size: Number(log.size), frontier: log.frontier ? Buffer.from(log.frontier) : null }, byLog.get(log.id) ?? [], file));
      run.missingLogs(new Set(ids));
      // Otherwise page by page, as they are read.
      let compared = 0;
      for await (const page of early ? await early : rowPages(t)) compared += checkRows(page, run.replay);
      noRowMissing(run.replay);
      run.report.records = { compared, what: `rows (${RESOURCES.length} record tables) match their last log entries` };
      run.noteUnsigned();
      return run.report;
    } finally {
      // No query of the scan may outlive the transaction.
      stop.stopped = true;
      await early?.catch(() => undefined);
      await run.close();
    }
  });
}

/**
 * The distinct log ids of a table whose primary key starts with logId, one index probe per
 * log (a loose index scan): a scan of every row would take a tenth of a large log's verify.
 */
async function logIdsIn(t: Tx, table: 'logEntries' | 'logNodes' | 'checkpoints'): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with recursive ids(id) as (
      select min("logId") from ${sql.table(table)}
      union all
      select (select min("logId") from ${sql.table(table)} where "logId" > ids.id) from ids where ids.id is not null
    )
    select id from ids where id is not null`.execute(t);
  return rows.map((r) => r.id);
}

/** The record as the log carries it: without its log index and the values derived from it. */
export function recordForLog(def: ResourceDef, rec: Record<string, unknown>): Record<string, unknown> {
  const out = { ...rec };
  delete out.logIndex;
  for (const key of Object.keys(def.derived?.shape ?? {})) delete out[key];
  return out;
}

/** The first field (sorted) where two records differ, or undefined. */
export function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string | undefined {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.find((k) => canonicalize(a[k] ?? null) !== canonicalize(b[k] ?? null) || (k in a) !== (k in b));
}

function rowRecord(def: ResourceDef, row: Record<string, unknown>): Record<string, unknown> {
  try {
    return recordForLog(def, fromRow(def, row));
  } catch {
    const bad = Object.entries(def.fields).find(([name, spec]) => {
      if (spec.store !== 'json' || row[name] === null || row[name] === undefined) return false;
      try {
        JSON.parse(String(row[name]));
        return false;
      } catch {
        return true;
      }
    });
    fail(`${def.table} ${String(row.id)}: ${bad ? `column ${bad[0]} is not valid JSON` : 'the row cannot be read'}`);
  }
}

const ROW_PAGE = 1000;

/**
 * The text of the entry a row names (its log by logIdFor, its `logIndex`) as a column of the
 * row's own query: one join per page instead of a lookup per row. The log id is logIdFor's,
 * written in SQL (the two must agree; a row whose log differs is refused below anyway).
 */
function entryOfRow(def: ResourceDef) {
  const base = def.scope === 'directory' ? sql`'directory'` : sql`coalesce(r."mechanismId", 'directory')`;
  return sql<string | null>`(select e.entry from "logEntries" e where e."logId" = case when r.marking = 'internal' then ${base} || '/' || r."ownerParty" else ${base} end and e.idx = r."logIndex")`.as('__entry');
}

/**
 * A row as the first pass saw it: where it says its last entry is, and whether it holds that
 * entry's record; the row and the entry's text only when it does not (for the message).
 */
interface ScannedRow {
  def: ResourceDef;
  id: string;
  marking: unknown;
  logId: string;
  /** The row's column, as stored. */
  logIndex: unknown;
  /** The row and the text of the entry it names, when the row does not plainly hold that entry's record. */
  differs: { row: Record<string, unknown>; text: unknown } | undefined;
}

/**
 * The rows of every record table, page by page, each with the entry it names and whether it
 * holds that entry's record (rowHolds). Nothing fails here: what a row's entry is worth is
 * known only once the log is verified, and where the row stands only once the replay is
 * complete (checkRows). With `spare`, it yields before each page, so the main thread's other
 * work (feeding the worker threads, the replay) goes first, and it ends once `spare.stopped`
 * is set.
 */
async function* rowPages(t: Tx, spare?: { stopped: boolean }): AsyncGenerator<ScannedRow[]> {
  for (const def of RESOURCES) {
    let after: string | undefined;
    const entry = entryOfRow(def);
    for (;;) {
      if (spare) {
        await new Promise(setImmediate);
        if (spare.stopped) return;
      }
      let q = t.selectFrom(`${def.table} as r`).selectAll('r').select(entry).orderBy('r.id').limit(ROW_PAGE);
      if (after !== undefined) q = q.where('r.id', '>', after);
      const page = (await q.execute()) as Array<Record<string, unknown>>;
      if (page.length === 0) break;
      after = String(page[page.length - 1]!.id);
      const out: ScannedRow[] = [];
      for (const row of page) {
        const text = row.__entry;
        const logId = logIdFor(def.scope === 'directory' ? undefined : (row.mechanismId as string | null), row.marking as never, String(row.ownerParty));
        const recordText = typeof text === 'string' ? recordTextOf(text) : undefined;
        const holds = recordText !== undefined && rowHolds(def, row, recordText);
        out.push({ def, id: String(row.id), marking: row.marking, logId, logIndex: row.logIndex, differs: holds ? undefined : { row, text } });
      }
      yield out;
      if (page.length < ROW_PAGE) break;
    }
  }
}

async function allPages(pages: AsyncIterable<ScannedRow[]>): Promise<ScannedRow[][]> {
  const out: ScannedRow[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

/** Rows against the complete replay, in table and id order; how many. */
function checkRows(rows: readonly ScannedRow[], replay: Replay): number {
  for (const { def, id, marking, logId: rowLog, logIndex, differs } of rows) {
    const slot = replay.byId.get(id);
    if (!slot) fail(`${def.table} ${id}: the row has no log entry`);
    if (slot.kind !== def.kind) fail(`${def.table} ${id}: the log has this id as a ${slot.kind}, not a ${def.kind}`);
    const st = replay.live(id, slot);
    if (!st) fail(`${def.table} ${id}: the row exists, but ${replay.removal(slot)}`);
    slot.matched = true;
    const logId = replay.logIds[st.log]!;
    if (rowLog !== logId) fail(`${def.table} ${id}: by its marking (${String(marking)}) the row belongs in log ${rowLog}, but its last entry is in log ${logId} (entry ${st.idx})`);
    if (Number(logIndex) !== st.idx) fail(`${def.table} ${id}: the row's logIndex is ${String(logIndex)}, but its last log entry is entry ${st.idx} of log ${logId}`);
    if (differs === undefined) continue;
    const { row, text } = differs;
    if (typeof text !== 'string') fail(`${def.table} ${id}: log ${logId} entry ${st.idx} disappeared while verifying`);
    // Not plainly equal (or another shape of entry): compared field by field, which names a difference.
    const { __entry: _, ...columns } = row;
    const rec = rowRecord(def, columns);
    const entryRecord = (JSON.parse(text) as { record: Record<string, unknown> }).record;
    const diff = firstDifference(rec, entryRecord);
    if (diff !== undefined) fail(`${def.table} ${id}: column ${diff} differs from log entry ${st.idx} of log ${logId}`);
  }
  return rows.length;
}

/** After every row: each live record must have had one. */
function noRowMissing(replay: Replay): void {
  for (const [id, slot] of replay.byId) {
    if (slot.matched) continue;
    const st = replay.live(id, slot);
    if (st) {
      const table = RESOURCES.find((d) => d.kind === slot.kind)?.table ?? slot.kind;
      fail(`${table} ${id}: log ${replay.logIds[st.log]} entry ${st.idx} holds this ${slot.kind}, but there is no row`);
    }
  }
}

/** The columns every record row has, all text, in the log's record as they are in the row. */
const COMMON_COLUMNS = ['id', 'ownerParty', 'marking', 'createdAt', 'updatedAt'] as const;

/**
 * Whether a row holds exactly the record of its entry (the record's text, parsed): every
 * column equal to the field it stores (JSON columns as JSON.stringify writes the field), and
 * no other field. It only ever says yes for equal records; a no (a changed row, or JSON
 * stored in another key order) goes to the field-by-field comparison, which decides.
 * Cheaper than the row's canonical text: the parse is the engine's, and most columns compare
 * as they are.
 */
function rowHolds(def: ResourceDef, row: Record<string, unknown>, recordText: string): boolean {
  let rec: unknown;
  try {
    rec = JSON.parse(recordText);
  } catch {
    return false;
  }
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return false;
  const fields = rec as Record<string, unknown>;
  let count = COMMON_COLUMNS.length;
  for (const c of COMMON_COLUMNS) if (typeof row[c] !== 'string' || fields[c] !== row[c]) return false;
  if (def.scope !== 'directory') {
    if (fields.mechanismId !== row.mechanismId || fields.mechanismId === undefined) return false;
    count++;
  }
  for (const [name, spec] of fieldEntries(def)) {
    const v = fields[name];
    const r = row[name];
    if (v === undefined || r === undefined) return false;
    count++;
    if (v === null || r === null) {
      if (v !== r) return false;
      continue;
    }
    if (spec.store === 'json') {
      if (typeof r !== 'string' || JSON.stringify(v) !== r) return false;
    } else if (spec.store === 'bool') {
      if (typeof v !== 'boolean' || (r !== v && r !== (v ? 1 : 0))) return false;
    } else if (spec.store === 'int') {
      if (typeof v !== 'number' || typeof r !== 'number' || r !== v) return false;
    } else if (typeof r !== 'string' || v !== r) return false;
  }
  return Object.keys(fields).length === count;
}

/** The record's text inside a canonical entry, or undefined for an entry of another shape. */
function recordTextOf(text: string): string | undefined {
  const at = text.length <= HEAD + ENTRY_SUFFIX.length ? text : text.slice(0, HEAD);
  if (!text.endsWith(ENTRY_SUFFIX) || !headOf(at, head)) return undefined;
  return text.slice(head.record, text.length - ENTRY_SUFFIX.length);
}

// ---------------------------------------------------------------------------------------

/** A verifier key given by the user: the key text, or a file holding it. */
export function pinnedKey(arg: string): NoteVerifier {
  let text = arg.trim();
  if (!/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(text)) {
    let content: string;
    try {
      content = fs.readFileSync(arg, 'utf8');
    } catch {
      fail(`--key ${arg}: neither a verifier key (name+hexid+base64) nor a readable file holding one`);
    }
    text = content.trim();
  }
  try {
    return parseVerifierKey(text);
  } catch (err) {
    fail(`--key: not a valid verifier key: ${(err as Error).message}`);
  }
}

