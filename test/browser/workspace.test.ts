import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/app.ts';
import { addInternalStatement, expectAccessible, screenshot, signIn, startWorkspace, watchedPage, type Watched, type Workspace } from './harness.ts';

/**
 * The workspace in Chromium against the real server with the demo mechanism: what a
 * secretariat and an observer of the other party see, in English, Chinese and Russian.
 * Every page visited passes axe-core and leaves no console error or CSP violation.
 */

const INTERNAL_NOTE = 'Internal readout of the Chinese secretariat (browser test).';

/** The demo's milestones (src/seed/demo.ts), every five years. */
const MILESTONES = [
  { year: 1996, title: 'Strategic coordination launched' },
  { year: 2001, title: 'Treaty of Good-Neighbourliness and Friendly Cooperation signed' },
  { year: 2005, title: 'Strategic security consultation established' },
];

let ws: Workspace;
let mechanismId: string;

beforeAll(async () => {
  ws = await startWorkspace();
  mechanismId = ws.demo.mechanismId;
  // One of China's internal records on round 20, which only China's members may see.
  await addInternalStatement(ws, INTERNAL_NOTE);
});

afterAll(async () => {
  await ws?.close();
});

async function expectClean(w: Watched): Promise<void> {
  expect(w.problems).toEqual([]);
}

describe('signing in', () => {
  it('sends a signed-out visitor to the sign-in page and says plainly when the password is wrong', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds/20`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/workspace/sign-in');
    await expectAccessible(page, 'the sign-in page');
    await screenshot(page, '01-sign-in');

    await page.getByLabel('Username').fill('cn-secretariat');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong username, password or code.');
    expect(await page.getByLabel('Authentication code').count()).toBe(0);
    await expectAccessible(page, 'the sign-in page with an error');
    await screenshot(page, '02-sign-in-error');
    await expectClean(w);
    await context.close();
  });
});

describe('as cn-secretariat', () => {
  let context: BrowserContext;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    context = await ws.newContext();
    w = await watchedPage(context);
    page = w.page;
    await signIn(ws, page, 'cn-secretariat');
  });

  afterAll(async () => {
    await context?.close();
  });

  it('signs in with password and code and lands on the mechanism’s dashboard', async () => {
    expect(new URL(page.url()).pathname).toBe(`/workspace/m/${mechanismId}`);
    const banner = page.getByRole('banner');
    await expect.poll(() => banner.textContent()).toContain('China–Russia strategic security consultation');
    await expect.poll(() => banner.textContent()).toContain('cn-secretariat');
    await expect.poll(() => banner.textContent()).toContain('Secretariat, China');

    const last = page.getByRole('region', { name: 'Last round' });
    await expect.poll(() => last.textContent()).toContain('Round 20');
    expect(await last.textContent()).toContain('2 December 2025');
    expect(await last.textContent()).toContain('Beijing');
    expect(await last.textContent()).toContain('Held');
    await expect.poll(() => last.textContent()).toContain('0 of 2 co-chairs signed the outcome.');
    expect(await page.getByRole('region', { name: 'Next round' }).textContent()).toContain('No round is planned yet.');

    // The four commitments of round 20 bind both parties and are open.
    const commitments = page.getByRole('region', { name: 'Open commitments' });
    await commitments.getByRole('table').waitFor();
    const open = await commitments.getByRole('row').filter({ hasText: 'Open' }).getByRole('cell').allTextContents();
    expect(open).toEqual(['4', '4', '4']);

    const year = new Date().getFullYear();
    const anniversaries = page.getByRole('region', { name: 'Anniversaries' });
    await anniversaries.getByRole('heading', { name: `This year (${year})` }).waitFor();
    const text = (await anniversaries.textContent()) ?? '';
    for (const m of MILESTONES) {
      for (const y of [year, year + 1]) {
        const due = (y - m.year) % 5 === 0;
        if (due) expect(text).toContain(`${y - m.year} years ${m.title}`);
      }
    }

    // The joint log as the API has it: size and the root of its latest checkpoint.
    const logs = (await ws.demo.call('cn-secretariat', 'GET', '/api/v1/logs')).json() as { items: Array<{ log: string; size: number }> };
    const size = logs.items.find((l) => l.log === mechanismId)!.size;
    const note = (await ws.demo.call('cn-secretariat', 'GET', `/api/v1/logs/${mechanismId}/checkpoint`)).body;
    const shortRoot = Buffer.from(note.split('\n')[2]!, 'base64').subarray(0, 6).toString('hex');
    const log = page.getByRole('region', { name: 'Joint log' });
    await expect.poll(() => log.textContent()).toContain(shortRoot);
    expect(await log.textContent()).toContain(`Entries${size}`);

    await expectAccessible(page, 'the dashboard');
    await screenshot(page, '03-dashboard');
    await expectClean(w);
  });

  it('lists the rounds and opens round 20 with its co-chairs, statements, commitments and agreements', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Rounds' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rounds' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Round 20' });
    expect(await row.textContent()).toMatch(/Round 20.*2 December 2025.*Beijing.*China.*Held/);
    await expectAccessible(page, 'the rounds');
    await screenshot(page, '04-rounds');

    await row.getByRole('link', { name: 'Round 20' }).click();
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    const coChairs = page.getByRole('region', { name: 'Co-chairs' });
    expect(await coChairs.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Wang Yi.*Senior Chinese official.*China$/),
      expect.stringMatching(/^Sergei Shoigu.*Secretary of the Security Council of Russia.*Russia$/),
    ]);
    const agenda = await page.getByRole('region', { name: 'Agenda' }).getByRole('listitem').allInnerTexts();
    expect(agenda).toEqual(["Implementing the leaders' key consensus", 'Crucial security questions']);

    const statements = page.getByRole('region', { name: 'Statements' });
    expect(await statements.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Wang Yi · China', 'Sergei Shoigu · Russia', 'China']);
    expect(await statements.textContent()).toContain('Called on both sides to keep the momentum');
    expect(await statements.textContent()).toContain('coordination is at its highest level ever');
    // China's own internal readout, plainly marked.
    const internal = statements.locator('.statement').filter({ hasText: INTERNAL_NOTE });
    const badge = internal.locator('.badge-internal');
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.innerText()).toMatch(/^INTERNAL/); // uppercase by its style; the text names the party too
    expect(await badge.textContent()).toContain('Internal record: seen only by members of China.');

    expect(await page.getByRole('region', { name: 'Commitments made' }).getByRole('listitem').count()).toBe(4);
    expect(await page.getByRole('region', { name: 'Consensus implemented' }).textContent()).toContain('President Xi Jinping and President Vladimir Putin');
    expect(await page.getByRole('region', { name: 'Agreements concluded' }).textContent()).toMatch(/Title not published.*Agreement.*Agreed/);

    await expectAccessible(page, 'round 20');
    await screenshot(page, '05-round-20', { full: true });
    await expectClean(w);
  });

  it('switches to Chinese and Russian: the interface translated, record texts in that language or marked, the choice kept', async () => {
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('heading', { level: 1, name: /第20轮/ }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['概览', '各轮磋商', '承诺', '立场', '公报', '评论', '时间线', '日志']);
    const coChairs = page.getByRole('region', { name: '共同主席' });
    expect(await coChairs.textContent()).toContain('王毅');
    expect(await coChairs.textContent()).toContain('谢尔盖·绍伊古');
    expect(await page.getByRole('main').textContent()).toContain('北京');
    // The statements exist in English and French only: shown in English, marked as such.
    const statements = page.getByRole('region', { name: '发言与声明' });
    expect(await statements.locator('.lang-mark').first().textContent()).toContain('EN');
    expect(await statements.locator('.lang-mark').first().getAttribute('title')).toBe('以英语显示：没有中文文本。');
    await expectAccessible(page, 'round 20 in Chinese');
    await screenshot(page, '06-round-20-zh');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: /第20轮/ }).waitFor();

    await page.getByLabel('语言').selectOption('ru');
    await page.getByRole('heading', { level: 1, name: /20-й раунд/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Сопредседатели' }).textContent()).toMatch(/Ван И.*Сергей Шойгу/);
    await page.getByRole('navigation').getByRole('link', { name: 'Обзор' }).click();
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Последний раунд' }).textContent()).toContain('2 декабря 2025 г.');
    await expect.poll(() => page.getByRole('region', { name: 'Годовщины' }).textContent()).toMatch(/лет|год/);
    await expectAccessible(page, 'the dashboard in Russian');
    await screenshot(page, '07-dashboard-ru');

    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expectClean(w);
  });

  it('reads at 768 px wide: nothing wider than the window', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const widest = () => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
    await page.getByRole('region', { name: 'Open commitments' }).getByRole('table').waitFor();
    expect(await widest()).toBeLessThanOrEqual(768);
    await screenshot(page, '09-dashboard-768');
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds/20`);
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    expect(await widest()).toBeLessThanOrEqual(768);
    await screenshot(page, '10-round-20-768');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectClean(w);
  });
});

