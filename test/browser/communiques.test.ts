import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/app.ts';
import { expectAccessible, screenshot, signIn, startWorkspace, watchedPage, type Watched, type Workspace } from './harness.ts';

/**
 * The secretariat's and co-chairs' side of the communiqués in Chromium against the real
 * server: the round-20 communiqué (the demo's French draft, its embargo past) drafted side by
 * side in the four languages by China's secretariat, a refused save shown at its field, each
 * co-chair's approval after password and code again (an edit in between makes Russia's first
 * approval lapse, which the page says), publication at once with the link to the public page;
 * then the moderation queue with comments posted through the public form, one marked as spam
 * on its row and the rest approved in bulk; the pages in Chinese and Russian. Each page passes
 * axe-core and leaves no console error or CSP violation.
 */

let ws: Workspace;
let mechanismId: string;
let communiqueId: string;

const TITLE_FR = "La Chine et la Russie s'engagent à renforcer la coordination stratégique";
const TITLE_EN = 'China and Russia pledge to strengthen strategic coordination';
const COMMENT = 'A welcome text. <b>Not bold</b> <script>alert(1)</script>';

interface Stored {
  status: string;
  marking: string;
  title: Record<string, string>;
  embargo: string | null;
  approvals: Array<{ party: string; username: string; contentHash: string }>;
  contentHash: string;
}

