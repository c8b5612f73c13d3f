import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible, screenshot, signIn, startWorkspace, watchedPage, type Watched, type Workspace } from './harness.ts';

/**
 * The commitments board, a commitment's page, the positions matrix and compliance per party,
 * in Chromium against the demo mechanism, as China's secretariat and as Russia's observer.
 * Besides the demo's four open commitments of round 20, the suite records (through the API)
 * a done one binding China, an overdue one binding Russia, one of China's internal ones,
 * evidence and assessments — so that the filters have something to tell apart.
 */

const DONE = 'Hold the joint maritime exercise (browser test).';
const OVERDUE = 'Publish the joint readout of the consultation (browser test).';
const CN_INTERNAL = 'Chinese internal follow-up commitment (browser test).';
const TRUST = 'Strengthen strategic trust.';
const EVIDENCE = 'Both sides briefed their ministries on the outcome (browser test).';
const PARTNER_REASON = 'Russia finds China’s follow-up complete (browser test).';
const CN_INTERNAL_SCORE = 'Demo internal note: follow-up under way; to be reviewed before the next round.';
const SUPPORT = "Russia reiterated its firm support for China's position.";

let ws: Workspace;
let mechanismId: string;
let internalId: string;
let trustId: string;

async function create(username: string, path: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await ws.demo.call(username, 'POST', `/api/v1/${path}`, { mechanismId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

beforeAll(async () => {
  ws = await startWorkspace();
  mechanismId = ws.demo.mechanismId;
  const round = (await ws.demo.call('cn-secretariat', 'GET', `/api/v1/mechanisms/${mechanismId}/rounds/20`)).json() as {
    round: { id: string };
    commitments: Array<{ id: string; text: { en: string } }>;
  };
  const roundId = round.round.id;
  trustId = round.commitments.find((c) => c.text.en === TRUST)!.id;
  await create('cn-secretariat', 'commitments', { roundId, parties: ['cn'], text: { en: DONE }, status: 'done', due: '2025-12' });
  await create('ru-secretariat', 'commitments', { roundId, parties: ['ru'], text: { en: OVERDUE, ru: 'Опубликовать совместное сообщение (тест).' }, status: 'in-progress', due: '2025-01' });
  internalId = (await create('cn-secretariat', 'commitments', { roundId, parties: ['cn'], text: { en: CN_INTERNAL }, marking: 'internal' })).id;
  await create('cn-secretariat', 'evidence', { commitmentId: trustId, date: '2025-12-10', note: { en: EVIDENCE }, url: 'https://example.org/readout' });
  await create('ru-secretariat', 'assessments', { commitmentId: trustId, party: 'cn', roundId, assessor: 'partner', score: 1, reason: { en: PARTNER_REASON } });
  await create('cn-secretariat', 'assessments', { commitmentId: trustId, party: 'cn', roundId, assessor: 'agreed', score: 1, reason: { en: 'Agreed: done.' } });
  await create('cn-secretariat', 'assessments', { commitmentId: trustId, party: 'ru', roundId, assessor: 'agreed', score: 0, reason: { en: 'Agreed: partly done.' } });
});

afterAll(async () => {
  await ws?.close();
});

const rowTexts = (page: Page) => page.getByRole('table', { name: 'Commitments matching the filters' }).getByRole('rowheader').allTextContents();
const board = (page: Page) => page.getByRole('navigation', { name: 'Commitments by status' });

async function openBoard(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Commitments' }).click();
  await page.getByRole('heading', { level: 1, name: 'Commitments' }).waitFor();
  await page.getByRole('table', { name: 'Commitments matching the filters' }).waitFor();
}

function expectClean(w: Watched): void {
  expect(w.problems).toEqual([]);
}

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

  it('shows compliance per party on the dashboard, from the agreed scores', async () => {
    const card = page.getByRole('region', { name: 'Compliance' });
    await card.getByRole('table').waitFor();
    expect(await card.getByRole('row', { name: /China/ }).textContent()).toMatch(/China100%1 commitment/);
    expect(await card.getByRole('row', { name: /Russia/ }).textContent()).toMatch(/Russia50%1 commitment/);
    expect(await card.textContent()).toContain('percentage = (average + 1) ÷ 2');
    await expectAccessible(page, 'the dashboard with compliance');
    await screenshot(page, 'commitments-01-dashboard-compliance', { full: true });
    expectClean(w);
  });

  it('lists every commitment with counts per status, and filters by status, party and overdue, kept in the URL', async () => {
    await openBoard(page);
    expect(await rowTexts(page)).toHaveLength(7);
    expect(await rowTexts(page)).toContain(CN_INTERNAL);
    const internalRow = page.getByRole('row').filter({ hasText: CN_INTERNAL });
    expect(await internalRow.locator('.badge-internal').count()).toBe(1);
    await expect.poll(() => board(page).getByRole('link').allTextContents()).toEqual(['All 7', 'Open 5', 'In progress 1', 'Done 1', 'Dropped 0']);
    const overdueRow = page.getByRole('row').filter({ hasText: OVERDUE });
    expect(await overdueRow.textContent()).toMatch(/Russia.*Round 20.*January 2025.*Overdue.*In progress.*Joint/);
    await expectAccessible(page, 'the commitments board');
    await screenshot(page, 'commitments-02-board', { full: true });

    await page.getByLabel('Status', { exact: true }).selectOption('done');
    await expect.poll(() => rowTexts(page)).toEqual([DONE]);
    expect(new URL(page.url()).search).toBe('?status=done');
    expect(await page.getByRole('status').textContent()).toBe('Showing 1 of 1 commitment.');

    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Binding party').selectOption('ru');
    await expect.poll(() => rowTexts(page)).toHaveLength(5);
    expect(await rowTexts(page)).toContain(OVERDUE);
    expect(await rowTexts(page)).not.toContain(DONE);
    await expect.poll(() => board(page).getByRole('link').allTextContents()).toEqual(['All 5', 'Open 4', 'In progress 1', 'Done 0', 'Dropped 0']);

    // The box follows the URL: it shows checked once the navigation the click starts is done
    // (check() would read it back at once, before that, on a busy machine).
    await page.getByLabel('Overdue only').click();
    await expect.poll(() => page.getByLabel('Overdue only').isChecked()).toBe(true);
    await expect.poll(() => rowTexts(page)).toEqual([OVERDUE]);
    expect(new URL(page.url()).search).toBe('?party=ru&overdue=1');

    // A shared link or a reload shows the same view.
    await page.reload();
    await expect.poll(() => rowTexts(page)).toEqual([OVERDUE]);
    expect(await page.getByLabel('Binding party').inputValue()).toBe('ru');
    expect(await page.getByLabel('Overdue only').isChecked()).toBe(true);
    await expectAccessible(page, 'the filtered board');
    await screenshot(page, 'commitments-03-board-filtered');

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect.poll(() => rowTexts(page)).toHaveLength(7);
    // The counts are links too: from the keyboard, Tab to "In progress" and press Enter.
    await board(page).getByRole('link', { name: /In progress/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rowTexts(page)).toEqual([OVERDUE]);
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('in-progress');
    expectClean(w);
  });

  it('opens a commitment with its trail, evidence and assessments, every link leading somewhere', async () => {
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/commitments?round=20&status=open`);
    await page.getByRole('link', { name: TRUST }).click();
    await page.getByRole('heading', { level: 1, name: /Commitment/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/workspace/m/${mechanismId}/commitments/${trustId}`);

    const trail = page.getByRole('region', { name: 'Source trail' });
    // The trail arrives with its own request, after the page's heading.
    await expect.poll(() => trail.getByRole('listitem').count(), { timeout: 10_000 }).toBe(4);
    const steps = await trail.getByRole('listitem').allInnerTexts();
    expect(steps.map((s) => s.split('\n')[0])).toEqual(['CONSENSUS ITEM', 'ROUND', 'COMMITMENT', 'EVIDENCE']);
    expect(steps[0]).toContain('President Xi Jinping and President Vladimir Putin');
    expect(steps[0]).toContain('Implemented at Round 20');
    expect(steps[1]).toMatch(/Round 20.*2 December 2025.*Beijing/);
    expect(steps[2]).toContain(TRUST);
    expect(steps[3]).toContain('1 entry');

    const evidence = page.getByRole('region', { name: 'Evidence' });
    expect(await evidence.textContent()).toContain(EVIDENCE);
    expect(await evidence.textContent()).toContain('10 December 2025');
    expect(await evidence.getByRole('link', { name: 'Source: example.org' }).getAttribute('href')).toBe('https://example.org/readout');

    const assessments = page.getByRole('region', { name: 'Assessments' });
    const compliance = assessments.getByRole('table', { name: 'Compliance by party and assessor, in percent' });
    expect(await compliance.getByRole('row', { name: /China/ }).textContent()).toBe('China50%100%100%');
    expect(await compliance.getByRole('row', { name: /Russia/ }).textContent()).toBe('RussiaNot assessedNot assessed50%');
    const text = (await assessments.textContent()) ?? '';
    expect(text).toContain(PARTNER_REASON);
    expect(text).toContain(CN_INTERNAL_SCORE); // China's own internal self-assessment
    expect(text).toContain('+1 Full compliance');
    expect(text).toContain('0 Partial compliance');
    await expectAccessible(page, 'a commitment');
    await screenshot(page, 'commitments-04-commitment', { full: true });

    // The trail's evidence link goes to the evidence; its round link to the round.
    await trail.getByRole('link', { name: '1 entry' }).click();
    expect(new URL(page.url()).hash).toBe('#evidence');
    await trail.getByRole('listitem').nth(1).getByRole('link', { name: 'Round 20' }).click();
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'All commitments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Commitments' }).waitFor();
    expectClean(w);
  });

  it('shows the positions matrix: China’s positions, Russia’s support at round 20, China’s internal note', async () => {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Positions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Positions' }).waitFor();
    const matrix = page.getByRole('table', { name: 'Positions by issue and source, one column per party' });
    await matrix.waitFor();
    expect(await matrix.getByRole('columnheader').allTextContents()).toEqual(['Issue', 'Source', 'China', 'Russia']);
    const taiwan = matrix.locator('tbody').filter({ hasText: 'Taiwan' });
    const rows = taiwan.getByRole('row');
    expect(await rows.count()).toBe(2);
    expect((await rows.nth(0).getByRole('cell').allTextContents()).map((s) => s.trim())).toEqual(['Holds this position', '—Nothing recorded']);
    expect(await rows.nth(1).getByRole('rowheader').last().textContent()).toBe('Round 20');
    expect(await rows.nth(1).getByRole('cell').nth(1).textContent()).toContain(SUPPORT);
    expect(await matrix.textContent()).toContain('Demo internal briefing note of the Chinese secretariat.');
    expect(await matrix.textContent()).not.toContain('Russian secretariat');
    await expectAccessible(page, 'the positions matrix');
    await screenshot(page, 'commitments-05-positions', { full: true });

    await rows.nth(1).getByRole('link', { name: 'Round 20' }).click();
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    expectClean(w);
  });

  it('reads at 768 px wide', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/commitments/${trustId}`);
    await page.getByRole('region', { name: 'Source trail' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    await screenshot(page, 'commitments-06-commitment-768');
    await page.setViewportSize({ width: 1280, height: 800 });
    expectClean(w);
  });
});

describe('as ru-observer', () => {
  let context: BrowserContext;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    context = await ws.newContext();
    w = await watchedPage(context);
    page = w.page;
    await signIn(ws, page, 'ru-observer');
  });

  afterAll(async () => {
    await context?.close();
  });

  it('sees the shared commitments and none of China’s internal ones, and filters them', async () => {
    await openBoard(page);
    expect(await rowTexts(page)).toHaveLength(6);
    expect(await page.getByRole('main').textContent()).not.toContain(CN_INTERNAL);
    expect(await page.locator('.badge-internal').count()).toBe(0);
    await expect.poll(() => board(page).getByRole('link').allTextContents()).toEqual(['All 6', 'Open 4', 'In progress 1', 'Done 1', 'Dropped 0']);
    await expectAccessible(page, 'the board as ru-observer');
    await screenshot(page, 'commitments-07-board-ru-observer');

    await page.getByLabel('Binding party').selectOption('cn');
    await expect.poll(() => rowTexts(page)).toHaveLength(5);
    expect(await rowTexts(page)).toContain(DONE);
    await page.getByLabel('Status', { exact: true }).selectOption('open');
    await expect.poll(() => rowTexts(page)).toHaveLength(4);
    expect(await rowTexts(page)).not.toContain(DONE);
    expect(new URL(page.url()).search).toBe('?status=open&party=cn');

    // China's internal commitment, even by its address, is not there.
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/commitments/${internalId}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expectClean(w);
  });

  it('opens a commitment: its trail and the shared assessments, not China’s internal one', async () => {
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/commitments/${trustId}`);
    await expect.poll(() => page.getByRole('region', { name: 'Source trail' }).textContent(), { timeout: 10_000 }).toContain('Round 20');
    const assessments = (await page.getByRole('region', { name: 'Assessments' }).textContent()) ?? '';
    expect(assessments).toContain(PARTNER_REASON);
    expect(assessments).not.toContain(CN_INTERNAL_SCORE);
    expect(await page.locator('.badge-internal').count()).toBe(0);
    await expectAccessible(page, 'a commitment as ru-observer');
    await screenshot(page, 'commitments-08-commitment-ru-observer', { full: true });
    expectClean(w);
  });

  it('sees China’s positions and Russia’s support in the matrix, in Russian too, and only its own party’s internal note', async () => {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Positions' }).click();
    const matrix = page.getByRole('table', { name: 'Positions by issue and source, one column per party' });
    await matrix.waitFor();
    const taiwan = matrix.locator('tbody').filter({ hasText: 'Taiwan' });
    expect(await taiwan.getByRole('row').nth(1).textContent()).toContain(SUPPORT);
    const text = (await matrix.textContent()) ?? '';
    expect(text).toContain('Demo internal briefing note of the Russian secretariat.');
    expect(text).not.toContain('Chinese secretariat');
    await expectAccessible(page, 'the positions matrix as ru-observer');

    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', { level: 1, name: 'Позиции' }).waitFor();
    const ru = page.getByRole('table', { name: 'Позиции по вопросам и источникам, по столбцу на сторону' });
    const taiwanRu = ru.locator('tbody').filter({ hasText: 'Тайвань' });
    expect(await taiwanRu.getByRole('rowheader').first().textContent()).toBe('Тайвань');
    // The wording exists in English and French only: shown in English, marked.
    const wording = taiwanRu.getByRole('row').nth(1).getByRole('cell').nth(1);
    expect(await wording.textContent()).toContain(SUPPORT);
    expect(await wording.locator('.lang-mark').getAttribute('title')).toMatch(/английск/);
    await expectAccessible(page, 'the positions matrix in Russian');
    await screenshot(page, 'commitments-09-positions-ru', { full: true });
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Positions' }).waitFor();
    expectClean(w);
  });
});
