import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from './checkpoint.ts';

describe('parseCheckpoint', () => {
  const note = 'entente-d2cd8444/01a2186c\n25\noRL/xfoXNAWwN6sgfsdhEZGHOVG97niUftnVdqlRIT0=\n\n— entente-d2cd8444 Qm99N6x+IE54Wft6\n';

  it('reads origin, size and root, and shortens the root to 12 hex digits', () => {
    expect(parseCheckpoint(note)).toEqual({
      origin: 'entente-d2cd8444/01a2186c',
      size: 25,
      root: 'oRL/xfoXNAWwN6sgfsdhEZGHOVG97niUftnVdqlRIT0=',
      shortRoot: 'a112ffc5fa17',
    });
  });

  it('refuses what is not a checkpoint', () => {
    expect(parseCheckpoint('')).toBeUndefined();
    expect(parseCheckpoint('origin\nmany\nroot')).toBeUndefined();
    expect(parseCheckpoint('origin\n3\nnot base64!')).toBeUndefined();
    expect(parseCheckpoint('origin\n3\nAAAA')).toBeUndefined(); // 3 bytes, not a SHA-256
  });
});
