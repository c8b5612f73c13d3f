import { fromBase64, type Bytes } from './bytes.ts';
import { leafHash, verifyInclusion } from './merkle.ts';

/** The answer of GET /api/v1/logs/:log/proof/inclusion. */
export interface InclusionProofAnswer {
  index: number;
  size: number;
  leafHash: string;
  root: string;
  proof: string[];
}

/**
 * Is `entry` (its canonical JSON text, as the entries API gives it) at `index` in the tree
 * that the verified checkpoint signs? The leaf hash is computed here from the entry, and the
 * root compared is the checkpoint's, never the `leafHash` or `root` the proof answer carries:
 * those are the server's word, which is what is being checked.
 */
export async function verifyEntryInclusion(entry: string, index: number, answer: InclusionProofAnswer, checkpoint: { size: number; root: Bytes }): Promise<boolean> {
  if (answer.index !== index || answer.size !== checkpoint.size || !Array.isArray(answer.proof)) return false;
  const proof: Bytes[] = [];
  for (const p of answer.proof) {
    const bytes = typeof p === 'string' ? fromBase64(p) : undefined;
    if (!bytes) return false;
    proof.push(bytes);
  }
  return verifyInclusion(await leafHash(entry), index, checkpoint.size, proof, checkpoint.root);
}
