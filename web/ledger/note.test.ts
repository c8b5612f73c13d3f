import { describe, expect, it } from 'vitest';
import { toBase64, utf8 } from './bytes.ts';
import { verifyCheckpoint } from './checkpoint.ts';
import { keyIdHex, keyIdOf, parseVerifierKey, verifyNote } from './note.ts';
import { REFERENCE } from './vectors.ts';

/** A fresh Ed25519 key signing notes the way src/ledger/note.ts does (WebCrypto on both sides). */
async function newSigner(name: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const keyId = await keyIdOf(name, publicKey);
  const verifierKey = `${name}+${keyIdHex(keyId)}+${toBase64(Uint8Array.of(1, ...publicKey))}`;
  const sign = async (text: string) => {
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, utf8(text)));
    const id = new Uint8Array(4);
    new DataView(id.buffer).setUint32(0, keyId);
    return `${text}\n\u2014 ${name} ${toBase64(Uint8Array.of(...id, ...signature))}\n`;
  };
  return { verifierKey, sign };
}

describe('signed notes: the reference examples', () => {
  it.each(REFERENCE.signedNotes.map((n) => [n.note.split('\n')[0], n] as const))('%s', async (_first, n) => {
    const key = await parseVerifierKey(n.verifierKey);
    expect(key).toBeDefined();
    const check = await verifyNote(n.note, key!);
    expect(check.ok).toBe(n.valid);
    if (check.ok) expect(n.note.startsWith(check.text)).toBe(true);
  });

  it('refuses the example once a character of its text or signature changed', async () => {
    const n = REFERENCE.signedNotes[0]!;
    const key = (await parseVerifierKey(n.verifierKey))!;
    expect(await verifyNote(n.note.replace('example message', 'exemple message'), key)).toEqual({ ok: false, problem: 'bad-signature' });
    const sigAt = n.note.lastIndexOf(' ') + 10;
    const flipped = n.note.slice(0, sigAt) + (n.note[sigAt] === 'A' ? 'B' : 'A') + n.note.slice(sigAt + 1);
    expect((await verifyNote(flipped, key)).ok).toBe(false);
  });

  it('does not take a signature by another key, nor a malformed note', async () => {
    const [a, b] = REFERENCE.signedNotes;
    const keyB = (await parseVerifierKey(b!.verifierKey))!;
    expect(await verifyNote(a!.note, keyB)).toEqual({ ok: false, problem: 'unknown-key' });
    expect(await verifyNote('no blank line\n\u2014 x AAAA\n', keyB)).toEqual({ ok: false, problem: 'malformed' });
    expect(await verifyNote('text\n\n- dash AAAAAAAA\n', keyB)).toEqual({ ok: false, problem: 'malformed' });
    expect(await verifyNote('text\u0007\n\n\u2014 x AAAAAAAA\n', keyB)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('parses verifier keys strictly: the key ID must match', async () => {
    const text = REFERENCE.signedNotes[0]!.verifierKey;
    expect((await parseVerifierKey(text))?.name).toBe('example.com/foo');
    expect(await parseVerifierKey(text.replace('+530d903a+', '+530d903b+'))).toBeUndefined();
    expect(await parseVerifierKey('name+530d903a')).toBeUndefined();
    expect(await parseVerifierKey('na me+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k')).toBeUndefined();
  });
});

describe('checkpoints', () => {
  const root = toBase64(new Uint8Array(32).fill(7));
  const body = `entente-test/log1\n25\n${root}\n`;

  it('verifies the signature, then reads origin, size and root', async () => {
    const s = await newSigner('entente-test');
    const check = await verifyCheckpoint(await s.sign(body), s.verifierKey);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.checkpoint).toMatchObject({ origin: 'entente-test/log1', size: 25, rootBase64: root, shortRoot: '070707070707', text: body });
  });

  it('is not verified when the size, root or key differ from what was signed', async () => {
    const s = await newSigner('entente-test');
    const other = await newSigner('entente-test');
    const note = await s.sign(body);
    expect(await verifyCheckpoint(note.replace('\n25\n', '\n26\n'), s.verifierKey)).toEqual({ ok: false, problem: 'bad-signature' });
    expect(await verifyCheckpoint(note, other.verifierKey)).toEqual({ ok: false, problem: 'unknown-key' });
    expect(await verifyCheckpoint(note, 'not a key')).toEqual({ ok: false, problem: 'bad-key' });
  });

  it('refuses a signed text that is not a checkpoint', async () => {
    const s = await newSigner('entente-test');
    expect(await verifyCheckpoint(await s.sign('origin\n025\nAAAA\n'), s.verifierKey)).toEqual({ ok: false, problem: 'malformed-checkpoint' });
  });
});
