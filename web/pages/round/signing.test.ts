import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../api/types.ts';
import { signingOf } from './signing.ts';

const sig = (party: string, current = true) => ({ party, username: `${party}-cochair`, current, valid: true, at: '2025-12-02T10:00:00Z' });
const outcome = (cosignatures: Outcome['cosignatures'], concluded = false): Outcome => ({
  mechanismId: 'm',
  round: 20,
  outcomeHash: 'abc',
  concluded,
  parties: ['cn', 'ru'],
  cosignatures,
});

describe('signingOf', () => {
  it('lets a co-chair of a party that has not signed sign, and no one else', () => {
    const o = outcome([sig('cn')]);
    expect(signingOf(o, { party: 'ru', coChair: true })).toMatchObject({ signed: ['cn'], waitingFor: ['ru'], canSign: true });
    expect(signingOf(o, { party: 'cn', coChair: true }).canSign).toBe(false);
    expect(signingOf(o, { party: 'ru', coChair: false }).canSign).toBe(false);
    expect(signingOf(o, { party: undefined, coChair: true }).canSign).toBe(false);
  });

  it('asks again of a party whose signature covers an earlier outcome', () => {
    const s = signingOf(outcome([sig('cn', false), sig('ru')]), { party: 'cn', coChair: true });
    expect(s).toMatchObject({ signed: ['ru'], waitingFor: ['cn'], canSign: true });
    expect(s.stale.map((x) => x.party)).toEqual(['cn']);
  });

  it('waits for no one once concluded', () => {
    expect(signingOf(outcome([sig('cn'), sig('ru')], true), { party: 'cn', coChair: true })).toMatchObject({ signed: ['cn', 'ru'], waitingFor: [], canSign: false });
  });
});
