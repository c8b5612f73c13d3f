import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, startDemo, type Demo } from '../support/app.ts';
import { ROOT } from '../support/cli.ts';

/**
 * The browser suites' harness: the demo installation served on loopback (the real server,
 * a fresh database) and Debian's Chromium driven by playwright-core. Pages are checked the
 * way a person meets them: what they show, axe-core's accessibility rules, and no console
 * error, failed asset or Content-Security-Policy violation.
 */

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Screenshots for reviewers, 1280×800, git-ignored. */
export const SCREENSHOTS = path.join(ROOT, 'screenshots');

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Workspace {
  demo: Demo;
  /** http://127.0.0.1:PORT */
  origin: string;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) at 1280×800, English. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startWorkspace(): Promise<Workspace> {
  const demo = await startDemo();
  const origin = await demo.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    demo,
    origin,
    browser,
    newContext: () => browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'UTC' }),
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

/** What went wrong in a page that a person would not see at once: kept per page, asserted empty. */
export interface Watched {
  page: Page;
  problems: string[];
}

/** A new page whose console errors, uncaught exceptions and failed non-API requests are recorded. */
export async function watchedPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    // A refused API call (a wrong password: 401) is logged by Chromium as a failed resource;
    // the responses below tell those apart from real failures.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && !new URL(res.url()).pathname.startsWith('/api/')) problems.push(`HTTP ${res.status()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    if (!req.failure()?.errorText.includes('ERR_ABORTED')) problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  return { page, problems };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core on the page as it is now (WCAG 2.1 A and AA, and best practices): no violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Injected through the DevTools protocol, which the page's CSP does not govern: the page
  // itself still runs under its strict policy.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(`${AXE}\n;void 0`);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
       .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** The window as a person sees it (1280×800); with `full`, the whole page too, as `<name>-full.png`. */
export async function screenshot(page: Page, name: string, opts: { full?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  if (opts.full) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
}

/** Signs in through the sign-in page: password, then the account's current TOTP code. */
export async function signIn(ws: Workspace, page: Page, username: string): Promise<void> {
  await page.goto(`${ws.origin}/workspace/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Authentication code');
  await code.waitFor();
  await code.fill(await ws.demo.totpCode(username));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

/** One of China's internal statements on round 20 (written through the API as cn-secretariat): a record only China's members may see. */
export async function addInternalStatement(ws: Workspace, text: string): Promise<void> {
  const mechanismId = ws.demo.mechanismId;
  const round = await ws.demo.call('cn-secretariat', 'GET', `/api/v1/mechanisms/${mechanismId}/rounds/20`);
  const res = await ws.demo.call('cn-secretariat', 'POST', '/api/v1/statements', {
    mechanismId,
    roundId: (round.json() as { round: { id: string } }).round.id,
    kind: 'readout',
    party: 'cn',
    text: { en: text },
    marking: 'internal',
  });
  expect(res.statusCode, res.body).toBe(201);
}
