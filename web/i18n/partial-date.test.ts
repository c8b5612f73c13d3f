import { describe, expect, it } from 'vitest';
import { formatPartialDate, formatPartialDateRange, isNotPast, parsePartialDate, timeUntil } from './partial-date.ts';

describe('formatPartialDate', () => {
  it('keeps the precision of the date in every UI language', () => {
    expect(formatPartialDate('2025', 'en-GB')).toBe('2025');
    expect(formatPartialDate('2025', 'zh-CN')).toBe('2025年');
    expect(formatPartialDate('2025-12', 'en-GB')).toBe('December 2025');
    expect(formatPartialDate('2025-12', 'fr-FR')).toBe('décembre 2025');
    expect(formatPartialDate('2025-12', 'zh-CN')).toBe('2025年12月');
    expect(formatPartialDate('2025-12-02', 'en-GB')).toBe('2 December 2025');
    expect(formatPartialDate('2025-12-02', 'fr-FR')).toBe('2 décembre 2025');
    expect(formatPartialDate('2025-12-02', 'zh-CN')).toBe('2025年12月2日');
    expect(formatPartialDate('2025-12-02', 'ru-RU')).toBe('2 декабря 2025 г.');
  });

  it('is never shifted by the time zone (a date, not an instant)', () => {
    expect(formatPartialDate('2026-01-01', 'en-GB')).toBe('1 January 2026');
  });

  it('shows what it cannot read as it is', () => {
    expect(formatPartialDate('soon', 'en-GB')).toBe('soon');
  });
});

describe('formatPartialDateRange', () => {
  it('forms a range in the language’s own way when both ends have one precision', () => {
    // The spacing around the dash depends on the ICU data of the runtime.
    expect(formatPartialDateRange('2025-12-02', '2025-12-03', 'en-GB')).toMatch(/^2\s?–\s?3 December 2025$/);
    expect(formatPartialDateRange('2025-12-02', '2025-12-03', 'fr-FR')).toMatch(/^2\s?–\s?3 décembre 2025$/);
    // CLDR's own range pattern for Chinese (numeric in current ICU data): whatever it is, both days and the year.
    expect(formatPartialDateRange('2025-12-02', '2025-12-03', 'zh-CN')).toMatch(/2025.*12.*2.*3/);
  });

  it('joins mixed precisions and handles missing ends', () => {
    expect(formatPartialDateRange('2025-12', '2026', 'en-GB')).toBe('December 2025 – 2026');
    expect(formatPartialDateRange('2025-12-02', null, 'en-GB')).toBe('2 December 2025');
    expect(formatPartialDateRange('2025-12-02', '2025-12-02', 'en-GB')).toBe('2 December 2025');
    expect(formatPartialDateRange(null, null, 'en-GB')).toBeUndefined();
  });
});

describe('timeUntil', () => {
  const now = new Date('2026-11-26T15:00:00Z');

  it('counts days for a near day-precise date, months then years further away', () => {
    expect(timeUntil('2026-11-27', now)).toEqual({ value: 1, unit: 'day' });
    expect(timeUntil('2026-11-26', now)).toEqual({ value: 0, unit: 'day' });
    expect(timeUntil('2027-03-10', now)).toEqual({ value: 4, unit: 'month' });
    expect(timeUntil('2025-12-02', now)).toEqual({ value: -11, unit: 'month' });
    expect(timeUntil('2030-05-01', now)).toEqual({ value: 4, unit: 'year' });
  });

  it('never claims more precision than the date has', () => {
    expect(timeUntil('2026-12', now)).toEqual({ value: 1, unit: 'month' });
    expect(timeUntil('2026-11', now)).toEqual({ value: 0, unit: 'month' });
    expect(timeUntil('2027', now)).toEqual({ value: 1, unit: 'year' });
  });
});

describe('isNotPast', () => {
  const now = new Date('2026-11-26T15:00:00Z');
  it('treats a partial date as its whole span', () => {
    expect(isNotPast('2026', now)).toBe(true);
    expect(isNotPast('2026-11', now)).toBe(true);
    expect(isNotPast('2026-11-26', now)).toBe(true);
    expect(isNotPast('2026-11-25', now)).toBe(false);
    expect(isNotPast('2026-10', now)).toBe(false);
    expect(isNotPast('2025', now)).toBe(false);
  });
});

describe('parsePartialDate', () => {
  it('reads the precision', () => {
    expect(parsePartialDate('2005')).toEqual({ year: 2005, month: 1, day: 1, precision: 'year' });
    expect(parsePartialDate('2025-12-02')?.precision).toBe('day');
    expect(parsePartialDate('12/2025')).toBeUndefined();
  });
});
