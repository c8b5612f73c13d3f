import { availableParallelism } from 'node:os';
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { EMPTY_ROOT, nodeHash } from './merkle.ts';
import { headOf, storedCore, type StoredChunk, type StoredOut } from './verify-stored.ts';

/**
 * The tree recomputation of `entente verify`, spread over threads.
 *
 * Entries are hashed in chunks of 2^13 that start at a multiple of 2^13: such a chunk is a
 * perfect subtree of the log's tree, so its leaf hashes and every node inside it depend on
 * nothing else, and chunks are hashed side by side (one worker thread per core). The main
 * thread then folds each chunk's root into the few nodes above the chunks, in order, and takes
 * the roots asked for (checkpoints, remembered sizes, co-signatures) on the way: a root at a
 * size inside a chunk is the fold of the nodes left of the chunk and the chunk's own frontier
 * at that size, which the chunk reports.
 *
 * The caller hands over the entries chunk by chunk (packed: one buffer, which goes to a worker).
 */

/** The nodes one chunk made at one level: node indices first.., 32 bytes each. */
export interface LevelNodes {
  level: number;
  first: number;
  hashes: Buffer;
}

export interface PackedPage {
  bytes: Uint8Array;
  /** offsets[i]..offsets[i+1] is entry i (with its 0x00 prefix); length n + 1. */
  offsets: Uint32Array;
}

/** What a recomputed tree ends with: its size, frontier (largest first) and the roots asked for. */
export interface TreeResult {
  size: number;
  frontier: Buffer;
  roots: Map<number, Buffer>;
}

/** Entries as texts, packed for hashing (one buffer of its own, transferable to a worker). */
export function packEntries(entries: readonly string[]): PackedPage {
  let most = entries.length;
  for (const e of entries) most += e.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 code unit
  const bytes = Buffer.allocUnsafeSlow(most);
  const offsets = new Uint32Array(entries.length + 1);
  let off = 0;
  for (let i = 0; i < entries.length; i++) {
    offsets[i] = off;
    bytes[off] = 0x00;
    off += 1 + bytes.write(entries[i]!, off + 1, 'utf8');
  }
  offsets[entries.length] = off;
  return { bytes, offsets };
}

/** What hashing one chunk gives back. */
interface ChunkOut {
  /** Every node of the chunk, level by level (level l has ⌊n / 2^l⌋), when asked for. */
  nodes: Uint8Array | undefined;
  counts: number[];
  /** The chunk's frontier at each cut k asked for (the perfect nodes of its first k leaves, largest first). */
  cuts: Array<[number, Uint8Array]>;
}

/**
 * Hashes one chunk: leaves, then each level from the one below. Self-contained (no outside
 * names but the globals Buffer and Uint32Array): its source runs in the worker threads.
 */
export function chunkCore(sha256: (data: Uint8Array) => string) {
  const NODE = Buffer.alloc(65);
  NODE[0] = 0x01;
  return (bytes: Uint8Array, offsets: Uint32Array, cuts: readonly number[], withNodes: boolean): ChunkOut => {
    const n = offsets.length - 1;
    const counts: number[] = [];
    for (let c = n; c > 0; c = Math.floor(c / 2)) counts.push(c);
    const starts: number[] = [];
    let total = 0;
    for (const c of counts) {
      starts.push(total * 32);
      total += c;
    }
    // Its own buffer (never the shared pool): it is transferred back from a worker.
    const out = Buffer.allocUnsafeSlow(total * 32);
    // Digests are latin1 strings, copied into `out` byte by byte, and so are the children into
    // NODE: no Buffer or view is made per hash (those cost more than the hashing; decision 0023).
    const put = (digest: string, at: number) => {
      for (let k = 0; k < 32; k++) out[at + k] = digest.charCodeAt(k);
    };
    for (let i = 0; i < n; i++) put(sha256(bytes.subarray(offsets[i]!, offsets[i + 1]!)), i * 32);
    for (let l = 1; l < counts.length; l++) {
      const below = starts[l - 1]!;
      const at = starts[l]!;
      for (let j = 0; j < counts[l]!; j++) {
        const from = below + j * 64;
        for (let k = 0; k < 64; k++) NODE[k + 1] = out[from + k]!;
        put(sha256(NODE), at + j * 32);
      }
    }
    const frontierAt = (k: number): Uint8Array => {
      const parts: Uint8Array[] = [];
      for (let l = counts.length - 1; l >= 0; l--) {
        const p = Math.floor(k / 2 ** l);
        if (p % 2 === 1) parts.push(out.subarray(starts[l]! + (p - 1) * 32, starts[l]! + p * 32));
      }
      return Buffer.concat(parts);
    };
    return { nodes: withNodes ? out : undefined, counts, cuts: cuts.map((k) => [k, frontierAt(k)]) };
  };
}

