import { describe, expect, it } from 'vitest';
import { logOfRecord, summarizeEntry } from './log-api.ts';
import { isValidKeyName } from './note.ts';

describe('log-api helpers', () => {
  it("finds a record's log from its marking", () => {
    expect(logOfRecord({ marking: 'joint', ownerParty: 'cn' }, 'm1')).toBe('m1');
    expect(logOfRecord({ marking: 'public', ownerParty: 'ru' }, 'm1')).toBe('m1');
    expect(logOfRecord({ marking: 'internal', ownerParty: 'ru' }, 'm1')).toBe('m1.ru');
  });

  it('summarizes an entry, and does not throw on what is not one', () => {
    const entry = '{"actor":"cn-admin","at":"2026-01-01T00:00:00.000Z","id":"r1","kind":"round","op":"create","party":"cn","record":{},"v":1}';
    expect(summarizeEntry(entry)).toEqual({ op: 'create', kind: 'round', id: 'r1', actor: 'cn-admin', party: 'cn', at: '2026-01-01T00:00:00.000Z' });
    expect(summarizeEntry('not json')).toBeUndefined();
    expect(summarizeEntry('{"op":3}')).toMatchObject({ op: '' });
  });

  it('refuses key names with a lone surrogate, a space or a plus', () => {
    expect(isValidKeyName('entente-1')).toBe(true);
    expect(isValidKeyName('a\uD800b')).toBe(false);
    expect(isValidKeyName('a b')).toBe(false);
    expect(isValidKeyName('a+b')).toBe(false);
    expect(isValidKeyName('')).toBe(false);
  });
});
