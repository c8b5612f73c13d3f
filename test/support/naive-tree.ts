import { createHash } from 'node:crypto';

/**
 * RFC 6962 hashing written out naively, independent of src/ledger: the tests that check the
 * node's trees, proofs and checkpoints recompute roots with this, not with the code under test.
 */
export const sha256 = (...parts: Uint8Array[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
export const leafOf = (entry: string): Buffer => sha256(Buffer.from([0]), Buffer.from(entry, 'utf8'));

/** MTH(D[n]) of RFC 6962 §2.1, recursively. */
export function treeRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), treeRoot(leaves.slice(0, k)), treeRoot(leaves.slice(k)));
}
