#!/usr/bin/env node
// The `entente` command. At each start, esbuild bundles src/ (node_modules stay external) into
// .build/, named by content, in about 50 ms; Node then runs plain JavaScript. There is no build
// step to forget and no TypeScript loader thread in the server (docs/decisions/0002).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// esbuild's own executable, in a child process: its JavaScript API would stay resident in the
// server (some 15 MB) for the whole of its life.
const esbuild = path.join(path.dirname(createRequire(import.meta.url).resolve('esbuild/package.json')), 'bin', 'esbuild');
const code = execFileSync(
  esbuild,
  [path.join(root, 'src/main.ts'), '--bundle', '--packages=external', '--format=esm', '--platform=node', '--target=node20', '--sourcemap=inline', '--log-level=error'],
  { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
);
const dir = path.join(root, '.build');
const file = path.join(dir, `entente-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
if (!fs.existsSync(file)) {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, file); // atomic: concurrent starts never see half a file
  // Bundles of earlier sources, unused for ten minutes, are dropped.
  for (const old of fs.readdirSync(dir)) {
    const p = path.join(dir, old);
    if (p !== file && /^entente-[0-9a-f]{16}\.mjs$/.test(old) && Date.now() - fs.statSync(p).mtimeMs > 600_000) fs.rmSync(p, { force: true });
  }
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(file).href);
