import { parseCheckpoint, type CheckpointBody } from '../../api/checkpoint.ts';
import { ApiError } from '../../api/client.ts';
import { startEarlyRead, type Read } from '../../api/early-reads.ts';
import { entente } from '../../api/entente.ts';
import type { Anniversaries, Commitment, LogSummary, MechanismOverview, Outcome } from '../../api/types.ts';
import { ledgerApi } from '../../ledger/log-api.ts';
import { checkNote, type CheckpointState } from '../../ledger/verification.ts';
import { records, type Assessment } from '../commitments/api.ts';
import { lastRound } from './summary.ts';

/**
 * What the dashboard's cards load, named once for the cards and the boot code (web/main.ts),
 * which starts them on a first load of the dashboard (../../api/early-reads.ts).
 */

export interface JointLogState {
  summary: LogSummary | undefined;
  /** Undefined when the log has no checkpoint yet, null when its note is unreadable. */
  checkpoint: CheckpointBody | null | undefined;
  /** Undefined without a checkpoint, null when the node key could not be had. */
  seal: CheckpointState | null | undefined;
}

/** The mechanism's joint log: its size and its latest signed checkpoint, checked in this browser. */
export function jointLogRead(mechanismId: string): Read<JointLogState> {
  return {
    key: `log:${mechanismId}`,
    load: async (signal) => {
      // All three at once: the node key (the same for every check on the page), the log's size,
      // and its latest note (404 while it has none), shown and checked here.
      const nodeKey = ledgerApi.nodeKey().catch(() => undefined);
      const latest = entente.checkpoint(mechanismId, signal).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return undefined;
        throw err;
      });
      const [logs, note] = await Promise.all([entente.logs(signal), latest]);
      const summary = logs.items.find((l) => l.log === mechanismId);
      const seal = note === undefined ? undefined : (await nodeKey) === undefined ? null : await checkNote(note);
      return { summary, checkpoint: note === undefined ? undefined : (parseCheckpoint(note) ?? null), seal };
    },
  };
}

export function commitmentsRead(mechanismId: string): Read<Commitment[]> {
  return { key: `commitments:${mechanismId}`, load: (signal) => entente.commitments(mechanismId, signal) };
}

/** The agreed assessments, from which compliance is computed (./compliance.ts). */
export function agreedAssessmentsRead(mechanismId: string): Read<Assessment[]> {
  return { key: `agreed:${mechanismId}`, load: (signal) => records.agreedAssessments(mechanismId, signal) };
}

/** The anniversaries of `year` and the year after. */
export function anniversariesRead(mechanismId: string, year: number): Read<[Anniversaries, Anniversaries]> {
  return {
    key: `anniversaries:${mechanismId}:${year}`,
    load: (signal) => Promise.all([entente.anniversaries(mechanismId, year, signal), entente.anniversaries(mechanismId, year + 1, signal)]),
  };
}

/** A round's outcome and its co-signatures (src/outcome). */
export function outcomeRead(mechanismId: string, roundNumber: number): Read<Outcome> {
  return { key: `outcome:${mechanismId}:${roundNumber}`, load: (signal) => entente.outcome(mechanismId, roundNumber, signal) };
}

/**
 * Starts every read of the dashboard of `mechanismId`, as of `now`: the cards' at once, the last
 * round's co-signatures once the overview names that round.
 */
export function startDashboardReads(mechanismId: string, overview: Promise<MechanismOverview>, now: Date): void {
  startEarlyRead(jointLogRead(mechanismId));
  startEarlyRead(commitmentsRead(mechanismId));
  startEarlyRead(agreedAssessmentsRead(mechanismId));
  startEarlyRead(anniversariesRead(mechanismId, now.getFullYear()));
  overview.then(
    ({ rounds }) => {
      const last = lastRound(rounds);
      if (last) startEarlyRead(outcomeRead(mechanismId, last.number));
    },
    () => {}, // the mechanism's pages show the failure
  );
}
