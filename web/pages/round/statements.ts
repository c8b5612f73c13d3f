import type { Statement } from '../../api/types.ts';

/** Who a group of statements is by: a person, a party speaking as such, or both parties jointly. */
export type Speaker = { kind: 'person'; personId: string } | { kind: 'party'; party: string } | { kind: 'joint' };

export interface SpeakerGroup {
  key: string;
  speaker: Speaker;
  statements: Statement[];
}

/** Statements grouped by speaker, groups in the order their first statement was recorded. */
export function groupBySpeaker(statements: readonly Statement[]): SpeakerGroup[] {
  const groups = new Map<string, SpeakerGroup>();
  for (const s of statements) {
    const speaker: Speaker = s.speakerId
      ? { kind: 'person', personId: s.speakerId }
      : s.party && s.kind !== 'joint-statement'
        ? { kind: 'party', party: s.party }
        : { kind: 'joint' };
    const key = speaker.kind === 'person' ? `person:${speaker.personId}` : speaker.kind === 'party' ? `party:${speaker.party}` : 'joint';
    const group = groups.get(key) ?? { key, speaker, statements: [] };
    group.statements.push(s);
    groups.set(key, group);
  }
  return [...groups.values()];
}
