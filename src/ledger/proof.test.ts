import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTree, leafHash, nodeHash, planRoot, type NodeId } from './merkle.ts';
import {
  planConsistency,
  planInclusion,
  rootFromInclusion,
  verifyConsistency,
  verifyInclusion,
} from './proof.ts';

// ---------------------------------------------------------------------------------------
// Naive RFC 6962 §2.1 reference, written from the RFC text over an array of leaf hashes.

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const H = (l: Uint8Array, r: Uint8Array) => sha256(Buffer.from([1]), l, r);
/** k: the largest power of two smaller than n (n > 1). */
const split = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

class Naive {
  private readonly memo = new Map<string, Buffer>();
  constructor(readonly d: readonly Buffer[]) {}
  /** MTH(D[lo:hi]). */
  mth(lo = 0, hi = this.d.length): Buffer {
    const n = hi - lo;
    if (n === 0) return sha256();
    if (n === 1) return this.d[lo]!;
    const key = `${lo}:${hi}`;
    let h = this.memo.get(key);
    if (h === undefined) {
      const k = split(n);
      h = H(this.mth(lo, lo + k), this.mth(lo + k, hi));
      this.memo.set(key, h);
    }
    return h;
  }
  /** PATH(m, D[lo:hi]). */
  path(m: number, lo = 0, hi = this.d.length): Buffer[] {
    const n = hi - lo;
    if (n === 1) return [];
    const k = split(n);
    if (m < k) return [...this.path(m, lo, lo + k), this.mth(lo + k, hi)];
    return [...this.path(m - k, lo + k, hi), this.mth(lo, lo + k)];
  }
  /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
  proof(m: number, n: number): Buffer[] {
    return this.subproof(m, 0, n, true);
  }
  private subproof(m: number, lo: number, hi: number, b: boolean): Buffer[] {
    const n = hi - lo;
    if (m === n) return b ? [] : [this.mth(lo, hi)];
    const k = split(n);
    if (m <= k) return [...this.subproof(m, lo, lo + k, b), this.mth(lo + k, hi)];
    return [...this.subproof(m - k, lo + k, hi, false), this.mth(lo, lo + k)];
  }
}

/** Naive verifier from the recursive PATH definition: consume the proof from its end. */
function naiveVerifyInclusion(leaf: Buffer, m: number, n: number, proof: Buffer[], root: Buffer): boolean {
  const rec = (m: number, n: number, p: Buffer[]): Buffer | undefined => {
    if (n === 1) return p.length === 0 ? leaf : undefined;
    const last = p[p.length - 1];
    if (last === undefined) return undefined;
    const k = split(n);
    const sub = m < k ? rec(m, k, p.slice(0, -1)) : rec(m - k, n - k, p.slice(0, -1));
    if (sub === undefined) return undefined;
    return m < k ? H(sub, last) : H(last, sub);
  };
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m >= n) return false;
  return rec(m, n, proof)?.equals(root) ?? false;
}

/** Naive verifier from the recursive SUBPROOF definition: rebuilds (old root, new root). */
function naiveVerifyConsistency(m: number, n: number, proof: Buffer[], root1: Buffer, root2: Buffer): boolean {
  type Pair = { old: Buffer; new: Buffer };
  const rec = (m: number, n: number, b: boolean, p: Buffer[]): Pair | undefined => {
    if (m === n) {
      if (b) return p.length === 0 ? { old: root1, new: root1 } : undefined;
      return p.length === 1 ? { old: p[0]!, new: p[0]! } : undefined;
    }
    const last = p[p.length - 1];
    if (last === undefined) return undefined;
    const k = split(n);
    if (m <= k) {
      const r = rec(m, k, b, p.slice(0, -1));
      return r && { old: r.old, new: H(r.new, last) };
    }
    const r = rec(m - k, n - k, false, p.slice(0, -1));
    return r && { old: H(last, r.old), new: H(last, r.new) };
  };
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m <= 0 || m > n) return false;
  const r = rec(m, n, true, proof);
  return r !== undefined && r.old.equals(root1) && r.new.equals(root2);
}

