import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../web/api/client.ts';
import type { Session } from '../../web/api/types.ts';
import { DEMO_PASSWORD, startDemo, type Demo } from '../support/app.ts';

/**
 * The workspace's API client (web/api/client.ts) against the real server over HTTP: the
 * session cookie, the CSRF header on changes, problem+json turned into errors that name the
 * field. In Node a cookie jar stands in for what the browser does by itself.
 */

let demo: Demo;
let origin: string;

beforeAll(async () => {
  demo = await startDemo();
  origin = await demo.app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await demo?.close();
});

/** fetch with one cookie jar: what a browser tab holds for the site. */
function browserLikeFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(set) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}

const caught = async (p: Promise<unknown>): Promise<ApiError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
};

describe('ApiClient', () => {
  it('signs in in two steps (the second factor is asked for as a typed error), then reads as the user', async () => {
    const client = new ApiClient({ origin, fetch: browserLikeFetch() });
    const asked = await caught(client.post('/session', { username: 'cn-secretariat', password: DEMO_PASSWORD }));
    expect(asked).toMatchObject({ status: 401, type: 'urn:entente:totp-required' });

    const session = await client.post<Session>('/session', { username: 'cn-secretariat', password: DEMO_PASSWORD, totp: await demo.totpCode('cn-secretariat') });
    expect(session).toMatchObject({ signedIn: true, username: 'cn-secretariat', party: 'cn' });
    expect(typeof session.csrfToken).toBe('string');
    expect(await client.get<Session>('/session')).toMatchObject({ signedIn: true, username: 'cn-secretariat' });

    const round = await client.get<{ statements: unknown[] }>(`/mechanisms/${demo.mechanismId}/rounds/20`);
    expect(round.statements.length).toBeGreaterThan(0);
    client.setCsrfToken(session.csrfToken);
    const signed = await client.post<string>(`/logs/${demo.mechanismId}/checkpoint`); // now, not within the second
    const note = await client.text(`/logs/${demo.mechanismId}/checkpoint`);
    expect(note).toBe(signed);
    expect(note.split('\n')[0]).toMatch(new RegExp(`/${demo.mechanismId}$`));
  });

  it('sends the session’s CSRF token with changes, and a change without it is refused', async () => {
    const client = new ApiClient({ origin, fetch: browserLikeFetch() });
    const session = await client.post<Session>('/session', { username: 'cn-secretariat', password: DEMO_PASSWORD, totp: await demo.totpCode('cn-secretariat') });
    const overview = await client.get<{ rounds: Array<{ id: string; number: number }> }>(`/mechanisms/${demo.mechanismId}/overview`);
    const roundId = overview.rounds.find((r) => r.number === 20)!.id;
    const statement = { mechanismId: demo.mechanismId, roundId, kind: 'readout', party: 'cn', text: { en: 'Client test readout.' }, marking: 'internal' };

    // No token set: the server refuses, and says why in a typed error.
    const refused = await caught(client.post('/statements', statement));
    expect(refused).toMatchObject({ status: 403, type: 'urn:entente:csrf-token' });

    client.setCsrfToken(session.csrfToken);
    const made = await client.post<{ id: string; marking: string }>('/statements', statement);
    expect(made.marking).toBe('internal');
    await client.delete(`/statements/${made.id}`);
    expect((await caught(client.get(`/statements/${made.id}`))).status).toBe(404);
  });

  it('turns problem+json into an error that names the failing field', async () => {
    const client = new ApiClient({ origin, fetch: browserLikeFetch() });
    const session = await client.post<Session>('/session', { username: 'cn-secretariat', password: DEMO_PASSWORD, totp: await demo.totpCode('cn-secretariat') });
    client.setCsrfToken(session.csrfToken);
    const bad = await caught(client.post('/statements', { mechanismId: demo.mechanismId, kind: 'speech', text: { en: 'x' } }));
    expect(bad.status).toBe(400);
    expect(bad.fieldError('kind')).toBeTruthy();
    expect(bad.errors.some((e) => e.field === 'kind')).toBe(true);

    // A nested field is found by its parent's name too.
    const nested = await caught(client.post('/statements', { mechanismId: demo.mechanismId, kind: 'remark', party: 'cn', text: { en: '' } }));
    expect(nested.fieldError('text')).toBeTruthy();
  });

  it('says the server is unreachable as an error of its own', async () => {
    const client = new ApiClient({ origin: 'http://127.0.0.1:9', fetch: browserLikeFetch() });
    const err = await caught(client.get('/session'));
    expect(err).toMatchObject({ status: 0, type: ApiError.NETWORK });
  });
});
