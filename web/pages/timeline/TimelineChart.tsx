import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { useHref, useNavigate } from 'react-router';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/provider.tsx';
import { LANES, POINT_RADIUS, labelWidth, layoutTimeline, yearTicks, type Lane, type Span } from './layout.ts';

/** One thing on the timeline, with its words already in the reader's language. */
export interface TimelineEntry {
  key: string;
  lane: Lane;
  span: Span;
  label: string;
  /** The accessible name: kind, label and date. */
  name: string;
  /** The workspace path of its record (a round's page, or its entry in the log). */
  to: string;
}

const FONT = 12;
const ROW = 24;
const LANE_PAD = 8;
const AXIS = 30;
const GUTTER = 112;
const RIGHT = 12;

/** The plot's width follows its container (1280 and 768 px layouts alike). */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * The timeline as an SVG chart: a year axis, one lane per kind, a point for an exact date and
 * a bar for a month or a year, labels on rows that do not overlap. Every item is a link in
 * time order: Tab moves through them, and so do the arrow keys (Home and End to the ends).
 */
export function TimelineChart({ entries, from, to, label }: { entries: TimelineEntry[]; from: number; to: number; label: string }) {
  const t = useT();
  const [ref, width] = useWidth();
  const plot = Math.max(200, width - GUTTER - RIGHT);
  const layout = useMemo(
    () => layoutTimeline(entries.map((e) => ({ key: e.key, lane: e.lane, span: e.span, labelWidth: labelWidth(e.label, FONT) })), from, to, plot),
    [entries, from, to, plot],
  );
  const ticks = yearTicks(from, to, plot);
  const x = (years: number) => ((years - from) / (to - from)) * plot;

  const laneTop: Record<Lane, number> = { round: 0, event: 0, milestone: 0, anniversary: 0 };
  let y = AXIS;
  for (const lane of LANES) {
    laneTop[lane] = y;
    y += layout.rows[lane] * ROW + 2 * LANE_PAD;
  }
  const height = y + 4;
  const byKey = new Map(entries.map((e) => [e.key, e]));
  // Links in time order, so that Tab and the arrow keys follow the axis.
  const placed = [...layout.items].sort((a, b) => byKey.get(a.key)!.span.start - byKey.get(b.key)!.span.start || LANES.indexOf(a.lane) - LANES.indexOf(b.lane));

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const links = Array.from(e.currentTarget.querySelectorAll<SVGAElement>('a.tl-item'));
    const at = links.indexOf(document.activeElement as SVGAElement);
    const next = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? links.length - 1 : undefined;
    if (next === undefined || at < 0) return;
    e.preventDefault();
    links[Math.max(0, Math.min(links.length - 1, next))]?.focus();
  };
  return (
    <div className="tl-frame" ref={ref}>
      <svg className="tl-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={label} onKeyDown={onKeyDown}>
        <g aria-hidden="true">
          {LANES.map((lane, i) => (
            <g key={lane}>
              <rect className={i % 2 === 0 ? 'tl-lane' : 'tl-lane tl-lane-alt'} x={0} y={laneTop[lane]} width={width} height={layout.rows[lane] * ROW + 2 * LANE_PAD} />
              <text className="tl-lane-label" x={8} y={laneTop[lane] + LANE_PAD + ROW / 2} dominantBaseline="middle">
                {t(`ledger.timeline.lane.${lane}` as MessageId)}
              </text>
            </g>
          ))}
          <g transform={`translate(${GUTTER},0)`}>
            <line className="tl-axis" x1={0} x2={plot} y1={AXIS - 6} y2={AXIS - 6} />
            {ticks.map((year) => (
              <g key={year}>
                <line className="tl-grid" x1={x(year)} x2={x(year)} y1={AXIS - 10} y2={height} />
                <text className="tl-tick" x={x(year)} y={AXIS - 14} textAnchor="middle">
                  {year}
                </text>
              </g>
            ))}
          </g>
        </g>
        <g transform={`translate(${GUTTER},0)`}>
          {placed.map((p) => {
            const e = byKey.get(p.key)!;
            const cy = laneTop[p.lane] + LANE_PAD + p.row * ROW + ROW / 2;
            const lw = labelWidth(e.label, FONT);
            const left = Math.min(p.shape === 'point' ? p.x0 - POINT_RADIUS : p.x0, p.labelAnchor === 'end' ? p.labelX - lw : Infinity) - 3;
            const right = Math.max(p.shape === 'point' ? p.x1 + POINT_RADIUS : p.x1, p.labelAnchor === 'start' ? p.labelX + lw : -Infinity) + 3;
            return (
              <ItemLink key={p.key} lane={p.lane} to={e.to} name={e.name}>
                <rect className="tl-focus" x={left} y={cy - ROW / 2 + 1} width={right - left} height={ROW - 2} rx={4} />
                {p.shape === 'point' ? (
                  <circle className="tl-mark" cx={p.x0} cy={cy} r={POINT_RADIUS} />
                ) : (
                  <rect className="tl-mark tl-span" x={p.x0} y={cy - 5} width={p.x1 - p.x0} height={10} rx={2} />
                )}
                <text className="tl-label" x={p.labelX} y={cy} dominantBaseline="middle" textAnchor={p.labelAnchor}>
                  {e.label}
                </text>
              </ItemLink>
            );
          })}
        </g>
      </svg>
    </div>
  );
}

/** An SVG link to a workspace path, followed inside the app on a plain click. */
function ItemLink({ lane, to, name, children }: { lane: Lane; to: string; name: string; children: ReactNode }) {
  const href = useHref(to);
  const navigate = useNavigate();
  const onClick = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void navigate(to);
  };
  return (
    <a className={`tl-item tl-${lane}`} href={href} aria-label={name} onClick={onClick}>
      {children}
    </a>
  );
}
