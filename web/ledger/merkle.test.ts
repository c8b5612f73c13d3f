import { describe, expect, it } from 'vitest';
import { fromBase64, sha256, toHex, type Bytes } from './bytes.ts';
import { leafHash, nodeHash, rootFromInclusion, verifyInclusion } from './merkle.ts';
import { INCLUSION_VECTORS, REFERENCE } from './vectors.ts';

const hex = (s: string): Bytes => new Uint8Array(s.match(/../g)?.map((b) => parseInt(b, 16)) ?? []);
const b64 = (s: string | null): Bytes => (s === null ? new Uint8Array(0) : (fromBase64(s) ?? new Uint8Array(0)));

/** MTH(D[lo:hi]) of RFC 9162 §2.1.1, written from the RFC over leaf hashes. */
async function mth(leaves: Bytes[]): Promise<Bytes> {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(await mth(leaves.slice(0, k)), await mth(leaves.slice(k)));
}

describe('RFC 9162 hashing with WebCrypto', () => {
  it('gives the reference roots for the reference leaves at every size', async () => {
    const leaves = await Promise.all(REFERENCE.merkle.leafInputsHex.map((h) => leafHash(hex(h))));
    const roots = await Promise.all(REFERENCE.merkle.rootsBySizeHex.map((_, size) => mth(leaves.slice(0, size))));
    expect(roots.map(toHex)).toEqual(REFERENCE.merkle.rootsBySizeHex);
  });

  it('hashes a string entry as its UTF-8 bytes', async () => {
    expect(toHex(await leafHash('é'))).toBe(toHex(await leafHash(Uint8Array.of(0xc3, 0xa9))));
  });
});

describe('inclusion proofs: the transparency-dev/merkle vectors', () => {
  const cases = Object.entries(INCLUSION_VECTORS);

  it('has the vectors', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases)('%s', async (_file, v) => {
    const ok = await verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, (v.proof ?? []).map(b64), b64(v.root));
    expect(ok).toBe(!v.wantErr);
  });
});

describe('inclusion proofs: malformed input', () => {
  it('is false, never an exception, for bad sizes and indices', async () => {
    const leaf = await leafHash('x');
    expect(await rootFromInclusion(leaf, 1, 1, [])).toBeUndefined();
    expect(await rootFromInclusion(leaf, -1, 2, [leaf])).toBeUndefined();
    expect(await rootFromInclusion(leaf, 0, Number.MAX_SAFE_INTEGER + 2, [])).toBeUndefined();
    expect(await rootFromInclusion(leaf, 0, 2, [leaf.slice(1)])).toBeUndefined();
    expect(await verifyInclusion(leaf, 0, 1, [], leaf)).toBe(true);
    expect(await verifyInclusion(leaf, 0, 1, [leaf], leaf)).toBe(false);
  });
});
