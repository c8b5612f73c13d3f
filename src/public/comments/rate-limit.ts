import { isIPv6 } from 'node:net';

/**
 * How many comment posts one address may make (decision 0018). Every post counts, accepted or
 * not: each costs a database read and a page, and a person rarely sends five in a minute.
 */
export interface CommentLimits {
  perMinute: number;
  perDay: number;
}
export const DEFAULT_COMMENT_LIMITS: CommentLimits = { perMinute: 5, perDay: 50 };

interface Windows {
  minuteStart: number;
  minute: number;
  dayStart: number;
  day: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Addresses remembered at most (about 100 bytes each); past it, the oldest are forgotten. */
const MAX_ADDRESSES = 100_000;

/**
 * Two fixed windows per address (a minute and a day, each starting at the address's first post
 * in it), in this process's memory: @fastify/rate-limit is not a dependency here, and a node
 * is one process on SQLite. Behind several processes each counts its own posts.
 */
export class CommentRateLimiter {
  private readonly seen = new Map<string, Windows>();

  constructor(
    private readonly limits: CommentLimits = DEFAULT_COMMENT_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts a post from `ip`; when over a limit, counts nothing and says how long to wait. */
  hit(ip: string): { ok: true } | { ok: false; retryAfterS: number } {
    const now = this.clock();
    const key = addressKey(ip);
    let w = this.seen.get(key);
    if (!w) {
      if (this.seen.size >= MAX_ADDRESSES) this.forget(now);
      w = { minuteStart: now, minute: 0, dayStart: now, day: 0 };
      this.seen.set(key, w);
    }
    if (now - w.minuteStart >= MINUTE) Object.assign(w, { minuteStart: now, minute: 0 });
    if (now - w.dayStart >= DAY) Object.assign(w, { dayStart: now, day: 0 });
    if (w.day >= this.limits.perDay) return { ok: false, retryAfterS: Math.ceil((w.dayStart + DAY - now) / 1000) };
    if (w.minute >= this.limits.perMinute) return { ok: false, retryAfterS: Math.ceil((w.minuteStart + MINUTE - now) / 1000) };
    w.minute++;
    w.day++;
    return { ok: true };
  }

  private forget(now: number): void {
    for (const [key, w] of this.seen) if (now - w.dayStart >= DAY) this.seen.delete(key);
    let drop = this.seen.size - MAX_ADDRESSES + Math.ceil(MAX_ADDRESSES / 10);
    for (const key of this.seen.keys()) {
      if (drop-- <= 0) break;
      this.seen.delete(key);
    }
  }
}

/**
 * One key per IPv4 address and per IPv6 /64 (one subscriber usually holds a whole /64, so
 * counting single IPv6 addresses would count nothing). IPv4-mapped IPv6 is IPv4.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}
