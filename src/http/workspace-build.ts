import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectFile } from '../project.ts';

/**
 * The workspace (web/) is built by Vite into web/dist when its sources changed since the last
 * build: `npm start` needs no build step, and a start with nothing changed costs a hash of the
 * sources (a few milliseconds). The build runs in a child process so that Vite and Rolldown
 * never stay resident in the server (as esbuild does not: decision 0002). docs/decisions/0010.
 */

const STAMP = '.source-hash';
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 120_000;

export interface WorkspacePaths {
  /** web/: the sources and vite.config.ts. */
  webDir: string;
  /** web/dist: what the server serves. */
  distDir: string;
  /** Besides web/, what the build depends on: the locked dependency versions. */
  lockFile: string;
  /** Where builds are made before they replace web/dist (.build/, git-ignored). */
  scratchDir: string;
}

export function workspacePaths(): WorkspacePaths {
  return { webDir: projectFile('web'), distDir: projectFile('web/dist'), lockFile: projectFile('package-lock.json'), scratchDir: projectFile('.build') };
}

/** A hash of every file the build reads: web/ (less dist/ and tests) and package-lock.json. */
export function sourceHash(paths: WorkspacePaths): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== paths.distDir && entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) {
        hash.update(path.relative(paths.webDir, full)).update('\0').update(fs.readFileSync(full)).update('\0');
      }
    }
  };
  walk(paths.webDir);
  if (fs.existsSync(paths.lockFile)) hash.update(fs.readFileSync(paths.lockFile));
  return hash.digest('hex');
}

function builtHash(paths: WorkspacePaths): string | undefined {
  try {
    return fs.readFileSync(path.join(paths.distDir, STAMP), 'utf8').trim();
  } catch {
    return undefined;
  }
}

export interface BuildReport {
  /** False when web/dist was up to date (or there are no sources to build from). */
  built: boolean;
  ms: number;
}

/**
 * Builds web/dist unless it is up to date. Concurrent starts on one checkout (the test suite
 * starts servers in parallel) build once: the others wait for the lock, then find it fresh.
 * The new build is made aside and swapped in, so a reader never sees half of one.
 */
export async function ensureWorkspaceBuilt(opts: { paths?: WorkspacePaths; onBuildStart?: () => void } = {}): Promise<BuildReport> {
  const paths = opts.paths ?? workspacePaths();
  const started = Date.now();
  // An installation shipped without sources serves the build it has.
  if (!fs.existsSync(path.join(paths.webDir, 'index.html'))) return { built: false, ms: 0 };
  let wanted = sourceHash(paths);
  if (builtHash(paths) === wanted) return { built: false, ms: Date.now() - started };

  fs.mkdirSync(paths.scratchDir, { recursive: true });
  const lock = path.join(paths.scratchDir, 'web-build.lock');
  const release = await acquire(lock);
  try {
    wanted = sourceHash(paths); // the sources may have changed while we waited
    if (builtHash(paths) === wanted) return { built: false, ms: Date.now() - started };
    opts.onBuildStart?.();
    const out = path.join(paths.scratchDir, `web-${process.pid}-${Date.now()}`);
    await runVite(paths, out);
    fs.writeFileSync(path.join(out, STAMP), `${wanted}\n`);
    const old = path.join(paths.scratchDir, `web-old-${process.pid}-${Date.now()}`);
    if (fs.existsSync(paths.distDir)) fs.renameSync(paths.distDir, old);
    fs.renameSync(out, paths.distDir);
    fs.rmSync(old, { recursive: true, force: true });
    return { built: true, ms: Date.now() - started };
  } finally {
    release();
  }
}

async function runVite(paths: WorkspacePaths, outDir: string): Promise<void> {
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  try {
    await promisify(execFile)(
      process.execPath,
      [vite, 'build', '--config', path.join(paths.webDir, 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      // Always a production build: Vite keeps a NODE_ENV it inherits, and under Vitest that is
      // 'test', which would ship React's development build.
      { cwd: paths.webDir, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
    );
  } catch (err) {
    fs.rmSync(outDir, { recursive: true, force: true });
    const { stderr, stdout } = err as { stderr?: string; stdout?: string };
    throw new Error(`building the workspace (web/) failed:\n${stderr || stdout || String(err)}`, { cause: err });
  }
}

/** An exclusive lock file; waits while another live build holds it. */
async function acquire(lock: string): Promise<() => void> {
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
