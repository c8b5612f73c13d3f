import { describe, expect, it } from 'vitest';
import type { Commitment, Round } from '../../api/types.ts';
import { lastRound, nextRound, tallyCommitments } from './summary.ts';

const base = { ownerParty: 'cn', marking: 'joint' as const, createdAt: '', updatedAt: '', logIndex: 0, mechanismId: 'm' };
const round = (number: number, status: Round['status'], startDate: string | null): Round => ({
  ...base, id: `r${number}`, number, status, startDate, endDate: null, place: {}, hostParty: null, coChairs: [], consensusItemIds: [],
});
const commitment = (status: Commitment['status'], parties: string[]): Commitment => ({
  ...base, id: `${status}${parties.join()}`, status, parties, text: { en: 'x' }, roundId: null, due: null,
});

describe('nextRound and lastRound', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const rounds = [round(19, 'concluded', '2024-10'), round(20, 'held', '2025-12-02'), round(22, 'planned', null), round(21, 'planned', '2027')];

  it('takes the earliest planned round not yet past, undated ones last', () => {
    expect(nextRound(rounds, now)?.number).toBe(21);
    expect(nextRound([round(21, 'planned', '2026-11-01'), round(22, 'planned', null)], now)?.number).toBe(22);
    expect(nextRound([round(21, 'planned', '2026-11')], now)?.number).toBe(21); // this month is not past
    expect(nextRound(rounds.slice(0, 2), now)).toBeUndefined();
  });

  it('takes the highest round held or concluded', () => {
    expect(lastRound(rounds)?.number).toBe(20);
    expect(lastRound([round(1, 'planned', null)])).toBeUndefined();
  });
});

describe('tallyCommitments', () => {
  it('counts open commitments per status and bound party, each once in the total', () => {
    const tally = tallyCommitments(
      [commitment('open', ['cn', 'ru']), commitment('open', ['cn']), commitment('in-progress', ['ru']), commitment('done', ['cn']), commitment('dropped', ['ru'])],
      ['cn', 'ru'],
    );
    expect(tally).toEqual({
      rows: [
        { status: 'open', byParty: { cn: 2, ru: 1 }, total: 2 },
        { status: 'in-progress', byParty: { cn: 0, ru: 1 }, total: 1 },
      ],
      done: 1,
      dropped: 1,
    });
  });
});
