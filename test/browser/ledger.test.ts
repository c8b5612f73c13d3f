import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible, screenshot, signIn, startWorkspace, watchedPage, type Watched, type Workspace } from './harness.ts';

/**
 * The ledger area in Chromium against the real server: the timeline (a chart whose items are
 * reached from the keyboard), the log page (checkpoints whose signatures, and entries whose
 * inclusion proofs, the browser checks itself with WebCrypto — and refuses once the server's
 * answer is tampered with), and what each party's observer may see of the logs.
 */

let ws: Workspace;
let mechanismId: string;

beforeAll(async () => {
  ws = await startWorkspace();
  mechanismId = ws.demo.mechanismId;
  // Sign checkpoints now, so that every seeded entry is covered (the node also does it within a second).
  for (const [user, log] of [
    ['cn-secretariat', mechanismId],
    ['cn-secretariat', `${mechanismId}.cn`],
    ['ru-secretariat', `${mechanismId}.ru`],
  ] as const) {
    const res = await ws.demo.call(user, 'POST', `/api/v1/logs/${log}/checkpoint`);
    expect([200, 404], res.body).toContain(res.statusCode);
  }
});

afterAll(async () => {
  await ws?.close();
});

/** The name of the element that has focus (the timeline's items are named by aria-label). */
// A string, evaluated in the page (these tests are typed for Node, without the DOM's types).
const focusedName = (page: Page) => page.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''");

