import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/app.ts';
import { expectAccessible, screenshot, startWorkspace, watchedPage, type Workspace } from './harness.ts';

/**
 * The public site in Chromium with JavaScript off, as a reader on a desktop (1280 px) and on a
 * phone (390 px) meets it: the list at `/`, the round-20 communiqué (its French text marked on
 * the English page) with an approved comment and the form, the form shown back with its
 * errors; axe finds nothing; nothing is wider than the phone's screen. The Atom feed parses
 * as XML in the browser.
 */

let ws: Workspace;
let communiqueId: string;
const HOSTILE = '<script>alert("feed")</script> & ]]>';

beforeAll(async () => {
  ws = await startWorkspace();
  const { demo } = ws;
  communiqueId = (await demo.call('cn-secretariat', 'GET', `/api/v1/communiques?mechanismId=${demo.mechanismId}`)).json().items[0].id;
  const round = (await demo.call('cn-secretariat', 'GET', `/api/v1/mechanisms/${demo.mechanismId}/rounds/20`)).json().round.id as string;
  const hostile = await demo.call('cn-secretariat', 'POST', '/api/v1/communiques', {
    mechanismId: demo.mechanismId,
    roundId: round,
    title: { en: HOSTILE },
    text: { en: 'A short text.' },
    embargo: '2025-12-01T00:00:00.000Z',
  });
  expect(hostile.statusCode, hostile.body).toBe(201);
  for (const who of ['cn-cochair', 'ru-cochair']) {
    await demo.cookie(who);
    expect((await demo.call(who, 'POST', '/api/v1/session/reauth', { password: DEMO_PASSWORD, totp: await demo.totpCode(who) })).statusCode).toBe(200);
  }
  for (const id of [communiqueId, hostile.json().id as string]) {
    for (const who of ['cn-cochair', 'ru-cochair']) expect((await demo.call(who, 'POST', `/api/v1/communiques/${id}/approve`)).statusCode).toBe(200);
  }
});

afterAll(async () => {
  await ws?.close();
});

const contexts: BrowserContext[] = [];
async function reader(width: number, javaScript = false): Promise<BrowserContext> {
  const context = await ws.browser.newContext({ viewport: { width, height: width > 600 ? 800 : 844 }, locale: 'en-GB', timezoneId: 'UTC', javaScriptEnabled: javaScript });
  contexts.push(context);
  return context;
}
afterAll(async () => {
  for (const c of contexts) await c.close();
});

/**
 * axe-core on the page at `url` as loaded at `width`. axe is itself a script and its timers do
 * not run in a page with JavaScript off, so it runs in a context with JavaScript on; the pages
 * carry no script (checked here), so the DOM it checks is the one a reader without JavaScript gets.
 */
async function expectAccessibleAt(url: string, width: number, what: string): Promise<void> {
  const { page } = await watchedPage(await reader(width, true));
  await page.goto(url);
  expect(await page.evaluate('document.scripts.length'), `${what}: scripts`).toBe(0);
  await expectAccessible(page, what);
  await page.close();
}

/** Nothing sticks out sideways (a phone would scroll horizontally). */
async function expectNoSideScroll(page: import('playwright-core').Page, what: string) {
  const [scroll, width] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
  expect(scroll, `${what}: page width`).toBeLessThanOrEqual(width);
}