describe('as ru-observer', () => {
  it('signs in from the keyboard, sees the shared record of round 20, none of China’s internal records, and signs out', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    // From the keyboard alone: Tab past the language switch, type, Enter; the code field has focus.
    await page.goto(`${ws.origin}/workspace/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ru-observer');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByLabel('Authentication code').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('code');
    await page.keyboard.type(await ws.demo.totpCode('ru-observer'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('Observer, Russia');

    // A deep link, as a bookmark would open it: the server answers the app, the app the round.
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds/20`);
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    const coChairs = await page.getByRole('region', { name: 'Co-chairs' }).textContent();
    expect(coChairs).toContain('Wang Yi');
    expect(coChairs).toContain('Sergei Shoigu');
    const main = (await page.getByRole('main').textContent()) ?? '';
    expect(main).toContain('Called on both sides to keep the momentum');
    expect(main).not.toContain(INTERNAL_NOTE);
    expect(await page.locator('.badge-internal').count()).toBe(0);
    await expectAccessible(page, 'round 20 as ru-observer');
    await screenshot(page, '08-round-20-ru-observer', { full: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const session = await page.evaluate('fetch("/api/v1/session").then((r) => r.json())');
    expect(session).toEqual({ signedIn: false });
    await expectClean(w);
    await context.close();
  });
});
