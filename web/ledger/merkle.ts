import { equalBytes, sha256, utf8, type Bytes } from './bytes.ts';

/**
 * RFC 9162 Merkle hashing and inclusion-proof verification in the browser (WebCrypto), the
 * same algorithm as src/ledger/proof.ts (§2.1.3.2, step by step; fn/sn are the RFC's names).
 * Verification is total: anything that is not a valid proof gives false, never an exception,
 * because proofs come from the server, which the reader is checking.
 */

export const HASH_SIZE = 32;

/** Leaf hash: SHA-256(0x00 ‖ entry bytes). A log entry is hashed as its UTF-8 canonical JSON text. */
export function leafHash(entry: Uint8Array | string): Promise<Bytes> {
  return sha256(Uint8Array.of(0x00), typeof entry === 'string' ? utf8(entry) : entry);
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return sha256(Uint8Array.of(0x01), left, right);
}

const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isHash = (h: Uint8Array) => h.length === HASH_SIZE;

/**
 * The root an inclusion proof implies for leaf hash `leaf` at `index` in the tree of `size`
 * leaves; undefined when the proof is malformed for them (index ≥ size, wrong length, a hash
 * that is not 32 bytes).
 */
export async function rootFromInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Promise<Bytes | undefined> {
  if (!isSize(index) || !isSize(size) || index >= size) return undefined;
  if (!isHash(leaf) || !proof.every(isHash)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r: Bytes = Uint8Array.from(leaf);
  for (const p of proof) {
    if (sn === 0) return undefined; // proof too long
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn !== 0 && fn % 2 === 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined; // sn ≠ 0: proof too short
}

/** True iff `proof` proves leaf hash `leaf` at `index` in the tree of `size` leaves with `root`. */
export async function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): Promise<boolean> {
  const computed = await rootFromInclusion(leaf, index, size, proof);
  return computed !== undefined && equalBytes(computed, root);
}
