import { fromBase64, sha256, utf8, type Bytes } from './bytes.ts';

/**
 * C2SP signed notes (https://c2sp.org/signed-note) checked in the browser with WebCrypto's
 * Ed25519, following src/ledger/note.ts: the note splits at its last blank line; the signed
 * message is the text before it, final newline included; each signature line is
 * `— <name> <base64(4-byte key ID ‖ 64-byte signature)>`; the key ID is
 * SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte key)[:4]. Checking never throws: it says why not.
 */

const ED25519 = 0x01;
const EM_DASH_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;
const NAME_FORBIDDEN = /[+\p{White_Space}]/u;

export interface VerifierKey {
  name: string;
  keyId: number;
  /** The 32-byte Ed25519 public key. */
  publicKey: Bytes;
  /** The key in its text form `name+hexid+base64(0x01 ‖ key)`. */
  text: string;
}

export type NoteProblem =
  /** The verifier key text is not `name+hexid+base64(0x01 ‖ 32 bytes)` with a matching key ID. */
  | 'bad-key'
  /** The note breaks the format (no blank line, bad signature line, control characters). */
  | 'malformed'
  /** No signature line is by the key. */
  | 'unknown-key'
  /** A signature by the key does not verify: the text is not what the key signed. */
  | 'bad-signature';

export type NoteCheck = { ok: true; text: string } | { ok: false; problem: NoteProblem };

/** No lone surrogate (String.prototype.isWellFormed, which the workspace's ES2023 types lack). */
const wellFormed = (text: string) => !/[\uD800-\uDFFF]/u.test(text);

function hasControl(text: string, allowNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(allowNewline && c === 0x0a)) return true;
  }
  return false;
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && wellFormed(name) && !NAME_FORBIDDEN.test(name) && !hasControl(name, false);
}

/** Key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4], read big-endian. */
export async function keyIdOf(name: string, publicKey: Uint8Array): Promise<number> {
  const hash = await sha256(utf8(name), Uint8Array.of(0x0a, ED25519), publicKey);
  return new DataView(hash.buffer).getUint32(0);
}

export const keyIdHex = (keyId: number) => (keyId >>> 0).toString(16).padStart(8, '0');

/** Parses a verifier key `name+hexid+base64(0x01 ‖ key)`; undefined unless well-formed with the right key ID. */
export async function parseVerifierKey(text: string): Promise<VerifierKey | undefined> {
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = first < 0 ? -1 : trimmed.indexOf('+', first + 1);
  if (second < 0) return undefined;
  const name = trimmed.slice(0, first);
  const hex = trimmed.slice(first + 1, second);
  const key = fromBase64(trimmed.slice(second + 1));
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(hex) || key?.length !== 33 || key[0] !== ED25519) return undefined;
  const publicKey = key.slice(1);
  const keyId = await keyIdOf(name, publicKey);
  if (keyIdHex(keyId) !== hex) return undefined;
  return { name, keyId, publicKey, text: trimmed };
}

async function ed25519Verify(publicKey: Bytes, signature: Bytes, message: Bytes): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
  } catch {
    // A key WebCrypto refuses (not a curve point) verifies nothing.
    return false;
  }
}

/**
 * Checks a signed note against one verifier key: every signature line by that key must verify,
 * and there must be at least one; lines by other keys are ignored (not verified). On success,
 * the signed text (final newline included).
 */
export async function verifyNote(note: string, verifier: VerifierKey): Promise<NoteCheck> {
  if (!wellFormed(note) || hasControl(note, true)) return { ok: false, problem: 'malformed' };
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { ok: false, problem: 'malformed' };
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) return { ok: false, problem: 'malformed' };
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return { ok: false, problem: 'malformed' };

  const message = utf8(text);
  let verified = 0;
  for (const line of lines) {
    if (!line.startsWith(EM_DASH_PREFIX)) return { ok: false, problem: 'malformed' };
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) return { ok: false, problem: 'malformed' };
    const name = rest.slice(0, space);
    const raw = fromBase64(rest.slice(space + 1));
    if (!isValidKeyName(name) || raw === undefined || raw.length < 5) return { ok: false, problem: 'malformed' };
    const keyId = new DataView(raw.buffer).getUint32(0);
    if (name !== verifier.name || keyId !== verifier.keyId) continue;
    if (!(await ed25519Verify(verifier.publicKey, raw.slice(4), message))) return { ok: false, problem: 'bad-signature' };
    verified++;
  }
  return verified > 0 ? { ok: true, text } : { ok: false, problem: 'unknown-key' };
}
