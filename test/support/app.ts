import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { SignInLimits } from '../../src/access/login-throttle.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { totpCode, totpStep, TOTP_PERIOD_S } from '../../src/access/totp.ts';
import { freshStore, type TestStore } from './store.ts';

export const DEMO_PASSWORD = 'correct horse battery staple';
/** The TOTP secret every demo account has in tests (what ENTENTE_DEMO_TOTP_SECRET sets). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** The CSRF token of each session cookie the tests hold, as sign-in gave it. */
const csrfTokens = new Map<string, string>();

/**
 * The `name=value` session cookie a sign-in answer set; remembers the session's CSRF token
 * (the answer's `csrfToken`) for `sessionHeaders`.
 */
export function sessionCookieOf(res: LightMyRequestResponse): string {
  const set = res.cookies.find((c) => c.name === 'entente_session' || c.name === '__Host-entente_session');
  if (!set) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  const cookie = `${set.name}=${set.value}`;
  const token = (res.json() as { csrfToken?: unknown }).csrfToken;
  if (typeof token === 'string') csrfTokens.set(cookie, token);
  return cookie;
}

/** The headers a page sends with a change made on this session: the cookie and its CSRF token. */
export function sessionHeaders(cookie: string): Record<string, string> {
  // A cookie header may carry noise around the session cookie (the fuzz suites add some).
  let token = csrfTokens.get(cookie);
  if (token === undefined) for (const [c, t] of csrfTokens) if (cookie.includes(c)) token = t;
  return token === undefined ? { cookie } : { cookie, 'x-csrf-token': token };
}

export interface DemoOptions {
  /** Limits on failed sign-ins; by default relaxed, since suites fail sign-ins on purpose by the hundred. */
  signInLimits?: SignInLimits;
  /** The demo accounts' TOTP secret; null seeds them without a second factor. Default DEMO_TOTP_SECRET. */
  totpSecret?: string | null;
}

/** A seeded demo installation served in-process, with helpers to call it as a demo user. */
export interface Demo {
  store: TestStore;
  app: FastifyInstance;
  mechanismId: string;
  /** Session cookies by username, made on first use through the sign-in route. */
  cookie(username: string): Promise<string>;
  /** Signs in anew through the sign-in route (with a code when the account has a second factor); the session cookie. */
  signIn(username: string): Promise<string>;
  /**
   * A TOTP code of the account's confirmed secret for a time step not yet used: codes are
   * accepted once per step, one step either side of now. When those steps are used up, waits
   * for the next one (up to 30 s). With 'pending': the current code of the secret being set up.
   */
  totpCode(username: string, which?: 'confirmed' | 'pending'): Promise<string>;
  call(
    username: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const store = await freshStore();
  const totpSecret = opts.totpSecret === undefined ? DEMO_TOTP_SECRET : (opts.totpSecret ?? undefined);
  const seeded = await seedDemo(store, { password: DEMO_PASSWORD, totpSecret });
  const app = await buildApp({ store, dataDir: store.dataDir, logLevel: 'silent', signInLimits: opts.signInLimits ?? { freeFailures: Infinity, perAddress: Infinity } });
  const cookies = new Map<string, string>();
  const account = (username: string) =>
    store.db.selectFrom('users').select(['totpSecret', 'totpPendingSecret', 'totpConfirmedAt', 'totpLastStep']).where('username', '=', username).executeTakeFirst();
  const demo: Demo = {
    store,
    app,
    mechanismId: seeded.mechanismId!,
    async cookie(username) {
      let c = cookies.get(username);
      if (!c) {
        c = await demo.signIn(username);
        cookies.set(username, c);
      }
      return c;
    },
    async signIn(username) {
      const user = await account(username);
      const totp = user?.totpSecret && user.totpConfirmedAt ? await demo.totpCode(username) : undefined;
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: DEMO_PASSWORD, ...(totp ? { totp } : {}) } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
      return sessionCookieOf(res);
    },
    async totpCode(username, which = 'confirmed') {
      const user = await account(username);
      if (which === 'pending') {
        if (!user?.totpPendingSecret) throw new Error(`${username} is setting up no second factor`);
        return totpCode(user.totpPendingSecret, totpStep());
      }
      if (!user?.totpSecret) throw new Error(`${username} has no TOTP secret`);
      const last = user.totpLastStep === null ? -Infinity : Number(user.totpLastStep);
      // The step before the current one is accepted too, unless it is about to fall out of the window.
      const periodMs = TOTP_PERIOD_S * 1000;
      const earliest = totpStep() - (periodMs - (Date.now() % periodMs) > 2000 ? 1 : 0);
      const step = Math.max(earliest, last + 1);
      // Accepted steps reach one past the current one: wait until `step` is at most that.
      const wait = (step - 1) * TOTP_PERIOD_S * 1000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
      return totpCode(user.totpSecret, step);
    },
    async call(username, method, url, body) {
      const headers = username ? sessionHeaders(await demo.cookie(username)) : {};
      return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    },
    async close() {
      await app.close();
      await store.destroy();
    },
  };
  return demo;
}
