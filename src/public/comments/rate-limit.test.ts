import { describe, expect, it } from 'vitest';
import { addressKey, CommentRateLimiter } from './rate-limit.ts';

describe('the comment rate limit', () => {
  it('lets an address post 5 times a minute and 50 times a day, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new CommentRateLimiter({ perMinute: 5, perDay: 50 }, () => now);
    for (let i = 0; i < 5; i++) expect(limiter.hit('192.0.2.1')).toEqual({ ok: true });
    expect(limiter.hit('192.0.2.1')).toEqual({ ok: false, retryAfterS: 60 });
    now += 30_000;
    expect(limiter.hit('192.0.2.1')).toEqual({ ok: false, retryAfterS: 30 });
    expect(limiter.hit('192.0.2.2')).toEqual({ ok: true });
    for (let minute = 1; minute < 10; minute++) {
      now += 60_000;
      for (let i = 0; i < 5; i++) expect(limiter.hit('192.0.2.1'), `minute ${minute}`).toEqual({ ok: true });
    }
    now += 60_000;
    const held = limiter.hit('192.0.2.1');
    expect(held.ok).toBe(false);
    expect(!held.ok && held.retryAfterS).toBeGreaterThan(23 * 3600);
    now += 24 * 3600_000;
    expect(limiter.hit('192.0.2.1')).toEqual({ ok: true });
  });

  it('counts an IPv6 /64 as one address and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });
});
