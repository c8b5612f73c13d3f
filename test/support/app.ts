import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { freshStore, type TestStore } from './store.ts';

export const DEMO_PASSWORD = 'correct horse battery staple';

/** A seeded demo installation served in-process, with helpers to call it as a demo user. */
export interface Demo {
  store: TestStore;
  app: FastifyInstance;
  mechanismId: string;
  /** Session cookies by username, made on first use through the sign-in route. */
  cookie(username: string): Promise<string>;
  call(
    username: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const store = await freshStore();
  const seeded = await seedDemo(store, { password: DEMO_PASSWORD });
  const app = await buildApp({ store, logLevel: 'silent' });
  const cookies = new Map<string, string>();
  const demo: Demo = {
    store,
    app,
    mechanismId: seeded.mechanismId!,
    async cookie(username) {
      let c = cookies.get(username);
      if (!c) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: DEMO_PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
        const set = res.cookies[0];
        if (!set) throw new Error('no session cookie');
        c = `${set.name}=${set.value}`;
        cookies.set(username, c);
      }
      return c;
    },
    async call(username, method, url, body) {
      const headers: Record<string, string> = {};
      if (username) headers.cookie = await demo.cookie(username);
      return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    },
    async close() {
      await app.close();
      await store.destroy();
    },
  };
  return demo;
}
