import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, startWorkspace, watchedPage, type Workspace } from './harness.ts';

/**
 * A first load of the workspace (web/main.ts): the boot script asks for the page's data while
 * the app still downloads, and the app takes those answers instead of asking again. Each read
 * is made once; a visitor without a session causes none but the session's.
 */

let ws: Workspace;

beforeAll(async () => {
  ws = await startWorkspace();
});

afterAll(async () => {
  await ws?.close();
});

/** The paths (with query) of the API and well-known requests the page makes from now on. */
function readsOf(page: Page): string[] {
  const reads: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/.well-known/')) reads.push(`${req.method()} ${url.pathname}${url.search}`);
  });
  return reads;
}

const complete = (page: Page) => page.locator('main h1').and(page.getByText('Dashboard')).waitFor().then(() => page.locator('.loading').waitFor({ state: 'detached' }));

describe('the dashboard, opened by its address', () => {
  it('asks for each of its reads once, and draws them all', async () => {
    const context = await ws.newContext();
    try {
      await signIn(ws, (await watchedPage(context)).page, 'cn-observer');
      const w = await watchedPage(context);
      const reads = readsOf(w.page);
      await w.page.goto(`${ws.origin}/workspace/m/${ws.demo.mechanismId}`);
      await complete(w.page);
      await w.page.getByText(/of 2 co-chairs signed the outcome/).waitFor();

      const m = ws.demo.mechanismId;
      const year = new Date().getFullYear();
      expect([...reads].sort()).toEqual(
        [
          'GET /api/v1/session',
          'GET /api/v1/parties?limit=200',
          `GET /api/v1/mechanisms/${m}/overview`,
          `GET /api/v1/mechanisms/${m}/rounds/20/outcome`,
          'GET /api/v1/logs',
          `GET /api/v1/logs/${m}/checkpoint`,
          'GET /.well-known/entente/node-key',
          `GET /api/v1/commitments?mechanismId=${m}&limit=200`,
          `GET /api/v1/assessments?mechanismId=${m}&assessor=agreed&limit=200`,
          `GET /api/v1/mechanisms/${m}/anniversaries?year=${year}`,
          `GET /api/v1/mechanisms/${m}/anniversaries?year=${year + 1}`,
        ].sort(),
      );
      expect(w.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('asks a visitor without a session for nothing but the session, and sends them to sign in', async () => {
    const context = await ws.newContext();
    try {
      const w = await watchedPage(context);
      const reads = readsOf(w.page);
      await w.page.goto(`${ws.origin}/workspace/m/${ws.demo.mechanismId}`);
      await w.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(reads).toEqual(['GET /api/v1/session']);
      expect(w.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
