import { describe, expect, it } from 'vitest';
import { dateSpan, extentOf, labelWidth, layoutTimeline, rangeSpan, toYears, yearDomain, yearTicks, type LayoutInput, type Placed } from './layout.ts';

describe('dateSpan: partial dates as the time they cover', () => {
  it('a year is the whole year, a month the month, a day the day', () => {
    expect(dateSpan('2025')).toEqual({ start: 2025, end: 2026, precision: 'year' });
    const dec = dateSpan('2025-12')!;
    expect(dec.precision).toBe('month');
    expect(dec.start).toBeCloseTo(2025 + 334 / 365, 6);
    expect(dec.end).toBe(2026);
    const day = dateSpan('2025-12-02')!;
    expect(day.precision).toBe('day');
    expect(day.start).toBeCloseTo(2025 + 335 / 365, 6);
    expect(day.end - day.start).toBeCloseTo(1 / 365, 9);
  });

  it('counts leap years, and refuses what is not a partial date', () => {
    expect(dateSpan('2024-03')!.start).toBeCloseTo(2024 + 60 / 366, 9);
    expect(toYears(Date.UTC(2000, 0, 1))).toBe(2000);
    expect(dateSpan('2025-1')).toBeUndefined();
    expect(dateSpan('')).toBeUndefined();
  });

  it('a range runs from the start of one date to the end of the other, at the coarser precision', () => {
    const r = rangeSpan('2025-12-02', '2025-12-03')!;
    expect(r.precision).toBe('day');
    expect(r.end - r.start).toBeCloseTo(2 / 365, 9);
    expect(rangeSpan('2025-11', '2025-12-02')!.precision).toBe('month');
    expect(rangeSpan(null, '2026')).toEqual(dateSpan('2026'));
    expect(rangeSpan(null, null)).toBeUndefined();
  });
});

describe('the year axis', () => {
  it('spans whole years around every item', () => {
    expect(yearDomain([dateSpan('1996')!, dateSpan('2025-12-02')!])).toEqual({ from: 1996, to: 2026 });
    expect(yearDomain([dateSpan('2025-12-02')!])).toEqual({ from: 2025, to: 2026 });
    expect(yearDomain([])).toBeUndefined();
  });

  it('picks a tick step that keeps the labels apart', () => {
    expect(yearTicks(1996, 2028, 600)).toEqual([2000, 2005, 2010, 2015, 2020, 2025]);
    expect(yearTicks(2020, 2028, 1000)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    expect(yearTicks(1996, 2028, 250)).toEqual([2000, 2010, 2020]);
    expect(yearTicks(1996, 2028, 1000)[1]).toBe(1998);
    expect(yearTicks(2000, 2000, 400)).toEqual([]);
  });

  it('estimates CJK labels wider than Latin ones of the same length', () => {
    expect(labelWidth('中俄战略')).toBeGreaterThan(labelWidth('abcd'));
    expect(labelWidth('Round 20')).toBeGreaterThan(40);
  });
});

const item = (key: string, date: string, lane: LayoutInput['lane'] = 'event', width = 100): LayoutInput => ({ key, lane, span: dateSpan(date)!, labelWidth: width });

function overlaps(a: Placed, b: Placed, widths: Map<string, number>): boolean {
  const ea = extentOf(a, widths.get(a.key)!);
  const eb = extentOf(b, widths.get(b.key)!);
  return ea.left < eb.right && eb.left < ea.right;
}

describe('layoutTimeline', () => {
  it('draws a day as a point and a year as a bar over the whole year', () => {
    const { items } = layoutTimeline([item('r20', '2025-12-02', 'round'), item('e', '2025')], 2020, 2030, 1000);
    const r20 = items.find((p) => p.key === 'r20')!;
    const e = items.find((p) => p.key === 'e')!;
    expect(r20.shape).toBe('point');
    expect(r20.x0).toBe(r20.x1);
    expect(r20.x0).toBeCloseTo(500 + (335 / 365) * 100, 3);
    expect(e).toMatchObject({ shape: 'bar', x0: 500, x1: 600 });
  });

  it('puts items whose labels would overlap on separate rows, and reuses a row once it is free', () => {
    const input = [item('a', '2025'), item('b', '2025'), item('c', '2025-06'), item('far', '2029-01')];
    const { items, rows } = layoutTimeline(input, 2020, 2040, 1000);
    const row = Object.fromEntries(items.map((p) => [p.key, p.row]));
    expect(new Set([row.a, row.b, row.c]).size).toBe(3);
    expect(row.far).toBe(0);
    expect(rows).toEqual({ round: 1, event: 3, milestone: 1, anniversary: 1 });
  });

  it('never lets two labels of one row overlap (many random items)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const input: LayoutInput[] = [];
    for (let i = 0; i < 200; i++) {
      const y = 1990 + Math.floor(rnd() * 40);
      const m = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
      const date = rnd() < 0.3 ? `${y}` : rnd() < 0.5 ? `${y}-${m}` : `${y}-${m}-15`;
      input.push({ key: `i${i}`, lane: (['round', 'event', 'milestone', 'anniversary'] as const)[i % 4]!, span: dateSpan(date)!, labelWidth: 20 + Math.floor(rnd() * 200) });
    }
    const widths = new Map(input.map((i) => [i.key, i.labelWidth]));
    const { items } = layoutTimeline(input, 1990, 2030, 1200);
    expect(items).toHaveLength(200);
    for (const a of items) for (const b of items) if (a !== b && a.lane === b.lane && a.row === b.row) expect(overlaps(a, b, widths), `${a.key} ${b.key}`).toBe(false);
  });

  it('turns a label that would run off the right edge to the left of its mark', () => {
    const { items } = layoutTimeline([item('late', '2029-12-20', 'round', 150)], 2020, 2030, 1000);
    expect(items[0]!.labelAnchor).toBe('end');
    expect(items[0]!.labelX).toBeLessThan(items[0]!.x0);
  });

  it('leaves out items outside the range, and cuts spans at its edges', () => {
    const { items } = layoutTimeline([item('old', '1996'), item('y', '2025')], 2025.5, 2030, 1000);
    expect(items.map((p) => p.key)).toEqual(['y']);
    expect(items[0]!.x0).toBe(0);
  });
});
