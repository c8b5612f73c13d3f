import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../../test/support/app.ts';
import { formToken } from './token.ts';
import { commentCount, formBody, freshAddress, postComment, publishRound20 } from './test-helpers.ts';

/**
 * Hostile comment posts, generated: oversize fields, script and HTML injection, header
 * injection in the email, invalid and look-alike emails, missing fields, replayed forms,
 * bodies in other encodings, bodies that are no form. Each must get a form error or another
 * 4xx, store nothing, and never a 500; a form shown again never carries injected markup as such.
 */

let demo: Demo;
let id: string;
/** The token of a form already posted: every later post of it is a replay. */
let spentToken: string;

beforeAll(async () => {
  demo = await startDemo();
  id = await publishRound20(demo);
  spentToken = formToken(id);
  const first = await postComment(demo, id, { name: 'First', email: 'first@example.org', website: '', comment: 'The one comment stored.', token: spentToken, homepage: '' });
  expect(first.statusCode).toBe(303);
});
afterAll(async () => demo?.close());

const INJECTIONS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '</textarea><script>document.title="pwned"</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<style>*{display:none}</style>',
  '<!--',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];
const injection = fc.tuple(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 20 })).map(([a, b]) => a + b);

// Text people could type, in any script (what the hostile parts are mixed with).
const words = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== '');
const goodName = fc.constantFrom('Ana', 'Léa Martin', '王伟', 'Сергей', "O'Brien");
const goodEmail = fc.constantFrom('ana@example.org', 'lea.martin@example.fr', 'w.wang@example.cn', 's+news@example.ru');

interface Submission {
  what: string;
  fields?: Record<string, string>;
  raw?: Buffer;
  contentType?: string;
  /** Markup that must not come back unescaped. */
  markup?: string;
}

const base = fc.record({ name: goodName, email: goodEmail, comment: words }).map((f) => ({ ...f, website: '', homepage: '' }));
const withToken = (f: Record<string, string>) => ({ ...f, token: formToken(id) });

const oversize: fc.Arbitrary<Submission> = fc
  .tuple(base, fc.constantFrom('name', 'email', 'website', 'comment'), fc.integer({ min: 1, max: 3000 }), fc.string({ unit: 'grapheme', maxLength: 10 }))
  .map(([f, field, extra, noise]) => {
    const over: Record<string, string> = {
      name: `N${'n'.repeat(99 + extra)}${noise}`,
      email: `${'a'.repeat(64)}@${'b'.repeat(186 + extra)}.org`,
      website: `https://example.org/${'p'.repeat(181 + extra)}`,
      comment: `C${'c'.repeat(4999 + extra)}${noise}`,
    };
    return { what: `oversize ${field}`, fields: withToken({ ...f, [field]: over[field]! }) };
  });

/** Markup where it is refused outright (email, website), or where it is text but another field is wrong. */
const markup: fc.Arbitrary<Submission> = fc
  .tuple(base, injection, fc.constantFrom('email', 'website', 'name+missing-email', 'comment+bad-token', 'name+oversize-comment'))
  .map(([f, payload, where]) => {
    const fields: Record<string, string> = withToken(f);
    if (where === 'email') fields.email = payload.includes('@') ? payload : `${payload}@example.org`;
    else if (where === 'website') fields.website = payload;
    else if (where === 'name+missing-email') Object.assign(fields, { name: payload, email: '' });
    else if (where === 'comment+bad-token') Object.assign(fields, { comment: payload, token: 'v1.forged' });
    else Object.assign(fields, { name: payload, comment: 'x'.repeat(5001) });
    return { what: `markup in ${where}`, fields, markup: payload };
  });

const headerInjection: fc.Arbitrary<Submission> = fc
  .tuple(base, fc.constantFrom('\r\n', '\n', '\r', '\r\n\r\n', '\u0085', '\u2028', '\u0000', '\t'), fc.constantFrom('Bcc: all@example.org', 'Subject: hi', 'Content-Type: text/html', ''))
  .map(([f, sep, header]) => ({ what: 'header injection', fields: withToken({ ...f, email: `${f.email}${sep}${header}` }) }));

const TRICKS = ['\u0430', '\u0435', '\uff20', '\uff0e', '\u200b', '\u200d', '\u202e', '\u00a0', '\u2060', '\ufeff', 'é', '\u0301', ' ', '"', '(', ')', ',', ';', '<', '>', '[', '\\'];
const trickEmail: fc.Arbitrary<Submission> = fc.oneof(
  // A look-alike, invisible or special character inside an otherwise fine address.
  fc.tuple(base, fc.constantFrom(...TRICKS), fc.integer({ min: 1, max: 12 })).map(([f, trick, at]) => {
    const e = f.email;
    const i = Math.min(at, e.length - 1);
    return { what: `email with ${JSON.stringify(trick)}`, fields: withToken({ ...f, email: e.slice(0, i) + trick + e.slice(i) }) };
  }),
  fc.tuple(base, fc.constantFrom(
    '"Ana" <ana@example.org>', 'Ana <ana@example.org>', 'ana@example.org (Ana)', 'ana@example.org, bob@example.org', 'ana@@example.org', 'ana@exa@mple.org',
    'ana@[127.0.0.1]', 'ana@localhost', '"ana"@example.org', '.ana@example.org', 'ana.@example.org', 'an..a@example.org', '@example.org', 'ana@', 'ana',
    'ana@example', 'ana@-example.org', 'ana@example..org', 'ana@xn--80ak6aa92e.c0m', 'mailto:ana@example.org', 'ana%40example.org', 'ana@exаmple.org', 'аna@example.org',
    'ana@example.org\u200b', '=?utf-8?q?ana?=@example.org', 'ana@example.org?cc=bob@example.org',
  )).map(([f, email]) => ({ what: `email ${JSON.stringify(email)}`, fields: withToken({ ...f, email }) })),
);

