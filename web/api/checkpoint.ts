/**
 * The body of a C2SP tlog-checkpoint signed note: origin, tree size, base64 root hash, then
 * optional extension lines; the signatures follow a blank line. The workspace shows the size
 * and a short root; checking the signatures in the browser is a later slice.
 */
export interface CheckpointBody {
  origin: string;
  size: number;
  /** The root hash in base64, as the note carries it. */
  root: string;
  /** The first 6 bytes of the root in hex: enough to compare by eye. */
  shortRoot: string;
}

export function parseCheckpoint(note: string): CheckpointBody | undefined {
  const [origin, size, root] = note.split('\n');
  if (!origin || !size || !root || !/^\d+$/.test(size)) return undefined;
  let bytes: string;
  try {
    bytes = atob(root);
  } catch {
    return undefined;
  }
  if (bytes.length !== 32) return undefined;
  const shortRoot = [...bytes.slice(0, 6)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return { origin, size: Number(size), root, shortRoot };
}
