import {
  HASH_SIZE,
  checkHashes,
  checkSize,
  nodeHash,
  pow2,
  rangeIds,
  rootFromFrontier,
  trailingZeros,
  type NodeId,
  type Plan,
} from './merkle.ts';

/**
 * RFC 9162 inclusion and consistency proofs.
 *
 * Generation returns a plan (the perfect nodes to fetch, then how to assemble them), so a
 * database answers any proof with one query of O(log n) rows. The assembled proofs are in
 * RFC 9162 §2.1.3/§2.1.4 order, identical to transparency-dev/merkle's proof.Inclusion and
 * proof.Consistency: every element is a perfect node, except at most one "ephemeral" node
 * on the right border, which is the fold of the perfect nodes under it.
 *
 * Verification is pure and total: it returns false for anything that is not a valid proof
 * (bad sizes or indices included) and never throws, because its inputs come from outside.
 */

export type { NodeId, Plan } from './merkle.ts';

/**
 * Nodes proving that the perfect node (level, index) is in the tree of `size` leaves
 * (requires (index+1)·2^level ≤ size). Same decomposition as transparency-dev/merkle:
 * below the "fork" (the highest ancestor still left of leaf `size`) the proof is the plain
 * siblings; the fork's sibling is the ephemeral node covering [end, size); above it, the
 * proof is the perfect nodes of [0, begin), nearest first.
 */
function pathPlan(index: number, level: number, size: number): Plan<Buffer[]> {
  const sizeAtLevel = Math.floor(size / pow2(level));
  let inner = 0;
  while (Math.floor(index / pow2(inner + 1)) !== Math.floor(sizeAtLevel / pow2(inner + 1))) inner++;
  const forkLevel = level + inner;
  const begin = Math.floor(index / pow2(inner)) * pow2(forkLevel);
  const end = begin + pow2(forkLevel);

  const ids: NodeId[] = [];
  for (let l = 0; l < inner; l++) {
    const i = Math.floor(index / pow2(l));
    ids.push({ level: level + l, index: i % 2 === 0 ? i + 1 : i - 1 });
  }
  const right = rangeIds(end, size - end);
  const left = rangeIds(0, begin).reverse();
  ids.push(...right, ...left);

  return {
    ids,
    build: (hashes) => {
      checkHashes(ids, hashes);
      const proof: Buffer[] = hashes.slice(0, inner).map((h) => Buffer.from(h));
      if (right.length > 0) proof.push(rootFromFrontier(hashes.slice(inner, inner + right.length)));
      for (const h of hashes.slice(inner + right.length)) proof.push(Buffer.from(h));
      return proof;
    },
  };
}

/** Plan for the inclusion proof of leaf `index` in the tree of `size` leaves. */
export function planInclusion(index: number, size: number): Plan<Buffer[]> {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new RangeError(`index ${index} is not below the tree size ${size}`);
  return pathPlan(index, 0, size);
}

/**
 * Plan for the consistency proof from size1 to size2. Empty when size1 = size2 or
 * size1 = 0 (nothing to prove; see verifyConsistency for how a verifier treats size1 = 0).
 */
export function planConsistency(size1: number, size2: number): Plan<Buffer[]> {
  checkSize('size1', size1);
  checkSize('size2', size2);
  if (size1 > size2) throw new RangeError(`size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0 || size1 === size2) {
    return {
      ids: [],
      build: (hashes) => {
        checkHashes([], hashes);
        return [];
      },
    };
  }
  // The largest perfect subtree ending at size1, then its inclusion path in the tree of
  // size2. If size1 is a power of two that subtree is the old root itself, which the
  // verifier already has, so it is left out (RFC 9162 §2.1.4.1).
  const level = trailingZeros(size1);
  const index = size1 / pow2(level) - 1;
  const path = pathPlan(index, level, size2);
  if (index === 0) return path;
  const ids = [{ level, index }, ...path.ids];
  return {
    ids,
    build: (hashes) => {
      checkHashes(ids, hashes);
      return [Buffer.from(hashes[0]!), ...path.build(hashes.slice(1))];
    },
  };
}

// ---------------------------------------------------------------------------------------
// Verification: RFC 9162 §2.1.3.2 and §2.1.4.2, step by step (fn/sn are the RFC's names).

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: Uint8Array): boolean {
  return h.length === HASH_SIZE;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** Right-shift fn and sn until fn's low bit is set or fn is 0 (the RFC's inner loop). */
function shiftWhileEven(fn: number, sn: number): [number, number] {
  while (fn !== 0 && fn % 2 === 0) {
    fn /= 2;
    sn = Math.floor(sn / 2);
  }
  return [fn, sn];
}

/**
 * The root implied by an inclusion proof (RFC 9162 §2.1.3.2), or undefined if the proof is
 * malformed for this index and size (index ≥ size, wrong length, hashes not 32 bytes).
 */
export function rootFromInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Buffer | undefined {
  if (!isSize(index) || !isSize(size) || index >= size) return undefined;
  if (!isHash(leaf) || !proof.every(isHash)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return undefined; // proof too long
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) [fn, sn] = shiftWhileEven(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined; // sn ≠ 0: proof too short
}

/** True iff `proof` proves leaf hash `leaf` at `index` in the tree of `size` with `root`. */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusion(leaf, index, size, proof);
  return computed !== undefined && bytesEqual(computed, root);
}

/**
 * True iff `proof` proves that the tree of size1 with root1 is a prefix of the tree of
 * size2 with root2 (RFC 9162 §2.1.4.2).
 *
 * size1 = size2 needs an empty proof and equal roots. size1 = 0 is always rejected, as
 * transparency-dev/merkle and its test vectors do: any tree extends the empty one, so such
 * a "proof" proves nothing — a caller that accepts a first checkpoint decides that itself.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isSize(size1) || !isSize(size2) || size1 === 0 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (proof.length === 0 || !proof.every(isHash)) return false;

  // Step 2: if size1 is a power of two, its root is the first node of the path.
  const path = size1 === pow2(trailingZeros(size1)) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false; // proof too long
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) [fn, sn] = shiftWhileEven(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
