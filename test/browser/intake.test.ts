import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { COMMUNIQUE_TEXT_FR } from '../../src/seed/communique-2025-12-02.fr.ts';
import { expectAccessible, screenshot, signIn, startWorkspace, watchedPage, type Watched, type Workspace } from './harness.ts';

/**
 * The intake in Chromium against the real server: China's secretariat opens it from the rounds
 * list, pastes the demo's communiqué, extracts, sees each item's source highlighted beside the
 * draft (a passage leads to its card, a card lights its passages), is refused at the round number
 * (the demo has round 20 already), records it as round 21 and follows the link to the new round.
 * Each state passes axe-core, at 1280 and 768 px, with no console error or CSP violation.
 */

let ws: Workspace;
let mechanismId: string;
let context: BrowserContext;
let watched: Watched;
let page: Page;

beforeAll(async () => {
  ws = await startWorkspace();
  mechanismId = ws.demo.mechanismId;
  context = await ws.newContext();
  watched = await watchedPage(context);
  page = watched.page;
  await signIn(ws, page, 'cn-secretariat');
});

afterAll(async () => {
  expect(watched?.problems ?? []).toEqual([]);
  await context?.close();
  await ws?.close();
});

/** The error shown at an input: aria-invalid, and the text its aria-describedby points to. */
async function errorAt(input: Locator): Promise<string> {
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const texts = await Promise.all(ids.filter((id) => id.endsWith('-error')).map((id) => input.page().locator(`#${id}`).textContent()));
  return texts.join(' ');
}

function widest(p: Page): Promise<number> {
  return p.evaluate('document.documentElement.scrollWidth') as Promise<number>;
}

describe('recording a round from a communiqué', () => {
  it('opens from the rounds list with the text form', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Rounds' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rounds' }).waitFor();
    await page.getByRole('link', { name: 'Record a round from a communiqué' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record a round from a communiqué' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/workspace/m/${mechanismId}/intake`);
    await expectAccessible(page, 'the intake form');
    await screenshot(page, 'intake-01-form');
  });

  it('extracts the pasted text into a draft beside it, each source highlighted', async () => {
    await page.getByLabel('Text of the communiqué').fill(COMMUNIQUE_TEXT_FR);
    await page.getByLabel('Publication date').fill('2025-12-02');
    await page.getByRole('button', { name: 'Extract' }).click();
    await page.getByRole('heading', { level: 2, name: 'The draft' }).waitFor();

    const round = page.locator('#intake-item-round');
    expect(await round.getByLabel('Number', { exact: true }).inputValue()).toBe('20');
    expect(await page.locator('#intake-item-date').getByRole('textbox').inputValue()).toBe('2025-12-02');
    expect(await page.locator('#intake-item-place').getByLabel('City', { exact: true }).inputValue()).toBe('Pékin');
    expect(await round.textContent()).toMatch(/Confidence: \d+% \((high|medium|low)\)/);
    const chair = page.locator('#intake-item-coChairs-0');
    expect(await chair.getByLabel('Name', { exact: true }).inputValue()).toBe('Wang Yi');
    expect(await chair.textContent()).toContain('Linked to a person the record knows.');

    const marks = page.locator('.intake-text mark');
    expect(await marks.count()).toBeGreaterThan(10);
    // The text is shown whole, marks and all.
    expect((await page.locator('.intake-text').textContent())!.replace(/ \(source of: [^)]*\)/g, '')).toBe(COMMUNIQUE_TEXT_FR);
    await expectAccessible(page, 'the draft beside its text');
    await screenshot(page, 'intake-02-review', { full: true });
  });

  it('leads from a highlighted passage to its item, and lights the passages of the item in view', async () => {
    // The round number's passage: the first mark after its anchor.
    const passage = page.locator('#intake-src-round ~ mark').first().locator('a');
    await passage.click();
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('intake-item-round-title');
    expect(await page.locator('#intake-item-round').getAttribute('class')).toContain('is-active');
    expect(await passage.locator('xpath=..').getAttribute('class')).toContain('is-active');

    // From the keyboard: the card's "Show in the text" focuses its first passage.
    await page.locator('#intake-item-place').getByRole('link', { name: 'Show in the text' }).focus();
    await page.keyboard.press('Enter');
    const focused = (await page.evaluate('document.activeElement && document.activeElement.textContent')) as string;
    expect(focused).toContain('Pékin');
    expect(await page.locator('.intake-text mark.is-active').count()).toBeGreaterThan(0);
  });

  it('is refused at the round number the mechanism has already, and nothing is written', async () => {
    const roundsBefore = (await ws.demo.call('cn-secretariat', 'GET', `/api/v1/rounds?mechanismId=${mechanismId}`)).json() as { items: unknown[] };
    await page.getByRole('button', { name: 'Create records' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('nothing was written');
    expect(await errorAt(page.locator('#intake-item-round').getByLabel('Number', { exact: true }))).toBe('round 20 exists already in this mechanism');
    const roundsAfter = (await ws.demo.call('cn-secretariat', 'GET', `/api/v1/rounds?mechanismId=${mechanismId}`)).json() as { items: unknown[] };
    expect(roundsAfter.items).toHaveLength(roundsBefore.items.length);
    await expectAccessible(page, 'the draft refused at the round');
    await screenshot(page, 'intake-03-refused');
  });

  it('records it as round 21 and links to the new round', async () => {
    await page.locator('#intake-item-round').getByLabel('Number', { exact: true }).fill('21');
    await page.getByLabel('Host party').selectOption({ label: 'China' });
    await page.getByRole('button', { name: 'Create records' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Round 21 is recorded' });
    await done.waitFor();
    await expectAccessible(page, 'the draft recorded');
    await screenshot(page, 'intake-04-recorded');
    await done.getByRole('link', { name: 'Open round 21' }).click();
    await page.getByRole('heading', { level: 1, name: /Round 21/ }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Wang Yi');
    const view = (await ws.demo.call('cn-observer', 'GET', `/api/v1/mechanisms/${mechanismId}/rounds/21`)).json() as { round: { hostParty: string; place: Record<string, string>; status: string; marking: string } };
    expect(view.round).toMatchObject({ hostParty: 'cn', status: 'held', marking: 'joint' });
    expect(view.round.place.fr).toBe('Pékin');
  });

  it('reads at 768 px: the text above the draft, nothing wider than the window', async () => {
    const narrow = await ws.browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB', timezoneId: 'UTC' });
    const w = await watchedPage(narrow);
    await signIn(ws, w.page, 'cn-secretariat');
    await w.page.goto(`${ws.origin}/workspace/m/${mechanismId}/intake`);
    await w.page.getByLabel('Text of the communiqué').fill(COMMUNIQUE_TEXT_FR);
    await w.page.getByRole('button', { name: 'Extract' }).click();
    await w.page.getByRole('heading', { level: 2, name: 'The draft' }).waitFor();
    expect(await widest(w.page)).toBeLessThanOrEqual(768);
    const text = (await w.page.locator('.intake-text').boundingBox())!;
    const draft = (await w.page.getByRole('heading', { level: 2, name: 'The draft' }).boundingBox())!;
    expect(draft.y).toBeGreaterThan(text.y + text.height - 1);
    await expectAccessible(w.page, 'the draft at 768 px');
    await screenshot(w.page, 'intake-05-narrow');
    expect(w.problems).toEqual([]);
    await narrow.close();
  });
});