const sha256 = (data: Uint8Array) => hash('sha256', data, 'binary');

// `__name`: the helper some transpilers (tsx, vitest: esbuild with keepNames) wrap functions in.
const WORKER_SOURCE = `
const __name = (f) => f;
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const chunk = (${chunkCore.toString()})((data) => hash('sha256', data, 'binary'));
let stored;
parentPort.on('message', (m) => {
  try {
    if (m.stored) {
      stored ??= (${storedCore.toString()})(require(workerData.sqlite), chunk, ${headOf.toString()}, ${packEntries.toString()});
      parentPort.postMessage({ ok: true, out: stored(m.stored) });
      return;
    }
    const out = chunk(m.bytes, m.offsets, m.cuts, m.withNodes);
    parentPort.postMessage({ ok: true, out }, out.nodes ? [out.nodes.buffer] : []);
  } catch (err) {
    parentPort.postMessage({ ok: false, message: String(err && err.message || err) });
  }
});
`;

interface ChunkJob {
  bytes: Uint8Array;
  offsets: Uint32Array;
  cuts: number[];
  withNodes: boolean;
}

/** A worker thread that hashes chunks, answering in the order it was given them. */
class ChunkWorker {
  private readonly worker: Worker;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a chunk's or a stored chunk's answer, by the message sent
  private readonly waiting: Array<{ resolve: (v: any) => void; reject: (e: Error) => void }> = [];
  private failed: Error | undefined;

