import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures.
 *
 * A signed note is a text ending in "\n", a blank line, then one or more signature lines
 * `— <key name> <base64(key ID ‖ signature)>\n` (U+2014 EM DASH, space). The signed message
 * is the text exactly, final newline included. golang.org/x/mod/sumdb/note is the reference
 * implementation; where the specification leaves room, this module is the stricter of the
 * two (see `openNote`).
 *
 * Every failure on untrusted input is a `NoteError`, never a TypeError or RangeError, so a
 * caller can turn `code` into a plain message.
 */

/** Signature type byte of Ed25519 in the signed-note specification. */
export const ED25519_SIGNATURE_TYPE = 0x01;

/**
 * The most signature lines `openNote` reads (known, unknown and repeated ones alike). The
 * specification asks verifiers to accept at least 16; the Go package stops at 100.
 */
export const MAX_SIGNATURES = 100;

export type NoteErrorCode =
  /** The note text given to `signNote` breaks the format rules. */
  | 'invalid-text'
  /** A key name is empty, or has a '+', a space or a control character. */
  | 'invalid-name'
  /** A verifier key string is not `name+hexid+base64(type ‖ key)`. */
  | 'malformed-verifier-key'
  /** The key ID in a verifier key string is not the one computed from name and key. */
  | 'verifier-key-id-mismatch'
  /** A verifier key of a signature type other than Ed25519 (0x01). */
  | 'unknown-algorithm'
  /** Two different keys with the same (name, key ID) in one verifier set. */
  | 'ambiguous-verifier'
  /** A signer that cannot be used: not an Ed25519 private key, bad PEM, bad key ID. */
  | 'invalid-signer'
  /** The signed note breaks the format: encoding, control characters, signature lines. */
  | 'malformed-note'
  /** More than MAX_SIGNATURES signature lines. */
  | 'too-many-signatures'
  /** A signature by a known key does not verify. */
  | 'invalid-signature'
  /** No signature by a known key: the text must not be trusted. */
  | 'unverified-note';

export class NoteError extends Error {
  override readonly name = 'NoteError';
  readonly code: NoteErrorCode;
  /** For 'unverified-note': the parsed note (all signatures unverified), as the Go package does. */
  readonly note: OpenedNote | undefined;

  constructor(code: NoteErrorCode, message: string, note?: OpenedNote) {
    super(message);
    this.code = code;
    this.note = note;
  }
}

/** One signature line of a note. `base64` is the signature exactly as it appeared. */
export interface NoteSignature {
  readonly name: string;
  /** The uint32 key ID (first four bytes of the signature, big-endian). */
  readonly keyId: number;
  readonly base64: string;
}

export interface OpenedNote {
  /** The signed text, final newline included. */
  readonly text: string;
  /** Signatures by known keys, all verified; one per (name, key ID). */
  readonly verified: readonly NoteSignature[];
  /** Signatures by unknown keys, not verified; identical lines listed once. */
  readonly unverified: readonly NoteSignature[];
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The key in text form `name+hexid+base64(0x01 ‖ key)`. */
  readonly verifierKey: string;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The matching verifier key text, to publish. */
  readonly verifierKey: string;
  sign(message: Uint8Array): Uint8Array;
}

const EM_DASH_PREFIX = '\u2014 ';
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const NAME_FORBIDDEN = /[+\p{White_Space}]/u;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** True when `text` holds an ASCII control character (below U+0020) other than "\n". */
function hasControl(text: string, allowNewline = true): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(allowNewline && c === 0x0a)) return true;
  }
  return false;
}

/**
 * Key names: non-empty, well-formed Unicode, no '+', no Unicode space (the White_Space
 * property, the same set as Go's unicode.IsSpace) and, beyond the specification, no ASCII
 * control character (a name holding one could never appear in a valid note).
 */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && name.isWellFormed() && !NAME_FORBIDDEN.test(name) && !hasControl(name, false);
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !isValidKeyName(name)) {
    throw new NoteError('invalid-name', `invalid key name ${JSON.stringify(name)}: it must be non-empty, without '+', spaces or control characters`);
  }
}

