import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, startWorkspace, watchedPage, type Workspace } from './harness.ts';
import { publishRound20 } from '../../src/public/comments/test-helpers.ts';

/**
 * Comments carrying script and markup, sent through the public form in Chromium, approved by
 * the secretariat through the API, then read on the page: nothing of them runs (no flag set, no
 * dialog, no console error or CSP report), and they read as the text that was typed.
 */

let ws: Workspace;
let id: string;

beforeAll(async () => {
  ws = await startWorkspace();
  id = await publishRound20(ws.demo);
}, 120_000);
afterAll(async () => ws?.close());

const NAME = `<img src=x onerror="window.__pwned='name'">Eve`;
const COMMENT = `<script>window.__pwned='comment'</script><b onmouseover="alert('hover')">bold?</b>`;
const SECOND_NAME = `"><svg onload="alert('svg')">`;
const SECOND_COMMENT = `</textarea><script>alert('textarea')</script>\n\n<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`;
const WEBSITE = `https://eve.example.org/"><script>alert('href')</script>`;

async function fill(page: Page, fields: { name: string; email: string; website: string; comment: string }): Promise<void> {
  await page.getByLabel('Name *').fill(fields.name);
  await page.getByLabel('Email *').fill(fields.email);
  await page.getByLabel('Website').fill(fields.website);
  await page.getByLabel('Comment *').fill(fields.comment);
}

describe('script-bearing comments', () => {
  it('are taken as text, shown again as text on a form error, and never run once approved', async () => {
    const context = await ws.newContext();
    const dialogs: string[] = [];
    try {
      const w = await watchedPage(context);
      const { page } = w;
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const url = `${ws.origin}/en/communiques/${id}`;
      await page.goto(url);

      // A website the server refuses: the page comes back (422) with the input, as text.
      await fill(page, { name: NAME, email: 'eve@example.org', website: 'javascript:alert(1)', comment: COMMENT });
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await page.getByText('Enter a web address starting with http:// or https://').first().waitFor();
      expect(await page.getByLabel('Name *').inputValue()).toBe(NAME);
      expect(await page.getByLabel('Comment *').inputValue()).toBe(COMMENT);
      await expectAccessible(page, 'the form shown again with an error');

      await page.getByLabel('Website').fill(WEBSITE);
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await page.getByRole('status').waitFor();
      await fill(page, { name: SECOND_NAME, email: 'mallory@example.org', website: '', comment: SECOND_COMMENT });
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await page.getByRole('status').waitFor();
      // Pending: not on the page yet.
      expect(await page.locator('.comment-list').count()).toBe(0);

      const queue = await ws.demo.call('cn-secretariat', 'GET', `/api/v1/comments?communiqueId=${id}&status=pending`);
      const ids = (queue.json() as { items: Array<{ id: string }> }).items.map((c) => c.id);
      expect(ids).toHaveLength(2);
      const approved = await ws.demo.call('cn-secretariat', 'POST', '/api/v1/comments/moderate', { ids, action: 'approve' });
      expect(approved.statusCode, approved.body).toBe(200);

      await page.goto(url);
      const list = page.locator('.comment-list');
      await list.waitFor();
      await list.getByText('bold?').hover();
      // The texts read as typed (a blank line starts a new paragraph).
      await expect.poll(() => list.innerText()).toContain(NAME);
      const text = await list.innerText();
      for (const typed of [COMMENT, SECOND_NAME, `</textarea><script>alert('textarea')</script>`, `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`]) expect(text).toContain(typed);
      // … and none of it became markup.
      // (A string: the test's types have no DOM.)
      const found = await page.evaluate(`({
        pwned: window.__pwned ?? null,
        elements: [...document.querySelectorAll('.comment-list script, .comment-list img, .comment-list svg, .comment-list iframe, .comment-list b')].map((e) => e.tagName),
        handlers: [...document.querySelectorAll('.comment-list *')].flatMap((e) => [...e.attributes].map((a) => a.name).filter((n) => n.startsWith('on'))),
        links: [...document.querySelectorAll('.comment-list a')].map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel') })),
      })`);
      expect(found).toEqual({
        pwned: null,
        elements: [],
        handlers: [],
        links: [{ href: "https://eve.example.org/%22%3E%3Cscript%3Ealert('href')%3C/script%3E", rel: 'nofollow ugc' }],
      });
      expect(dialogs).toEqual([]);
      // The one refused post (422) is expected; nothing else went wrong (console errors, CSP reports included).
      expect(w.problems.filter((p) => !p.startsWith('HTTP 422'))).toEqual([]);
      expect(w.problems.filter((p) => p.startsWith('HTTP 422'))).toHaveLength(1);
      // The email is nowhere on the page.
      expect(await page.content()).not.toContain('example.org"');
      expect(await page.content()).not.toContain('eve@example.org');
      await expectAccessible(page, 'a communiqué with script-bearing comments');
      await screenshot(page, 'comments-escaped', { full: true });
    } finally {
      await context.close();
    }
  });
});