  constructor() {
    // The embedded database's driver, for chunks the worker reads itself (./verify-stored.ts).
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite: createRequire(import.meta.url).resolve('better-sqlite3') } });
    this.worker.unref();
    this.worker.on('message', (m: { ok: boolean; out?: unknown; message?: string }) => {
      const w = this.waiting.shift();
      if (m.ok) w?.resolve(m.out!);
      else w?.reject(new Error(`hashing failed: ${m.message}`));
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', () => this.fail(new Error('a hashing thread ended')));
  }

  private fail(err: Error): void {
    this.failed ??= err;
    for (const w of this.waiting.splice(0)) w.reject(err);
  }

  hash(job: ChunkJob): Promise<ChunkOut> {
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.waiting.push({ resolve, reject });
      // Transferred, not copied: the caller hands the chunk over.
      this.worker.postMessage(job, [job.bytes.buffer as ArrayBuffer, job.offsets.buffer as ArrayBuffer]);
    });
  }

  /** Reads, hashes and checks a stored chunk (./verify-stored.ts). */
  stored(job: StoredChunk): Promise<StoredOut> {
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ stored: job });
    });
  }

  async close(): Promise<void> {
    this.failed ??= new Error('closed');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

export interface TreeHasherOptions {
  /** Worker threads (0: hash in this thread). Default: one per core. */
  threads?: number;
  /** log2 of the chunk size (tests use small chunks). */
  chunkBits?: number;
}

export const CHUNK_BITS = 13;
/** Entries per chunk. */
export const CHUNK = 2 ** CHUNK_BITS;

/** Logs from this size on are hashed in worker threads (below, starting them costs more than it saves). */
export const WORKER_FROM = 20_000;

/**
 * Recomputes trees, one log at a time: begin, chunks in order, end. Chunks may be given before
 * the previous ones are answered: they are hashed side by side and folded in order.
 */
export class TreeHasher {
  private readonly workers: ChunkWorker[];
  private readonly chunkBits: number;
  readonly chunkSize: number;
  get threads(): number {
    return this.workers.length;
  }
  private readonly inline = chunkCore(sha256);
  private next = 0;

  // The log being recomputed.
  private wanted: number[] = [];
  private wantedSet = new Set<number>();
  private roots = new Map<number, Buffer>();
  /** The roots of the complete chunks folded so far: the frontier above the chunks, largest first. */
  private upper: Buffer[] = [];
  /** Entries handed to a chunk so far. */
  private size = 0;
  /** The frontier of the last, partial chunk (set at end). */
  private tail: Buffer[] = [];
  private folded: Promise<unknown> = Promise.resolve();

  constructor(opts: TreeHasherOptions = {}) {
    const threads = opts.threads ?? Math.max(1, availableParallelism());
    this.workers = Array.from({ length: threads }, () => new ChunkWorker());
    this.chunkBits = opts.chunkBits ?? CHUNK_BITS;
    this.chunkSize = 2 ** this.chunkBits;
  }

  begin(rootSizes: readonly number[]): void {
    this.wanted = [...new Set(rootSizes)].filter((s) => s >= 0).sort((a, b) => a - b);
    this.roots = new Map();
    this.wantedSet = new Set(this.wanted);
    if (this.wanted[0] === 0) this.roots.set(0, Buffer.from(EMPTY_ROOT));
    this.upper = [];
    this.size = 0;
    this.tail = [];
    this.folded = Promise.resolve();
  }

  /**
   * Hashes the next chunk: `chunkSize` entries, or fewer as the log's last. Resolves, once it
   * is folded into the tree, with its nodes (`withNodes`) and those it completed above it.
   */
  chunk(page: PackedPage, withNodes: boolean): Promise<LevelNodes[]> {
    const n = page.offsets.length - 1;
    const { start, cuts } = this.claim(n);
    const job: ChunkJob = { bytes: page.bytes, offsets: page.offsets, cuts, withNodes };
    const hashed = this.workers.length === 0 ? Promise.resolve(this.inline(job.bytes, job.offsets, job.cuts, job.withNodes)) : this.workers[this.next++ % this.workers.length]!.hash(job);
    // Folded strictly in order: each chunk's roots need the nodes left of it.
    const folded = this.folded.then(() => hashed).then((out) => this.fold(start, n, out, withNodes));
    this.folded = folded.catch(() => {});
    return folded;
  }

  /**
   * Has a worker read, hash and check the next chunk of a log stored in an SQLite file (entries
   * from..to-1, `chunkSize` of them or fewer as the log's last). Resolves, once folded, with the
   * nodes it completed above the chunks (to compare) and what the worker read of each entry.
   */
  stored(file: string, logId: string, n: number): Promise<{ upper: LevelNodes[]; out: StoredOut }> {
    if (this.workers.length === 0) throw new Error('stored chunks need worker threads');
    const { start, cuts } = this.claim(n);
    const read = this.workers[this.next++ % this.workers.length]!.stored({ file, logId, from: start, to: start + n, cuts });
    const folded = this.folded
      .then(() => read)
      .then((out) => {
        if (out.irregular !== undefined) return { upper: [], out };
        // The chunk's own nodes were compared by the worker: only those above it come back.
        return { upper: this.fold(start, n, { nodes: undefined, counts: out.counts, cuts: out.cuts }, true), out };
      });
    this.folded = folded.catch(() => {});
    return folded;
  }

  /**
   * Takes the next `n` entries as a chunk: where it starts, and the sizes inside it whose frontier
   * the fold needs (its end: its root when complete; and every size asked for in it).
   */
  private claim(n: number): { start: number; cuts: number[] } {
    if (this.size % this.chunkSize !== 0) throw new Error('a chunk after the last, partial one');
    if (n === 0 || n > this.chunkSize) throw new Error(`a chunk of ${n} entries (at most ${this.chunkSize})`);
    const start = this.size;
    this.size += n;
    return { start, cuts: [...new Set([...this.wanted.filter((s) => s > start && s <= start + n).map((s) => s - start), n])] };
  }

  /** The tree, once every chunk given is folded. */
  async end(): Promise<TreeResult> {
    await this.folded;
    return { size: this.size, frontier: Buffer.concat([...this.upper, ...this.tail]), roots: this.roots };
  }

  private fold(start: number, n: number, out: ChunkOut, withNodes: boolean): LevelNodes[] {
    let own: Buffer[] = [];
    for (const [k, frontier] of out.cuts) {
      const parts = split(frontier);
      if (k === n) own = parts;
      if (this.wantedSet.has(start + k)) this.roots.set(start + k, foldRoot([...this.upper, ...parts]));
    }
    const nodes: LevelNodes[] = [];
    if (withNodes && out.nodes) {
      const all = Buffer.from(out.nodes.buffer, out.nodes.byteOffset, out.nodes.byteLength);
      let at = 0;
      out.counts.forEach((count, level) => {
        nodes.push({ level, first: start / 2 ** level, hashes: all.subarray(at, at + count * 32) });
        at += count * 32;
      });
    }
    if (n < this.chunkSize) {
      // The last chunk: its frontier follows the chunks' (each of its nodes is smaller).
      this.tail = own;
      return nodes;
    }
    // A complete chunk is one node at level chunkBits: fold it into the nodes above the chunks.
    let acc = own[0]!;
    let level = this.chunkBits;
    let x = start / this.chunkSize + 1;
    while (x % 2 === 0) {
      x /= 2;
      level++;
      acc = nodeHash(this.upper.pop()!, acc);
      if (withNodes) nodes.push({ level, first: x - 1, hashes: acc });
    }
    this.upper.push(acc);
    return nodes;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}

function split(frontier: Uint8Array): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i + 32 <= frontier.byteLength; i += 32) out.push(Buffer.from(frontier.subarray(i, i + 32)));
  return out;
}

/** The root of a tree from its frontier (largest first). */
function foldRoot(frontier: readonly Buffer[]): Buffer {
  let i = frontier.length - 1;
  if (i < 0) return Buffer.from(EMPTY_ROOT);
  let acc = frontier[i]!;
  for (i--; i >= 0; i--) acc = nodeHash(frontier[i]!, acc);
  return acc;
}
