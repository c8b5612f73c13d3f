import { noteTextProblem, openNote, signNote, type NoteSigner, type OpenedNote, type Verifiers } from './note.ts';

/**
 * C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint): the note text
 *
 *     <origin>\n<tree size>\n<base64 root hash>\n[<extension line>\n]*
 *
 * signed as a C2SP signed note (./note.ts). The size is decimal ASCII without leading zeros
 * ("0" for the empty tree); the root is the 32-byte RFC 6962 root in standard padded base64.
 */

export interface CheckpointBody {
  /** The log's identity; non-empty, one line. The signing key's name should match it. */
  readonly origin: string;
  /** Number of leaves; a non-negative safe integer. */
  readonly size: number;
  /** RFC 6962 Merkle root at `size`, 32 bytes. */
  readonly root: Uint8Array;
}

export interface Checkpoint extends CheckpointBody {
  /**
   * Extension lines after the root, each non-empty, in order. We never write any: the
   * specification makes them OPTIONAL and NOT RECOMMENDED, since log monitors cannot audit
   * them. The parser still accepts and returns them rather than rejecting or dropping them:
   * they are valid per the specification (other logs' checkpoints, which we will have to read
   * and witness once nodes federate, may carry them), and they are part of the signed text,
   * so a caller comparing or co-signing checkpoints must see them, not a silently shortened
   * body.
   */
  readonly extensions: readonly string[];
}

export type CheckpointErrorCode = 'invalid-checkpoint' | 'malformed-checkpoint' | 'origin-mismatch';

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
  readonly code: CheckpointErrorCode;

  constructor(code: CheckpointErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const SIZE = /^(?:0|[1-9][0-9]*)$/;
const ROOT_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

/** "origin\nsize\nbase64(root)\n". Refuses what the parser would refuse; never writes extensions. */
export function formatCheckpoint(cp: CheckpointBody): string {
  const { origin, size, root } = cp;
  const extensions = (cp as Partial<Checkpoint>).extensions;
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) {
    throw new CheckpointError('invalid-checkpoint', 'the origin must be one non-empty line');
  }
  const problem = noteTextProblem(`${origin}\n`);
  if (problem !== null) throw new CheckpointError('invalid-checkpoint', `invalid origin: ${problem}`);
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new CheckpointError('invalid-checkpoint', 'the tree size must be a non-negative safe integer');
  }
  if (!(root instanceof Uint8Array) || root.length !== 32) {
    throw new CheckpointError('invalid-checkpoint', 'the root hash must be 32 bytes');
  }
  if (extensions !== undefined && extensions.length > 0) {
    throw new CheckpointError('invalid-checkpoint', 'this log does not write checkpoint extension lines');
  }
  return `${origin}\n${size}\n${Buffer.from(root.buffer, root.byteOffset, root.byteLength).toString('base64')}\n`;
}

/**
 * Parses a checkpoint body (a note's text, final newline included). Strict: at least three
 * lines, every line non-empty; size in decimal without leading zeros and at most
 * Number.MAX_SAFE_INTEGER; root canonical padded base64 of exactly 32 bytes; the text obeys
 * the signed-note rules (well-formed, ends in "\n", no control character but "\n").
 */
export function parseCheckpoint(text: string): Checkpoint {
  const problem = noteTextProblem(text);
  if (problem !== null) throw new CheckpointError('malformed-checkpoint', `not a checkpoint: ${problem}`);
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    throw new CheckpointError('malformed-checkpoint', 'a checkpoint has an origin, a size and a root hash line');
  }
  if (origin.length === 0) throw new CheckpointError('malformed-checkpoint', 'the origin line is empty');
  if (!SIZE.test(sizeText)) {
    throw new CheckpointError('malformed-checkpoint', 'the tree size must be decimal digits without leading zeros');
  }
  const size = sizeText.length <= 16 ? Number(sizeText) : Infinity;
  if (!Number.isSafeInteger(size)) throw new CheckpointError('malformed-checkpoint', 'the tree size is too large');
  const root = ROOT_BASE64.test(rootText) ? Buffer.from(rootText, 'base64') : null;
  if (root === null || root.length !== 32 || root.toString('base64') !== rootText) {
    throw new CheckpointError('malformed-checkpoint', 'the root hash must be canonical base64 of 32 bytes');
  }
  if (extensions.some((line) => line.length === 0)) {
    throw new CheckpointError('malformed-checkpoint', 'checkpoint extension lines must be non-empty');
  }
  return { origin, size, root: new Uint8Array(root), extensions };
}

/** The signed note of a checkpoint body. The log's key name should be the origin. */
export function signCheckpoint(cp: CheckpointBody, signers: NoteSigner | readonly NoteSigner[]): string {
  const list: readonly NoteSigner[] = Array.isArray(signers) ? signers : [signers as NoteSigner];
  return signNote(formatCheckpoint(cp), list);
}

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

/**
 * Opens a signed checkpoint: `openNote` (NoteError on any signature problem), then
 * `parseCheckpoint` of its text (CheckpointError). With `expectedOrigin`, a checkpoint of
 * another log is refused ('origin-mismatch').
 */
export function openCheckpoint(
  noteText: string | Uint8Array,
  verifiers: Verifiers,
  options: { expectedOrigin?: string } = {},
): OpenedCheckpoint {
  const note = openNote(noteText, verifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (options.expectedOrigin !== undefined && checkpoint.origin !== options.expectedOrigin) {
    throw new CheckpointError('origin-mismatch', `checkpoint of ${JSON.stringify(checkpoint.origin)}, expected ${JSON.stringify(options.expectedOrigin)}`);
  }
  return { checkpoint, note };
}
