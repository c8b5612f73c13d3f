import { z } from 'zod';
import { ID_PATTERN } from './id.ts';

/** The languages of the user interface; records may always carry these. */
export const UI_LANGUAGES = ['en', 'fr', 'zh', 'ru'] as const;

export const MARKINGS = ['public', 'joint', 'internal'] as const;
export type Marking = (typeof MARKINGS)[number];
export const marking = z.enum(MARKINGS);

/** Openness order: a record may not be more open than the record it hangs from. */
export const OPENNESS: Record<Marking, number> = { public: 2, joint: 1, internal: 0 };

export const id = z.string().regex(ID_PATTERN, 'must be a record id (UUIDv7)');

export const partyCode = z
  .string()
  .regex(/^[a-z]{2,8}$/, 'must be a party code: 2 to 8 lower-case letters');

/** A BCP 47 language tag, checked and compared in canonical form. */
export const languageTag = z
  .string()
  .max(35)
  .refine((tag) => canonicalLanguage(tag) !== undefined, 'must be a valid BCP 47 language tag');

const canonicalCache = new Map<string, string | undefined>();

/** The canonical form of a BCP 47 tag, or undefined when it is not one (memoised: Intl is slow). */
export function canonicalLanguage(tag: string): string | undefined {
  if (canonicalCache.has(tag)) return canonicalCache.get(tag);
  let canonical: string | undefined;
  if (/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) {
    try {
      canonical = Intl.getCanonicalLocales(tag)[0];
    } catch {
      canonical = undefined;
    }
  }
  if (canonicalCache.size < 10_000) canonicalCache.set(tag, canonical);
  return canonical;
}

/**
 * Multilingual text: `{ [bcp47]: string }`. `max` bounds each language's text. Whether a
 * language is allowed in a given mechanism is a write-path rule (it needs the mechanism).
 */
export function text(max: number, opts: { required?: boolean } = {}) {
  const value = z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
  const map = z.record(languageTag, value).refine((m) => Object.keys(m).length <= 16, 'at most 16 languages');
  return opts.required === false
    ? map
    : map.refine((m) => Object.keys(m).length > 0, 'needs a text in at least one language');
}
export type Text = Record<string, string>;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** ISO 8601 partial date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, kept with its precision. */
export const partialDate = z.string().refine(isPartialDate, 'must be a real date as YYYY, YYYY-MM or YYYY-MM-DD');

export function isPartialDate(s: string): boolean {
  const m = PARTIAL_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1000) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= last;
}

export type Precision = 'year' | 'month' | 'day';
export function precisionOf(date: string): Precision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

export const url = z.url({ protocol: /^https?$/ }).max(2000);

/**
 * Text every store and the log can hold: no NUL (PostgreSQL text refuses it) and no lone
 * UTF-16 surrogate (not Unicode; RFC 8785 canonical JSON refuses it). Returns the path of the
 * first offending string in a parsed body, if any.
 */
export function badTextAt(value: unknown, path: string[] = []): { field: string; message: string } | undefined {
  const bad = firstBadText(value);
  if (!bad) return undefined;
  return { field: [...path, ...bad.path.reverse()].join('.') || '(body)', message: bad.message };
}

/** The first bad string, its path built backwards only once one is found (no garbage per field). */
function firstBadText(value: unknown): { path: string[]; message: string } | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path: [], message: 'must not contain NUL characters' };
    if (!value.isWellFormed()) return { path: [], message: 'must be well-formed Unicode (no lone surrogates)' };
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstBadText(value[i]);
      if (bad) {
        bad.path.push(String(i));
        return bad;
      }
    }
  } else if (value !== null && typeof value === 'object') {
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      const bad = firstBadText(k) ?? firstBadText((value as Record<string, unknown>)[k]);
      if (bad) {
        bad.path.push(k);
        return bad;
      }
    }
  }
  return undefined;
}
