import { describe, expect, it } from 'vitest';
import type { CommitmentStatus } from '../../api/types.ts';
import type { CommitmentRecord } from './api.ts';
import { filtersQuery, isOverdue, parseFilters, selectCommitments } from './board.ts';

const commitment = (id: string, status: CommitmentStatus, parties: string[], roundId: string | null, due: string | null): CommitmentRecord => ({
  id,
  ownerParty: 'cn',
  marking: 'joint',
  createdAt: '',
  updatedAt: '',
  logIndex: 0,
  mechanismId: 'm',
  text: { en: id },
  parties,
  roundId,
  due,
  status,
  consensusItemId: null,
  agreementId: null,
  article: null,
});

const now = new Date('2026-03-15T12:00:00Z');
const ctx = { roundNumbers: new Map([['r19', 19], ['r20', 20]]), now };
const all = [
  commitment('a', 'open', ['cn', 'ru'], 'r20', '2026-01'),
  commitment('b', 'in-progress', ['ru'], 'r20', '2026-03'),
  commitment('c', 'done', ['cn'], 'r19', '2025'),
  commitment('d', 'dropped', ['cn', 'ru'], 'r19', '2025-06-01'),
  commitment('e', 'open', ['cn'], null, null),
];
const ids = (rows: CommitmentRecord[]) => rows.map((c) => c.id);

describe('parseFilters and filtersQuery', () => {
  it('read the query and write it back in a stable order', () => {
    const f = parseFilters(new URLSearchParams('overdue=1&round=20&party=ru&status=in-progress'));
    expect(f).toEqual({ status: 'in-progress', party: 'ru', round: 20, overdue: true });
    expect(filtersQuery(f).toString()).toBe('status=in-progress&party=ru&round=20&overdue=1');
  });

  it('ignore what they do not understand', () => {
    expect(parseFilters(new URLSearchParams('status=late&party=%3Cx%3E&round=twenty&overdue=yes'))).toEqual({ overdue: false });
    expect(filtersQuery({ overdue: false }).toString()).toBe('');
  });
});

describe('isOverdue', () => {
  it('is pending work whose due date’s whole span is over', () => {
    expect(isOverdue({ status: 'open', due: '2026-02' }, now)).toBe(true);
    expect(isOverdue({ status: 'open', due: '2026-03' }, now)).toBe(false); // March is not over
    expect(isOverdue({ status: 'in-progress', due: '2026-03-14' }, now)).toBe(true);
    expect(isOverdue({ status: 'open', due: '2026' }, now)).toBe(false);
    expect(isOverdue({ status: 'open', due: null }, now)).toBe(false);
  });

  it('never calls closed work overdue', () => {
    expect(isOverdue({ status: 'done', due: '2020' }, now)).toBe(false);
    expect(isOverdue({ status: 'dropped', due: '2020' }, now)).toBe(false);
  });
});

describe('selectCommitments', () => {
  it('shows everything without filters, with counts per status', () => {
    const board = selectCommitments(all, { overdue: false }, ctx);
    expect(ids(board.rows)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(board.counts).toEqual({ open: 2, 'in-progress': 1, done: 1, dropped: 1 });
    expect(board.total).toBe(5);
  });

  it('filters by status, party, round and overdue together', () => {
    expect(ids(selectCommitments(all, { status: 'open', overdue: false }, ctx).rows)).toEqual(['a', 'e']);
    expect(ids(selectCommitments(all, { party: 'ru', overdue: false }, ctx).rows)).toEqual(['a', 'b', 'd']);
    expect(ids(selectCommitments(all, { round: 19, overdue: false }, ctx).rows)).toEqual(['c', 'd']);
    expect(ids(selectCommitments(all, { overdue: true }, ctx).rows)).toEqual(['a']);
    expect(ids(selectCommitments(all, { party: 'cn', round: 20, status: 'open', overdue: false }, ctx).rows)).toEqual(['a']);
  });

  it('counts each status under the other filters, so that a count says what choosing it would show', () => {
    const board = selectCommitments(all, { status: 'done', party: 'ru', overdue: false }, ctx);
    expect(board.rows).toEqual([]);
    expect(board.counts).toEqual({ open: 1, 'in-progress': 1, done: 0, dropped: 1 });
    expect(board.total).toBe(3);
  });

  it('finds nothing for a round the reader cannot see', () => {
    expect(selectCommitments(all, { round: 7, overdue: false }, ctx).rows).toEqual([]);
  });
});
