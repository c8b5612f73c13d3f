import { fromBase64, toHex, type Bytes } from './bytes.ts';
import { parseVerifierKey, verifyNote, type NoteProblem } from './note.ts';

/**
 * A C2SP tlog-checkpoint (origin, size, base64 root, then optional extension lines) whose
 * signed note is checked in the browser against the node's verifier key. Parsing is as strict
 * as src/ledger/checkpoint.ts: a root that is not canonical base64 of 32 bytes is refused.
 */

export interface VerifiedCheckpoint {
  origin: string;
  size: number;
  root: Bytes;
  /** The root as the note carries it. */
  rootBase64: string;
  /** The first 6 bytes of the root in hex: enough to compare by eye. */
  shortRoot: string;
  /** The signed text (what the signature covers). */
  text: string;
}

export type CheckpointProblem = NoteProblem | 'malformed-checkpoint';

export type CheckpointCheck = { ok: true; checkpoint: VerifiedCheckpoint } | { ok: false; problem: CheckpointProblem };

const SIZE = /^(?:0|[1-9][0-9]{0,15})$/;

/** Parses a checkpoint body (final newline included); undefined when it is not one. */
export function parseCheckpointText(text: string): Omit<VerifiedCheckpoint, 'text'> | undefined {
  if (!text.endsWith('\n')) return undefined;
  const [origin, sizeText, rootText, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || sizeText === undefined || rootText === undefined || !SIZE.test(sizeText)) return undefined;
  if (extensions.some((line) => line.length === 0)) return undefined;
  const size = Number(sizeText);
  const root = fromBase64(rootText);
  if (!Number.isSafeInteger(size) || root?.length !== 32) return undefined;
  return { origin, size, root, rootBase64: rootText, shortRoot: toHex(root.subarray(0, 6)) };
}

/**
 * Opens a signed checkpoint with the node's verifier key (text form): the signature first,
 * then the body it covers, so that nothing unsigned is ever read as the checkpoint.
 */
export async function verifyCheckpoint(note: string, verifierKey: string): Promise<CheckpointCheck> {
  const key = await parseVerifierKey(verifierKey);
  if (!key) return { ok: false, problem: 'bad-key' };
  const opened = await verifyNote(note, key);
  if (!opened.ok) return opened;
  const body = parseCheckpointText(opened.text);
  if (!body) return { ok: false, problem: 'malformed-checkpoint' };
  return { ok: true, checkpoint: { ...body, text: opened.text } };
}