async function stored(): Promise<Stored> {
  const res = await ws.demo.call('cn-secretariat', 'GET', `/api/v1/communiques/${communiqueId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Stored;
}

beforeAll(async () => {
  ws = await startWorkspace();
  mechanismId = ws.demo.mechanismId;
  const list = await ws.demo.call('cn-secretariat', 'GET', `/api/v1/communiques?mechanismId=${mechanismId}`);
  communiqueId = (list.json() as { items: Array<{ id: string }> }).items[0]!.id;
});

afterAll(async () => {
  await ws?.close();
});

/** A browser profile in Beijing's time zone: the embargo (12:00 UTC) reads 20:00 there. */
function beijingContext(): Promise<BrowserContext> {
  return ws.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
}

function widest(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
}

/** The error shown at an input: aria-invalid, and the text its aria-describedby points to. */
async function errorAt(input: Locator): Promise<string> {
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const texts = await Promise.all(ids.filter((id) => id.endsWith('-error')).map((id) => input.page().locator(`#${id}`).textContent()));
  return texts.join(' ');
}

async function openCommunique(page: Page): Promise<Locator> {
  await page.goto(`${ws.origin}/workspace/m/${mechanismId}/communiques/${communiqueId}`);
  const approval = page.getByRole('region', { name: 'Approval' });
  await approval.getByRole('list').waitFor();
  return approval;
}

/** A co-chair approves the communiqué in the browser: the button, then password and code again. */
async function approveAs(page: Page, username: string, approval: Locator, fromKeyboard = false): Promise<void> {
  const button = approval.getByRole('button', { name: 'Approve this text' });
  if (fromKeyboard) {
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('approve-password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.type(await ws.demo.totpCode(username));
    await page.keyboard.press('Enter');
  } else {
    await button.click();
    await approval.getByLabel('Your password').fill(DEMO_PASSWORD);
    await approval.getByLabel('Authentication code').fill(await ws.demo.totpCode(username));
    await approval.getByRole('button', { name: 'Approve', exact: true }).click();
  }
}

describe('the round-20 communiqué', () => {
  let secretariat: BrowserContext;
  let ws1: Watched;
  let page: Page;

  beforeAll(async () => {
    secretariat = await beijingContext();
    ws1 = await watchedPage(secretariat);
    page = ws1.page;
    await signIn(ws, page, 'cn-secretariat');
  });

  afterAll(async () => {
    expect(ws1.problems).toEqual([]);
    await secretariat?.close();
  });

  it('is listed as a draft with its version, its embargo in the reader’s time zone and no approval', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Communiqués' }).click();
    await page.getByRole('heading', { level: 1, name: 'Communiqués' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: TITLE_FR });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[0]).toBe('Round 20');
    expect(cells[1]).toBe('Draft');
    expect(cells[2]).toBe('Version 1');
    expect(cells[3]).toMatch(/^2 December 2025 at 20:00 (GMT\+8|CST)$/);
    expect(cells[4]).toBe('Not approved yet');
    expect(await page.getByRole('link', { name: 'New communiqué' }).count()).toBe(1);
    await expectAccessible(page, 'the communiqués');
    await screenshot(page, 'communiques-01-list');
  });

  it('opens from round 20 with its approval state and French text', async () => {
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds/20`);
    const section = page.getByRole('region', { name: 'Communiqué' });
    await section.getByRole('link', { name: TITLE_FR }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(TITLE_FR) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/workspace/m/${mechanismId}/communiques/${communiqueId}`);
    const approval = page.getByRole('region', { name: 'Approval' });
    await expect.poll(() => approval.textContent()).toContain('Draft: awaiting the approval of the co-chairs of China, Russia.');
    expect(await approval.getByRole('listitem').allInnerTexts()).toEqual(['China not approved yet', 'Russia not approved yet']);
    expect(await approval.locator('code').textContent()).toBe((await stored()).contentHash);
    // The secretariat drafts; only co-chairs approve.
    expect(await approval.getByRole('button', { name: 'Approve this text' }).count()).toBe(0);
    const text = page.getByRole('region', { name: 'Text', exact: true });
    expect(await text.getByRole('region', { name: 'French' }).textContent()).toContain('Le 2 décembre 2025');
    expect(await text.textContent()).toContain('No text yet in: English, Chinese, Russian.');
    expect(await page.getByRole('link', { name: 'Public page' }).count()).toBe(0);
    await expectAccessible(page, 'the communiqué, a draft');
    await screenshot(page, 'communiques-02-draft', { full: true });
  });

  it('is drafted side by side in four languages; a refused save is shown at its field and the English title is saved', async () => {
    await page.getByRole('link', { name: 'Edit the draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit communiqué' }).waitFor();
    const titles = ['English (en)', 'French (fr)', 'Chinese (zh)', 'Russian (ru)'].map((l) => page.getByLabel(`Title — ${l}`));
    const texts = ['English (en)', 'French (fr)', 'Chinese (zh)', 'Russian (ru)'].map((l) => page.getByLabel(`Text — ${l}`));
    await titles[0]!.waitFor();
    expect(await titles[1]!.inputValue()).toBe(TITLE_FR);
    // Four columns (the mechanism's languages first, as in every editor): each language's title above its text.
    const titleBoxes = (await Promise.all(titles.map((l) => l.boundingBox()))).map((b) => b!);
    const textBoxes = (await Promise.all(texts.map((l) => l.boundingBox()))).map((b) => b!);
    expect(new Set(titleBoxes.map((b) => b.y)).size).toBe(1);
    expect(new Set(titleBoxes.map((b) => b.x)).size).toBe(4);
    expect(textBoxes.map((b) => b.x)).toEqual(titleBoxes.map((b) => b.x));
    expect(Math.min(...textBoxes.map((b) => b.height))).toBeGreaterThan(300);
    // The embargo in Beijing's time, the zone named.
    const embargo = page.getByLabel('Embargo (published at)');
    expect(await embargo.inputValue()).toBe('2025-12-02T20:00');
    expect(await page.locator('#field-embargo-hint').textContent()).toMatch(/Date and time in your time zone \(Asia\/Shanghai\)\. Read as: 2 December 2025 at 20:00/);
    // Public is not a choice: the publication makes it public, as the form says.
    const marking = page.getByRole('group', { name: 'Who can read it' });
    expect(await marking.getByRole('radio').count()).toBe(2);
    expect(await marking.getByLabel('Joint').isChecked()).toBe(true);
    expect(await marking.textContent()).toContain('A communiqué is never made public by hand');
    await expectAccessible(page, 'the communiqué editor');
    await screenshot(page, 'communiques-03-editor', { full: true });

    // Neither round nor event: the API's refusal at the Round field; nothing saved.
    const before = await stored();
    await page.getByLabel('Round', { exact: true }).selectOption({ label: 'None' });
    await titles[0]!.fill(TITLE_EN);
    await page.getByRole('button', { name: 'Save' }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('The record was not saved.');
    expect(await errorAt(page.getByLabel('Round', { exact: true }))).toBe('give either roundId or eventId, not both and not neither');
    expect(await titles[0]!.inputValue()).toBe(TITLE_EN);
    expect(await stored()).toEqual(before);
    await expectAccessible(page, 'the communiqué editor with an error');
    await screenshot(page, 'communiques-04-editor-error');

    await page.getByLabel('Round', { exact: true }).selectOption({ label: 'Round 20' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(TITLE_EN) }).waitFor();
    const after = await stored();
    expect(after.title).toEqual({ fr: TITLE_FR, en: TITLE_EN });
    expect(after.embargo).toBe('2025-12-02T12:00:00.000Z');
    expect(after.marking).toBe('joint');
    expect(after.status).toBe('draft');
  });

  it('is approved by both co-chairs in the browser, each with password and code; an edit in between makes the first approval lapse; then it is published', async () => {
    // Russia's co-chair approves first, from the keyboard.
    const ru = await ws.newContext();
    const wr = await watchedPage(ru);
    await signIn(ws, wr.page, 'ru-cochair');
    let approval = await openCommunique(wr.page);
    await approveAs(wr.page, 'ru-cochair', approval, true);
    await expect.poll(() => wr.page.locator('p.status-line').textContent()).toContain('You approved this text. It is approved once the co-chair of every party has.');
    expect(await approval.getByRole('listitem').filter({ hasText: 'Russia' }).textContent()).toContain('approved by ru-cochair for this text');
    expect(await approval.getByRole('button', { name: 'Approve this text' }).count()).toBe(0);
    expect(await approval.textContent()).toContain('Your party has approved this text.');
    await expectAccessible(wr.page, 'the communiqué approved by Russia');
    await screenshot(wr.page, 'communiques-05-approved-by-ru');

    // China's secretariat changes the text: Russia's approval was for the earlier one.
    await page.getByRole('link', { name: 'Edit the draft' }).click();
    await page.getByLabel('Text — English (en)').fill('On 2 December 2025, senior envoys of China and Russia met in Beijing.');
    await page.getByRole('button', { name: 'Save' }).click();
    const secretariatView = page.getByRole('region', { name: 'Approval' });
    await expect.poll(() => secretariatView.getByRole('listitem').filter({ hasText: 'Russia' }).textContent()).toContain(
      'approval by ru-cochair was for an earlier text and no longer counts',
    );
    expect(await secretariatView.textContent()).toContain('awaiting the approval of the co-chairs of China, Russia.');
    await expectAccessible(page, 'the communiqué with a lapsed approval');
    await screenshot(page, 'communiques-06-approval-lapsed');

    // China's co-chair approves the new text: still a draft, Russia must approve it again.
    const cn = await ws.newContext();
    const wc = await watchedPage(cn);
    await signIn(ws, wc.page, 'cn-cochair');
    approval = await openCommunique(wc.page);
    await approval.getByRole('button', { name: 'Approve this text' }).click();
    await approval.getByLabel('Your password').fill('not the password at all');
    await approval.getByLabel('Authentication code').fill('000000');
    await approval.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => approval.getByRole('alert').textContent()).toBe('Wrong password or code.');
    await approval.getByLabel('Your password').fill(DEMO_PASSWORD);
    await approval.getByLabel('Authentication code').fill(await ws.demo.totpCode('cn-cochair'));
    await approval.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => approval.getByRole('listitem').filter({ hasText: 'China' }).textContent()).toContain('approved by cn-cochair for this text');
    expect((await stored()).status).toBe('draft');
    expect(wc.problems).toEqual([]);

    // Russia approves the text as it is now: both have, the embargo has passed, it is published.
    approval = await openCommunique(wr.page);
    // China's approval of the text as it is now dropped Russia's lapsed one.
    expect(await approval.getByRole('listitem').filter({ hasText: 'Russia' }).textContent()).toContain('not approved yet');
    await approveAs(wr.page, 'ru-cochair', approval);
    await expect.poll(() => wr.page.locator('p.status-line').textContent()).toContain('Every party has approved it and its embargo has passed: it is published.');
    const heading = wr.page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toContain('Published');
    expect(await approval.textContent()).toContain('Published, in every language at once, on');
    const publicLink = wr.page.getByRole('link', { name: 'Public page' });
    expect(await publicLink.getAttribute('href')).toBe(`/en/communiques/${communiqueId}`);
    await expectAccessible(wr.page, 'the communiqué published');
    await screenshot(wr.page, 'communiques-07-published', { full: true });
    expect(await stored()).toMatchObject({ status: 'published', marking: 'public' });

    // The public page is the site's, readable without signing in.
    await publicLink.click();
    await wr.page.getByRole('heading', { level: 1, name: TITLE_EN }).waitFor();
    expect(new URL(wr.page.url()).pathname).toBe(`/en/communiques/${communiqueId}`);
    expect(wr.problems).toEqual([]);
    await cn.close();
    await ru.close();

    // China's secretariat, reloading, sees it published with the link and the correction step.
    await openCommunique(page);
    expect(await page.getByRole('link', { name: 'Public page' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Edit the draft' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Publication' }).getByRole('button', { name: 'Correct…' }).count()).toBe(1);
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await widest(page)).toBeLessThanOrEqual(768);
    await screenshot(page, 'communiques-08-published-768');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('a new communiqué', () => {
  it('is drafted for an event with an embargo typed in Beijing time, internal, and lands on its page', async () => {
    const context = await beijingContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'cn-secretariat');
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/communiques`);
    await page.getByRole('link', { name: 'New communiqué' }).click();
    await page.getByRole('heading', { level: 1, name: 'New communiqué' }).waitFor();
    const event = page.getByLabel('Event', { exact: true });
    await event.selectOption((await event.locator('option', { hasText: 'Xi Jinping visits Moscow' }).getAttribute('value'))!);
    await page.getByLabel('Title — English (en)').fill('Joint statement on the state visit');
    await page.getByLabel('Text — English (en)').fill('The two sides held talks.\n\nThey agreed to meet again.');
    await page.getByLabel('Embargo (published at)').fill('2026-12-24T09:00');
    await expect.poll(() => page.locator('#field-embargo-hint').textContent()).toContain('Read as: 24 December 2026 at 09:00');
    await page.getByRole('group', { name: 'Who can read it' }).getByLabel('Internal').check();
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { level: 1, name: /Joint statement on the state visit/ }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const made = (await ws.demo.call('cn-secretariat', 'GET', `/api/v1/communiques/${id}`)).json() as Stored & { eventId: string | null; roundId: string | null };
    expect(made).toMatchObject({ status: 'draft', marking: 'internal', embargo: '2026-12-24T01:00:00.000Z', roundId: null });
    expect(made.eventId).not.toBeNull();
    const facts = await page.locator('.page-head dl').innerText();
    expect(facts).toMatch(/EVENT\s+Xi Jinping visits Moscow/);
    expect(facts).toMatch(/24 December 2026 at 09:00 (GMT\+8|CST)/);
    expect(await page.locator('.page-head .badge-internal').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Text', exact: true }).getByRole('paragraph').allInnerTexts()).toEqual(
      expect.arrayContaining(['The two sides held talks.', 'They agreed to meet again.']),
    );
    await expectAccessible(page, 'a new communiqué');
    expect(w.problems).toEqual([]);
    await context.close();
  });
});

describe('the moderation queue', () => {
  /** A visitor leaves a comment through the public page's form. */
  async function postComment(fields: { name: string; email: string; website: string; comment: string }): Promise<void> {
    const context = await ws.newContext();
    const visitor = await context.newPage();
    await visitor.goto(`${ws.origin}/en/communiques/${communiqueId}`);
    await visitor.getByLabel('Name *').fill(fields.name);
    await visitor.getByLabel('Email *').fill(fields.email);
    await visitor.getByLabel('Website').fill(fields.website);
    await visitor.getByLabel('Comment *').fill(fields.comment);
    await visitor.getByRole('button', { name: 'Post Comment' }).click();
    await visitor.waitForURL(/comment=pending/);
    await context.close();
  }

  it('shows pending comments with their email, the text as text; one marked as spam on its row, the others approved in bulk', async () => {
    await postComment({ name: 'Ada Reader', email: 'ada@example.org', website: 'https://ada.example.org', comment: COMMENT });
    await postComment({ name: 'Cheap Watches', email: 'spam@example.com', website: '', comment: 'Buy cheap watches now!' });
    await postComment({ name: 'Li Wei', email: 'li.wei@example.cn', website: '', comment: 'Looking forward to the next round.' });

    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'cn-secretariat');
    await page.getByRole('navigation').getByRole('link', { name: 'Comments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Comments by status' });
    expect(await tabs.getByRole('link', { name: 'Pending' }).getAttribute('aria-current')).toBe('page');
    const table = page.getByRole('table');
    await table.waitFor();
    const ada = table.getByRole('row').filter({ hasText: 'Ada Reader' });
    const cells = await ada.getByRole('cell').allInnerTexts();
    expect(cells[1]).toBe('ada@example.org');
    expect(cells[2]).toBe('https://ada.example.org/');
    expect(await ada.locator('.comment-body').innerText()).toBe(COMMENT);
    expect(cells[4]).toBe(TITLE_EN);
    // Shown as text: no element made from the visitor's markup.
    expect(await table.locator('.comment-body b, .comment-body script').count()).toBe(0);
    expect(await table.getByRole('row').count()).toBe(4);
    await expectAccessible(page, 'the moderation queue');
    await screenshot(page, 'communiques-09-moderation', { full: true });

    // One row's own action.
    await table.getByRole('row').filter({ hasText: 'Cheap Watches' }).getByRole('button', { name: 'Spam the comment of Cheap Watches' }).click();
    await expect.poll(() => page.locator('p.status-line').textContent()).toBe('1 comment marked as spam.');
    await expect.poll(() => table.getByRole('row').count()).toBe(3);

    // Select all from the keyboard, then approve in bulk.
    const bulkApprove = page.getByRole('button', { name: 'Approve selected' });
    expect(await bulkApprove.isDisabled()).toBe(true);
    await page.getByLabel('Select every comment shown').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('group', { name: 'With the selected comments' }).textContent()).toContain('2 comments selected');
    expect(await page.getByLabel('Select the comment of Ada Reader').isChecked()).toBe(true);
    await bulkApprove.click();
    await expect.poll(() => page.locator('p.status-line').textContent()).toBe('2 comments approved.');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('No comment is waiting for moderation.');
    await expectAccessible(page, 'the moderation queue, emptied');

    await tabs.getByRole('link', { name: 'Approved' }).click();
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(3);
    expect(await page.getByRole('table').textContent()).toContain('Moderated by cn-secretariat');
    await tabs.getByRole('link', { name: 'Spam' }).click();
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Cheap Watches');
    await screenshot(page, 'communiques-10-spam');

    // The public page shows the approved comments, never an email.
    const publicPage = await ws.demo.app.inject({ method: 'GET', url: `/en/communiques/${communiqueId}` });
    expect(publicPage.body).toContain('Ada Reader');
    expect(publicPage.body).not.toContain('ada@example.org');
    expect(publicPage.body).not.toContain('Cheap Watches');
    expect(w.problems).toEqual([]);
    await context.close();
  });

  it('is not offered to an observer', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    await signIn(ws, w.page, 'ru-observer');
    expect(await w.page.getByRole('navigation').getByRole('link', { name: 'Comments' }).count()).toBe(0);
    await w.page.goto(`${ws.origin}/workspace/m/${mechanismId}/comments`);
    await expect.poll(() => w.page.getByRole('main').textContent()).toContain('Only the secretariat and the co-chairs moderate comments.');
    expect(w.problems).toEqual([]);
    await context.close();
  });
});

describe('in Chinese and Russian', () => {
  it('translates the communiqués page, its statuses and the moderation queue, dates in each language', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'cn-secretariat');
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/communiques`);
    await page.getByRole('heading', { level: 1, name: 'Communiqués' }).waitFor();

    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('heading', { level: 1, name: '公报' }).waitFor();
    expect(await page.getByRole('navigation', { name: '工作区' }).getByRole('link').allTextContents()).toEqual(['概览', '各轮磋商', '承诺', '立场', '公报', '评论', '时间线', '日志']);
    const row = page.getByRole('row').filter({ hasText: TITLE_EN });
    expect(await row.textContent()).toContain('已发布');
    expect(await row.textContent()).toContain('2025年12月2日');
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['公报', '轮次或活动', '状态', '版本', '禁发时间', '批准人']);
    await expectAccessible(page, 'the communiqués in Chinese');
    await screenshot(page, 'communiques-11-list-zh');

    await page.getByLabel('语言').selectOption('ru');
    await page.getByRole('heading', { level: 1, name: 'Коммюнике' }).waitFor();
    const ruRow = page.getByRole('row').filter({ hasText: TITLE_EN });
    expect(await ruRow.textContent()).toContain('Опубликовано');
    expect(await ruRow.textContent()).toContain('2 декабря 2025');
    await ruRow.getByRole('link').first().click();
    await page.getByRole('region', { name: 'Одобрение' }).waitFor();
    expect(await page.getByRole('region', { name: 'Одобрение' }).textContent()).toContain('Опубликовано на всех языках одновременно');
    await expectAccessible(page, 'the communiqué in Russian');
    await screenshot(page, 'communiques-12-communique-ru', { full: true });
    await page.getByRole('navigation').getByRole('link', { name: 'Комментарии' }).click();
    await page.getByRole('heading', { level: 1, name: 'Комментарии' }).waitFor();
    await expectAccessible(page, 'the moderation queue in Russian');

    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    expect(w.problems).toEqual([]);
    await context.close();
  });
});
