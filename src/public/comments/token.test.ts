import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFormToken, FORM_KEY_FILE, FORM_TOKEN_TTL_MS, formToken, loadFormKey, spendFormToken, useFormKey } from './token.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-form-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const C = '0190a000-0000-7000-8000-000000000001';

describe('the form key', () => {
  it('is made once in the data directory, readable by its owner only, and kept', () => {
    const key = loadFormKey(dir);
    const file = path.join(dir, FORM_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(key).toHaveLength(32);
    expect(loadFormKey(dir).equals(key)).toBe(true);
  });

  it('refuses a file that is not a key, saying what to do', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-form-key-'));
    fs.writeFileSync(path.join(other, FORM_KEY_FILE), 'not a key');
    expect(() => loadFormKey(other)).toThrow(/remove it to make a new one/);
    fs.rmSync(other, { recursive: true });
  });
});

describe('form tokens', () => {
  useFormKey(loadFormKey(dir));

  it('are good for their communiqué, for a day, once', () => {
    const now = Date.now();
    const token = formToken(C, now);
    const check = checkFormToken(token, C, now + FORM_TOKEN_TTL_MS - 1);
    expect(check).toMatchObject({ ok: true });
    expect(checkFormToken(token, C, now + FORM_TOKEN_TTL_MS + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkFormToken(token, '0190a000-0000-7000-8000-000000000002', now)).toEqual({ ok: false, reason: 'other-communique' });
    if (!check.ok) throw new Error('unreachable');
    expect(spendFormToken(check)).toBe(true);
    expect(spendFormToken(check)).toBe(false);
    expect(checkFormToken(token, C, now)).toEqual({ ok: false, reason: 'used' });
  });

  it('are refused when altered, made with another key, or not tokens at all', () => {
    const token = formToken(C);
    const [v, id, issued, nonce, mac] = token.split('.') as [string, string, string, string, string];
    const altered = [
      [v, id, (parseInt(issued, 36) + 1).toString(36), nonce, mac],
      [v, id, issued, `${nonce.slice(0, -1)}${nonce.endsWith('A') ? 'B' : 'A'}`, mac],
      [v, id, issued, nonce, `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`],
    ].map((p) => p.join('.'));
    for (const t of altered) expect(checkFormToken(t, C)).toEqual({ ok: false, reason: 'forged' });
    for (const t of ['x', `${token}.`, token.replace('v1', 'v2'), 'a'.repeat(1000)]) expect(checkFormToken(t, C)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkFormToken(undefined, C)).toEqual({ ok: false, reason: 'missing' });
    const foreign = formToken(C);
    useFormKey(Buffer.alloc(32, 7));
    // A key used before in this process still checks; a token signed elsewhere does not.
    expect(checkFormToken(foreign, C)).toMatchObject({ ok: true });
    useFormKey(loadFormKey(dir));
  });
});
