import { verifyCheckpoint, type CheckpointProblem, type VerifiedCheckpoint } from './checkpoint.ts';
import { verifyEntryInclusion } from './inclusion.ts';
import { ledgerApi, summarizeEntry } from './log-api.ts';

/**
 * What the browser concludes about a log's latest checkpoint and about one entry, from the
 * server's answers and its own WebCrypto checks. Network and API errors are thrown (the page
 * shows them and offers a retry); a failed check is a result, never an exception.
 */

export type CheckpointState =
  | { status: 'none' }
  | { status: 'verified'; note: string; verifierKey: string; checkpoint: VerifiedCheckpoint }
  | { status: 'not-verified'; note: string; verifierKey: string; problem: CheckpointProblem };

/** The latest signed checkpoint of `log`, checked against the node key. */
export async function loadCheckpoint(log: string, signal: AbortSignal, known?: { checkpointSize: number | null }): Promise<CheckpointState> {
  // Whether the log has a checkpoint: from the caller's list of logs when it has one, else asked.
  const [summary] = await Promise.all([known ?? ledgerApi.logs(signal).then((logs) => logs.items.find((l) => l.log === log)), ledgerApi.nodeKey()]);
  if (summary?.checkpointSize == null) return { status: 'none' };
  return checkNote(await ledgerApi.checkpoint(log, signal));
}

/** A checkpoint note already fetched, checked against the node key. */
export async function checkNote(note: string): Promise<CheckpointState> {
  const verifierKey = await ledgerApi.nodeKey();
  const check = await verifyCheckpoint(note, verifierKey);
  return check.ok ? { status: 'verified', note, verifierKey, checkpoint: check.checkpoint } : { status: 'not-verified', note, verifierKey, problem: check.problem };
}

export type InclusionState =
  /** The proof leads from the entry to the signed root. */
  | { status: 'verified'; index: number; size: number }
  /** No signed checkpoint covers the entry yet (it is published once one does). */
  | { status: 'pending'; index: number }
  | { status: 'not-verified'; index: number; reason: 'checkpoint' | 'proof' | 'record' };

/**
 * Is entry `index` of `log` in the tree the latest checkpoint signs? The entry's text is
 * fetched unless given; with `recordId`, the entry must also be about that record.
 */
export async function loadInclusion(log: string, index: number, signal: AbortSignal, opts: { entry?: string; recordId?: string; checkpoint?: CheckpointState } = {}): Promise<InclusionState> {
  const cp = opts.checkpoint ?? (await loadCheckpoint(log, signal));
  if (cp.status === 'none') return { status: 'pending', index };
  if (cp.status === 'not-verified') return { status: 'not-verified', index, reason: 'checkpoint' };
  const { size } = cp.checkpoint;
  if (index >= size) return { status: 'pending', index };
  const entry = opts.entry ?? (await ledgerApi.entries(log, index, index + 1, signal)).entries[0];
  if (entry === undefined) return { status: 'not-verified', index, reason: 'proof' };
  if (opts.recordId !== undefined && summarizeEntry(entry)?.id !== opts.recordId) return { status: 'not-verified', index, reason: 'record' };
  const answer = await ledgerApi.inclusionProof(log, index, size, signal);
  return (await verifyEntryInclusion(entry, index, answer, cp.checkpoint)) ? { status: 'verified', index, size } : { status: 'not-verified', index, reason: 'proof' };
}
