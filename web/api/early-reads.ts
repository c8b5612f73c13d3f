/**
 * Reads started before the app mounts (web/main.ts): on a first load the browser asks for the
 * page's data while it still downloads and compiles the app, instead of after its first render.
 * Each is a `Read` (a key and how to load it): `useApiData` takes the early read of its key,
 * once, in place of loading it again; one already answered is drawn at once, without a loading
 * line. A read is only taken while fresh: a page opened later loads its own.
 */

/** What a page loads: `key` names the data (one key, one loader), `load` fetches it. */
export interface Read<T> {
  key: string;
  load: (signal: AbortSignal) => Promise<T>;
}

interface EarlyRead {
  answer: Promise<unknown>;
  /** Set once the answer arrived (errors are left to the taker, which handles them). */
  data?: { value: unknown };
  startedAt: number;
}

/** Long enough for the first page to mount on a slow machine, short enough never to show stale data later. */
export const EARLY_READ_FRESH_MS = 10_000;

const early = new Map<string, EarlyRead>();

/** Starts `read` now and keeps its answer for the first taker of its key. */
export function startEarlyRead<T>(read: Read<T>, now: () => number = Date.now): Promise<T> {
  // Never aborted: the page that takes it may mount after the boot code is long done.
  const answer = read.load(new AbortController().signal);
  const entry: EarlyRead = { answer, startedAt: now() };
  // Also marks a failure as handled: an early read nobody takes must not log an unhandled rejection.
  answer.then(
    (value) => {
      entry.data = { value };
    },
    () => {},
  );
  early.set(read.key, entry);
  return answer;
}

function fresh(key: string, now: number): EarlyRead | undefined {
  const entry = early.get(key);
  if (entry && now - entry.startedAt > EARLY_READ_FRESH_MS) early.delete(key);
  return early.get(key);
}

/** Forgets every early read: when the session changes, what was read for the one before is not the new one's. */
export function dropEarlyReads(): void {
  early.clear();
}

/** The answer of the early read of `key` if it already arrived, taking it; else undefined (it stays for `takeEarlyRead`). */
export function takeArrivedRead<T>(key: string, now: number = Date.now()): { value: T } | undefined {
  const entry = fresh(key, now);
  if (!entry?.data) return undefined;
  early.delete(key);
  return entry.data as { value: T };
}

/** The early read of `key` (its pending or settled answer), taking it; undefined when there is none or it is stale. */
export function takeEarlyRead<T>(key: string, now: number = Date.now()): Promise<T> | undefined {
  const entry = fresh(key, now);
  if (!entry) return undefined;
  early.delete(key);
  return entry.answer as Promise<T>;
}
