import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureWorkspaceBuilt, sourceHash, type WorkspacePaths } from './workspace-build.ts';

/** The build `entente serve` makes of web/ before it serves: made when the sources changed, only then. */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-web-build-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A small Vite project of its own, built by the project's Vite exactly as web/ is. */
function project(name: string): WorkspacePaths {
  const webDir = path.join(root, name, 'web');
  fs.mkdirSync(webDir, { recursive: true });
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html lang="en"><body><script type="module" src="./main.ts"></script></body></html>');
  // Vite writes in NODE_ENV as the build saw it: React picks its production build by it.
  fs.writeFileSync(path.join(webDir, 'main.ts'), 'document.body.append("one", process.env.NODE_ENV);\n');
  fs.writeFileSync(path.join(webDir, 'main.test.ts'), '// tests do not make the build stale\n');
  fs.writeFileSync(path.join(webDir, 'vite.config.ts'), "export default { base: '/workspace/', logLevel: 'warn' };\n");
  fs.writeFileSync(path.join(root, name, 'package-lock.json'), '{}\n');
  return { webDir, distDir: path.join(webDir, 'dist'), lockFile: path.join(root, name, 'package-lock.json'), scratchDir: path.join(root, name, '.build') };
}

const builtScript = (paths: WorkspacePaths) => {
  const assets = path.join(paths.distDir, 'assets');
  return fs.readFileSync(path.join(assets, fs.readdirSync(assets).find((f) => f.endsWith('.js'))!), 'utf8');
};

describe('ensureWorkspaceBuilt', () => {
  it('builds when there is no build, then not again until a source or the lock file changes', async () => {
    const paths = project('a');
    const first = await ensureWorkspaceBuilt({ paths });
    expect(first.built).toBe(true);
    expect(fs.readFileSync(path.join(paths.distDir, 'index.html'), 'utf8')).toMatch(/src="\/workspace\/assets\/index-[\w-]+\.js"/);
    expect(builtScript(paths)).toContain('one');
    // A production build, even though the tests run with NODE_ENV=test.
    expect(process.env.NODE_ENV).toBe('test');
    expect(builtScript(paths)).toMatch(/"one",\s*"production"|`one`,\s*`production`/);
    expect(fs.readFileSync(path.join(paths.distDir, '.source-hash'), 'utf8').trim()).toBe(sourceHash(paths));

    const again = await ensureWorkspaceBuilt({ paths });
    expect(again.built).toBe(false);
    expect(again.ms).toBeLessThan(200);

    fs.writeFileSync(path.join(paths.webDir, 'main.test.ts'), '// changed\n');
    expect((await ensureWorkspaceBuilt({ paths })).built).toBe(false);

    fs.writeFileSync(path.join(paths.webDir, 'main.ts'), 'document.body.append("two");\n');
    expect((await ensureWorkspaceBuilt({ paths })).built).toBe(true);
    expect(builtScript(paths)).toContain('two');

    fs.writeFileSync(paths.lockFile, '{"changed":true}\n');
    expect((await ensureWorkspaceBuilt({ paths })).built).toBe(true);
    // Nothing is left behind in the scratch folder but the lock-free state.
    expect(fs.readdirSync(paths.scratchDir)).toEqual([]);
  });

  it('builds once when several starts ask at the same moment', async () => {
    const paths = project('b');
    const starts = await Promise.all([ensureWorkspaceBuilt({ paths }), ensureWorkspaceBuilt({ paths }), ensureWorkspaceBuilt({ paths })]);
    expect(starts.filter((s) => s.built)).toHaveLength(1);
    expect(builtScript(paths)).toContain('one');
  });

  it('reports a failed build with Vite’s words and keeps the previous build', async () => {
    const paths = project('c');
    await ensureWorkspaceBuilt({ paths });
    fs.writeFileSync(path.join(paths.webDir, 'main.ts'), 'import "./missing-module.ts";\n');
    await expect(ensureWorkspaceBuilt({ paths })).rejects.toThrow(/building the workspace \(web\/\) failed:[\s\S]*missing-module/);
    expect(builtScript(paths)).toContain('one');
    expect(fs.readdirSync(paths.scratchDir)).toEqual([]);
  });

  it('serves what there is when an installation has no sources', async () => {
    const paths = project('d');
    fs.rmSync(path.join(paths.webDir, 'index.html'));
    expect(await ensureWorkspaceBuilt({ paths })).toEqual({ built: false, ms: 0 });
  });
});
