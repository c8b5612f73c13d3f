import fs from 'node:fs';
import { projectFile } from '../project.ts';

/**
 * The password rule: at least 12 characters (at most 1,000) and not a common password.
 * The list (15,783 entries, MIT) ships as data beside this file; a password is refused when
 * it, or it without trailing digits and symbols, is on the list (case-insensitive).
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1000;

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!common) {
    const text = fs.readFileSync(projectFile('src/access/data/common-passwords.txt'), 'utf8');
    common = new Set(text.split('\n').map((l) => l.trim().toLowerCase()).filter(Boolean));
  }
  return common;
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const list = commonPasswords();
  if (list.has(lower) || (stem.length > 0 && list.has(stem))) return 'is a common password; choose another';
  return undefined;
}
