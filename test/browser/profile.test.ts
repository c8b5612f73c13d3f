import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { DEMO_PASSWORD } from '../support/app.ts';
import { expectAccessible, screenshot, signIn, startWorkspace, watchedPage, type Workspace } from './harness.ts';

/**
 * The profile area in Chromium against the real server: API tokens, a second factor set up
 * entirely in the browser by a fresh co-chair, and round 20 concluded by the co-chairs of
 * both parties, each signing after giving password and code again.
 */

let ws: Workspace;
let mechanismId: string;

beforeAll(async () => {
  ws = await startWorkspace();
  mechanismId = ws.demo.mechanismId;
});

afterAll(async () => {
  await ws?.close();
});

/** The code an authenticator app would show for `secret`, `ahead` steps from now. */
function appCode(secret: string, ahead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + ahead * 30_000 });
}

function widest(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
}

async function bearer(token: string): Promise<number> {
  const res = await ws.demo.app.inject({ method: 'GET', url: '/api/v1/logs', headers: { authorization: `Bearer ${token}` } });
  return res.statusCode;
}

describe('API tokens', () => {
  it('a user opens the profile from the banner, creates a token (shown once) and revokes it', async () => {
    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await signIn(ws, page, 'cn-secretariat');

    await page.getByRole('banner').getByRole('link', { name: 'cn-secretariat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/workspace/profile');
    const sessions = page.getByRole('region', { name: 'Sessions' });
    await expect.poll(() => sessions.textContent()).toContain('This session');
    const factor = page.getByRole('region', { name: 'Second factor' });
    expect(await factor.textContent()).toContain('On');
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await expect.poll(() => tokens.textContent()).toContain('You have no API token.');
    await expectAccessible(page, 'the profile');
    await screenshot(page, '20-profile', { full: true });

    // From the keyboard: name, the scope's radio buttons, then Enter.
    await page.getByLabel('Name').focus();
    await page.keyboard.type('weekly export');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Read and write').isChecked()).toBe(true);
    await page.keyboard.press('Enter');

    const created = page.getByRole('region', { name: 'Token created: weekly export' });
    await created.waitFor();
    const token = (await created.locator('code').textContent()) ?? '';
    expect(token).toMatch(/^ent_/);
    expect(await created.textContent()).toContain('it is shown only this once');
    await created.getByRole('button', { name: 'Copy the token' }).waitFor();
    const row = tokens.getByRole('row', { name: /weekly export/ });
    expect(await row.textContent()).toContain('Read and write');
    expect(await row.textContent()).toContain('Never');
    expect(await bearer(token)).toBe(200);
    await expectAccessible(page, 'the profile with a new token');
    await screenshot(page, '21-profile-token-created');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke now' }).click();
    await expect.poll(() => tokens.getByRole('status').first().textContent()).toBe('Token revoked: weekly export');
    await expect.poll(() => tokens.textContent()).toContain('You have no API token.');
    expect(await created.count()).toBe(0);
    expect(await bearer(token)).toBe(401);
    await expectAccessible(page, 'the profile after revoking');

    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await widest(page)).toBeLessThanOrEqual(768);
    await screenshot(page, '29-profile-768');
    expect(w.problems).toEqual([]);
    await context.close();
  });
});

