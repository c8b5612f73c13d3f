import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type CheckpointBody,
  type CheckpointErrorCode,
} from './checkpoint.ts';
import { NoteError, generateSigner, signNote, type NoteErrorCode } from './note.ts';

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

const reference = JSON.parse(readFileSync(referencePath(), 'utf8')) as { merkle: { rootsBySizeHex: string[] } };

function expectError(fn: () => unknown, cls: typeof CheckpointError | typeof NoteError, code?: CheckpointErrorCode | NoteErrorCode): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected a ${cls.name}`).toBeInstanceOf(cls);
  if (code !== undefined) expect((caught as CheckpointError | NoteError).code, (caught as Error).message).toBe(code);
}
const expectCheckpointError = (fn: () => unknown, code: CheckpointErrorCode = 'malformed-checkpoint') => expectError(fn, CheckpointError, code);

// The checkpoint body of the C2SP tlog-checkpoint specification's example.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const ROOT = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');

describe('formatCheckpoint / parseCheckpoint', () => {
  it('formats and parses the specification example', () => {
    expect(formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163, root: ROOT })).toBe(SPEC_BODY);
    const cp = parseCheckpoint(SPEC_BODY);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(Buffer.from(cp.root).equals(ROOT)).toBe(true);
    expect(cp.extensions).toEqual([]);
  });

  it('round-trips the reference roots at their sizes, the empty tree included', () => {
    const roots = reference.merkle.rootsBySizeHex;
    expect(roots.length).toBeGreaterThan(0);
    for (const [size, hex] of roots.entries()) {
      const root = Buffer.from(hex, 'hex');
      const text = formatCheckpoint({ origin: 'entente.example/joint', size, root });
      expect(text).toBe(`entente.example/joint\n${size}\n${root.toString('base64')}\n`);
      const cp = parseCheckpoint(text);
      expect(cp.size).toBe(size);
      expect(Buffer.from(cp.root).toString('hex')).toBe(hex);
    }
    expect(parseCheckpoint('o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n').size).toBe(0);
  });

  it('round-trips (fast-check)', () => {
    const originChar = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 1 })
      .filter((c) => c.isWellFormed() && !/[\u0000-\u001f]/.test(c)); // eslint-disable-line no-control-regex
    const origin = fc.array(originChar, { minLength: 1, maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(origin, fc.maxSafeNat(), fc.uint8Array({ minLength: 32, maxLength: 32 }), (o, size, root) => {
        const text = formatCheckpoint({ origin: o, size, root });
        const cp = parseCheckpoint(text);
        expect(cp.origin).toBe(o);
        expect(cp.size).toBe(size);
        expect(Array.from(cp.root)).toEqual(Array.from(root));
        expect(cp.extensions).toEqual([]);
        expect(formatCheckpoint(cp)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts and returns extension lines, each non-empty', () => {
    const cp = parseCheckpoint(`${SPEC_BODY}ext one\n\u2014 two\n`);
    expect(cp.extensions).toEqual(['ext one', '\u2014 two']);
    expectCheckpointError(() => parseCheckpoint(`${SPEC_BODY}\n`));
    expectCheckpointError(() => parseCheckpoint(`${SPEC_BODY}ext\n\nmore\n`));
    // ... and never writes them.
    expectCheckpointError(() => formatCheckpoint(cp), 'invalid-checkpoint');
  });

  it('refuses malformed sizes', () => {
    const body = (size: string) => `o\n${size}\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`;
    expect(parseCheckpoint(body('9007199254740991')).size).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseCheckpoint(body('10')).size).toBe(10);
    for (const size of ['', '00', '01', '007', '-1', '+1', '1e3', '0x10', ' 1', '1 ', '1.0', '1,000', '\u0663', '\uff11', '9007199254740992', '18446744073709551616', '9'.repeat(400)]) {
      expectCheckpointError(() => parseCheckpoint(body(size)));
    }
  });

  it('refuses roots that are not canonical base64 of 32 bytes', () => {
    const body = (root: string) => `o\n1\n${root}\n`;
    const b64 = ROOT.toString('base64');
    for (const root of [
      randomBytes(31).toString('base64'),
      randomBytes(33).toString('base64'),
      randomBytes(64).toString('base64'),
      '',
      b64.slice(0, -1), // unpadded
      `${b64}=`,
      ROOT.toString('base64url'),
      ROOT.toString('hex'),
      `${b64.slice(0, -2)}J=`, // 'I' → 'J': same bytes, non-zero unused bits
      ` ${b64}`,
      `${b64} `,
    ]) {
      expectCheckpointError(() => parseCheckpoint(body(root)));
    }
    expect(Buffer.from(`${b64.slice(0, -2)}J=`, 'base64').equals(ROOT)).toBe(true);
  });

  it('refuses an empty origin, missing lines, a missing final newline and control characters', () => {
    for (const text of [
      `\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`,
      SPEC_BODY.slice(0, -1),
      'example.com/behind-the-sofa\n20852163\n',
      'example.com/behind-the-sofa\n',
      '',
      '\n',
      SPEC_BODY.replace(/\n/g, '\r\n'),
      `\u0001${SPEC_BODY}`,
      `\ud800${SPEC_BODY}`,
      `example.com/log\n\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`,
    ]) {
      expectCheckpointError(() => parseCheckpoint(text));
    }
  });

  it('refuses to format what it could not parse', () => {
    const ok: CheckpointBody = { origin: 'o', size: 1, root: ROOT };
    for (const cp of [
      { ...ok, origin: '' },
      { ...ok, origin: 'a\nb' },
      { ...ok, origin: 'tab\t' },
      { ...ok, origin: '\udc00' },
      { ...ok, size: -1 },
      { ...ok, size: 1.5 },
      { ...ok, size: Number.MAX_SAFE_INTEGER + 1 },
      { ...ok, size: Number.NaN },
      { ...ok, root: ROOT.subarray(1) },
      { ...ok, root: Buffer.concat([ROOT, Buffer.from([0])]) },
    ]) {
      expectCheckpointError(() => formatCheckpoint(cp), 'invalid-checkpoint');
    }
    // A root that is a view into a larger buffer is encoded from its own bytes.
    const big = Buffer.concat([Buffer.alloc(5, 0xaa), ROOT, Buffer.alloc(5, 0xbb)]);
    expect(formatCheckpoint({ ...ok, root: new Uint8Array(big.buffer, big.byteOffset + 5, 32) })).toBe(`o\n1\n${ROOT.toString('base64')}\n`);
  });
});

describe('signCheckpoint / openCheckpoint', () => {
  const log = generateSigner('entente.example/joint');
  const witness = generateSigner('witness.example');
  const body: CheckpointBody = { origin: 'entente.example/joint', size: 7, root: ROOT };

  it('signs and opens', () => {
    const note = signCheckpoint(body, log.signer);
    expect(note.startsWith(`${formatCheckpoint(body)}\n\u2014 entente.example/joint `)).toBe(true);
    const { checkpoint, note: opened } = openCheckpoint(note, [log.verifierKey], { expectedOrigin: 'entente.example/joint' });
    expect(checkpoint.origin).toBe(body.origin);
    expect(checkpoint.size).toBe(7);
    expect(Buffer.from(checkpoint.root).equals(ROOT)).toBe(true);
    expect(opened.verified.map((s) => s.keyId)).toEqual([log.signer.keyId]);
  });

  it('passes unknown cosignatures through and needs a known one', () => {
    const note = signCheckpoint(body, [log.signer, witness.signer]);
    const { note: opened } = openCheckpoint(note, [log.verifierKey]);
    expect(opened.unverified.map((s) => s.name)).toEqual(['witness.example']);
    expectError(() => openCheckpoint(note, [generateSigner('entente.example/joint').verifierKey]), NoteError, 'unverified-note');
  });

  it('refuses a checkpoint of another origin, a tampered one, and a signed note that is no checkpoint', () => {
    const note = signCheckpoint(body, log.signer);
    expectCheckpointError(() => openCheckpoint(note, [log.verifierKey], { expectedOrigin: 'entente.example/other' }), 'origin-mismatch');
    expectError(() => openCheckpoint(note.replace('\n7\n', '\n8\n'), [log.verifierKey]), NoteError, 'invalid-signature');
    expectCheckpointError(() => openCheckpoint(signNote('hello\n', [log.signer]), [log.verifierKey]));
    expectCheckpointError(() => openCheckpoint(signNote('o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', [log.signer]), [log.verifierKey]));
    expectCheckpointError(() => signCheckpoint({ ...body, root: ROOT.subarray(1) }, log.signer), 'invalid-checkpoint');
  });
});

describe('garbage (fast-check)', () => {
  const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 120 }).map((us) => String.fromCharCode(...us));
  const pieces = fc
    .array(fc.constantFrom('o', '\n', '0', '1', '9', '00', '=', 'A', 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', ' ', '\u0001', '\ud800', '9007199254740993'), { maxLength: 12 })
    .map((p) => p.join(''));
  const mutated = fc
    .tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', '\n', '0', '=', 'A', ' ', '\u0000', '\udfff'))
    .map(([pos, del, ins]) => {
      const i = pos % (SPEC_BODY.length + 1);
      return SPEC_BODY.slice(0, i) + ins + SPEC_BODY.slice(i + del);
    });
  const garbage = fc.oneof(fc.string({ unit: 'binary' }), codeUnits, pieces, mutated);

  it('parseCheckpoint throws nothing but CheckpointError', () => {
    fc.assert(
      fc.property(garbage, (text) => {
        try {
          const cp = parseCheckpoint(text);
          // Whatever parses re-formats to the same text (when it has no extensions).
          if (cp.extensions.length === 0) expect(formatCheckpoint(cp)).toBe(text);
        } catch (err) {
          if (!(err instanceof CheckpointError)) throw err;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('openCheckpoint throws nothing but NoteError or CheckpointError', () => {
    const log = generateSigner('entente.example/joint');
    // Validly signed garbage reaches the body parser; the rest stops at the note.
    const signIfSignable = (t: string) => {
      try {
        return signNote(t, [log.signer]);
      } catch {
        return t;
      }
    };
    let reachedBody = 0;
    const open = (text: string) => {
      try {
        openCheckpoint(text, [log.verifierKey]);
        reachedBody++;
      } catch (err) {
        if (err instanceof CheckpointError) reachedBody++;
        else if (!(err instanceof NoteError)) throw err;
      }
    };
    fc.assert(
      fc.property(garbage, (text) => {
        open(text);
        open(signIfSignable(text));
      }),
      { numRuns: 1000 },
    );
    expect(reachedBody).toBeGreaterThan(80); // about 200 expected
  });
});
