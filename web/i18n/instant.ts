/**
 * Instants (ISO 8601 in UTC, as the API stores an embargo) and the value of a
 * `<input type="datetime-local">`, which is a wall-clock time with no zone: the reader types
 * the time of their own time zone, and the API receives the UTC instant. Conversions take the
 * IANA time zone explicitly (the browser's by default) so that they are the same everywhere.
 */

/** The reader's time zone: the browser's. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of `instantMs` in `timeZone`, written as if it were UTC (ms, whole seconds). */
function wallClock(instantMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** How far `timeZone` is ahead of UTC at `instantMs`. */
function offsetAt(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

/**
 * The datetime-local value showing `iso` in `timeZone` (`YYYY-MM-DDTHH:mm`, with seconds only
 * when the instant has some), or '' for a value that is not an instant.
 */
export function inputOfInstant(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const wall = new Date(wallClock(ms, timeZone)).toISOString();
  return wall.slice(17, 19) === '00' ? wall.slice(0, 16) : wall.slice(0, 19);
}

/**
 * The UTC instant (ISO 8601, `…Z`) a datetime-local value means in `timeZone`, or undefined
 * when it is not a valid date and time. A time that occurs twice (clocks going back) is the
 * first of the two; a time that does not occur (clocks going forward) is read with the
 * offset before the change, which lands just after the gap (02:30 becomes 03:30).
 */
export function instantOfInput(value: string, timeZone: string): string | undefined {
  const m = INPUT.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => Number(s ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // Date.UTC rolls 31 April over to 1 May: such a value is no date.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  // The offsets a day either side: a zone changes its offset at most once within two days.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fits = [wall - before, wall - after].filter((t) => wallClock(t, timeZone) === wall);
  const instant = fits.length > 0 ? Math.min(...fits) : wall - before;
  return new Date(instant).toISOString();
}

/** Whether `iso` is before `now`. */
export function hasPassed(iso: string, now: Date = new Date()): boolean {
  return Date.parse(iso) <= now.getTime();
}

/** How an instant is shown: date, time and the zone's name, in the reader's language and time zone. */
export const INSTANT_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};
