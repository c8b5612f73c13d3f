import { createHash, hash } from 'node:crypto';

/**
 * RFC 6962 / RFC 9162 Merkle tree core, independent of storage.
 *
 * The tree is stored as its complete (perfect) subtrees: node (level, index) covers the
 * leaves [index·2^level, (index+1)·2^level) and exists once the tree has that many leaves;
 * it never changes afterwards. Everything else (the root, proof nodes on the right border)
 * is an "ephemeral" hash computed from at most log2(n) perfect nodes, so appends and proofs
 * are O(log n) and nothing is ever rebuilt.
 *
 * Sizes and indices are JS numbers; all arithmetic below uses division by powers of two
 * instead of bitwise operators, which would silently truncate to 32 bits.
 */

export const HASH_SIZE = 32;

/** SHA-256 of the empty string: the RFC 6962 root of the empty tree. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

let leafInput = Buffer.alloc(8192);

/**
 * leafHash of a text's UTF-8 bytes, written into one reused buffer behind the 0x00 prefix and
 * hashed one-shot: no Buffer or Hash object per entry (a bulk append hashes thousands).
 */
export function leafHashOfText(text: string): Buffer {
  const most = 1 + 3 * text.length;
  if (leafInput.length < most) leafInput = Buffer.alloc(Math.max(most, 2 * leafInput.length));
  leafInput[0] = 0x00;
  const written = leafInput.write(text, 1, 'utf8');
  return digest(leafInput.subarray(0, 1 + written));
}

/**
 * SHA-256 of `data` as a Buffer. The digest comes back as a 'binary' (latin1) string (one byte per char)
 * and is copied into a pooled Buffer: crypto.hash's own 'buffer' output allocates a separate
 * backing store per call, and made each hash of a node about three times as slow (measured:
 * ~1M against ~3M 65-byte hashes/s; see docs/decisions/0023). A pooled Buffer is a view of
 * a shared 8 KiB block: what keeps digests for long copies them (upper-nodes.ts does).
 */
export function digest(data: Uint8Array): Buffer {
  return Buffer.from(hash('sha256', data, 'binary'), 'latin1');
}

// Interior hashes dominate appends, proofs and verification. Copying both children into one
// reused 65-byte buffer and hashing it with the one-shot crypto.hash avoids allocating a
// Hash object and two intermediate buffers per call (measured ~1.5× faster than
// createHash().update()×3). Safe to reuse: hashing is synchronous and JS is single-threaded.
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE);
NODE_INPUT[0] = 0x01;

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    // Only reachable with malformed input during verification; still hash it exactly.
    return createHash('sha256').update(NODE_INPUT.subarray(0, 1)).update(left).update(right).digest();
  }
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return digest(NODE_INPUT);
}

/** A perfect subtree: leaves [index·2^level, (index+1)·2^level). Level 0 is the leaf hashes. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export interface StoredNode {
  readonly id: NodeId;
  readonly hash: Buffer;
}

/**
 * What to fetch and how to combine it: `ids` are perfect nodes that exist at the tree size
 * the plan was made for; `build` takes their hashes in the same order. Lets a database
 * answer a root or proof request with a single query.
 */
export interface Plan<T> {
  readonly ids: readonly NodeId[];
  build(hashes: readonly Uint8Array[]): T;
}

// ---------------------------------------------------------------------------------------
// Safe-integer helpers (exact up to 2^53 − 1).

