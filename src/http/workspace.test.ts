import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { freshStore, type TestStore } from '../../test/support/store.ts';

/** How /workspace/ is served: files, caching, the app's deep links, and what is never answered with the app. */

let store: TestStore;
let app: FastifyInstance;
let bare: FastifyInstance;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-web-dist-'));
const INDEX = '<!doctype html><html lang="en"><head><script type="module" src="/workspace/assets/index-abc123.js"></script></head><body></body></html>';

beforeAll(async () => {
  // A stand-in build: what Vite writes, with known contents.
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("workspace")');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log("workspace")'));
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.gz'), gzipSync('console.log("workspace")'));
  fs.writeFileSync(path.join(dist, '.source-hash'), 'abc\n');
  store = await freshStore();
  app = await buildApp({ store, dataDir: store.dataDir, logLevel: 'silent', checkpointEveryMs: 0, workspaceDir: dist });
  bare = await buildApp({ store, dataDir: store.dataDir, logLevel: 'silent', checkpointEveryMs: 0, workspaceDir: path.join(dist, 'missing') });
});

afterAll(async () => {
  await app?.close();
  await bare?.close();
  await store?.destroy();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('/workspace/', () => {
  it('answers the app for every page path, revalidated on each load, under the strict CSP', async () => {
    for (const url of ['/workspace/', '/workspace/sign-in', '/workspace/m/0190f0c4-0000-7000-8000-000000000000/rounds/20?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('redirects /workspace to /workspace/', async () => {
    const res = await app.inject({ url: '/workspace' });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/workspace/');
  });

  it('serves hashed assets cacheable for a year', async () => {
    const res = await app.inject({ url: '/workspace/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('console.log("workspace")');
  });

  it('sends the compressed copy the build made when the browser accepts it', async () => {
    const br = await app.inject({ url: '/workspace/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log("workspace")');

    const gz = await app.inject({ url: '/workspace/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe('console.log("workspace")');

    const plain = await app.inject({ url: '/workspace/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log("workspace")');
  });

  it('answers 404 problem+json for a missing asset or file, never the app', async () => {
    for (const url of ['/workspace/assets/index-old.js', '/workspace/favicon.ico', '/workspace/.source-hash', '/workspace/assets/']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('stays out of the API description (the authorisation matrix walks that)', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/workspace'))).toEqual([]);
  });

  it('says plainly when there is no build to serve', async () => {
    const res = await bare.inject({ url: '/workspace/' });
    expect(res.statusCode).toBe(503);
    expect((res.json() as { detail: string }).detail).toMatch(/not built/);
  });
});
