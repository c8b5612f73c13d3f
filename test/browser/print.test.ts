import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInternalStatement, SCREENSHOTS, screenshot, signIn, startWorkspace, watchedPage, type Workspace } from './harness.ts';

/**
 * Round 20 printed (issue 5): under print media the page is the record alone — no navigation,
 * language switch, buttons, editor links, signing controls or skip link — with the co-chairs, the
 * statements and an INTERNAL marking still there; Chromium prints it to a PDF.
 */

const INTERNAL_NOTE = 'Internal readout of the Chinese secretariat (print test).';

let ws: Workspace;
let mechanismId: string;

beforeAll(async () => {
  ws = await startWorkspace();
  mechanismId = ws.demo.mechanismId;
  // One of China's internal records on round 20: its marking must reach the paper.
  await addInternalStatement(ws, INTERNAL_NOTE);
});

afterAll(async () => {
  await ws?.close();
});

describe('printing round 20 as cn-secretariat', () => {
  it('prints the record without the screen’s controls, keeps the INTERNAL marking, and makes a PDF', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'cn-secretariat');
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds/20`);
    await page.getByRole('heading', { level: 1, name: /Round 20/ }).waitFor();
    await page.getByRole('link', { name: 'Add statement' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Outcome and signatures' }).waitFor();
    await expect.poll(() => page.locator('.ledger-record').textContent(), { timeout: 10_000 }).toMatch(/In the log at index \d+/);

    await page.emulateMedia({ media: 'print' });

    // Present in the page, hidden on paper.
    const hidden = {
      navigation: page.locator('nav.nav'),
      'language switch': page.getByLabel('Language'),
      'skip link': page.locator('a.skip-link'),
      'editor links': page.locator('.editor-links'),
      'edit links': page.locator('a.edit-link'),
      'sign-out button': page.locator('button', { hasText: 'Sign out' }),
    };
    for (const [what, locator] of Object.entries(hidden)) {
      expect(await locator.count(), what).toBeGreaterThan(0);
      for (const one of await locator.all()) expect(await one.isVisible(), what).toBe(false);
    }
    const buttons = page.locator('button, .button');
    expect(await buttons.count()).toBeGreaterThan(3);
    expect(await buttons.evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length)).toBe(0);

    // The record itself.
    expect(await page.getByRole('heading', { level: 1, name: /Round 20/ }).isVisible()).toBe(true);
    const coChairs = page.getByRole('region', { name: 'Co-chairs' });
    expect(await coChairs.isVisible()).toBe(true);
    expect(await coChairs.innerText()).toMatch(/Wang Yi[\s\S]*Sergei Shoigu/);
    const statements = page.getByRole('region', { name: 'Statements' });
    expect(await statements.isVisible()).toBe(true);
    expect(await statements.innerText()).toContain('coordination is at its highest level ever');
    const badge = statements.locator('.statement').filter({ hasText: INTERNAL_NOTE }).locator('.badge-internal');
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.innerText()).toMatch(/^INTERNAL/);
    expect(await page.getByRole('region', { name: 'Commitments made' }).isVisible()).toBe(true);
    // The outcome and who signed it are part of the record; only the signing controls go.
    const outcome = page.locator('section.outcome');
    expect(await outcome.isVisible()).toBe(true);
    expect(await outcome.locator('.outcome-hash').isVisible()).toBe(true);

    // Black on white, full width, and no address printed after a link.
    const look = await page.evaluate(`(() => {
      const style = (sel) => getComputedStyle(document.querySelector(sel));
      const link = document.querySelector('.section a[href]') ?? document.querySelector('a.brand');
      return {
        body: style('body').backgroundColor,
        text: style('.statement-text').color,
        badge: style('.badge-internal').color,
        main: style('.main').maxWidth,
        after: getComputedStyle(link, '::after').content,
        statementBreak: style('.statement').breakInside,
        headingBreak: style('h2').breakAfter,
      };
    })()`);
    expect(look).toEqual({
      body: 'rgb(255, 255, 255)',
      text: 'rgb(0, 0, 0)',
      badge: 'rgb(0, 0, 0)',
      main: 'none',
      after: 'none',
      statementBreak: 'avoid',
      headingBreak: 'avoid',
    });
    await screenshot(page, 'print-01-round-20', { full: true });

    const pdfPath = path.join(SCREENSHOTS, 'round-20.pdf');
    const pdf = await page.pdf({ path: pdfPath, format: 'A4' });
    expect(pdf.length).toBeGreaterThan(1000);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fs.statSync(pdfPath).size).toBe(pdf.length);

    expect(w.problems).toEqual([]);
    await context.close();
  });
});