// ---------------------------------------------------------------------------------------
// Helpers.

const flipBit = (buf: Buffer, bit: number): Buffer => {
  const out = Buffer.from(buf);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
};
/** A small deterministic PRNG, so sampled bits are reproducible from fast-check's seed. */
const rng = (seed: number) => () => {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9) | 0;
  return (seed >>> 0) / 2 ** 32;
};
const sampleBits = (rand: () => number, count: number, max = 256) =>
  Array.from({ length: count }, () => Math.floor(rand() * max));

/** Variants of a size or index: ±1 and each low bit flipped. */
const mutations = (x: number) => {
  const out = new Set<number>([x - 1, x + 1]);
  for (let b = 0; 2 ** b <= 2 * Math.max(x, 1); b++) out.add(x ^ (2 ** b));
  out.delete(x);
  return [...out];
};

/** Distinct leaves (the index is part of the data), else equal siblings could hide a swap. */
const leafData = (seed: number, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const rand = createHash('sha256').update(`${seed}/${i}`).digest();
    const index = Buffer.alloc(4);
    index.writeUInt32BE(i);
    return Buffer.concat([index, rand.subarray(0, rand[0]! % 24)]);
  });

// Compare hex strings: deep equality on Buffers is slow in hot loops.
const hex = (hashes: readonly Buffer[]) => hashes.map((h) => h.toString('hex'));

const build = (data: Buffer[]) => {
  const tree = new MemoryTree();
  for (const d of data) tree.append(d);
  return { tree, naive: new Naive(data.map(leafHash)) };
};

// ---------------------------------------------------------------------------------------

const VECTORS = '/work/shared/testdata/merkle';
const jsonFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
const b64 = (s: string) => Buffer.from(s, 'base64');
const b64s = (p: string[] | null | undefined) => (p ?? []).map(b64);

