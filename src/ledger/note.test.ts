import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SIGNATURES,
  NoteError,
  VerifierSet,
  computeKeyId,
  formatVerifierKey,
  generateSigner,
  keyIdHex,
  openNote,
  parseVerifierKey,
  signNote,
  signerFromKeyObject,
  signerFromPem,
  verifierFromPublicKey,
  type NoteErrorCode,
  type NoteSigner,
  type NoteVerifier,
} from './note.ts';

interface SignedNoteVector {
  verifierKey: string;
  note: string;
  valid: boolean;
  text?: string;
}

function referencePath(): string {
  const candidates = [
    process.env.ENTENTE_TESTDATA && `${process.env.ENTENTE_TESTDATA}/reference.json`,
    new URL('../../testdata/reference.json', import.meta.url).pathname,
    '/work/shared/testdata/reference.json',
  ];
  const found = candidates.find((p): p is string => typeof p === 'string' && existsSync(p));
  if (found === undefined) throw new Error(`testdata/reference.json not found (tried ${candidates.join(', ')})`);
  return found;
}

function sha256(b: Uint8Array): Buffer {
  return createHash('sha256').update(b).digest();
}

const reference = JSON.parse(readFileSync(referencePath(), 'utf8')) as { signedNotes: SignedNoteVector[] };

/** Throws unless `fn` throws a NoteError (with `code`, when given); returns the error. */
function expectNoteError(fn: () => unknown, code?: NoteErrorCode): NoteError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected a NoteError').toBeInstanceOf(NoteError);
  const err = caught as NoteError;
  if (code !== undefined) expect(err.code, err.message).toBe(code);
  return err;
}

// The PeterNeumann and EnochRoot keys and signatures are test vectors of
// golang.org/x/mod/sumdb/note (note_test.go); the PeterNeumann note is also in reference.json.
const PETER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SEED_B64 = 'AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'; // 0x01 ‖ 32-byte seed
const ENOCH_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const PETER_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

