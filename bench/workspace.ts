import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { ensureWorkspaceBuilt, workspacePaths } from '../src/http/workspace-build.ts';
import { signIn, startServer } from './server.ts';
import { progress, warn, type Benchmark, type BenchEnv, type Figure, type Metric, type Outcome, type RunOptions, type Scope } from './harness.ts';

/**
 * Workspace (issue 5): what a browser must download before the first page draws, and how soon
 * the demo dashboard is complete.
 *
 *   1. Initial JavaScript: the scripts web/dist/index.html loads (its module script and the
 *      chunks it preloads), each gzipped at level 9, summed; and as the server sends them to
 *      Chromium, brotli-compressed at build time (the .br files beside them).
 *   2. The dashboard of the demo mechanism as cn-observer, in Debian's Chromium (headless):
 *      from navigation start (performance.timeOrigin) until the page shows its heading and no
 *      card is still loading. Cold: a fresh browser profile each time (nothing cached); warm:
 *      the same profile reloaded. Medians of RUNS, and the CPUs other processes took meanwhile
 *      (other sessions' tests on a shared machine slow every figure here).
 */

const VIEWER = 'cn-observer';
const RUNS = 15;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const workspaceMetrics: Metric[] = [
  { key: 'js.initial-gzip', label: 'initial JavaScript, gzipped', unit: 'KB', decimals: 1, target: { op: '<=', value: 200 } },
  { key: 'js.initial-raw', label: 'initial JavaScript, as stored', unit: 'KB', decimals: 1 },
  { key: 'js.initial-brotli', label: 'initial JavaScript, as sent (brotli)', unit: 'KB', decimals: 1 },
  { key: 'css.gzip', label: 'stylesheets, gzipped', unit: 'KB', decimals: 1 },
  { key: 'dashboard.cold.p50', label: 'dashboard complete after navigation, fresh profile, median', unit: 'ms', target: { op: '<=', value: 1000 } },
  { key: 'dashboard.cold.max', label: 'dashboard complete, fresh profile, slowest', unit: 'ms' },
  { key: 'dashboard.warm.p50', label: 'dashboard complete, reload (cached assets), median', unit: 'ms' },
  { key: 'dashboard.other-cpu', label: 'dashboard runs: other processes, CPU use', unit: 'CPUs', decimals: 2 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The scripts and stylesheets index.html makes the browser fetch before it can draw. */
function initialAssets(distDir: string): { scripts: string[]; styles: string[] } {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => path.join(distDir, m[1]!.replace(/^\/workspace\//, '')));
  return {
    scripts: [...refs(/<script[^>]+src="([^"]+)"/g), ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)],
    styles: refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  };
}

const kb = (bytes: number) => bytes / 1024;

/** The quartiles and extremes of a sample, for the progress line (figures on a shared machine spread). */
function spread(xs: number[]): string {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.round((sorted.length - 1) * q)]!.toFixed(0);
  return `min ${at(0)}, p25 ${at(0.25)}, median ${at(0.5)}, p75 ${at(0.75)}, max ${at(1)} ms`;
}

/**
 * CPU seconds used on the machine (/proc/stat), and by this process with everything under it:
 * the server and Chromium, whose renderers come and go (an ended process's time is added to
 * its parent's as that reaps it). Linux only; NaN elsewhere.
 */
function cpuSeconds(): { machine: number; ours: number } {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).map(Number);
    const procs = new Map<number, { ppid: number; cpu: number }>();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
        // ppid; utime, stime, and the reaped children's cutime, cstime (clock ticks of 1/100 s).
        procs.set(Number(entry), { ppid: f[1]!, cpu: (f[11]! + f[12]! + f[13]! + f[14]!) / 100 });
      } catch {
        // ended meanwhile
      }
    }
    let ours = 0;
    for (const [pid, { cpu }] of procs) {
      let p = pid;
      while (p > 1 && p !== process.pid) p = procs.get(p)?.ppid ?? 0;
      if (p === process.pid) ours += cpu;
    }
    return { machine: (user! + nice! + system! + irq! + softirq! + steal!) / 100, ours };
  } catch {
    return { machine: NaN, ours: NaN };
  }
}