describe('as cn-observer', () => {
  let context: BrowserContext;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    context = await ws.newContext();
    // The timeline draws this year's and next year's anniversaries: the page lives in 2026,
    // the year of the demo's 30th and 25th, whatever year the suite runs in.
    await context.clock.setFixedTime(new Date('2026-06-01T12:00:00Z'));
    w = await watchedPage(context);
    page = w.page;
    await signIn(ws, page, 'cn-observer');
  });

  afterAll(async () => {
    expect(w.problems).toEqual([]);
    await context.close();
  });

  it('shows the joint checkpoint as verified on the dashboard', async () => {
    const log = page.getByRole('region', { name: 'Joint log', exact: true });
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toMatch(/Signature✓ Verified/);
  });

  it('draws round 20, the events, the milestones and the anniversaries on the timeline', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Timeline' }).click();
    await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
    const chart = page.locator('svg.tl-chart');
    await chart.waitFor();
    const names = await chart.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('aria-label')));
    expect(names).toContain('Round: Round 20, 2 December 2025');
    expect(names).toContain('Milestone: Strategic coordination launched, 1996');
    expect(names).toContain('Milestone: Treaty of Good-Neighbourliness and Friendly Cooperation signed, 2001');
    expect(names).toContain('Event: Xi Jinping visits Moscow, 2025');
    expect(names).toContain('Anniversary: 30 years: Strategic coordination launched, 2026');
    expect(names).toContain('Anniversary: 25 years: Treaty of Good-Neighbourliness and Friendly Cooperation signed, 2026');
    // In time order: the 1996 milestone first.
    expect(names[0]).toBe('Milestone: Strategic coordination launched, 1996');
    // What a person sees: the labels, and a year known only to the year drawn as a bar, round 20 as a point.
    expect(await chart.textContent()).toContain('30 years: Strategic coordination launched');
    expect(await chart.locator('a.tl-event rect.tl-span').count()).toBe(2);
    expect(await chart.locator('a.tl-round circle.tl-mark').count()).toBeGreaterThan(0);
    // No two labels overlap on screen.
    const boxes = await chart.locator('text.tl-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })));
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1).toBe(false);
    // The text alternative lists the same items.
    expect(await page.locator('table.visually-hidden').textContent()).toContain('Round 20');
    await expectAccessible(page, 'the timeline');
    await screenshot(page, 'ledger-01-timeline');
  });

  it('moves focus across the items from the keyboard and opens one', async () => {
    const chart = page.locator('svg.tl-chart');
    await chart.getByRole('link').first().focus();
    expect(await focusedName(page)).toBe('Milestone: Strategic coordination launched, 1996');
    await page.keyboard.press('ArrowRight');
    expect(await focusedName(page)).toBe('Milestone: Treaty of Good-Neighbourliness and Friendly Cooperation signed, 2001');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Milestone: Strategic security consultation established, 2005');
    await page.keyboard.press('End');
    const last = await focusedName(page);
    expect(last).toMatch(/^Anniversary: /);
    await page.keyboard.press('ArrowLeft');
    expect(await focusedName(page)).not.toBe(last);
    await screenshot(page, 'ledger-02-timeline-focus');
    await chart.getByRole('link', { name: 'Round: Round 20, 2 December 2025' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    await expect.poll(() => page.locator('.ledger-record').textContent(), { timeout: 10_000 }).toMatch(/^✓ In the log at index \d+ — verified/);
    await screenshot(page, 'ledger-03-round-verified');
  });

  it('narrows the years shown', async () => {
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/timeline`);
    await page.locator('svg.tl-chart').waitFor();
    await page.getByRole('button', { name: 'Last five years' }).click();
    const names = await page.locator('svg.tl-chart').getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('aria-label')));
    expect(names).toContain('Round: Round 20, 2 December 2025');
    expect(names.some((n) => n?.includes('1996'))).toBe(false);
    await page.getByLabel('From').selectOption('1996');
    expect(await page.locator('svg.tl-chart').getByRole('link').count()).toBeGreaterThan(names.length);
    // Readable at 768 px too: the chart follows its container's width.
    await page.setViewportSize({ width: 768, height: 800 });
    await expect.poll(() => page.locator('svg.tl-chart').getAttribute('width')).not.toBe('1152');
    await screenshot(page, 'ledger-07-timeline-768');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows the logs with verified checkpoints, and browses and verifies entries', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log' }).waitFor();
    // The cards come with GET /api/v1/logs, after the page's heading.
    await expect.poll(() => page.locator('.ledger-log h2').allTextContents(), { timeout: 10_000 }).toEqual(['Joint log', 'Internal log of China', 'Directory']);
    const joint = page.getByRole('region', { name: 'Joint log', exact: true });
    await expect.poll(() => joint.textContent(), { timeout: 10_000 }).toMatch(/Signature✓ Verified/);
    const internal = page.getByRole('region', { name: 'Internal log of China' });
    await expect.poll(() => internal.textContent()).toMatch(/Signature✓ Verified/);
    expect(await page.locator('.ledger-key').textContent()).toMatch(/^entente-[0-9a-f]{8}\+[0-9a-f]{8}\+/);

    const entries = page.getByRole('region', { name: 'Entries: Joint log' });
    await entries.getByRole('button', { name: 'Show entry 3' }).click();
    const detail = page.locator('#entry-3');
    await expect.poll(() => detail.textContent(), { timeout: 10_000 }).toContain('In the log at index 3 — verified');
    expect(await detail.locator('pre').textContent()).toMatch(/^\{"actor":"[a-z]+-[a-z]+","at":"/);
    await expectAccessible(page, 'the log page');
    await screenshot(page, 'ledger-04-log', { full: true });

    // The next page, from the keyboard.
    await entries.getByRole('link', { name: 'Later entries' }).focus();
    await page.keyboard.press('Enter');
    await entries.getByRole('button', { name: 'Show entry 20' }).waitFor();
    await entries.getByRole('button', { name: 'Show entry 20' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#entry-20').textContent(), { timeout: 10_000 }).toContain('In the log at index 20 — verified');
    expect(await entries.textContent()).toContain('Page 2 of');
  });

  it('says "not verified" when the server answers a proof with one byte of a hash changed', async () => {
    await page.route('**/api/v1/logs/*/proof/inclusion?*', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { proof: string[] };
      const bytes = Buffer.from(body.proof[0]!, 'base64');
      bytes[0]! ^= 0x01;
      body.proof[0] = bytes.toString('base64');
      await route.fulfill({ response: res, json: body });
    });
    try {
      await page.goto(`${ws.origin}/workspace/m/${mechanismId}/log?log=${mechanismId}&entry=5`);
      const detail = page.locator('#entry-5');
      await expect.poll(() => detail.textContent(), { timeout: 10_000 }).toContain('In the log at index 5 — not verified');
      expect(await detail.textContent()).toContain('the inclusion proof does not lead to the signed root');
      expect(await detail.textContent()).not.toContain('— verified');
      await expectAccessible(page, 'the log page with a failed check');
      await screenshot(page, 'ledger-05-tampered');
    } finally {
      await page.unroute('**/api/v1/logs/*/proof/inclusion?*');
    }
  });

  it('says "not verified" when the checkpoint note is changed', async () => {
    await page.route('**/api/v1/logs/*/checkpoint', async (route) => {
      const res = await route.fetch();
      const note = await res.text();
      const lines = note.split('\n');
      lines[1] = String(Number(lines[1]) + 1);
      await route.fulfill({ response: res, body: lines.join('\n') });
    });
    try {
      await page.goto(`${ws.origin}/workspace/m/${mechanismId}/log`);
      const joint = page.getByRole('region', { name: 'Joint log', exact: true });
      await expect.poll(() => joint.textContent(), { timeout: 10_000 }).toContain('Not verified');
      expect(await joint.textContent()).toContain('the signature does not match the text');
    } finally {
      await page.unroute('**/api/v1/logs/*/checkpoint');
    }
  });
});

describe('as ru-observer', () => {
  it("sees Russia's logs and the joint one, never China's internal log", async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'ru-observer');
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/log?log=${mechanismId}.cn`);
    await page.getByRole('heading', { level: 1, name: 'Log' }).waitFor();
    await page.locator('.ledger-log h2').first().waitFor();
    await expect.poll(() => page.locator('.ledger-log h2').allTextContents(), { timeout: 10_000 }).toEqual(['Joint log', 'Internal log of Russia', 'Directory']);
    expect(await page.textContent('main')).not.toContain('China');
    // The China log in the address falls back to the joint log.
    await page.getByRole('region', { name: 'Entries: Joint log' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Joint log', exact: true }).textContent(), { timeout: 10_000 }).toMatch(/Signature✓ Verified/);
    await expectAccessible(page, "the log page as Russia's observer");
    await screenshot(page, 'ledger-06-log-ru');
    expect(w.problems).toEqual([]);
    await context.close();
  });
});
