import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshInstallation, killLeftovers, startServer, type Installation } from '../support/cli.ts';

/** `entente serve` (what `npm start` runs) serves the workspace it built, beside the API. */

let inst: Installation;
beforeAll(async () => {
  inst = await freshInstallation();
});
afterEach(async () => killLeftovers());
afterAll(async () => inst?.destroy());

describe('entente serve', () => {
  it('serves the workspace under /workspace/ and says where', async () => {
    const server = await startServer(inst.env);
    const page = await fetch(`${server.url}/workspace/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /<script type="module" crossorigin src="(\/workspace\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /<link rel="stylesheet" crossorigin href="(\/workspace\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script && style, html).toBeTruthy();
    for (const asset of [script!, style!]) {
      const res = await fetch(`${server.url}${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const exit = await server.stop();
    expect(exit.stdout).toContain(`the workspace at ${server.url}/workspace/`);
  });
});
