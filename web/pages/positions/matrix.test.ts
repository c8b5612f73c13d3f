import { describe, expect, it } from 'vitest';
import type { Text } from '../../api/types.ts';
import type { Position, PositionsMatrixData } from '../commitments/api.ts';
import { buildMatrix, issueKey } from './matrix.ts';

const position = (id: string, holderParty: string, issue: Text, stance: Text = {}): Position => ({
  id,
  ownerParty: holderParty,
  marking: 'joint',
  createdAt: '',
  updatedAt: '',
  logIndex: 0,
  mechanismId: 'm',
  issue,
  holderParty,
  stance,
});

const taiwan = position('p1', 'cn', { en: 'Taiwan', zh: '台湾' }, { zh: '一个中国' });
const xinjiang = position('p2', 'cn', { en: 'Xinjiang' });
const support = (supportId: string, party: string, where: { roundId?: string; eventId?: string }, en: string) => ({
  party,
  roundId: where.roundId ?? null,
  eventId: where.eventId ?? null,
  supportId,
  wording: { en },
});

const data: PositionsMatrixData = {
  parties: ['cn', 'ru'],
  rounds: [
    { id: 'r19', number: 19 },
    { id: 'r20', number: 20 },
  ],
  rows: [
    {
      position: taiwan,
      cells: [
        support('s3', 'ru', { eventId: 'e1' }, 'At the summit'),
        support('s1', 'ru', { roundId: 'r20' }, 'Firm support'),
        support('s2', 'ru', { roundId: 'r19' }, 'Support'),
        support('s4', 'ru', { roundId: 'r-hidden' }, 'Elsewhere'),
      ],
    },
    { position: xinjiang, cells: [] },
  ],
};

describe('buildMatrix', () => {
  it('groups by issue: the stance first, then rounds in order, hidden rounds, events; one cell per party', () => {
    const matrix = buildMatrix(data);
    expect(matrix.parties).toEqual(['cn', 'ru']);
    expect(matrix.issues.map((i) => i.issue.en)).toEqual(['Taiwan', 'Xinjiang']);
    const [tw] = matrix.issues;
    expect(tw!.rows.map((r) => r.source)).toEqual([
      { kind: 'stance' },
      { kind: 'round', roundId: 'r19', number: 19 },
      { kind: 'round', roundId: 'r20', number: 20 },
      { kind: 'hidden-round', roundId: 'r-hidden' },
      { kind: 'event', eventId: 'e1' },
    ]);
    expect(tw!.rows[0]!.cells).toEqual({ cn: [{ kind: 'stance', position: taiwan }] });
    expect(tw!.rows[2]!.cells).toEqual({ ru: [{ kind: 'support', supportId: 's1', wording: { en: 'Firm support' }, position: taiwan }] });
  });

  it('keeps an issue with a stance only', () => {
    const [, xj] = buildMatrix(data).issues;
    expect(xj!.rows).toEqual([{ source: { kind: 'stance' }, cells: { cn: [{ kind: 'stance', position: xinjiang }] } }]);
  });

  it('puts two parties’ positions on the same issue in one group, each stance in its party’s column', () => {
    const ruTaiwan = position('p3', 'ru', { zh: '台湾', en: ' taiwan ' }, { en: 'Russia’s stance' });
    const matrix = buildMatrix({ ...data, rows: [{ position: taiwan, cells: [] }, { position: ruTaiwan, cells: [support('s5', 'cn', { roundId: 'r20' }, 'China backs it')] }] });
    expect(matrix.issues).toHaveLength(1);
    const [stance, r20] = matrix.issues[0]!.rows;
    expect(Object.keys(stance!.cells)).toEqual(['cn', 'ru']);
    expect(r20!.cells.cn![0]).toMatchObject({ kind: 'support', position: ruTaiwan });
    expect(matrix.issues[0]!.positions).toEqual([taiwan, ruTaiwan]);
  });

  it('adds a column for a party outside the mechanism’s list rather than lose its wording', () => {
    const matrix = buildMatrix({ ...data, rows: [{ position: taiwan, cells: [support('s6', 'by', { roundId: 'r20' }, 'Belarus too')] }] });
    expect(matrix.parties).toEqual(['cn', 'ru', 'by']);
  });

  it('is empty without positions', () => {
    expect(buildMatrix({ parties: ['cn', 'ru'], rounds: [], rows: [] })).toEqual({ parties: ['cn', 'ru'], issues: [] });
  });
});

describe('issueKey', () => {
  it('ignores case, spacing and language order, not the languages present', () => {
    expect(issueKey({ en: 'Hong  Kong', zh: '香港' })).toBe(issueKey({ zh: '香港', en: 'hong kong ' }));
    expect(issueKey({ en: 'Hong Kong' })).not.toBe(issueKey({ en: 'Hong Kong', zh: '香港' }));
  });
});