/** Throws a RangeError unless n is a non-negative safe integer. */
export function checkSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(n)}`);
  }
}

/** 2^k, exact for 0 ≤ k ≤ 53. */
export function pow2(k: number): number {
  return 2 ** k;
}

/** Number of one bits of a non-negative safe integer. */
export function popCount(x: number): number {
  let count = 0;
  for (; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}

/** Number of trailing zero bits of a positive safe integer (0 for 0, rather than looping). */
export function trailingZeros(x: number): number {
  let count = 0;
  for (; x > 0 && x % 2 === 0; x /= 2) count++;
  return count;
}

/**
 * The perfect-subtree decomposition of [start, start+count), largest first, assuming start
 * is a multiple of the largest power of two ≤ count (true for every range used here: a
 * prefix of the tree, or the part of the right border below an aligned fork).
 */
export function rangeIds(start: number, count: number): NodeId[] {
  const ids: NodeId[] = [];
  let pos = start;
  for (let level = Math.floor(Math.log2(count || 1)) + 1; level >= 0; level--) {
    const width = pow2(level);
    if (count >= width) {
      ids.push({ level, index: pos / width });
      pos += width;
      count -= width;
    }
  }
  return ids;
}

// ---------------------------------------------------------------------------------------
// Frontier, append, root.

/**
 * The "frontier" of a tree of `size` leaves: the perfect subtrees of the binary
 * decomposition of size, largest (leftmost) first. They are exactly the left siblings the
 * next append needs, and their right-to-left fold is the root.
 */
export function frontierIds(size: number): NodeId[] {
  checkSize('size', size);
  return rangeIds(0, size);
}

/** RFC 6962 root from the frontier hashes (largest first): fold right to left. */
export function rootFromFrontier(frontier: readonly Uint8Array[]): Buffer {
  let i = frontier.length - 1;
  const last = frontier[i];
  if (last === undefined) return Buffer.from(EMPTY_ROOT);
  let acc: Buffer = Buffer.from(last);
  for (i--; i >= 0; i--) acc = nodeHash(frontier[i]!, acc);
  return acc;
}

/**
 * appendSteps over a run of leaves appended at `size`: the same nodes in the same order, and
 * the frontier after the last one. The frontier is copied once and then changed in place,
 * instead of copied at each leaf (bulk appends).
 */
export function appendRun(
  size: number,
  leaves: readonly Buffer[],
  frontier: readonly Uint8Array[],
): { nodes: StoredNode[]; frontier: Buffer[] } {
  checkSize('size', size);
  if (!Number.isSafeInteger(size + leaves.length)) throw new RangeError(`tree of size ${size} cannot grow by ${leaves.length}`);
  const expected = popCount(size);
  if (frontier.length !== expected) {
    throw new RangeError(`frontier of a tree of size ${size} has ${expected} hashes, got ${frontier.length}`);
  }
  const next: Buffer[] = frontier.map((h) => Buffer.from(h));
  const nodes: StoredNode[] = [];
  for (let i = 0; i < leaves.length; i++) {
    const at = size + i;
    let acc: Buffer = leaves[i]!;
    if (acc.length !== HASH_SIZE) throw new RangeError(`leaf hash must be ${HASH_SIZE} bytes, got ${acc.length}`);
    nodes.push({ id: { level: 0, index: at }, hash: acc });
    const merges = trailingZeros(at + 1);
    for (let level = 1; level <= merges; level++) {
      acc = nodeHash(next.pop()!, acc);
      nodes.push({ id: { level, index: Math.floor(at / pow2(level)) }, hash: acc });
    }
    next.push(acc);
  }
  return { nodes, frontier: next };
}

/**
 * One append, O(log n): given the current size, the new leaf's hash and the current
 * frontier, return the nodes to store (the leaf at (0, size) and every parent it completes,
 * bottom-up) and the new frontier. Pure: the input frontier is not modified.
 * The reference appendRun is tested against (merkle.test.ts).
 */
export function appendSteps(
  size: number,
  leaf: Uint8Array,
  frontier: readonly Uint8Array[],
): { nodes: StoredNode[]; frontier: Buffer[] } {
  checkSize('size', size);
  if (!Number.isSafeInteger(size + 1)) throw new RangeError(`tree of size ${size} cannot grow`);
  if (leaf.length !== HASH_SIZE) throw new RangeError(`leaf hash must be ${HASH_SIZE} bytes, got ${leaf.length}`);
  const expected = popCount(size);
  if (frontier.length !== expected) {
    throw new RangeError(`frontier of a tree of size ${size} has ${expected} hashes, got ${frontier.length}`);
  }
  // The new leaf completes one parent per trailing one bit of size; each such parent's left
  // child is the smallest remaining frontier hash.
  const merges = trailingZeros(size + 1);
  const kept = frontier.length - merges;
  let acc: Buffer = Buffer.from(leaf);
  const nodes: StoredNode[] = [{ id: { level: 0, index: size }, hash: acc }];
  for (let level = 1; level <= merges; level++) {
    acc = nodeHash(frontier[frontier.length - level]!, acc);
    nodes.push({ id: { level, index: Math.floor(size / pow2(level)) }, hash: acc });
  }
  const next: Buffer[] = frontier.slice(0, kept).map((h) => Buffer.from(h));
  next.push(acc);
  return { nodes, frontier: next };
}

/** Plan for the root of the tree of `size` leaves: its frontier, folded. */
export function planRoot(size: number): Plan<Buffer> {
  const ids = frontierIds(size);
  return {
    ids,
    build: (hashes) => {
      checkHashes(ids, hashes);
      return rootFromFrontier(hashes);
    },
  };
}

/** Throws unless the caller supplied one hash per planned id. */
export function checkHashes(ids: readonly NodeId[], hashes: readonly Uint8Array[]): void {
  if (hashes.length !== ids.length) throw new Error(`plan needs ${ids.length} node hashes, got ${hashes.length}`);
  for (const h of hashes) if (h.length !== HASH_SIZE) throw new Error(`node hash must be ${HASH_SIZE} bytes`);
}

// ---------------------------------------------------------------------------------------

/** In-memory tree over the same storage model: for tests and bulk recomputation. */
export class MemoryTree {
  // levels[l][i] = hash of node (l, i); every perfect node of the current size.
  private readonly levels: Buffer[][] = [];
  private frontier: Buffer[] = [];

  get size(): number {
    return this.levels[0]?.length ?? 0;
  }

  /** Appends a leaf from its data; returns its index. */
  append(data: Uint8Array): number {
    return this.appendLeafHash(leafHash(data));
  }

  /** Appends a leaf from its (already computed) leaf hash; returns its index. */
  appendLeafHash(hash: Uint8Array): number {
    const index = this.size;
    const step = appendSteps(index, hash, this.frontier);
    for (const { id, hash: h } of step.nodes) (this.levels[id.level] ??= []).push(h);
    this.frontier = step.frontier;
    return index;
  }

  root(): Buffer {
    return rootFromFrontier(this.frontier);
  }

  node(id: NodeId): Buffer | undefined {
    return this.levels[id.level]?.[id.index];
  }

  /** Root of the first `size` leaves, from stored nodes only. */
  rootAt(size: number): Buffer {
    checkSize('size', size);
    if (size > this.size) throw new RangeError(`size ${size} is beyond the tree size ${this.size}`);
    return this.resolve(planRoot(size));
  }

  /** Answers any plan from the stored nodes (as a database would, in one query). */
  resolve<T>(plan: Plan<T>): T {
    return plan.build(
      plan.ids.map((id) => {
        const h = this.node(id);
        if (h === undefined) throw new RangeError(`node (${id.level}, ${id.index}) is not in the tree`);
        return h;
      }),
    );
  }
}
