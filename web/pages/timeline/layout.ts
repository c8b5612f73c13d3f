import type { PartialDate } from '../../api/types.ts';
import { parsePartialDate, type Precision } from '../../i18n/partial-date.ts';

/**
 * The timeline's geometry, pure so that it is tested apart from React: partial dates as the
 * time they cover (a year is the whole year, a month the month), the year axis's ticks, and the
 * rows of each lane so that no two labels overlap.
 */

export const LANES = ['round', 'event', 'milestone', 'anniversary'] as const;
export type Lane = (typeof LANES)[number];

/** Time in fractional years: 2025.0 is 1 January 2025, 00:00 UTC. */
export interface Span {
  start: number;
  end: number;
  precision: Precision;
}

const yearStart = (y: number) => Date.UTC(y, 0, 1);

/** A UTC instant as a fractional year. */
export function toYears(ms: number): number {
  const y = new Date(ms).getUTCFullYear();
  return y + (ms - yearStart(y)) / (yearStart(y + 1) - yearStart(y));
}

/** The time a partial date covers: a year → the year, a month → the month, a day → the day. */
export function dateSpan(date: PartialDate): Span | undefined {
  const d = parsePartialDate(date);
  if (!d) return undefined;
  const start = Date.UTC(d.year, d.month - 1, d.day);
  const end = d.precision === 'year' ? Date.UTC(d.year + 1, 0, 1) : d.precision === 'month' ? Date.UTC(d.year, d.month, 1) : Date.UTC(d.year, d.month - 1, d.day + 1);
  return { start: toYears(start), end: toYears(end), precision: d.precision };
}

/** From the start of `from` to the end of `to` (either may be missing); the coarser precision wins. */
export function rangeSpan(from: PartialDate | null, to: PartialDate | null): Span | undefined {
  const a = from ? dateSpan(from) : undefined;
  const b = to ? dateSpan(to) : undefined;
  if (!a || !b) return a ?? b;
  const order: Precision[] = ['day', 'month', 'year'];
  const precision = order[Math.max(order.indexOf(a.precision), order.indexOf(b.precision))]!;
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), precision };
}

/** Whole years [from, to) that hold every span (at least one year). */
export function yearDomain(spans: readonly Span[]): { from: number; to: number } | undefined {
  if (spans.length === 0) return undefined;
  const from = Math.floor(Math.min(...spans.map((s) => s.start)));
  const to = Math.max(from + 1, Math.ceil(Math.max(...spans.map((s) => s.end))));
  return { from, to };
}

const TICK_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/** Year ticks on [from, to]: the smallest step of 1, 2, 5, 10… years that keeps ticks `minSpacing` px apart. */
export function yearTicks(from: number, to: number, width: number, minSpacing = 56): number[] {
  if (!(to > from) || width <= 0) return [];
  const perYear = width / (to - from);
  const step = TICK_STEPS.find((s) => s * perYear >= minSpacing) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const ticks: number[] = [];
  for (let y = Math.ceil(from / step) * step; y <= to; y += step) ticks.push(y);
  return ticks;
}

/**
 * Estimated width of a label in px at `fontSize`: CJK and full-width characters are about one
 * em, Latin and Cyrillic about 0.56 em (a little generous, so estimates err towards a new row).
 */
export function labelWidth(text: string, fontSize = 12): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60)) em += 1;
    else if (/[A-ZМШЩЖЮФ@mwW]/.test(ch)) em += 0.72;
    else if (/[\sil.,:;'|!]/.test(ch)) em += 0.3;
    else em += 0.56;
  }
  return Math.ceil(em * fontSize);
}

export interface LayoutInput {
  key: string;
  lane: Lane;
  span: Span;
  /** The label's width in px (labelWidth). */
  labelWidth: number;
}

export interface Placed {
  key: string;
  lane: Lane;
  /** Point (a day) or bar (a month, a year, a range). */
  shape: 'point' | 'bar';
  /** The mark from x0 to x1 (x0 = x1 for a point), in px from the plot's left edge. */
  x0: number;
  x1: number;
  /** Row within the lane, 0 first. */
  row: number;
  /** Where the label starts, and which way it runs from there. */
  labelX: number;
  labelAnchor: 'start' | 'end';
}

export interface Layout {
  items: Placed[];
  /** Rows per lane (at least 1, so that every lane keeps its place). */
  rows: Record<Lane, number>;
}

export const POINT_RADIUS = 5;
const LABEL_GAP = 6;

/**
 * Places items on a plot `width` px wide showing years [from, to): the mark at its time,
 * the label after it (before it when it would run off the right edge), and each item on the
 * first row of its lane where it overlaps no item already placed (greedy by left edge, `gap`
 * px apart). Items wholly outside [from, to) are left out; spans crossing an edge are cut.
 */
export function layoutTimeline(items: readonly LayoutInput[], from: number, to: number, width: number, gap = 8): Layout {
  const x = (years: number) => ((years - from) / (to - from)) * width;
  const boxes = items
    .filter((it) => it.span.end > from && it.span.start < to)
    .map((it) => {
      const shape: Placed['shape'] = it.span.precision === 'day' && it.span.end - it.span.start < 1 / 300 ? 'point' : 'bar';
      let x0 = x(Math.max(it.span.start, from));
      let x1 = x(Math.min(it.span.end, to));
      if (shape === 'point') x0 = x1 = x(it.span.start);
      else if (x1 - x0 < 3) x1 = x0 + 3; // a month at a wide zoom-out still shows
      const markLeft = shape === 'point' ? x0 - POINT_RADIUS : x0;
      const markRight = shape === 'point' ? x1 + POINT_RADIUS : x1;
      const after = markRight + LABEL_GAP;
      const flip = after + it.labelWidth > width && markLeft - LABEL_GAP - it.labelWidth >= 0;
      const left = flip ? markLeft - LABEL_GAP - it.labelWidth : markLeft;
      const right = flip ? markRight : after + it.labelWidth;
      return { it, shape, x0, x1, left, right, labelX: flip ? markLeft - LABEL_GAP : after, labelAnchor: (flip ? 'end' : 'start') as Placed['labelAnchor'] };
    })
    .sort((a, b) => a.left - b.left || a.it.key.localeCompare(b.it.key));

  const rowEnds: Record<Lane, number[]> = { round: [], event: [], milestone: [], anniversary: [] };
  const placed: Placed[] = [];
  for (const b of boxes) {
    const ends = rowEnds[b.it.lane];
    let row = ends.findIndex((end) => end + gap <= b.left);
    if (row < 0) row = ends.push(b.right) - 1;
    else ends[row] = b.right;
    placed.push({ key: b.it.key, lane: b.it.lane, shape: b.shape, x0: b.x0, x1: b.x1, row, labelX: b.labelX, labelAnchor: b.labelAnchor });
  }
  const rows = Object.fromEntries(LANES.map((lane) => [lane, Math.max(1, rowEnds[lane].length)])) as Record<Lane, number>;
  return { items: placed, rows };
}

/** The horizontal extent of a placed item, label included (for tests and focus rings). */
export function extentOf(p: Placed, labelWidthPx: number): { left: number; right: number } {
  const markLeft = p.shape === 'point' ? p.x0 - POINT_RADIUS : p.x0;
  const markRight = p.shape === 'point' ? p.x1 + POINT_RADIUS : p.x1;
  return p.labelAnchor === 'start' ? { left: markLeft, right: p.labelX + labelWidthPx } : { left: p.labelX - labelWidthPx, right: markRight };
}
