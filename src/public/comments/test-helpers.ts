import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, type Demo } from '../../../test/support/app.ts';

/** Test-only helpers of the comment suites (HTTP, fuzz, browser). */

/**
 * Publishes the demo's round-20 communiqué the way the co-chairs do: each re-authenticates and
 * approves it; its embargo has passed, so it is published at once. Its id.
 */
export async function publishRound20(demo: Demo): Promise<string> {
  const list = await demo.call('cn-secretariat', 'GET', `/api/v1/communiques?mechanismId=${demo.mechanismId}`);
  const id = (list.json() as { items: Array<{ id: string }> }).items[0]!.id;
  for (const user of ['cn-cochair', 'ru-cochair']) {
    // Signed in first: the sign-in spends a TOTP step, and the re-authentication needs a later one.
    await demo.cookie(user);
    const reauth = await demo.call(user, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode(user) });
    expect(reauth.statusCode, `reauth of ${user}: ${reauth.body}`).toBe(200);
    const approved = await demo.call(user, 'POST', `/api/v1/communiques/${id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
  }
  expect((await demo.call(null, 'GET', `/api/v1/communiques/${id}`)).json()).toMatchObject({ status: 'published', marking: 'public' });
  return id;
}

/** `application/x-www-form-urlencoded` as a browser writes it. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

let addresses = 0;
/** A client address of its own (the rate limit counts per address): 10.x.y.z, never the same twice in a process. */
export function freshAddress(): string {
  addresses++;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

export interface PostOptions {
  lang?: string;
  remoteAddress?: string;
  headers?: Record<string, string>;
  /** A raw body instead of `fields`. */
  raw?: Buffer | string;
}

/** Posts the comment form of communiqué `id`. */
export function postComment(demo: Demo, id: string, fields: Record<string, string>, opts: PostOptions = {}): Promise<LightMyRequestResponse> {
  return demo.app.inject({
    method: 'POST',
    url: `/${opts.lang ?? 'en'}/communiques/${id}/comments`,
    remoteAddress: opts.remoteAddress ?? freshAddress(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
    payload: opts.raw ?? formBody(fields),
  });
}

/** How many comments are stored. */
export async function commentCount(demo: Demo): Promise<number> {
  const row = await demo.store.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
