import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CommentField, CommentFormState, SiteLang } from '../types.ts';
import { messagesFor, type FormMessages } from './messages.ts';

/**
 * The comment form's body: read strictly (UTF-8 or refused), then checked field by field.
 * Limits: name 100, email 254, website 200, comment 5,000 characters (code points).
 */
export const LIMITS = { name: 100, email: 254, website: 200, comment: 5000 } as const;
/** Enough for a 5,000-character comment of four-byte characters, percent-encoded, and the rest. */
export const FORM_BODY_LIMIT = 128 * 1024;

/** The fields of a form post that could be read. */
export class FormBody {
  constructor(readonly fields: ReadonlyMap<string, string>) {}
  get(name: string): string | undefined {
    return this.fields.get(name);
  }
}

/** A form post that could not be read: another charset, invalid UTF-8, a field sent twice. */
export class UnreadableForm {
  constructor(readonly reason: string) {}
}

const MAX_PAIRS = 32;
const FIELDS_OF_THE_FORM = new Set(['name', 'email', 'website', 'comment', 'token', 'homepage']);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `application/x-www-form-urlencoded` (WHATWG URL §5.1), except that bytes which do not decode
 * as UTF-8 refuse the whole form instead of becoming U+FFFD: text silently changed is worse
 * than a form to send again. A charset other than UTF-8 is refused likewise.
 */
export function parseFormBody(raw: Buffer, contentType: string | undefined): FormBody | UnreadableForm {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return new UnreadableForm(`charset ${charset}`);
  const fields = new Map<string, string>();
  let pairs = 0;
  for (let start = 0; start <= raw.length; ) {
    let end = raw.indexOf(0x26 /* & */, start);
    if (end < 0) end = raw.length;
    if (end > start) {
      if (++pairs > MAX_PAIRS) return new UnreadableForm('too many fields');
      const pair = raw.subarray(start, end);
      const eq = pair.indexOf(0x3d /* = */);
      const name = decode(eq < 0 ? pair : pair.subarray(0, eq));
      const value = decode(eq < 0 ? Buffer.alloc(0) : pair.subarray(eq + 1));
      if (name === undefined || value === undefined) return new UnreadableForm('not UTF-8');
      if (FIELDS_OF_THE_FORM.has(name)) {
        if (fields.has(name)) return new UnreadableForm(`${name} sent twice`);
        fields.set(name, value);
      }
    }
    start = end + 1;
  }
  return new FormBody(fields);
}

/** Percent-decoding of bytes ('+' is a space), then strict UTF-8; undefined when not UTF-8. */
function decode(bytes: Buffer): string | undefined {
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x2b) out[n++] = 0x20;
    else if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]!) && isHex(bytes[i + 2]!)) {
      out[n++] = parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16);
      i += 2;
    } else out[n++] = b;
  }
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    return undefined;
  }
}

const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/** A comment as it is stored. */
export interface CommentInput {
  name: string;
  email: string;
  website: string | null;
  body: string;
}

export interface CheckedForm {
  /** What the visitor sent, to show again in the form. */
  values: Record<CommentField, string>;
  errors: CommentFormState['errors'];
  /** Set when there is no error. */
  comment?: CommentInput;
}

// Controls (C0, DEL, C1), line and paragraph separators, bidirectional embeddings, overrides
// and isolates (which can make text read otherwise than it is stored), non-characters.
/* eslint-disable no-control-regex -- finding control characters is the point */
const HIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/;
// The same, but a comment keeps its line breaks and tabs.
const HIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/;
/* eslint-enable no-control-regex */
/** Characters as people count them (a character outside the BMP is one, not two UTF-16 units). */
const codePoints = (s: string) => s.length - (s.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);

/** zod's practical email pattern: ASCII only, one @, no display name, quotes, spaces or IP literal. */
const emailShape = z.email();

/** What the visitor typed, to show again (empty when the body could not be read). */
export function formValues(form: FormBody | undefined): Record<CommentField, string> {
  return { name: form?.get('name') ?? '', email: form?.get('email') ?? '', website: form?.get('website') ?? '', comment: form?.get('comment') ?? '' };
}

/** Checks every field of a readable form; the messages are in the page's language. */
export function checkCommentForm(form: FormBody, lang: SiteLang): CheckedForm {
  const t = messagesFor(lang);
  const values = formValues(form);
  const errors: CommentFormState['errors'] = {};
  const name = checkName(values.name, t);
  const email = checkEmail(values.email, t);
  const website = checkWebsite(values.website, t);
  const body = checkBody(values.comment, t);
  if (!name.ok) errors.name = name.message;
  if (!email.ok) errors.email = email.message;
  if (!website.ok) errors.website = website.message;
  if (!body.ok) errors.comment = body.message;
  if (!name.ok || !email.ok || !website.ok || !body.ok) return { values, errors };
  return { values, errors, comment: { name: name.value, email: email.value, website: website.value, body: body.value } };
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = (message: string): Checked<never> => ({ ok: false, message });

function checkName(raw: string, t: FormMessages): Checked<string> {
  if (HIDDEN_IN_LINE.test(raw)) return no(t.hiddenCharacters);
  const name = raw.trim().normalize('NFC');
  if (name === '') return no(t.nameRequired);
  return codePoints(name) > LIMITS.name ? no(t.nameTooLong) : ok(name);
}

function checkEmail(raw: string, t: FormMessages): Checked<string> {
  // ASCII only, checked before trimming: "a@b.org\r\nBcc: …" or "a@b.org\u2028" is no address.
  if (/[^\x20-\x7e]/.test(raw)) return no(t.emailInvalid);
  const email = raw.trim();
  if (email === '') return no(t.emailRequired);
  if (email.length > LIMITS.email) return no(t.emailTooLong);
  const at = email.lastIndexOf('@');
  if (!emailShape.safeParse(email).success || at > 64) return no(t.emailInvalid);
  return ok(`${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`);
}

function checkWebsite(raw: string, t: FormMessages): Checked<string | null> {
  if (HIDDEN_IN_LINE.test(raw)) return no(t.hiddenCharacters);
  const given = raw.trim();
  if (given === '') return ok(null);
  if (codePoints(given) > LIMITS.website) return no(t.websiteTooLong);
  if (/\s/.test(given)) return no(t.websiteInvalid);
  // "example.org" is taken as https://example.org.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(given) ? given : `https://${given}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return no(t.websiteInvalid);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname.includes('.')) return no(t.websiteInvalid);
  // The address as the URL standard writes it: a host in Unicode becomes punycode, shown as such.
  return url.href.length > LIMITS.website ? no(t.websiteTooLong) : ok(url.href);
}

function checkBody(raw: string, t: FormMessages): Checked<string> {
  const text = raw.replace(/\r\n?/g, '\n');
  if (HIDDEN_IN_TEXT.test(text)) return no(t.hiddenCharacters);
  const body = text.trim().normalize('NFC');
  if (body === '') return no(t.commentRequired);
  return codePoints(body) > LIMITS.comment ? no(t.commentTooLong) : ok(body);
}

/**
 * What makes two comments "the same": the communiqué, the address without case or +tag, and
 * the text without case, compatibility forms or spacing differences. SHA-256, so the column
 * says nothing by itself.
 */
export function fingerprint(communiqueId: string, email: string, body: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).toLowerCase().replace(/\+.*$/, '');
  const address = `${local}@${email.slice(at + 1).toLowerCase()}`;
  const text = body.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${communiqueId}\n${address}\n${text}`, 'utf8').digest('hex');
}