describe('transparency-dev/merkle test vectors', () => {
  const inclusion = jsonFiles(join(VECTORS, 'inclusion'));
  const consistency = jsonFiles(join(VECTORS, 'consistency'));

  it('finds all 196 vector files', () => {
    expect(inclusion.length + consistency.length).toBe(196);
    expect(inclusion.length).toBeGreaterThan(0);
    expect(consistency.length).toBeGreaterThan(0);
  });

  it('inclusion: accepts every wantErr:false case and rejects every wantErr:true case', () => {
    let accepted = 0;
    for (const file of inclusion) {
      const c = JSON.parse(readFileSync(file, 'utf8')) as {
        leafIdx: number;
        treeSize: number;
        root: string;
        leafHash: string;
        proof?: string[] | null;
        wantErr: boolean;
      };
      const ok = verifyInclusion(b64(c.leafHash), c.leafIdx, c.treeSize, b64s(c.proof), b64(c.root));
      expect(ok, file).toBe(!c.wantErr);
      if (ok) {
        accepted++;
        expect(rootFromInclusion(b64(c.leafHash), c.leafIdx, c.treeSize, b64s(c.proof))).toEqual(b64(c.root));
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('consistency: accepts every wantErr:false case and rejects every wantErr:true case', () => {
    let accepted = 0;
    for (const file of consistency) {
      const c = JSON.parse(readFileSync(file, 'utf8')) as {
        size1: number;
        size2: number;
        root1: string;
        root2: string;
        proof?: string[] | null;
        wantErr: boolean;
      };
      const ok = verifyConsistency(c.size1, c.size2, b64s(c.proof), b64(c.root1), b64(c.root2));
      expect(ok, file).toBe(!c.wantErr);
      if (ok) accepted++;
    }
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('proofs against the naive RFC 6962 tree', () => {
  it('exhaustively for every tree up to 40 leaves', () => {
    const { tree, naive } = build(leafData(7, 40));
    for (let n = 1; n <= 40; n++) {
      const root = tree.rootAt(n);
      const sub = new Naive(Array.from({ length: n }, (_, i) => tree.node({ level: 0, index: i })!));
      expect(root).toEqual(sub.mth());
      for (let i = 0; i < n; i++) {
        const proof = tree.resolve(planInclusion(i, n));
        expect(hex(proof)).toEqual(hex(sub.path(i)));
        expect(verifyInclusion(tree.node({ level: 0, index: i })!, i, n, proof, root)).toBe(true);
      }
      for (let m = 0; m <= n; m++) {
        const proof = tree.resolve(planConsistency(m, n));
        expect(hex(proof)).toEqual(m === 0 ? [] : hex(sub.proof(m, n)));
        expect(verifyConsistency(m, n, proof, naive.mth(0, m), root)).toBe(m > 0);
      }
    }
  });

  it('random trees up to 2,000 leaves: roots, proofs, and every tampering', () => {
    const interesting = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257, 1023, 1024, 1025, 2000];
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.constantFrom(...interesting)),
        fc.integer(),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (n, seed, picks) => {
          const { tree, naive } = build(leafData(seed, n));
          const rand = rng(seed);
          const root = tree.root();
          expect(root).toEqual(naive.mth());
          expect(tree.rootAt(n)).toEqual(root);

          // Inclusion: first, last and random leaves.
          const indices = new Set([0, n - 1, ...picks.map((p) => Math.floor(p * n))]);
          for (const i of indices) {
            const leaf = naive.d[i]!;
            const proof = tree.resolve(planInclusion(i, n));
            expect(hex(proof)).toEqual(hex(naive.path(i)));
            expect(verifyInclusion(leaf, i, n, proof, root)).toBe(true);
            expect(rootFromInclusion(leaf, i, n, proof)).toEqual(root);

            // Any single bit flipped in a proof hash, the leaf or the root fails.
            proof.forEach((p, j) => {
              for (const bit of sampleBits(rand, 6)) {
                const bad = [...proof];
                bad[j] = flipBit(p, bit);
                expect(verifyInclusion(leaf, i, n, bad, root)).toBe(false);
              }
            });
            for (const bit of sampleBits(rand, 4)) {
              expect(verifyInclusion(flipBit(leaf, bit), i, n, proof, root)).toBe(false);
              expect(verifyInclusion(leaf, i, n, proof, flipBit(root, bit))).toBe(false);
            }
            // Wrong proof length fails, and is not even turned into a root.
            expect(verifyInclusion(leaf, i, n, [...proof, root], root)).toBe(false);
            expect(rootFromInclusion(leaf, i, n, [...proof, root])).toBeUndefined();
            if (proof.length > 0) {
              expect(verifyInclusion(leaf, i, n, proof.slice(1), root)).toBe(false);
              expect(rootFromInclusion(leaf, i, n, proof.slice(0, -1))).toBeUndefined();
            }

            // A changed index always fails (leaves are distinct). A changed size fails unless
            // the proof has the very same shape for it, which a verifier cannot tell apart
            // without the size in the signed checkpoint: the naive recursive verifier must agree.
            for (const i2 of mutations(i)) {
              expect(verifyInclusion(leaf, i2, n, proof, root)).toBe(false);
            }
            for (const n2 of mutations(n)) {
              expect(verifyInclusion(leaf, i, n2, proof, root)).toBe(naiveVerifyInclusion(leaf, i, n2, proof, root));
            }
            if (n > 1) expect(verifyInclusion(leaf, i, 2 * n, proof, root)).toBe(false);
          }

          // Consistency: from 1, from random sizes, and to itself.
          const sizes1 = new Set([1, n, ...picks.map((p) => 1 + Math.floor(p * n))]);
          for (const m of sizes1) {
            const root1 = naive.mth(0, m);
            expect(tree.rootAt(m)).toEqual(root1);
            const proof = tree.resolve(planConsistency(m, n));
            expect(hex(proof)).toEqual(hex(naive.proof(m, n)));
            expect(verifyConsistency(m, n, proof, root1, root)).toBe(true);

            proof.forEach((p, j) => {
              for (const bit of sampleBits(rand, 6)) {
                const bad = [...proof];
                bad[j] = flipBit(p, bit);
                expect(verifyConsistency(m, n, bad, root1, root)).toBe(false);
              }
            });
            for (const bit of sampleBits(rand, 4)) {
              expect(verifyConsistency(m, n, proof, flipBit(root1, bit), root)).toBe(false);
              expect(verifyConsistency(m, n, proof, root1, flipBit(root, bit))).toBe(false);
            }
            expect(verifyConsistency(m, n, [...proof, root], root1, root)).toBe(false);
            if (proof.length > 0) {
              expect(verifyConsistency(m, n, proof.slice(1), root1, root)).toBe(false);
              expect(verifyConsistency(m, n, proof.slice(0, -1), root1, root)).toBe(false);
              expect(verifyConsistency(m, n, proof, root, root1)).toBe(false);
            }

            for (const m2 of mutations(m)) {
              const got = verifyConsistency(m2, n, proof, root1, root);
              expect(got).toBe(naiveVerifyConsistency(m2, n, proof, root1, root));
            }
            for (const n2 of mutations(n)) {
              const got = verifyConsistency(m, n2, proof, root1, root);
              expect(got).toBe(naiveVerifyConsistency(m, n2, proof, root1, root));
              if (m === n) expect(got).toBe(false);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the naive verifiers are not vacuous: they accept genuine proofs and reject a swap', () => {
    const { tree, naive } = build(leafData(3, 11));
    const root = tree.root();
    const proof = naive.path(4);
    expect(naiveVerifyInclusion(naive.d[4]!, 4, 11, proof, root)).toBe(true);
    expect(naiveVerifyInclusion(naive.d[4]!, 5, 11, proof, root)).toBe(false);
    const cproof = naive.proof(6, 11);
    expect(naiveVerifyConsistency(6, 11, cproof, naive.mth(0, 6), root)).toBe(true);
    expect(naiveVerifyConsistency(6, 11, cproof, naive.mth(0, 7), root)).toBe(false);
  });

  it('a changed size can verify only with an identically shaped proof (RFC 9162 behaviour)', () => {
    // Leaf 0 of 5 and of 6 leaves: both proofs are three right-hand siblings, so the 5-leaf
    // proof and root also "verify" as size 6. The size is bound by the signed checkpoint.
    const { tree, naive } = build(leafData(1, 5));
    const proof = tree.resolve(planInclusion(0, 5));
    expect(verifyInclusion(naive.d[0]!, 0, 6, proof, tree.root())).toBe(true);
    expect(naiveVerifyInclusion(naive.d[0]!, 0, 6, proof, tree.root())).toBe(true);
    expect(verifyInclusion(naive.d[0]!, 0, 4, proof, tree.root())).toBe(false);
  });
});

describe('proofs beyond 32 bits', () => {
  // With identical leaves every perfect node of a level has the same hash, so trees of any
  // size can be "stored" and the plan arithmetic checked where 32-bit operators would break.
  const byLevel = [leafHash(Buffer.from('same'))];
  for (let l = 1; l <= 53; l++) byLevel.push(nodeHash(byLevel[l - 1]!, byLevel[l - 1]!));
  const fetch = (ids: readonly NodeId[], size: number) =>
    ids.map((id) => {
      // The node must exist at this size (a plain check: expect() per node is slow).
      if (!Number.isSafeInteger(id.index) || id.index < 0 || (id.index + 1) * 2 ** id.level > size) {
        throw new Error(`node (${id.level}, ${id.index}) does not exist at size ${size}`);
      }
      return byLevel[id.level]!;
    });
  const rootOf = (size: number) => {
    const plan = planRoot(size);
    return plan.build(fetch(plan.ids, size));
  };

  it('inclusion and consistency proofs verify for sizes up to 2^53 − 1', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), fc.maxSafeNat(), (a, b, c) => {
        const size = Math.max(a, b, c, 1);
        const index = Math.min(a, b, c) % size;
        const root = rootOf(size);
        const plan = planInclusion(index, size);
        expect(new Set(plan.ids.map((id) => `${id.level}/${id.index}`)).size).toBe(plan.ids.length);
        const proof = plan.build(fetch(plan.ids, size));
        expect(proof.length).toBeLessThanOrEqual(53);
        expect(verifyInclusion(byLevel[0]!, index, size, proof, root)).toBe(true);

        const size1 = Math.max(1, [a, b, c].sort((x, y) => x - y)[1]!);
        const cplan = planConsistency(size1, size);
        const cproof = cplan.build(fetch(cplan.ids, size));
        expect(verifyConsistency(size1, size, cproof, rootOf(size1), root)).toBe(true);
        if (size1 < size) expect(verifyConsistency(size1, size, cproof.slice(1), rootOf(size1), root)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('argument validation', () => {
  const bad = [-1, 0.5, Number.NaN, Infinity, 2 ** 53, Number.MAX_SAFE_INTEGER + 2];

  it('planInclusion throws RangeError for index ≥ size and bad numbers', () => {
    expect(() => planInclusion(0, 0)).toThrow(RangeError);
    expect(() => planInclusion(5, 5)).toThrow(RangeError);
    expect(() => planInclusion(6, 5)).toThrow(/index 6 is not below the tree size 5/);
    for (const x of bad) {
      expect(() => planInclusion(x, 10)).toThrow(RangeError);
      expect(() => planInclusion(0, x)).toThrow(RangeError);
    }
    expect(planInclusion(0, 1).ids).toEqual([]);
  });

  it('planConsistency throws RangeError for size1 > size2 and bad numbers', () => {
    expect(() => planConsistency(2, 1)).toThrow(RangeError);
    expect(() => planConsistency(1, 0)).toThrow(/size1 1 is greater than size2 0/);
    for (const x of bad) {
      expect(() => planConsistency(x, 10)).toThrow(RangeError);
      expect(() => planConsistency(1, x)).toThrow(RangeError);
    }
  });

  it('consistency from size 0 or to the same size is an empty plan', () => {
    for (const [m, n] of [[0, 0], [0, 7], [7, 7]] as const) {
      const plan = planConsistency(m, n);
      expect(plan.ids).toEqual([]);
      expect(plan.build([])).toEqual([]);
    }
  });

  it('build rejects the wrong number of hashes', () => {
    const plan = planInclusion(3, 7);
    expect(plan.ids.length).toBeGreaterThan(0);
    expect(() => plan.build([])).toThrow();
    const cplan = planConsistency(3, 7);
    expect(() => cplan.build(cplan.ids.slice(1).map(() => Buffer.alloc(32)))).toThrow();
  });

  it('verifiers return false (never throw) on bad numbers and malformed hashes', () => {
    const { tree, naive } = build(leafData(9, 6));
    const root = tree.root();
    const leaf = naive.d[2]!;
    const proof = tree.resolve(planInclusion(2, 6));
    expect(verifyInclusion(leaf, 2, 6, proof, root)).toBe(true);
    for (const x of bad) {
      expect(verifyInclusion(leaf, x, 6, proof, root)).toBe(false);
      expect(verifyInclusion(leaf, 2, x, proof, root)).toBe(false);
      expect(verifyConsistency(x, 6, [], root, root)).toBe(false);
      expect(verifyConsistency(6, x, [], root, root)).toBe(false);
    }
    expect(verifyInclusion(leaf.subarray(1), 2, 6, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 2, 6, [...proof.slice(0, -1), proof.at(-1)!.subarray(1)], root)).toBe(false);
    expect(rootFromInclusion(leaf, 6, 6, proof)).toBeUndefined();

    // size1 = 0 is rejected even with an empty proof (nothing is proven; vectors agree).
    expect(verifyConsistency(0, 6, [], naive.mth(0, 0), root)).toBe(false);
    expect(verifyConsistency(0, 0, [], naive.mth(0, 0), naive.mth(0, 0))).toBe(false);
    expect(verifyConsistency(6, 6, [], root, root)).toBe(true);
    expect(verifyConsistency(6, 6, [root], root, root)).toBe(false);
  });
});
