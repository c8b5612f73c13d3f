import { describe, expect, it } from 'vitest';
import type { Statement } from '../../api/types.ts';
import { groupBySpeaker } from './statements.ts';

const base = { ownerParty: 'cn', marking: 'joint' as const, createdAt: '', updatedAt: '', logIndex: 0, roundId: 'r', eventId: null, form: 'gist' as const, text: { en: 'x' } };
const said = (id: string, speakerId: string | null, party: string | null, kind: Statement['kind'] = 'remark'): Statement => ({ ...base, id, speakerId, party, kind });

describe('groupBySpeaker', () => {
  it('groups by person, then by party for party readouts, then joint statements, in order of first appearance', () => {
    const groups = groupBySpeaker([
      said('1', 'wang', 'cn'),
      said('2', null, 'ru', 'readout'),
      said('3', 'shoigu', 'ru'),
      said('4', 'wang', 'cn', 'chair-summary'),
      said('5', null, 'cn', 'joint-statement'),
      said('6', null, null, 'joint-statement'),
    ]);
    expect(groups.map((g) => [g.key, g.statements.map((s) => s.id)])).toEqual([
      ['person:wang', ['1', '4']],
      ['party:ru', ['2']],
      ['person:shoigu', ['3']],
      ['joint', ['5', '6']],
    ]);
  });
});
