import * as chrono from 'chrono-node';
import type { Doc, Sentence, Ymd } from './doc.ts';
import { trimSpan, type Span } from './text.ts';

/**
 * Dates with their precision. chrono-node reads the French and English forms ("le 2 décembre
 * 2025", "Dec. 2", "mardi", "yesterday"); this file decides what they mean: a date whose year,
 * or whole day, comes from the reference (a weekday, "hier", "2 December") is resolved against
 * the publication date, and without one it gives no date at all — a day is never invented.
 * chrono runs per sentence, and only on sentences that have a month, a weekday or a relative
 * word: over a long text it is the costly step.
 */

export type Precision = 'year' | 'month' | 'day';

export interface DateMention {
  span: Span;
  /** Partial ISO date, or null when it cannot be resolved (no year, no publication date). */
  iso: string | null;
  precision: Precision | null;
  /** 'text': all the text's own; 'published': completed from the publication date. */
  source: 'text' | 'published' | null;
}

const CANDIDATE =
  /(?<![\p{L}])(?:janv|fevr|mars|avril|mai|juin|juil|aout|sept|oct|nov|dec|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd|avant-hier|jan|feb|mar|apr|may|jun|jul|aug|sep|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}/u;
const MONTHS: Record<string, number> = {
  janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};
const MONTH_YEAR = new RegExp(`(?<![\\p{L}\\p{N}])(${Object.keys(MONTHS).join('|')})\\s+((?:19|20)\\d\\d)(?![\\p{N}])`, 'gu');
const RELATIVE_FORWARD = /\b(?:prochain|prochaine|next|demain|tomorrow|coming)\b/;