async function run(env: BenchEnv, scope: Scope, opts: RunOptions): Promise<Outcome> {
  const figures: Figure[] = [];
  const add = (key: string, value: number, unit: string) => figures.push({ name: `${env.backend}.${key}`, value, unit });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);

  const build = await ensureWorkspaceBuilt();
  if (build.built) progress(`built the workspace in ${(build.ms / 1000).toFixed(1)} s`);
  const { distDir } = workspacePaths();
  const assets = initialAssets(distDir);
  if (assets.scripts.length === 0) throw new Error(`no script in ${distDir}/index.html`);
  const bytes = assets.scripts.map((f) => fs.readFileSync(f));
  add('js.initial-raw', kb(bytes.reduce((n, b) => n + b.length, 0)), 'KB');
  add('js.initial-gzip', kb(bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0)), 'KB');
  const sent = (file: string, raw: Buffer) => (fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : brotliCompressSync(raw).length);
  add('js.initial-brotli', kb(assets.scripts.reduce((n, f, i) => n + sent(f, bytes[i]!), 0)), 'KB');
  add('css.gzip', kb(assets.styles.reduce((n, f) => n + gzipSync(fs.readFileSync(f), { level: 9 }).length, 0)), 'KB');
  progress(`${env.backend}: initial JavaScript ${assets.scripts.length} file(s), ${figures.find((f) => f.name.endsWith('js.initial-gzip'))!.value.toFixed(1)} KB gzipped`);

  const server = await startServer(env, opts.password, scope);
  const { cookie } = await signIn(server.url, VIEWER, opts.password);
  const [name, value] = cookie.split('=') as [string, string];
  const mechanisms = (await (await fetch(`${server.url}/api/v1/mechanisms`, { headers: { cookie } })).json()) as { items?: Array<{ id: string }> } | Array<{ id: string }>;
  const first = Array.isArray(mechanisms) ? mechanisms[0] : mechanisms.items?.[0];
  if (!first) throw new Error('the demo has no mechanism');
  const dashboard = `${server.url}/workspace/m/${first.id}`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  scope.defer('close Chromium', () => browser.close(), () => {});
  const complete = async (page: Page): Promise<number> => {
    // Run in the page (a function, not a string: the page's CSP forbids eval). This file is
    // compiled without the DOM's types, hence the narrow view of `document`.
    await page.waitForFunction(
      () => {
        const { document } = globalThis as unknown as { document: { querySelector(selector: string): unknown } };
        return document.querySelector('main h1') !== null && document.querySelector('.loading') === null;
      },
      undefined,
      { timeout: 30_000, polling: 'raf' },
    ).catch(async (err: unknown) => {
      const shown = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
      throw new Error(`the dashboard did not complete within 30 s at ${page.url()} (it shows: ${shown})`, { cause: err });
    });
    return page.evaluate(() => performance.now());
  };

  progress(`${env.backend}: the dashboard as ${VIEWER}, ${RUNS} fresh profiles, then ${RUNS} reloads…`);
  const cold: number[] = [];
  const warm: number[] = [];
  const cpuBefore = cpuSeconds();
  const started = performance.now();
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') progress(`console: ${m.text()}`); });
    page.on('pageerror', (e) => progress(`page error: ${e.message}`));
    await page.goto(dashboard);
    const t = await complete(page);
    if (i > 0) cold.push(t); // the first warms the server, not the browser
    if (i === RUNS) {
      for (let j = 0; j < RUNS; j++) {
        await page.reload();
        warm.push(await complete(page));
      }
    }
    await context.close();
  }
  const cpuAfter = cpuSeconds();
  const others = (cpuAfter.machine - cpuBefore.machine - (cpuAfter.ours - cpuBefore.ours)) / ((performance.now() - started) / 1000);
  add('dashboard.cold.p50', median(cold), 'ms');
  add('dashboard.cold.max', Math.max(...cold), 'ms');
  add('dashboard.warm.p50', median(warm), 'ms');
  add('dashboard.other-cpu', Math.max(0, others), 'CPUs');
  progress(`${env.backend}: dashboard complete after ${median(cold).toFixed(0)} ms (fresh profile, median), ${median(warm).toFixed(0)} ms (reload)`);
  progress(`${env.backend}: fresh profiles ${spread(cold)}; reloads ${spread(warm)}; other processes took ${others.toFixed(2)} CPUs meanwhile`);
  if (others > 0.25) warn(`${env.backend}: other processes took ${others.toFixed(2)} CPUs during the dashboard runs; its figures are depressed by them`);
  return { figures, invalid: [] };
}

export const workspace: Benchmark = { name: 'workspace', metrics: workspaceMetrics, run };
