import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the project by its path from the project root. Code runs from src/ (tests) or
 * from the bundle in .build/ (bin/entente.js), so the root is found, not assumed.
 */
export function projectFile(relative: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`project root not found from ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return path.join(dir, relative);
}