describe('the public site without JavaScript', () => {
  it('takes a comment through the form, which a secretariat approves', async () => {
    const { page, problems } = await watchedPage(await reader(1280));
    await page.goto(`${ws.origin}/en/communiques/${communiqueId}`);
    await page.getByLabel('Name').fill('Ann Reader');
    await page.getByLabel('Email').fill('ann@example.org');
    await page.getByLabel('Website').fill('https://example.org/ann');
    await page.getByRole('textbox', { name: /^Comment/ }).fill('A clear summary of the round.\n\nThank you.');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.getByText('Your comment will appear once a moderator has approved it.').waitFor();
    expect(new URL(page.url()).search).toBe('?comment=pending');
    const queue = (await ws.demo.call('cn-secretariat', 'GET', `/api/v1/comments?communiqueId=${communiqueId}&status=pending`)).json().items as Array<{ id: string }>;
    expect(queue).toHaveLength(1);
    expect((await ws.demo.call('cn-secretariat', 'POST', '/api/v1/comments/moderate', { ids: [queue[0]!.id], action: 'approve' })).statusCode).toBe(200);
    expect(problems).toEqual([]);
  });

  for (const width of [1280, 390]) {
    it(`reads the list and the communiqué at ${width} px`, async () => {
      const { page, problems } = await watchedPage(await reader(width));
      await page.goto(`${ws.origin}/`);
      expect(new URL(page.url()).pathname).toBe('/en/');
      await page.getByRole('heading', { level: 1, name: 'Communiqués' }).waitFor();
      expect(await page.getByRole('link', { name: HOSTILE }).count()).toBe(1);
      await expectAccessibleAt(page.url(), width, `/en/ at ${width} px`);
      await expectNoSideScroll(page, `/en/ at ${width} px`);
      await screenshot(page, `public-list-${width}`);

      await page.getByRole('link', { name: /La Chine et la Russie/ }).click();
      await page.getByRole('heading', { level: 1, name: /La Chine et la Russie/ }).waitFor();
      expect(await page.getByText('This communiqué is not available in English. It is shown in French.').isVisible()).toBe(true);
      expect(await page.getByText('20th round of the China–Russia strategic security consultation').isVisible()).toBe(true);
      const author = page.getByRole('link', { name: 'Ann Reader' });
      expect(await author.getAttribute('rel')).toBe('nofollow ugc');
      expect(await page.getByText('ann@example.org').count()).toBe(0);
      // Body text is at least 16 px.
      expect(Number.parseFloat((await page.evaluate("getComputedStyle(document.querySelector('.text p')).fontSize")) as string)).toBeGreaterThanOrEqual(16);
      await expectAccessibleAt(page.url(), width, `the communiqué at ${width} px`);
      await expectNoSideScroll(page, `the communiqué at ${width} px`);
      await screenshot(page, `public-communique-${width}`, { full: true });

      await page.getByRole('link', { name: 'Back to top' }).click();
      await page.getByRole('link', { name: 'Français' }).click();
      await page.getByRole('heading', { level: 2, name: 'Laisser un commentaire' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await page.locator('.note').count()).toBe(0);
      await expectAccessibleAt(page.url(), width, `the French page at ${width} px`);
      expect(problems).toEqual([]);
    });
  }

  it('shows the form back with a message at each wrong field, accessibly', async () => {
    // The browser's own checks would stop an empty form: switched off to reach the server's.
    const { page } = await watchedPage(await reader(390, true));
    await page.goto(`${ws.origin}/en/communiques/${communiqueId}`);
    await page.getByLabel('Name').fill('Bo');
    await page.evaluate("document.querySelector('#respond form').noValidate = true");
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('#form-errors').waitFor();
    expect(new URL(page.url()).hash).toBe('#respond');
    expect(await page.getByLabel('Name').inputValue()).toBe('Bo');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('textbox', { name: /^Comment/ }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the form with its errors');
    await screenshot(page, 'public-form-errors-390', { full: true });
  });

  it('serves an Atom feed that the browser parses as XML, the hostile title intact as text', async () => {
    const { page } = await watchedPage(await reader(1280, true));
    const xml = await (await page.request.get(`${ws.origin}/en/feed.atom`)).text();
    await page.goto('about:blank');
    const parsed = (await page.evaluate(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
        titles: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => e.getElementsByTagNameNS(ns, 'title')[0].textContent),
        links: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => e.getElementsByTagNameNS(ns, 'link')[0].getAttribute('href')),
        content: doc.getElementsByTagNameNS(ns, 'content')[1]?.textContent ?? '',
      };
    })()`)) as { error: number; root: string; titles: string[]; links: string[]; content: string };
    expect(parsed.error).toBe(0);
    expect(parsed.root).toBe('http://www.w3.org/2005/Atom feed');
    expect(parsed.titles).toEqual([HOSTILE, "La Chine et la Russie s'engagent à renforcer la coordination stratégique"]);
    expect(parsed.links[1]).toBe(`${ws.origin}/en/communiques/${communiqueId}`);
    expect(parsed.content).toMatch(/^<p>Le 2 décembre 2025/);
  });
});
