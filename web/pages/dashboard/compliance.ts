import type { Assessment } from '../commitments/api.ts';

/**
 * Compliance per party, the G7/G20 Research Group way, from the *agreed* assessments only
 * (self and partner scores are inputs to the agreement, not the result):
 *
 *   each commitment binding a party scores +1 (full compliance), 0 (partial) or −1 (none);
 *   the party's average score s over its assessed commitments, in [−1, +1], is shown as the
 *   percentage (s + 1) / 2 × 100 — all +1 is 100 %, all 0 is 50 %, all −1 is 0 %.
 *
 * A commitment assessed in several cycles counts once, with its latest cycle's score (the
 * highest round number; among equals, or without a round, the latest recorded), so that
 * compliance says where things stand now rather than averaging the history.
 */
export interface PartyCompliance {
  party: string;
  /** Commitments with an agreed score for this party. */
  assessed: number;
  /** The average score, −1…+1; null when none is assessed. */
  average: number | null;
  /** (average + 1) / 2 in percent, one decimal; null when none is assessed. */
  percent: number | null;
}

export function complianceByParty(
  agreed: readonly Pick<Assessment, 'commitmentId' | 'party' | 'roundId' | 'assessor' | 'score' | 'createdAt'>[],
  parties: readonly string[],
  roundNumbers: ReadonlyMap<string, number>,
): PartyCompliance[] {
  const cycle = (a: { roundId: string | null }) => (a.roundId === null ? -1 : (roundNumbers.get(a.roundId) ?? -1));
  const latest = new Map<string, (typeof agreed)[number]>();
  for (const a of agreed) {
    if (a.assessor !== 'agreed') continue;
    const key = `${a.party} ${a.commitmentId}`;
    const kept = latest.get(key);
    if (!kept || cycle(a) > cycle(kept) || (cycle(a) === cycle(kept) && a.createdAt > kept.createdAt)) latest.set(key, a);
  }
  return parties.map((party) => {
    const scores: number[] = [...latest.values()].filter((a) => a.party === party).map((a) => a.score);
    if (scores.length === 0) return { party, assessed: 0, average: null, percent: null };
    const average = scores.reduce((sum, s) => sum + s, 0) / scores.length;
    return { party, assessed: scores.length, average, percent: Math.round(((average + 1) / 2) * 1000) / 10 };
  });
}
