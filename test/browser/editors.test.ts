import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expectAccessible, screenshot, signIn, startWorkspace, watchedPage, type Watched, type Workspace } from './harness.ts';

/**
 * The editors in Chromium against the real server, as a Chinese secretariat: create a round,
 * add a statement, a commitment and an agenda item to round 20, follow a commitment up with
 * evidence and a self-assessment; refused forms show the API's errors at their fields and
 * save nothing; one flow from the keyboard alone; a delegate meets a refusal said plainly.
 */

let ws: Workspace;
let mechanismId: string;
let round20: string;

interface Listed {
  items: Array<Record<string, unknown> & { id: string }>;
}

async function list(path: string): Promise<Listed['items']> {
  const res = await ws.demo.call('cn-secretariat', 'GET', `/api/v1/${path}${path.includes('?') ? '&' : '?'}mechanismId=${mechanismId}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Listed).items;
}

beforeAll(async () => {
  ws = await startWorkspace();
  mechanismId = ws.demo.mechanismId;
  const view = await ws.demo.call('cn-secretariat', 'GET', `/api/v1/mechanisms/${mechanismId}/rounds/20`);
  round20 = (view.json() as { round: { id: string } }).round.id;
});

afterAll(async () => {
  await ws?.close();
});

/** Whether `target` has the focus (evaluated in the page: the tests' TypeScript has no DOM types). */
function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
}

/** Tabs until `target` has the focus (as a person would), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) return;
  }
  throw new Error('never reached by Tab');
}

/** The error shown at an input: aria-invalid, and the text its aria-describedby points to. */
async function errorAt(input: Locator): Promise<string> {
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const texts = await Promise.all(ids.filter((id) => id.endsWith('-error')).map((id) => input.page().locator(`#${id}`).textContent()));
  return texts.join(' ');
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
    expect(w.problems).toEqual([]);
    await context?.close();
  });

  const roundPage = async () => {
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds/20`);
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
  };

  it('creates round 21 from the rounds list and sees it there', async () => {
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds`);
    await page.getByRole('link', { name: 'New round' }).click();
    await page.getByRole('heading', { level: 1, name: 'New round' }).waitFor();
    await page.getByLabel('Number').waitFor();
    await expectAccessible(page, 'the new round editor');
    await screenshot(page, 'editors-01-new-round', { full: true });

    await page.getByLabel('Number').fill('21');
    await page.getByLabel('Start date').fill('2026-06');
    await expect.poll(() => page.getByText('Read as: June 2026.').count()).toBe(1);
    await page.getByLabel('Place — English (en)').fill('Moscow');
    await page.getByLabel('Place — French (fr)').fill('Moscou');
    await page.getByLabel('Host party').selectOption({ label: 'Russia' });
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { level: 1, name: 'Rounds' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Round 21' });
    await expect.poll(() => row.textContent()).toContain('June 2026');
    expect(await row.textContent()).toContain('Moscow');
    expect(await row.textContent()).toContain('Russia');
    expect(await row.textContent()).toContain('Planned');
    const stored = (await list('rounds')).find((r) => r.number === 21);
    expect(stored).toMatchObject({ startDate: '2026-06', place: { en: 'Moscow', fr: 'Moscou' }, hostParty: 'ru', marking: 'joint', ownerParty: 'cn' });
  });

  it('refuses a round number already used at the Number field, keeps the input, and saves nothing', async () => {
    const before = await list('rounds');
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/edit/round/new`);
    await page.getByLabel('Number').fill('20');
    await page.getByLabel('Place — English (en)').fill('Shanghai');
    await page.getByRole('button', { name: 'Save' }).click();

    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('The record was not saved.');
    expect(await hasFocus(summary)).toBe(true);
    expect(await summary.textContent()).toContain('Number: round 20 exists already in this mechanism');
    expect(await errorAt(page.getByLabel('Number'))).toBe('round 20 exists already in this mechanism');
    expect(await page.getByLabel('Place — English (en)').inputValue()).toBe('Shanghai');
    expect(await page.getByLabel('Number').inputValue()).toBe('20');
    await expectAccessible(page, 'the round editor with an error');
    await screenshot(page, 'editors-02-round-number-taken', { full: true });

    // The summary's link takes the focus to the field.
    await summary.getByRole('link', { name: 'Number' }).click();
    expect(await hasFocus(page.getByLabel('Number'))).toBe(true);
    expect(await list('rounds')).toHaveLength(before.length);
  });

  it('adds a statement in English and French to round 20 and sees it on the round page', async () => {
    await roundPage();
    await page.getByRole('link', { name: 'Add statement' }).click();
    await page.getByRole('heading', { level: 1, name: 'New statement' }).waitFor();
    await page.getByLabel('Speaker').locator('option', { hasText: 'Wang Yi (China)' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Round', { exact: true }).locator('option:checked').textContent()).toBe('Round 20');
    await expectAccessible(page, 'the new statement editor');

    await page.getByLabel('Speaker').selectOption({ label: 'Wang Yi (China)' });
    await page.getByLabel('Party', { exact: true }).selectOption({ label: 'China' });
    await page.getByLabel('Kind').selectOption({ label: 'Chair’s summary' });
    await page.getByLabel('Text — English (en)').fill('The two sides reviewed the follow-up of the leaders’ consensus.');
    await page.getByLabel('Text — French (fr)').fill('Les deux parties ont examiné le suivi du consensus des dirigeants.');
    await screenshot(page, 'editors-03-new-statement', { full: true });
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    const statements = page.getByRole('region', { name: 'Statements' });
    await expect.poll(() => statements.textContent()).toContain('The two sides reviewed the follow-up of the leaders’ consensus.');
    expect(await statements.textContent()).toContain('Chair’s summary');
    const stored = (await list(`statements?roundId=${round20}`)).find((s) => s.kind === 'chair-summary');
    expect(stored?.text).toEqual({ en: 'The two sides reviewed the follow-up of the leaders’ consensus.', fr: 'Les deux parties ont examiné le suivi du consensus des dirigeants.' });
  });

  it('refuses a statement without text at the Text field and writes nothing', async () => {
    const before = await list(`statements?roundId=${round20}`);
    await roundPage();
    await page.getByRole('link', { name: 'Add statement' }).click();
    await page.getByLabel('Kind').selectOption({ label: 'Readout' });
    await page.getByLabel('Party', { exact: true }).selectOption({ label: 'China' });
    await page.getByRole('button', { name: 'Save' }).click();

    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Text: needs a text in at least one language');
    expect(await errorAt(page.getByLabel('Text — English (en)'))).toContain('needs a text in at least one language');
    expect(await page.getByLabel('Kind').inputValue()).toBe('readout');
    await expectAccessible(page, 'the statement editor with an error');
    await screenshot(page, 'editors-04-statement-empty-text', { full: true });
    expect(await list(`statements?roundId=${round20}`)).toHaveLength(before.length);
  });

  it('adds a commitment to round 20 and sees it there', async () => {
    await roundPage();
    await page.getByRole('link', { name: 'Add commitment' }).click();
    await page.getByRole('heading', { level: 1, name: 'New commitment' }).waitFor();
    await expectAccessible(page, 'the new commitment editor');
    await page.getByLabel('Text — English (en)').fill('Hold a joint seminar on strategic stability.');
    await page.getByLabel('China', { exact: true }).check();
    await page.getByLabel('Russia', { exact: true }).check();
    await page.getByLabel('Due').fill('2026');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    const made = page.getByRole('region', { name: 'Commitments made' });
    await expect.poll(() => made.textContent()).toContain('Hold a joint seminar on strategic stability.');
    const item = made.getByRole('listitem').filter({ hasText: 'Hold a joint seminar' });
    expect(await item.textContent()).toContain('Due 2026');
    expect(await item.textContent()).toContain('Binds China and Russia');
  });

  it('updates a commitment with evidence and a self-assessment, and sees them', async () => {
    await roundPage();
    const item = page.getByRole('region', { name: 'Commitments made' }).getByRole('listitem').filter({ hasText: 'Work hand in hand to face emerging threats.' });
    await item.getByRole('link', { name: 'Edit commitment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit commitment' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Evidence' }).waitFor();
    expect(await page.getByLabel('Text — English (en)').inputValue()).toBe('Work hand in hand to face emerging threats.');

    await page.getByRole('link', { name: 'Add evidence' }).click();
    await page.getByRole('heading', { level: 1, name: 'New evidence' }).waitFor();
    await expectAccessible(page, 'the new evidence editor');
    await page.getByLabel('Date', { exact: false }).fill('2026-01-15');
    await page.getByLabel('Note — English (en)').fill('A working group on emerging threats met in Harbin.');
    await page.getByLabel('Link').fill('https://example.org/working-group');
    await screenshot(page, 'editors-05-new-evidence', { full: true });
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { level: 1, name: 'Edit commitment' }).waitFor();
    const evidence = page.getByRole('region', { name: 'Evidence' });
    await expect.poll(() => evidence.textContent()).toContain('A working group on emerging threats met in Harbin.');
    expect(await evidence.textContent()).toContain('15 January 2026');

    await page.getByRole('link', { name: 'Add assessment' }).click();
    await page.getByRole('heading', { level: 1, name: 'New assessment' }).waitFor();
    expect(await page.getByLabel('Assessed by').inputValue()).toBe('self');
    expect(await page.getByLabel('Party (required)').inputValue()).toBe('cn');
    await page.getByLabel('Round', { exact: true }).selectOption({ label: 'Round 20' });
    await page.getByLabel('Score').selectOption({ label: '0 partial compliance' });
    await page.getByLabel('Reason — English (en)').fill('The working group met; its plan is not adopted yet.');
    await expectAccessible(page, 'the new assessment editor');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { level: 1, name: 'Edit commitment' }).waitFor();
    const assessments = page.getByRole('region', { name: 'Assessments' });
    await expect.poll(() => assessments.textContent()).toContain('Self-assessment · China · 0 partial compliance');
    expect(await assessments.textContent()).toContain('The working group met; its plan is not adopted yet.');
    await page.getByLabel('Status').selectOption({ label: 'In progress' });
    await expectAccessible(page, 'the commitment editor with its follow-up');
    await screenshot(page, 'editors-06-commitment-follow-up', { full: true });
    await page.getByRole('button', { name: 'Save' }).click();

    // Back where the edit started: the round page, with the new status.
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    const updated = page.getByRole('region', { name: 'Commitments made' }).getByRole('listitem').filter({ hasText: 'Work hand in hand' });
    await expect.poll(() => updated.textContent()).toContain('In progress');
    const commitment = (await list(`commitments?roundId=${round20}`)).find((c) => (c.text as { en: string }).en.startsWith('Work hand in hand'))!;
    expect(commitment.status).toBe('in-progress');
    const assessed = await list(`assessments?commitmentId=${commitment.id}`);
    expect(assessed).toEqual([expect.objectContaining({ party: 'cn', assessor: 'self', score: 0, roundId: round20 })]);
  });

  it('adds an agenda item from the keyboard alone', async () => {
    await roundPage();
    await page.locator('body').focus();
    await tabTo(page, page.getByRole('link', { name: 'Add agenda item' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New agenda item' }).waitFor();
    await page.getByLabel('Title — English (en)').waitFor();
    expect(await page.getByLabel('Place in the agenda').inputValue()).toBe('3');
    await expectAccessible(page, 'the new agenda item editor');
    await tabTo(page, page.getByLabel('Title — English (en)'));
    await page.keyboard.type('Arms control and strategic stability');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Maîtrise des armements et stabilité stratégique');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    const agenda = page.getByRole('region', { name: 'Agenda' });
    await expect.poll(async () => (await agenda.getByRole('listitem').allTextContents()).map((s) => s.trim())).toEqual([
      "Implementing the leaders' key consensus",
      'Crucial security questions',
      'Arms control and strategic stability',
    ]);
    await screenshot(page, 'editors-07-round-with-additions', { full: true });
  });

  it('edits round 20 with its co-chairs shown by party', async () => {
    await roundPage();
    await page.getByRole('link', { name: 'Edit round' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit round' }).waitFor();
    await page.getByLabel('Co-chair for China').locator('option', { hasText: 'Wang Yi' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Number').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByLabel('Co-chair for Russia').locator('option:checked').textContent()).toBe('Sergei Shoigu');
    await expectAccessible(page, 'the round editor');
    await screenshot(page, 'editors-08-edit-round', { full: true });
    await page.getByLabel('End date').fill('2025-12-03');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    await expect.poll(async () => (await list('rounds')).find((r) => r.number === 20)?.endDate).toBe('2025-12-03');
    expect(await page.locator('.page-head time').first().textContent()).toMatch(/^2\s*–\s*3 December 2025$/);
  });
});

describe('as cn-delegate and cn-observer', () => {
  it('offers a delegate no editor of rounds, and says plainly when the API refuses a change', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'cn-delegate');
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds/20`);
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    await page.getByRole('region', { name: 'Commitments made' }).waitFor();
    expect(await page.getByRole('link', { name: 'Add statement' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit commitment' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Follow up' }).count()).toBeGreaterThan(0);

    // A delegate may not give a partner assessment: the API answers 403, shown as it is.
    const commitment = (await list(`commitments?roundId=${round20}`))[0]!;
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/edit/assessment/new?parent=${commitment.id}`);
    await page.getByLabel('Assessed by').selectOption({ label: 'Partner assessment' });
    await page.getByLabel('Party (required)').selectOption({ label: 'Russia' });
    await page.getByLabel('Score').selectOption({ label: '+1 full compliance' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('You may not make this change: a delegate may only');
    await expectAccessible(page, 'the assessment editor refused');
    await screenshot(page, 'editors-09-refused', { full: true });
    expect(w.problems).toEqual([]);
    await context.close();
  });

  it('shows an observer no way to edit, and says so on an editor’s address', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'cn-observer');
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds`);
    await page.getByRole('row').filter({ hasText: 'Round 20' }).waitFor();
    expect(await page.getByRole('link', { name: 'New round' }).count()).toBe(0);
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/edit/round/new`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Your role does not allow changing this record.');
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await expectAccessible(page, 'an editor refused to an observer');
    expect(w.problems).toEqual([]);
    await context.close();
  });
});

describe('the timeline’s and the positions’ ways into the editors', () => {
  it('lets a secretariat add a milestone from the timeline and see it there; an observer sees no such link', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'cn-secretariat');
    await page.getByRole('navigation').getByRole('link', { name: 'Positions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Positions' }).waitFor();
    expect(await page.getByRole('link', { name: 'New position' }).getAttribute('href')).toBe(`/workspace/m/${mechanismId}/edit/position/new`);

    await page.getByRole('navigation').getByRole('link', { name: 'Timeline' }).click();
    await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
    await page.locator('svg.tl-chart').waitFor();
    const actions = page.getByRole('group', { name: 'Add to the timeline' });
    expect(await actions.getByRole('link').allTextContents()).toEqual(['New event', 'New milestone']);
    await expectAccessible(page, 'the timeline with its editor links');

    await actions.getByRole('link', { name: 'New milestone' }).click();
    await page.getByRole('heading', { level: 1, name: 'New milestone' }).waitFor();
    await page.getByLabel('Title — English (en)').fill('Joint statement on a new era of partnership');
    await page.getByLabel('Title — French (fr)').fill('Déclaration commune sur une nouvelle ère de partenariat');
    await page.getByLabel('Date', { exact: false }).fill('2019');
    await expect.poll(() => page.getByText('Read as: 2019.').count()).toBe(1);
    await expectAccessible(page, 'the new milestone editor');
    await screenshot(page, 'editors-10-new-milestone', { full: true });
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
    const chart = page.locator('svg.tl-chart');
    await expect
      .poll(() => chart.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('aria-label'))))
      .toContain('Milestone: Joint statement on a new era of partnership, 2019');
    expect(await chart.textContent()).toContain('Joint statement on a new era of partnership');
    await screenshot(page, 'editors-11-timeline-with-milestone');
    const stored = (await list('milestones')).find((m) => m.date === '2019');
    expect(stored).toMatchObject({ title: { en: 'Joint statement on a new era of partnership', fr: 'Déclaration commune sur une nouvelle ère de partenariat' }, ownerParty: 'cn' });
    expect(w.problems).toEqual([]);
    await context.close();

    const observerContext = await ws.newContext();
    const o = await watchedPage(observerContext);
    await signIn(ws, o.page, 'cn-observer');
    await o.page.goto(`${ws.origin}/workspace/m/${mechanismId}/timeline`);
    await o.page.locator('svg.tl-chart').waitFor();
    expect(await o.page.getByRole('link', { name: 'New milestone' }).count()).toBe(0);
    expect(await o.page.getByRole('link', { name: 'New event' }).count()).toBe(0);
    await o.page.goto(`${ws.origin}/workspace/m/${mechanismId}/positions`);
    await o.page.getByRole('table').waitFor();
    expect(await o.page.getByRole('link', { name: 'New position' }).count()).toBe(0);
    expect(o.problems).toEqual([]);
    await observerContext.close();
  });
});