describe('second factor', () => {
  it('a fresh co-chair is led to enrol in the browser; signing in again asks for the code', async () => {
    const invite = await ws.demo.call('cn-admin', 'POST', '/api/v1/admin/invitations', { username: 'cn-cochair-new', roles: [{ mechanismId, role: 'co-chair' }] });
    expect(invite.statusCode, invite.body).toBe(201);
    const accept = await ws.demo.call(null, 'POST', '/api/v1/invitations/accept', { token: (invite.json() as { token: string }).token, password: DEMO_PASSWORD });
    expect(accept.statusCode, accept.body).toBe(201);

    const context = await ws.newContext();
    const w = await watchedPage(context);
    const { page } = w;
    await page.goto(`${ws.origin}/workspace/`);
    await page.getByLabel('Username').fill('cn-cochair-new');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Second factor required' }).waitFor();
    await expectAccessible(page, 'the second-factor requirement');
    await screenshot(page, '22-second-factor-required');

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    const secret = ((await page.locator('dd code').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page, 'enrolment: the QR code');
    await screenshot(page, '23-enrolment-qr');

    // A wrong code first: said at the field.
    const codeField = page.getByLabel('Code shown by the app');
    await codeField.fill(appCode(secret, -10));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This is not the current code of this key.');
    await codeField.fill(appCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();

    const recovery = page.getByRole('region', { name: 'Your recovery codes' });
    await recovery.waitFor();
    expect(await recovery.getByRole('listitem').count()).toBe(10);
    expect(await recovery.textContent()).toContain('They are shown only now.');
    const done = recovery.getByRole('button', { name: 'Done' });
    expect(await done.isDisabled()).toBe(true);
    await expectAccessible(page, 'enrolment: the recovery codes');
    await screenshot(page, '24-enrolment-recovery-codes');
    await recovery.getByLabel('I have kept my recovery codes').check();
    await done.click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill('cn-cochair-new');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    // The confirming code used this time step: the app's next one.
    await code.fill(appCode(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    await page.goto(`${ws.origin}/workspace/profile`);
    const factor = page.getByRole('region', { name: 'Second factor' });
    await expect.poll(() => factor.textContent()).toContain('Co-chairs and administrators must keep a second factor');
    expect(await factor.getByRole('button', { name: 'Remove the second factor' }).count()).toBe(0);
    expect(w.problems).toEqual([]);
    await context.close();
  });
});

describe('concluding round 20', () => {
  async function openRound(page: Page) {
    await page.goto(`${ws.origin}/workspace/m/${mechanismId}/rounds/20`);
    const outcome = page.getByRole('region', { name: 'Outcome and signatures' });
    await outcome.getByRole('list').waitFor();
    return outcome;
  }

  it('cn-cochair signs first, after a wrong password; ru-cochair signs from the keyboard and the round is concluded', async () => {
    const cn = await ws.newContext();
    const wc = await watchedPage(cn);
    await signIn(ws, wc.page, 'cn-cochair');
    let outcome = await openRound(wc.page);
    expect(await outcome.textContent()).toContain('Awaiting signatures');
    expect(await outcome.textContent()).toContain('Still to sign: China, Russia.');
    await expectAccessible(wc.page, 'round 20: the outcome before signing');

    await outcome.getByRole('button', { name: 'Sign the outcome' }).click();
    await outcome.getByLabel('Your password').fill('not the password at all');
    await outcome.getByLabel('Authentication code').fill('000000');
    await outcome.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect.poll(() => outcome.getByRole('alert').textContent()).toBe('Wrong password or code.');
    await expectAccessible(wc.page, 'round 20: signing refused');
    await screenshot(wc.page, '25-round-20-sign-refused');

    await outcome.getByLabel('Your password').fill(DEMO_PASSWORD);
    await outcome.getByLabel('Authentication code').fill(await ws.demo.totpCode('cn-cochair'));
    await outcome.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect.poll(() => outcome.getByRole('status').first().textContent()).toContain('You signed the outcome.');
    const china = outcome.getByRole('listitem').filter({ hasText: 'China' });
    expect(await china.textContent()).toContain('signed by cn-cochair');
    expect(await outcome.getByRole('listitem').filter({ hasText: 'Russia' }).textContent()).toContain('not signed yet');
    expect(await outcome.textContent()).toContain('Still to sign: Russia.');
    expect(await outcome.getByRole('button', { name: 'Sign the outcome' }).count()).toBe(0);
    await expectAccessible(wc.page, 'round 20: signed by China');
    await screenshot(wc.page, '26-round-20-signed-by-cn');
    expect(wc.problems).toEqual([]);

    const ru = await ws.newContext();
    const wr = await watchedPage(ru);
    await signIn(ws, wr.page, 'ru-cochair');
    outcome = await openRound(wr.page);
    expect(await outcome.getByRole('listitem').filter({ hasText: 'China' }).textContent()).toContain('signed by cn-cochair');
    // From the keyboard: the button, then the form (the password field takes the focus).
    await outcome.getByRole('button', { name: 'Sign the outcome' }).focus();
    await wr.page.keyboard.press('Enter');
    await expect.poll(() => wr.page.evaluate('document.activeElement && document.activeElement.id')).toBe('sign-password');
    await wr.page.keyboard.type(DEMO_PASSWORD);
    await wr.page.keyboard.press('Tab');
    await wr.page.keyboard.type(await ws.demo.totpCode('ru-cochair'));
    await expectAccessible(wr.page, 'round 20: the signing form');
    await screenshot(wr.page, '27-round-20-sign-form');
    await wr.page.keyboard.press('Enter');

    await expect.poll(() => outcome.getByRole('status').first().textContent()).toContain('Every party has signed: the round is concluded.');
    const heading = wr.page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toContain('Concluded');
    expect(await outcome.textContent()).toContain('The co-chairs of every party have signed the outcome');
    expect(await outcome.getByRole('listitem').filter({ hasText: 'China' }).textContent()).toContain('signed by cn-cochair');
    expect(await outcome.getByRole('listitem').filter({ hasText: 'Russia' }).textContent()).toContain('signed by ru-cochair');
    await expectAccessible(wr.page, 'round 20 concluded');
    await screenshot(wr.page, '28-round-20-concluded', { full: true });
    await wr.page.setViewportSize({ width: 768, height: 1024 });
    expect(await widest(wr.page)).toBeLessThanOrEqual(768);
    expect(wr.problems).toEqual([]);

    // The other co-chair, reloading, sees the same.
    outcome = await openRound(wc.page);
    await expect.poll(() => wc.page.getByRole('heading', { level: 1 }).textContent()).toContain('Concluded');
    expect(await outcome.getByRole('listitem').filter({ hasText: 'Russia' }).textContent()).toContain('signed by ru-cochair');
    expect(wc.problems).toEqual([]);

    const state = (await ws.demo.call('cn-secretariat', 'GET', `/api/v1/mechanisms/${mechanismId}/rounds/20/outcome`)).json() as { concluded: boolean; cosignatures: unknown[] };
    expect(state.concluded).toBe(true);
    expect(state.cosignatures).toHaveLength(2);
    await cn.close();
    await ru.close();
  });
});
