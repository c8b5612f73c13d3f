#!/usr/bin/env node
// The `entente` command. At each start, esbuild bundles src/ (node_modules stay external) into
// .build/, named by content, in about 50 ms; Node then runs plain JavaScript. There is no build
// step to forget and no TypeScript loader thread in the server (docs/decisions/0002).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = buildSync({
  entryPoints: [path.join(root, 'src/main.ts')],
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  write: false,
  logLevel: 'error',
});
const code = result.outputFiles[0].contents;
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