const missing: fc.Arbitrary<Submission> = fc
  .tuple(base, fc.subarray(['name', 'email', 'comment'], { minLength: 1 }), fc.constantFrom('absent', '', '   ', '\t\n', '\u3000', '\u00a0'))
  .map(([f, gone, how]) => {
    const fields: Record<string, string> = withToken(f);
    for (const g of gone) {
      if (how === 'absent') delete fields[g];
      else fields[g] = how;
    }
    return { what: `missing ${gone.join(',')} (${JSON.stringify(how)})`, fields };
  });

const hidden: fc.Arbitrary<Submission> = fc
  .tuple(base, fc.constantFrom('name', 'comment', 'website'), fc.constantFrom('\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u202a', '\u202e', '\u2066', '\u2069', '\uffff'))
  .map(([f, field, c]) => ({ what: `${JSON.stringify(c)} in ${field}`, fields: withToken({ ...f, website: field === 'website' ? `https://exa${c}mple.org` : '', [field]: field === 'website' ? `https://exa${c}mple.org` : `${f[field as 'name' | 'comment']}${c}x` }) }));

const replayed: fc.Arbitrary<Submission> = base.map((f) => ({ what: 'replayed form', fields: { ...f, token: spentToken } }));

const badToken: fc.Arbitrary<Submission> = fc
  .tuple(base, fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('other', 'old').map((k) => (k === 'other' ? formToken('0190a000-0000-7000-8000-000000000000') : formToken(id, Date.now() - 2 * 86_400_000)))))
  .map(([f, token]) => ({ what: 'bad token', fields: { ...f, token } }));

const INVALID_UTF8 = ['%C3%28', '%A0%A1', '%E2%28%A1', '%F0%28%8C%BC', '%ED%A0%80', '%C0%AF', '%FF', '%FE%FF', '%F8%88%80%80%80', '%E0%80%80'];
const encodings: fc.Arbitrary<Submission> = fc.oneof(
  fc.tuple(base, fc.constantFrom(...INVALID_UTF8), fc.constantFrom('name', 'email', 'comment', 'token', 'website')).map(([f, bad, field]) => {
    const body = formBody(withToken(f)).replace(`${field}=`, `${field}=${bad}`);
    return { what: `invalid UTF-8 ${bad} in ${field}`, raw: Buffer.from(body), contentType: 'application/x-www-form-urlencoded' };
  }),
  fc.tuple(base, fc.constantFrom('iso-8859-1', 'windows-1252', 'shift_jis', 'utf-16', 'koi8-r', 'gb2312', 'us-ascii')).map(([f, charset]) => ({
    what: `charset ${charset}`,
    raw: Buffer.from(formBody(withToken(f))),
    contentType: `application/x-www-form-urlencoded; charset=${charset}`,
  })),
  fc.tuple(base, fc.constantFrom<BufferEncoding>('latin1', 'utf16le', 'ucs2')).map(([f, enc]) => ({
    what: `raw ${enc} bytes`,
    // Percent-encoding left out on purpose: the non-ASCII text goes as bytes of that encoding.
    raw: Buffer.from(Object.entries({ ...withToken(f), comment: `Été ${f.comment} ünïcödé` }).map(([k, v]) => `${k}=${v}`).join('&'), enc),
    contentType: 'application/x-www-form-urlencoded',
  })),
  fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((bytes) => ({ what: 'random bytes', raw: Buffer.from(bytes), contentType: 'application/x-www-form-urlencoded' })),
);

const notAForm: fc.Arbitrary<Submission> = fc
  .tuple(base, fc.constantFrom('application/json', 'text/plain', 'text/html', 'application/xml', 'multipart/form-data; boundary=zz'))
  .map(([f, contentType]) => ({ what: `a ${contentType} body`, raw: Buffer.from(contentType === 'application/json' ? JSON.stringify(withToken(f)) : formBody(withToken(f))), contentType }));

const hostile = fc.oneof(oversize, markup, headerInjection, trickEmail, missing, hidden, replayed, badToken, encodings, notAForm);

describe('hostile comment posts', () => {
  it('each gets a form error or another 4xx, stores nothing, and never echoes markup', async () => {
    const stored = await commentCount(demo);
    const statuses = new Map<number, number>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (s) => {
        runs++;
        const res = await postComment(demo, id, s.fields ?? {}, {
          remoteAddress: freshAddress(),
          ...(s.raw ? { raw: s.raw } : {}),
          ...(s.contentType ? { headers: { 'content-type': s.contentType } } : {}),
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${s.what}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, s.what).toBeLessThan(500);
        if (s.markup) expect(res.body, s.what).not.toContain(s.markup);
        expect(await commentCount(demo), s.what).toBe(stored);
      }),
      { numRuns: 1200 },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
    // The generators reach every kind of refusal: form errors, unreadable bodies, non-forms.
    for (const status of [422, 400, 415]) expect(statuses.get(status) ?? 0, `status ${status}: ${JSON.stringify([...statuses])}`).toBeGreaterThan(20);
  }, 300_000);
});
