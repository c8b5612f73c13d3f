import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startDemo, type Demo } from '../../test/support/app.ts';
import { DEFAULT_SIGN_IN_LIMITS } from './login-throttle.ts';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo({ signInLimits: DEFAULT_SIGN_IN_LIMITS, totpSecret: null });
});
afterAll(async () => demo.close());

const attempt = (username: string, password: string) => demo.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
const sessions = async () => Number((await demo.store.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('failed sign-ins are limited', () => {
  it('backs off an account after five failures in a row, even for the right password, then lets it in', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('cn-observer', 'wrong password here')).statusCode).toBe(401);
    const before = await sessions();
    const blocked = await attempt('cn-observer', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.headers['content-type']).toMatch(/problem\+json/);
    expect(await sessions()).toBe(before);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt('cn-observer', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown username exactly like a known one', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('nobody-here', 'wrong password here')).statusCode).toBe(401);
    const blocked = await attempt('nobody-here', 'wrong password here');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().detail).toMatch(/too many failed sign-ins/);
  });

  it('limits one client address to twenty failures in five minutes, whatever the usernames', async () => {
    // Ten failures so far from this address (the two tests above).
    for (let i = 0; i < 10; i++) expect((await attempt(`someone-${i}`, 'wrong password here')).statusCode).toBe(401);
    const blocked = await attempt('ru-observer', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(200);
  });
});