/** Strict base64 (RFC 4648 §4, padded, canonical trailing bits); null when not. */
function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** The key ID in its text form: eight lowercase hex digits. */
export function keyIdHex(keyId: number): string {
  return (keyId >>> 0).toString(16).padStart(8, '0');
}

/** Key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4], read big-endian. */
export function computeKeyId(name: string, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519_SIGNATURE_TYPE))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

/** The verifier key text `name+hexid+base64(0x01 ‖ key)` of an Ed25519 public key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  checkName(name);
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new NoteError('malformed-verifier-key', 'an Ed25519 public key is 32 bytes');
  }
  const typed = Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKey]);
  return `${name}+${keyIdHex(computeKeyId(name, publicKey))}+${typed.toString('base64')}`;
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  if (der.length !== SPKI_ED25519_PREFIX.length + 32 || !der.subarray(0, SPKI_ED25519_PREFIX.length).equals(SPKI_ED25519_PREFIX)) {
    throw new NoteError('invalid-signer', 'not an Ed25519 key');
  }
  return der.subarray(SPKI_ED25519_PREFIX.length);
}

/** A verifier for a name and a 32-byte Ed25519 public key. */
export function verifierFromPublicKey(name: string, publicKey: Uint8Array): NoteVerifier {
  const verifierKey = formatVerifierKey(name, publicKey);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
  } catch {
    throw new NoteError('malformed-verifier-key', 'the public key is not a valid Ed25519 key');
  }
  const raw = Uint8Array.from(publicKey);
  return {
    name,
    keyId: computeKeyId(name, raw),
    publicKey: raw,
    verifierKey,
    verify(message: Uint8Array, signature: Uint8Array): boolean {
      if (signature.length !== 64) return false;
      try {
        return cryptoVerify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

/**
 * Parses a verifier key `name+hexid+base64(0x01 ‖ key)`: valid name, exactly eight lowercase
 * hex digits equal to the computed key ID, strict base64 of the type byte 0x01 and 32 bytes.
 */
export function parseVerifierKey(text: string): NoteVerifier {
  if (typeof text !== 'string') throw new NoteError('malformed-verifier-key', 'a verifier key is a string');
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new NoteError('malformed-verifier-key', 'a verifier key is name+keyid+key');
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const key = decodeBase64(text.slice(second + 1));
  checkName(name);
  if (!/^[0-9a-f]{8}$/.test(hex)) {
    throw new NoteError('malformed-verifier-key', 'the key ID of a verifier key is eight lowercase hex digits');
  }
  if (key === null || key.length === 0) {
    throw new NoteError('malformed-verifier-key', 'the key of a verifier key is not valid base64');
  }
  if (key[0] !== ED25519_SIGNATURE_TYPE) {
    throw new NoteError('unknown-algorithm', `unsupported signature type 0x${keyIdHex(key[0] ?? 0).slice(6)}: only Ed25519 (0x01)`);
  }
  if (key.length !== 33) throw new NoteError('malformed-verifier-key', 'an Ed25519 verifier key holds 32 bytes');
  const verifier = verifierFromPublicKey(name, key.subarray(1));
  if (keyIdHex(verifier.keyId) !== hex) {
    throw new NoteError('verifier-key-id-mismatch', `key ID ${hex} does not match the key (expected ${keyIdHex(verifier.keyId)})`);
  }
  return verifier;
}

/** A signer from a name and a Node Ed25519 private `KeyObject`. */
export function signerFromKeyObject(name: string, privateKey: KeyObject): NoteSigner {
  checkName(name);
  if (privateKey?.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new NoteError('invalid-signer', 'the signing key must be an Ed25519 private key');
  }
  const publicKey = Uint8Array.from(rawPublicKey(createPublicKey(privateKey)));
  return {
    name,
    keyId: computeKeyId(name, publicKey),
    publicKey,
    verifierKey: formatVerifierKey(name, publicKey),
    sign(message: Uint8Array): Uint8Array {
      return cryptoSign(null, message, privateKey);
    },
  };
}

/** A signer from a name and an Ed25519 private key in PEM (PKCS #8). */
export function signerFromPem(name: string, pem: string): NoteSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new NoteError('invalid-signer', 'the private key is not a readable PEM key');
  }
  return signerFromKeyObject(name, key);
}

/** A fresh Ed25519 key: the signer, its verifier key text and the private key in PEM (PKCS #8). */
export function generateSigner(name: string): { signer: NoteSigner; verifierKey: string; privateKeyPem: string } {
  checkName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = signerFromKeyObject(name, privateKey);
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { signer, verifierKey: signer.verifierKey, privateKeyPem };
}

/** Known verifiers, looked up by (name, key ID). */
export class VerifierSet {
  readonly #byKey = new Map<string, NoteVerifier>();

  /**
   * Verifiers or verifier key strings. The same key given twice counts once; two different
   * keys sharing a (name, key ID) are refused, as no signature could tell them apart.
   */
  constructor(verifiers: Iterable<NoteVerifier | string> = []) {
    for (const item of verifiers) {
      const v = typeof item === 'string' ? parseVerifierKey(item) : item;
      const k = `${v.keyId}:${v.name}`;
      const had = this.#byKey.get(k);
      if (had && !Buffer.from(had.publicKey).equals(Buffer.from(v.publicKey))) {
        throw new NoteError('ambiguous-verifier', `two keys named ${v.name} share key ID ${keyIdHex(v.keyId)}`);
      }
      this.#byKey.set(k, v);
    }
  }

  get(name: string, keyId: number): NoteVerifier | undefined {
    return this.#byKey.get(`${keyId}:${name}`);
  }

  get size(): number {
    return this.#byKey.size;
  }
}

export type Verifiers = VerifierSet | Iterable<NoteVerifier | string>;

function toVerifierSet(verifiers: Verifiers): VerifierSet {
  return verifiers instanceof VerifierSet ? verifiers : new VerifierSet(verifiers);
}

/** The text rules shared by signing and checkpoint bodies; returns a reason or null. */
export function noteTextProblem(text: string): string | null {
  if (typeof text !== 'string') return 'the text is not a string';
  if (text.length === 0) return 'the text is empty';
  if (!text.isWellFormed()) return 'the text is not valid UTF-8 (lone surrogate)';
  if (!text.endsWith('\n')) return 'the text does not end in a newline';
  if (hasControl(text)) return 'the text contains an ASCII control character other than newline';
  return null;
}

/**
 * Signs `text` with every signer: text, a blank line, one signature line per signer.
 * The text must be non-empty, well-formed, end in "\n" and hold no ASCII control character
 * other than "\n"; it may contain blank lines (the reader splits at the last one).
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  const problem = noteTextProblem(text);
  if (problem !== null) throw new NoteError('invalid-text', `cannot sign: ${problem}`);
  if (!Array.isArray(signers) || signers.length === 0) throw new NoteError('invalid-signer', 'cannot sign: no signer');
  if (signers.length > MAX_SIGNATURES) throw new NoteError('too-many-signatures', `cannot sign with more than ${MAX_SIGNATURES} signers`);
  const message = Buffer.from(text, 'utf8');
  let out = `${text}\n`;
  for (const signer of signers) {
    checkName(signer.name);
    if (!Number.isInteger(signer.keyId) || signer.keyId < 0 || signer.keyId > 0xffffffff) {
      throw new NoteError('invalid-signer', `signer ${signer.name} has no valid key ID`);
    }
    const signature = signer.sign(message);
    if (!(signature instanceof Uint8Array) || signature.length === 0) {
      throw new NoteError('invalid-signer', `signer ${signer.name} returned no signature`);
    }
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId);
    out += `${EM_DASH_PREFIX}${signer.name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
  }
  return out;
}

/**
 * Opens a signed note (string, or bytes that must be valid UTF-8):
 * - the whole note must be well-formed and hold no ASCII control character but "\n";
 * - text and signatures split at the last blank line; the text keeps its final newline;
 * - every signature line must be `— <valid name> <strict base64 of ≥ 5 bytes>\n`;
 * - more than MAX_SIGNATURES lines is an error ('too-many-signatures');
 * - a line whose (name, key ID) is unknown is not verified, only reported in `unverified`;
 * - every line of a known key is verified, repeated ones included; one failure rejects
 *   the note ('invalid-signature') — stricter than Go, which skips repeats of a key;
 * - no verified signature rejects the note ('unverified-note', with the parsed note).
 */
export function openNote(note: string | Uint8Array, verifiers: Verifiers): OpenedNote {
  let msg: string;
  if (typeof note === 'string') {
    if (!note.isWellFormed()) throw new NoteError('malformed-note', 'the note is not valid UTF-8');
    msg = note;
  } else if (note instanceof Uint8Array) {
    try {
      msg = UTF8.decode(note);
    } catch {
      throw new NoteError('malformed-note', 'the note is not valid UTF-8');
    }
  } else {
    throw new NoteError('malformed-note', 'a note is a string or bytes');
  }
  const known = toVerifierSet(verifiers);
  if (hasControl(msg)) throw new NoteError('malformed-note', 'the note contains an ASCII control character other than newline');

  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed-note', 'the note has no blank line before its signatures');
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new NoteError('malformed-note', 'the note has no signature lines, or does not end in a newline');
  }
  // Count before splitting, so that a huge block is not turned into a huge array.
  let count = 0;
  for (let i = block.indexOf('\n'); i >= 0; i = block.indexOf('\n', i + 1)) {
    if (++count > MAX_SIGNATURES) {
      throw new NoteError('too-many-signatures', `the note has more than ${MAX_SIGNATURES} signatures`);
    }
  }
  const lines = block.slice(0, -1).split('\n');

  const message = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const verifiedKeys = new Set<string>();
  const unverified: NoteSignature[] = [];
  const unverifiedLines = new Set<string>();
  for (const [index, line] of lines.entries()) {
    const where = `signature line ${index + 1}`;
    if (!line.startsWith(EM_DASH_PREFIX)) throw new NoteError('malformed-note', `${where} does not start with an em dash and a space`);
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) throw new NoteError('malformed-note', `${where} has no signature after the key name`);
    const name = rest.slice(0, space);
    const b64 = rest.slice(space + 1);
    if (!isValidKeyName(name)) throw new NoteError('malformed-note', `${where} has an invalid key name`);
    const raw = decodeBase64(b64);
    if (raw === null || raw.length < 5) throw new NoteError('malformed-note', `${where} is not base64 of a key ID and a signature`);
    const keyId = raw.readUInt32BE(0);
    const sig: NoteSignature = { name, keyId, base64: b64 };

    const verifier = known.get(name, keyId);
    if (verifier === undefined) {
      if (!unverifiedLines.has(rest)) {
        unverifiedLines.add(rest);
        unverified.push(sig);
      }
      continue;
    }
    if (!verifier.verify(message, raw.subarray(4))) {
      throw new NoteError('invalid-signature', `the signature of key ${name}+${keyIdHex(keyId)} does not verify`);
    }
    const k = `${keyId}:${name}`;
    if (!verifiedKeys.has(k)) {
      verifiedKeys.add(k);
      verified.push(sig);
    }
  }

  const opened: OpenedNote = { text, verified, unverified };
  if (verified.length === 0) {
    throw new NoteError('unverified-note', 'the note has no signature by a known key', opened);
  }
  return opened;
}