function signerFromSeed(name: string, seed: Uint8Array): NoteSigner {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return signerFromKeyObject(name, createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
}

const signers = new Map<string, { signer: NoteSigner; verifierKey: string; privateKeyPem: string }>();
function keyFor(name: string) {
  let k = signers.get(name);
  if (k === undefined) {
    k = generateSigner(name);
    signers.set(name, k);
  }
  return k;
}

describe('reference signed notes (testdata/reference.json)', () => {
  it('has vectors to check', () => {
    expect(reference.signedNotes.length).toBeGreaterThan(0);
    expect(reference.signedNotes.some((v) => v.valid)).toBe(true);
  });

  it('computes the key ID written in every verifier key', () => {
    for (const v of reference.signedNotes) {
      const hex = v.verifierKey.split('+')[1];
      const verifier = parseVerifierKey(v.verifierKey);
      expect(keyIdHex(verifier.keyId)).toBe(hex);
      expect(keyIdHex(computeKeyId(verifier.name, verifier.publicKey))).toBe(hex);
      expect(formatVerifierKey(verifier.name, verifier.publicKey)).toBe(v.verifierKey);
    }
  });

  it('opens every valid note with its key, and rejects every invalid one', () => {
    for (const v of reference.signedNotes) {
      if (!v.valid) {
        expectNoteError(() => openNote(v.note, [v.verifierKey]));
        continue;
      }
      const opened = openNote(v.note, [v.verifierKey]);
      const [name, hex] = v.verifierKey.split('+');
      const expectedText = v.text ?? v.note.slice(0, v.note.lastIndexOf('\n\n') + 1);
      expect(opened.text).toBe(expectedText);
      expect(opened.text.endsWith('\n')).toBe(true);
      expect(opened.verified).toHaveLength(1);
      expect(opened.verified[0]?.name).toBe(name);
      expect(keyIdHex(opened.verified[0]?.keyId ?? -1)).toBe(hex);
      expect(opened.unverified).toHaveLength(0);
      // Same result from the bytes.
      expect(openNote(Buffer.from(v.note, 'utf8'), [v.verifierKey]).text).toBe(expectedText);
    }
  });

  it('rejects every single-character change of the valid notes', () => {
    const alphabet = ['A', 'a', '0', '+', '/', '=', ' ', '\n', '\u2014', 'é'];
    for (const v of reference.signedNotes.filter((n) => n.valid)) {
      for (let i = 0; i < v.note.length; i++) {
        for (const c of alphabet) {
          if (v.note[i] === c) continue;
          const mutated = v.note.slice(0, i) + c + v.note.slice(i + 1);
          expectNoteError(() => openNote(mutated, [v.verifierKey]));
        }
      }
    }
  });

  it('rejects the valid notes against another key of the same name', () => {
    for (const v of reference.signedNotes.filter((n) => n.valid)) {
      const other = generateSigner(v.verifierKey.split('+')[0] ?? 'x');
      expectNoteError(() => openNote(v.note, [other.verifierKey]), 'unverified-note');
    }
  });

  it('signs the PeterNeumann text byte for byte like the Go package (Ed25519 is deterministic)', () => {
    const seed = Buffer.from(PETER_SEED_B64, 'base64');
    expect(seed[0]).toBe(1);
    const signer = signerFromSeed('PeterNeumann', seed.subarray(1));
    expect(signer.verifierKey).toBe(PETER_KEY);
    const vector = reference.signedNotes.find((v) => v.verifierKey === PETER_KEY);
    expect(vector).toBeDefined();
    expect(signNote(PETER_TEXT, [signer])).toBe(vector?.note);
    expect(signNote(PETER_TEXT, [signer])).toBe(`${PETER_TEXT}\n${PETER_SIG}`);
  });

  it('reports verified and unverified signatures like the Go package (two-key vector)', () => {
    const note = `${PETER_TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = openNote(note, [PETER_KEY]);
    expect(one.verified.map((s) => [s.name, keyIdHex(s.keyId)])).toEqual([['PeterNeumann', 'c74f20a3']]);
    expect(one.unverified.map((s) => [s.name, keyIdHex(s.keyId), s.base64])).toEqual([
      ['EnochRoot', 'af0cfe78', ENOCH_SIG.slice('\u2014 EnochRoot '.length, -1)],
    ]);
    const both = openNote(note, new VerifierSet([PETER_KEY, ENOCH_KEY]));
    expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(both.unverified).toEqual([]);
    const none = expectNoteError(() => openNote(note, []), 'unverified-note');
    expect(none.note?.text).toBe(PETER_TEXT);
    expect(none.note?.unverified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    // A corrupted signature of a known key rejects the note.
    const bad = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
    expectNoteError(() => openNote(`${PETER_TEXT}\n${bad}`, [PETER_KEY]), 'invalid-signature');
    // ... but is only reported when the key is unknown.
    const ignored = openNote(`${PETER_TEXT}\n${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}${PETER_SIG}`, [PETER_KEY]);
    expect(ignored.unverified).toHaveLength(1);
  });
});

describe('verifier keys', () => {
  it('parses and formats a key, and rejects every substring and every character change (Go manglings)', () => {
    const v = parseVerifierKey(PETER_KEY);
    expect(v.name).toBe('PeterNeumann');
    expect(v.keyId).toBe(0xc74f20a3);
    expect(v.publicKey).toHaveLength(32);
    expect(v.verifierKey).toBe(PETER_KEY);
    for (let i = 0; i <= PETER_KEY.length; i++) {
      for (let j = i + 1; j <= PETER_KEY.length; j++) {
        if (i === 0 && j === PETER_KEY.length) continue;
        expectNoteError(() => parseVerifierKey(PETER_KEY.slice(i, j)));
      }
    }
    for (let i = 0; i < PETER_KEY.length; i++) {
      const mutated = PETER_KEY.slice(0, i) + String.fromCharCode(PETER_KEY.charCodeAt(i) + 1) + PETER_KEY.slice(i + 1);
      expectNoteError(() => parseVerifierKey(mutated));
    }
  });

  /** A key text with a correct key ID over any typed key bytes (as Go computes it for any type). */
  function keyText(name: string, typed: Uint8Array): string {
    const id = sha256(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), typed])).readUInt32BE(0);
    return `${name}+${keyIdHex(id)}+${Buffer.from(typed).toString('base64')}`;
  }

  it('refuses other types, other lengths, upper-case or short key IDs, and bad names', () => {
    const pub = parseVerifierKey(PETER_KEY).publicKey;
    const typed = (type: number, key: Uint8Array) => Buffer.concat([Uint8Array.of(type), key]);
    expectNoteError(() => parseVerifierKey(keyText('PeterNeumann', typed(2, pub))), 'unknown-algorithm');
    expectNoteError(() => parseVerifierKey(keyText('PeterNeumann', typed(1, pub.subarray(1)))), 'malformed-verifier-key');
    expectNoteError(() => parseVerifierKey(keyText('PeterNeumann', typed(1, Buffer.concat([pub, Uint8Array.of(0)])))), 'malformed-verifier-key');
    expectNoteError(() => parseVerifierKey(keyText('PeterNeumann', Uint8Array.of(1))), 'malformed-verifier-key');
    expectNoteError(() => parseVerifierKey('PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), 'malformed-verifier-key');
    expectNoteError(() => parseVerifierKey('PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), 'malformed-verifier-key');
    expectNoteError(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), 'verifier-key-id-mismatch');
    expectNoteError(() => parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq_LDE4izWy10TW'), 'malformed-verifier-key');
    expectNoteError(() => parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW '), 'malformed-verifier-key');
    for (const name of ['', 'Peter Neumann', 'Peter\u00a0Neumann', 'Peter\u2003Neumann', 'Peter\u0085Neumann', 'Peter\u3000', 'Peter\u0001', 'Peter\ud800', '\t']) {
      expectNoteError(() => formatVerifierKey(name, pub), 'invalid-name');
      expectNoteError(() => parseVerifierKey(`${name}+00000000+${Buffer.from(typed(1, pub)).toString('base64')}`), 'invalid-name');
    }
    // Names may hold any other Unicode.
    const name = 'ex\u00e4mple.com/log\u2014\u{1f600}';
    const key = formatVerifierKey(name, pub);
    expect(parseVerifierKey(key).name).toBe(name);
    expectNoteError(() => formatVerifierKey('x', pub.subarray(1)), 'malformed-verifier-key');
  });

  it('refuses two different keys with the same name and key ID in one set; keeps one of identical keys', () => {
    const a = parseVerifierKey(PETER_KEY);
    const impostor: NoteVerifier = { ...verifierFromPublicKey('PeterNeumann', new Uint8Array(32).fill(7)), keyId: a.keyId };
    expectNoteError(() => new VerifierSet([a, impostor]), 'ambiguous-verifier');
    expect(new VerifierSet([PETER_KEY, a, PETER_KEY]).size).toBe(1);
    expectNoteError(() => new VerifierSet(['not a key']), 'malformed-verifier-key');
  });
});

describe('signers', () => {
  it('generates a signer whose PEM gives back the same key', () => {
    const { signer, verifierKey, privateKeyPem } = generateSigner('example.com/log');
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(verifierKey).toBe(signer.verifierKey);
    const v = parseVerifierKey(verifierKey);
    expect(v.keyId).toBe(signer.keyId);
    expect(Buffer.from(v.publicKey).equals(Buffer.from(signer.publicKey))).toBe(true);
    const again = signerFromPem('example.com/log', privateKeyPem);
    expect(again.verifierKey).toBe(verifierKey);
    expect(signNote('same\n', [again])).toBe(signNote('same\n', [signer]));
    // Another name, another key ID.
    expect(signerFromPem('example.com/other', privateKeyPem).keyId).not.toBe(signer.keyId);
  });

  it('refuses bad PEM, non-Ed25519 keys, public keys and bad names', () => {
    expectNoteError(() => signerFromPem('x', 'not a pem'), 'invalid-signer');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expectNoteError(() => signerFromPem('x', ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()), 'invalid-signer');
    const ed = generateKeyPairSync('ed25519');
    expectNoteError(() => signerFromKeyObject('x', ed.publicKey), 'invalid-signer');
    expectNoteError(() => signerFromKeyObject('a b', ed.privateKey), 'invalid-name');
    expectNoteError(() => generateSigner('a+b'), 'invalid-name');
  });
});

describe('signNote / openNote round trips', () => {
  it('signs and opens', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const text = 'example.com/log\n3\nq6l2Uw0eNBwWk+GWZC9oU0m4H0fAo2RmG1f5r9w0l5c=\n';
    const note = signNote(text, [signer]);
    expect(note.startsWith(`${text}\n\u2014 example.com/log `)).toBe(true);
    expect(note.endsWith('\n')).toBe(true);
    const sigLine = note.slice(text.length + 1, -1);
    const raw = Buffer.from(sigLine.split(' ')[2] ?? '', 'base64');
    expect(raw).toHaveLength(68);
    expect(raw.readUInt32BE(0)).toBe(signer.keyId);
    const opened = openNote(note, [verifierKey]);
    expect(opened).toEqual({
      text,
      verified: [{ name: 'example.com/log', keyId: signer.keyId, base64: raw.toString('base64') }],
      unverified: [],
    });
  });

  it('fails on any single-byte change of the text or the signature', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const text = 'Hello, world.\nSecond line: \u00e9\u2014\u{1f600}\n';
    const bytes = Buffer.from(signNote(text, [signer]), 'utf8');
    let invalidSignature = 0;
    for (let i = 0; i < bytes.length; i++) {
      for (const flip of [0x01, 0x20, 0x80]) {
        const mutated = Buffer.from(bytes);
        mutated[i] = (mutated[i] ?? 0) ^ flip;
        const err = expectNoteError(() => openNote(mutated, [verifierKey]));
        if (err.code === 'invalid-signature') invalidSignature++;
      }
    }
    expect(invalidSignature).toBeGreaterThan(0);
    // Every bit of the decoded signature (key ID and Ed25519 signature) matters.
    const note = bytes.toString('utf8');
    const prefix = note.slice(0, note.lastIndexOf(' ') + 1);
    const raw = Buffer.from(note.slice(prefix.length, -1), 'base64');
    for (let i = 0; i < raw.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const r = Buffer.from(raw);
        r[i] = (r[i] ?? 0) ^ (1 << bit);
        expectNoteError(() => openNote(`${prefix}${r.toString('base64')}\n`, [verifierKey]), i < 4 ? 'unverified-note' : 'invalid-signature');
      }
    }
  });

  it('ignores signatures by unknown keys, and rejects a note signed only by unknown keys', () => {
    const a = keyFor('a.example/log');
    const b = keyFor('b.example/log');
    const sameName = generateSigner('a.example/log');
    const text = 'text\n';
    const note = signNote(text, [b.signer, a.signer, sameName.signer]);
    const opened = openNote(note, [a.verifierKey]);
    expect(opened.verified.map((s) => s.keyId)).toEqual([a.signer.keyId]);
    expect(opened.unverified.map((s) => [s.name, s.keyId])).toEqual([
      ['b.example/log', b.signer.keyId],
      ['a.example/log', sameName.signer.keyId],
    ]);
    // A signature with a known key ID under another name is unknown too.
    const idOfA = note.split('\n').find((l) => l.startsWith('\u2014 a.example/log '))?.split(' ')[2] ?? '';
    const renamed = `${text}\n\u2014 c.example/log ${idOfA}\n\u2014 a.example/log ${idOfA}\n`;
    expect(openNote(renamed, [a.verifierKey]).unverified.map((s) => s.name)).toEqual(['c.example/log']);
    const err = expectNoteError(() => openNote(signNote(text, [b.signer, sameName.signer]), [a.verifierKey]), 'unverified-note');
    expect(err.note?.unverified).toHaveLength(2);
    expect(err.note?.verified).toHaveLength(0);
    expectNoteError(() => openNote(note, new VerifierSet()), 'unverified-note');
  });

  it('verifies 16 signatures by 16 keys', () => {
    const keys = Array.from({ length: 16 }, (_, i) => keyFor(`witness-${i}.example`));
    const note = signNote('sixteen\n', keys.map((k) => k.signer));
    const opened = openNote(note, new VerifierSet(keys.map((k) => k.verifierKey)));
    expect(opened.verified.map((s) => s.keyId)).toEqual(keys.map((k) => k.signer.keyId));
    expect(opened.unverified).toHaveLength(0);
    // Each one alone is enough; the rest are reported unverified.
    const third = keys[3];
    expect(third).toBeDefined();
    expect(openNote(note, [third?.verifierKey ?? '']).unverified).toHaveLength(15);
  });

  it(`accepts ${MAX_SIGNATURES} signature lines and refuses one more`, () => {
    expect(MAX_SIGNATURES).toBeGreaterThanOrEqual(16);
    const { signer, verifierKey } = keyFor('example.com/log');
    const note = signNote('many\n', [signer]);
    const [text, line] = [note.slice(0, 'many\n\n'.length), note.slice('many\n\n'.length)];
    const full = text + line.repeat(MAX_SIGNATURES);
    const opened = openNote(full, [verifierKey]);
    expect(opened.verified).toHaveLength(1); // repeats of one key are listed once
    expectNoteError(() => openNote(full + line, [verifierKey]), 'too-many-signatures');
    expectNoteError(() => openNote(full + line, []), 'too-many-signatures');
    const other = keyFor('other.example');
    const unknownLine = signNote('many\n', [other.signer]).slice(text.length);
    expectNoteError(() => openNote(text + line + unknownLine.repeat(MAX_SIGNATURES), [verifierKey]), 'too-many-signatures');
    expectNoteError(() => signNote('x\n', Array.from({ length: MAX_SIGNATURES + 1 }, () => signer)), 'too-many-signatures');
  });

  it('verifies every line of a known key, repeated ones too', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const note = signNote('repeat\n', [signer]);
    const line = note.slice('repeat\n\n'.length);
    const raw = Buffer.from(line.slice(line.lastIndexOf(' ') + 1, -1), 'base64');
    raw[10] = (raw[10] ?? 0) ^ 1;
    const badLine = `\u2014 example.com/log ${raw.toString('base64')}\n`;
    expectNoteError(() => openNote(`${note}${badLine}`, [verifierKey]), 'invalid-signature');
    expectNoteError(() => openNote(`repeat\n\n${badLine}${line}`, [verifierKey]), 'invalid-signature');
  });

  it('splits at the last blank line: texts may contain blank lines and sig-like lines', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    for (const text of ['a\n\nb\n', 'a\n\n\n\nb\n', '\n', '\n\n', 'a\n\n', 'x\n\n\u2014 example.com/log AAAAAAAA\n', '  \n \n']) {
      const opened = openNote(signNote(text, [signer]), [verifierKey]);
      expect(opened.text).toBe(text);
      expect(opened.verified).toHaveLength(1);
    }
  });

  it('keeps a leading byte order mark as text', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const text = '\ufeffbom\n';
    const note = signNote(text, [signer]);
    expect(openNote(Buffer.from(note, 'utf8'), [verifierKey]).text).toBe(text);
    expectNoteError(() => openNote(Buffer.from(note.slice(1), 'utf8'), [verifierKey]), 'invalid-signature');
  });

  it('refuses texts it cannot sign', () => {
    const { signer } = keyFor('example.com/log');
    for (const text of ['', 'no newline', 'tab\there\n', 'cr\r\n', 'nul\u0000\n', 'esc\u001b\n', 'lone \ud800 surrogate\n', 'x\n\u0001']) {
      expectNoteError(() => signNote(text, [signer]), 'invalid-text');
    }
    expectNoteError(() => signNote('ok\n', []), 'invalid-signer');
    expectNoteError(() => signNote('ok\n', [{ ...signer, name: 'bad name' }]), 'invalid-name');
    expectNoteError(() => signNote('ok\n', [{ ...signer, keyId: -1 }]), 'invalid-signer');
    expectNoteError(() => signNote('ok\n', [{ ...signer, sign: () => new Uint8Array(0) }]), 'invalid-signer');
    // DEL and non-ASCII controls are not ASCII control characters below U+0020.
    expect(openNote(signNote('del\u007f \u0085\n', [signer]), [signer.verifierKey]).text).toBe('del\u007f \u0085\n');
  });

  it('refuses malformed notes', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const text = 'body\n';
    const note = signNote(text, [signer]);
    const line = note.slice(text.length + 1, -1); // without final newline
    const b64 = line.slice(line.lastIndexOf(' ') + 1);
    const raw = Buffer.from(b64, 'base64');
    const bad = [
      text, // no signatures
      `${text}\n`, // empty signature block
      note.slice(0, -1), // no final newline
      `${note}Unexpected line.\n`,
      `${text}\n- example.com/log ${b64}\n`, // hyphen, not em dash
      `${text}\n\u2013 example.com/log ${b64}\n`, // en dash
      `${text}\n\u2014example.com/log ${b64}\n`,
      `${text}\n\u2014  example.com/log ${b64}\n`,
      `${text}\n\u2014 example.com/log  ${b64}\n`,
      `${text}\n\u2014 example.com/log ${b64} \n`,
      `${text}\n\u2014 example.com/log\n`,
      `${text}\n\u2014 example.com/log \n`,
      `${text}\n\u2014 ${b64}\n`,
      `${text}\n\u2014 bad name ${b64}\n`,
      `${text}\n\u2014 example.com/log ${b64.replace(/=+$/, '')}\n`, // unpadded
      `${text}\n\u2014 example.com/log ${raw.toString('base64url')}\n`,
      `${text}\n\u2014 example.com/log ${raw.subarray(0, 4).toString('base64')}\n`, // key ID only
      `${text}\n\u2014 example.com/log AAAAAB==\n`, // non-canonical trailing bits
      `${text}\n\u2014 example.com/log ${b64}\n\n`,
      note.replace(/\n/g, '\r\n'),
      `\u0001${note}`,
      `${note.slice(0, 2)}\t${note.slice(3)}`,
      `\ud800${note}`,
      `${note}\u0000`,
    ];
    for (const msg of bad) expectNoteError(() => openNote(msg, [verifierKey]), 'malformed-note');
    // An extra blank line moves the split: the text becomes "body\n\n", which was not signed.
    expectNoteError(() => openNote(`${text}\n\n\u2014 example.com/log ${b64}\n`, [verifierKey]), 'invalid-signature');
    expectNoteError(() => openNote(Buffer.concat([Buffer.from([0xff]), Buffer.from(note)]), [verifierKey]), 'malformed-note');
    expectNoteError(() => openNote(Buffer.concat([Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(note)]), [verifierKey]), 'malformed-note');
    expectNoteError(() => openNote(Buffer.concat([Buffer.from([0xc0, 0xaf]), Buffer.from(note)]), [verifierKey]), 'malformed-note');
    // Sanity: the unmodified note opens.
    expect(openNote(note, [verifierKey]).text).toBe(text);
  });

  it('refuses base64 that is not canonical, even when it decodes to a valid signature', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const note = signNote('canonical\n', [signer]);
    // 68 bytes: one '=' of padding, and the last data character carries 2 unused bits.
    const b64 = note.slice(note.lastIndexOf(' ') + 1, -1);
    expect(b64.endsWith('=') && !b64.endsWith('==')).toBe(true);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(b64.at(-2) ?? '');
    const loose = `${b64.slice(0, -2)}${alphabet[last ^ 1]}=`;
    expect(Buffer.from(loose, 'base64').equals(Buffer.from(b64, 'base64'))).toBe(true);
    expectNoteError(() => openNote(`${note.slice(0, -b64.length - 1)}${loose}\n`, [verifierKey]), 'malformed-note');
  });

  it('refuses a correctly signed note whose text holds a control character', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    for (const text of ['tab\there\n', 'cr\r\n', 'nul\u0000\n']) {
      const id = Buffer.alloc(4);
      id.writeUInt32BE(signer.keyId);
      const sig = Buffer.concat([id, signer.sign(Buffer.from(text, 'utf8'))]).toString('base64');
      expectNoteError(() => openNote(`${text}\n\u2014 ${signer.name} ${sig}\n`, [verifierKey]), 'malformed-note');
    }
  });

  it('needs at least one byte of signature after the key ID', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId);
    const valid = signNote('short\n', [signer]);
    for (const raw of [id, Buffer.from([1, 2, 3, 4])]) {
      expectNoteError(() => openNote(`${valid}\u2014 ${signer.name} ${raw.toString('base64')}\n`, [verifierKey]), 'malformed-note');
    }
    // Five bytes under an unknown key: well-formed, reported unverified.
    expect(openNote(`${valid}\u2014 unknown.example AQIDBAU=\n`, [verifierKey]).unverified).toEqual([
      { name: 'unknown.example', keyId: 0x01020304, base64: 'AQIDBAU=' },
    ]);
  });

  it('lists identical unknown signature lines once, different ones separately', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const valid = signNote('dup\n', [signer]);
    const lines = ['\u2014 unknown.example AQIDBAU=\n', '\u2014 unknown.example AQIDBAU=\n', '\u2014 unknown.example AQIDBAY=\n'];
    expect(openNote(valid + lines.join(''), [verifierKey]).unverified.map((s) => s.base64)).toEqual(['AQIDBAU=', 'AQIDBAY=']);
  });
});

describe('properties (fast-check)', () => {
  // Code points valid in a note text: no ASCII control character, no lone surrogate.
  const textChar = fc
    .oneof(
      fc.constantFrom('a', ' ', '\u2014', '+', '=', '\u00a0', '\u{1f600}', '\ufeff'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    )
    .filter((c) => c.isWellFormed() && !/[\u0000-\u001f]/.test(c)); // eslint-disable-line no-control-regex
  const line = fc.array(textChar, { maxLength: 20 }).map((cs) => cs.join(''));
  const validText = fc.array(line, { minLength: 1, maxLength: 8 }).map((ls) => `${ls.join('\n')}\n`);

  it('round-trips any valid text', () => {
    const { signer, verifierKey } = keyFor('example.com/log');
    const other = keyFor('other.example');
    fc.assert(
      fc.property(validText, fc.boolean(), (text, twoSigners) => {
        const note = signNote(text, twoSigners ? [other.signer, signer] : [signer]);
        const opened = openNote(note, [verifierKey]);
        expect(opened.text).toBe(text);
        expect(opened.verified.map((s) => s.keyId)).toEqual([signer.keyId]);
        expect(opened.unverified).toHaveLength(twoSigners ? 1 : 0);
        expect(openNote(Buffer.from(note, 'utf8'), [verifierKey]).text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  function onlyNoteErrors(fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof NoteError)) throw err;
    }
  }

  const { signer: fuzzSigner, verifierKey: fuzzKey } = generateSigner('example.com/log');
  const seedNote = signNote('example.com/log\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\nmore\n', [fuzzSigner]);
  const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((us) => String.fromCharCode(...us));
  const mutation = fc.tuple(
    fc.nat(),
    fc.nat({ max: 3 }),
    fc.constantFrom('', '\n', '\n\n', ' ', '\u2014', '\u2014 ', '+', '=', 'A', '/', '\ud800', '\u0000', '\u00a0', 'é'),
  );
  function mutate(base: string, ms: [number, number, string][]): string {
    let s = base;
    for (const [pos, del, ins] of ms) {
      const i = pos % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  }
  const garbageNote = fc.oneof(
    fc.string({ unit: 'binary' }),
    codeUnits,
    fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => mutate(seedNote, ms)),
    fc.array(fc.constantFrom('\u2014 ', 'a', ' ', '\n', '\n\n', 'AAAA', '=', 'x+y'), { maxLength: 30 }).map((p) => p.join('')),
  );

  it('openNote throws nothing but NoteError on garbage', () => {
    fc.assert(
      fc.property(garbageNote, (msg) => {
        onlyNoteErrors(() => openNote(msg, [fuzzKey]));
        onlyNoteErrors(() => openNote(msg, []));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyNoteErrors(() => openNote(bytes, [fuzzKey]))),
      { numRuns: 500 },
    );
  });

  it('parseVerifierKey throws nothing but NoteError on garbage', () => {
    const keyMutation = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => mutate(PETER_KEY, ms));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), codeUnits, keyMutation), (text) => {
        onlyNoteErrors(() => parseVerifierKey(text));
        onlyNoteErrors(() => new VerifierSet([text]));
      }),
      { numRuns: 2000 },
    );
  });

  it('signNote throws nothing but NoteError on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), codeUnits), (text) => onlyNoteErrors(() => signNote(text, [fuzzSigner]))),
      { numRuns: 500 },
    );
  });
});