const DAY_MS = 86_400_000;
const utc = (d: Ymd) => Date.UTC(d.year, d.month - 1, d.day);
const ymdOf = (ms: number): Ymd => {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (d: Ymd) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
const refDate = (d: Ymd) => new Date(Date.UTC(d.year, d.month - 1, d.day, 12));

/** A fixed reference, used to tell which parts of a date the text does not give. */
const FAR: Ymd = { year: 2001, month: 1, day: 10 };

interface Parts {
  year: number;
  month: number;
  day: number;
}

function partsOf(c: chrono.ParsedComponents): Parts {
  return { year: c.get('year') ?? 0, month: c.get('month') ?? 0, day: c.get('day') ?? 0 };
}

const plausible = (y: number) => y >= 1900 && y <= 2100;

/** The latest date with this month and day not more than a month after `published`. */
function yearFor(month: number, day: number, published: Ymd): Ymd | null {
  const limit = utc(published) + 31 * DAY_MS;
  for (const year of [published.year + 1, published.year, published.year - 1]) {
    const ms = Date.UTC(year, month - 1, day);
    const back = ymdOf(ms);
    if (back.month !== month || back.day !== day) continue; // 29 February of another year
    if (ms <= limit) return back;
  }
  return null;
}

/** The latest day of that weekday (0 = Sunday) on or before `published`. */
function weekdayBefore(weekday: number, published: Ymd): Ymd {
  const ms = utc(published);
  const back = (new Date(ms).getUTCDay() - weekday + 7) % 7;
  return ymdOf(ms - back * DAY_MS);
}

function mention(span: Span, iso: string | null, precision: Precision | null, source: DateMention['source']): DateMention {
  return { span, iso, precision, source };
}

/** Full, partial or relative dates chrono finds in one sentence. */
export function datesIn(doc: Doc, sentence: Sentence): DateMention[] {
  const folded = doc.folded.slice(sentence.start, sentence.end);
  const out: DateMention[] = [];
  if (CANDIDATE.test(folded)) {
    const text = doc.text.slice(sentence.start, sentence.end);
    const parser = sentence.lang === 'fr' ? chrono.fr : chrono.en;
    const ref = doc.published ?? FAR;
    const other = ymdOf(utc(ref) + 397 * DAY_MS);
    const a = parser.parse(text, refDate(ref), { forwardDate: false });
    const b = parser.parse(text, refDate(other), { forwardDate: false });
    for (const r of a) {
      const twin = b.find((x) => x.index === r.index);
      const s = r.start;
      const span: Span = trimSpan(doc.text, sentence.start + r.index, sentence.start + r.index + r.text.length, /[\s,;:]/u);
      const pa = partsOf(s);
      const pb = twin ? partsOf(twin.start) : null;
      const fixed = pb !== null && pa.year === pb.year && pa.month === pb.month && pa.day === pb.day;
      const day = s.isCertain('day');
      const month = s.isCertain('month');
      const weekday = s.isCertain('weekday');
      if (!day && !month && !weekday) continue; // a time of day alone, "now"
      if (fixed) {
        if (!plausible(pa.year)) continue;
        if (day && month) out.push(mention(span, isoDay(pa), 'day', 'text'));
        else if (month) out.push(mention(span, `${pa.year}-${pad(pa.month)}`, 'month', 'text'));
        continue;
      }
      // The reference fills something in: only a publication date may.
      const published = doc.published;
      if (!published) {
        out.push(mention(span, null, null, null));
        continue;
      }
      if (day && month && !s.isCertain('year')) {
        const d = yearFor(pa.month, pa.day, published);
        out.push(d ? mention(span, isoDay(d), 'day', 'published') : mention(span, null, null, null));
      } else if (weekday && !day) {
        const forward = RELATIVE_FORWARD.test(folded.slice(r.index, r.index + r.text.length + 12));
        out.push(mention(span, isoDay(forward ? pa : weekdayBefore(s.get('weekday') ?? 0, published)), 'day', 'published'));
      } else if (plausible(pa.year)) {
        // "hier", "yesterday", "last month": chrono counted from the publication date.
        if (day) out.push(mention(span, isoDay(pa), 'day', 'published'));
        else if (month) out.push(mention(span, `${pa.year}-${pad(pa.month)}`, 'month', 'published'));
      }
    }
  }
  // A month and a year ("en juillet 2023", "in March 2024"), which chrono's French parser misses.
  for (const m of folded.matchAll(MONTH_YEAR)) {
    const month = MONTHS[m[1]!];
    const span: Span = [sentence.start + m.index, sentence.start + m.index + m[0].length];
    if (month === undefined || out.some((d) => d.span[0] < span[1] && span[0] < d.span[1])) continue;
    out.push(mention(span, `${m[2]}-${pad(month)}`, 'month', 'text'));
  }
  // Years alone ("en 2005", "in 2026"), outside the dates found above.
  for (const m of folded.matchAll(/(?<![\p{L}\p{N}.,/-])(1[89]\d\d|20\d\d)(?![\p{L}\p{N}]|[.,/-]\d)/gu)) {
    const span: Span = [sentence.start + m.index, sentence.start + m.index + 4];
    if (out.some((d) => d.span[0] <= span[0] && d.span[1] >= span[1])) continue;
    out.push(mention(span, m[1]!, 'year', 'text'));
  }
  return out.sort((x, y) => x.span[0] - y.span[0]);
}

export interface RelativeYear {
  span: Span;
  /** Years from the reference year: 0 for "cette année", -1 for "last year". */
  offset: number;
}

const RELATIVE_YEARS: Array<[RegExp, number]> = [
  [/(?<![\p{L}])(?:cette annee|this year|cette meme annee|l'annee en cours|the current year|plus tot cette annee|earlier this year)(?![\p{L}])/gu, 0],
  [/(?<![\p{L}])(?:l'annee derniere|l'an dernier|l'annee passee|last year)(?![\p{L}])/gu, -1],
  [/(?<![\p{L}])(?:l'annee prochaine|l'an prochain|next year)(?![\p{L}])/gu, 1],
];

export function relativeYears(doc: Doc, sentence: Sentence): RelativeYear[] {
  const folded = doc.folded.slice(sentence.start, sentence.end);
  const out: RelativeYear[] = [];
  for (const [pattern, offset] of RELATIVE_YEARS) {
    for (const m of folded.matchAll(pattern)) out.push({ span: [sentence.start + m.index, sentence.start + m.index + m[0].length], offset });
  }
  return out;
}

/** "2025-12-02" → its parts; anything else → null. */
export function parseIsoDay(value: string | undefined): Ymd | null {
  if (value === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const back = ymdOf(utc(d));
  return back.year === d.year && back.month === d.month && back.day === d.day ? d : null;
}
