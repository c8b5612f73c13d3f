import { describe, expect, it } from 'vitest';
import type { Session } from '../../api/types.ts';
import type { Communique } from './api.ts';
import { approvalsOf, stepsFor, versionsAround, waitingFor } from './workflow.ts';

const M = 'm1';
const NOW = 'a'.repeat(64);
const OLD = 'b'.repeat(64);

function communique(over: Partial<Communique> = {}): Communique {
  return {
    id: 'c1', ownerParty: 'cn', marking: 'joint', createdAt: '', updatedAt: '', logIndex: 1, mechanismId: M, roundId: 'r20', eventId: null,
    title: { fr: 'Titre' }, text: { fr: 'Texte' }, embargo: '2025-12-02T12:00:00Z', status: 'draft', approvals: [], publishedAt: null,
    version: 1, previousId: null, correctionNote: null, contentHash: NOW, ...over,
  };
}

const session = (username: string, party: string, role: 'secretariat' | 'co-chair' | 'delegate' | 'observer'): Session => ({
  signedIn: true, username, party, roles: [{ mechanismId: M, role }],
});

describe('approvals', () => {
  it('counts an approval only for the text whose hash it carries', () => {
    const c = communique({
      approvals: [
        { party: 'cn', username: 'cn-cochair', at: '2026-01-01T10:00:00Z', contentHash: OLD },
        { party: 'ru', username: 'ru-cochair', at: '2026-01-02T10:00:00Z', contentHash: NOW },
      ],
    });
    expect(approvalsOf(c, ['cn', 'ru']).map((a) => [a.party, a.state, a.approval?.username])).toEqual([
      ['cn', 'earlier', 'cn-cochair'],
      ['ru', 'current', 'ru-cochair'],
    ]);
    expect(waitingFor(c, ['cn', 'ru'])).toEqual(['cn']);
    expect(approvalsOf(communique(), ['cn', 'ru']).map((a) => a.state)).toEqual(['none', 'none']);
  });

  it('waits for nobody once approved', () => {
    expect(waitingFor(communique({ status: 'approved' }), ['cn', 'ru'])).toEqual([]);
  });
});

describe('what a reader may do', () => {
  const parties = ['cn', 'ru'];

  it('lets the owner party’s secretariat edit a draft, and any party’s co-chair approve it once', () => {
    const c = communique({ approvals: [{ party: 'ru', username: 'ru-cochair', at: '2026-01-02T10:00:00Z', contentHash: NOW }] });
    expect(stepsFor(c, session('cn-secretariat', 'cn', 'secretariat'), parties, false)).toEqual({ edit: true, approve: false, reopen: false, schedule: false, correct: false });
    expect(stepsFor(c, session('ru-secretariat', 'ru', 'secretariat'), parties, false).edit).toBe(false);
    expect(stepsFor(c, session('cn-cochair', 'cn', 'co-chair'), parties, false)).toMatchObject({ edit: true, approve: true });
    // Russia approved this very text already.
    expect(stepsFor(c, session('ru-cochair', 'ru', 'co-chair'), parties, false)).toMatchObject({ edit: false, approve: false });
    expect(stepsFor(c, session('cn-observer', 'cn', 'observer'), parties, false).approve).toBe(false);
  });

  it('offers approval again after the text changed', () => {
    const c = communique({ approvals: [{ party: 'ru', username: 'ru-cochair', at: '2026-01-02T10:00:00Z', contentHash: OLD }] });
    expect(stepsFor(c, session('ru-cochair', 'ru', 'co-chair'), parties, false).approve).toBe(true);
  });

  it('reopens and schedules an approved or scheduled one, corrects a published one without a newer version', () => {
    const secretariat = session('cn-secretariat', 'cn', 'secretariat');
    for (const status of ['approved', 'scheduled'] as const) {
      expect(stepsFor(communique({ status }), secretariat, parties, false)).toEqual({ edit: false, approve: false, reopen: true, schedule: true, correct: false });
    }
    const published = communique({ status: 'published', marking: 'public' });
    expect(stepsFor(published, secretariat, parties, false)).toEqual({ edit: false, approve: false, reopen: false, schedule: false, correct: true });
    expect(stepsFor(published, secretariat, parties, true).correct).toBe(false);
    expect(stepsFor(published, session('ru-secretariat', 'ru', 'secretariat'), parties, false).correct).toBe(false);
    expect(stepsFor(published, undefined, parties, false).correct).toBe(false);
  });
});

describe('versions', () => {
  it('finds the version a communiqué corrects and the one correcting it', () => {
    const v1 = communique({ id: 'v1', status: 'published' });
    const v2 = communique({ id: 'v2', version: 2, previousId: 'v1', status: 'published' });
    const v3 = communique({ id: 'v3', version: 3, previousId: 'v2' });
    const all = [v3, v2, v1];
    expect(versionsAround(v2, all)).toEqual({ previous: v1, newer: v3 });
    expect(versionsAround(v1, all)).toEqual({ previous: undefined, newer: v2 });
  });
});
