import { describe, expect, it } from 'vitest';
import type { Score } from '../commitments/api.ts';
import { complianceByParty } from './compliance.ts';

const rounds = new Map([
  ['r19', 19],
  ['r20', 20],
]);

let clock = 0;
const agreed = (party: string, commitmentId: string, score: Score, roundId: string | null = 'r20', assessor: 'self' | 'partner' | 'agreed' = 'agreed') => ({
  party,
  commitmentId,
  score,
  roundId,
  assessor,
  createdAt: `2025-12-0${++clock}T00:00:00Z`,
});

describe('complianceByParty', () => {
  it('maps the average agreed score to a percentage: +1 → 100, 0 → 50, −1 → 0', () => {
    const result = complianceByParty([agreed('cn', 'a', 1), agreed('cn', 'b', 0), agreed('ru', 'a', -1), agreed('ru', 'b', -1)], ['cn', 'ru'], rounds);
    expect(result).toEqual([
      { party: 'cn', assessed: 2, average: 0.5, percent: 75 },
      { party: 'ru', assessed: 2, average: -1, percent: 0 },
    ]);
  });

  it('rounds to one decimal', () => {
    const [cn] = complianceByParty([agreed('cn', 'a', 1), agreed('cn', 'b', 0), agreed('cn', 'c', 0)], ['cn'], rounds);
    expect(cn!.percent).toBe(66.7);
  });

  it('ignores self and partner scores', () => {
    const [cn] = complianceByParty([agreed('cn', 'a', -1, 'r20', 'self'), agreed('cn', 'a', -1, 'r20', 'partner'), agreed('cn', 'b', 1)], ['cn'], rounds);
    expect(cn).toEqual({ party: 'cn', assessed: 1, average: 1, percent: 100 });
  });

  it('counts a commitment once, at its latest cycle, whatever order the scores come in', () => {
    const later = agreed('cn', 'a', 1, 'r20');
    const earlier = agreed('cn', 'a', -1, 'r19');
    expect(complianceByParty([later, earlier], ['cn'], rounds)[0]!.percent).toBe(100);
    // Within one cycle, the latest recorded wins.
    const first = agreed('ru', 'a', -1, 'r20');
    const revised = agreed('ru', 'a', 0, 'r20');
    expect(complianceByParty([revised, first], ['ru'], rounds)[0]!.percent).toBe(50);
  });

  it('says nothing for a party without agreed scores', () => {
    expect(complianceByParty([], ['cn'], rounds)).toEqual([{ party: 'cn', assessed: 0, average: null, percent: null }]);
  });
});
