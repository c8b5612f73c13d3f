import type { PartialDate } from '../api/types.ts';

/**
 * ISO 8601 partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) rendered with their precision:
 * a year stays a year ("2025", "2025年"), never 1 January of it.
 */
export type Precision = 'year' | 'month' | 'day';

export interface ParsedDate {
  year: number;
  month: number;
  day: number;
  precision: Precision;
}

export function parsePartialDate(date: PartialDate): ParsedDate | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return undefined;
  const precision: Precision = m[3] !== undefined ? 'day' : m[2] !== undefined ? 'month' : 'year';
  return { year: Number(m[1]), month: Number(m[2] ?? 1), day: Number(m[3] ?? 1), precision };
}

const OPTIONS: Record<Precision, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric', timeZone: 'UTC' },
  month: { year: 'numeric', month: 'long', timeZone: 'UTC' },
  day: { dateStyle: 'long', timeZone: 'UTC' },
};

const utc = (d: ParsedDate) => new Date(Date.UTC(d.year, d.month - 1, d.day));

/** A partial date in the reader's language, at its own precision. */
export function formatPartialDate(date: PartialDate, locale: string): string {
  const d = parsePartialDate(date);
  if (!d) return date;
  return new Intl.DateTimeFormat(locale, OPTIONS[d.precision]).format(utc(d));
}

/**
 * From `start` to `end` (either may be missing). Dates of one precision form a range in the
 * language's own way ("2–3 December 2025", "2025年12月2日至3日"); mixed precisions are joined.
 */
export function formatPartialDateRange(start: PartialDate | null, end: PartialDate | null, locale: string): string | undefined {
  if (!start) return end ? formatPartialDate(end, locale) : undefined;
  if (!end || end === start) return formatPartialDate(start, locale);
  const a = parsePartialDate(start);
  const b = parsePartialDate(end);
  if (a && b && a.precision === b.precision) return new Intl.DateTimeFormat(locale, OPTIONS[a.precision]).formatRange(utc(a), utc(b));
  return `${formatPartialDate(start, locale)} – ${formatPartialDate(end, locale)}`;
}

export interface TimeUntil {
  /** Negative for the past; 0 for "today", "this month", "this year". */
  value: number;
  unit: 'day' | 'month' | 'year';
}

/**
 * How far a partial date is from `now`, in the unit its precision allows: a date known to
 * the month is "next month" or "in 5 months", never a count of days. Day-precise dates
 * count days up to six weeks away, then months, then years.
 */
export function timeUntil(date: PartialDate, now: Date): TimeUntil | undefined {
  const d = parsePartialDate(date);
  if (!d) return undefined;
  const years = d.year - now.getUTCFullYear();
  const months = years * 12 + d.month - 1 - now.getUTCMonth();
  if (d.precision === 'year') return { value: years, unit: 'year' };
  if (d.precision === 'day') {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const days = Math.round((utc(d).getTime() - today) / 86_400_000);
    if (Math.abs(days) <= 42) return { value: days, unit: 'day' };
  }
  if (Math.abs(months) < 24) return { value: months, unit: 'month' };
  return { value: years, unit: 'year' };
}

/** Whether a partial date's span has not ended before `now` (a round "in 2026" is upcoming all of 2026). */
export function isNotPast(date: PartialDate, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return date >= today.slice(0, date.length);
}
