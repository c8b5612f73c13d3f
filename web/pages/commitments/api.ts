import { allPages, api } from '../../api/entente.ts';
import type { Agreement, Commitment, ConsensusItem, PartialDate, RecordBase, Round, Text } from '../../api/types.ts';

/**
 * The API answers the commitments and positions pages read (GET /api/v1/openapi.json is the
 * reference): the record fields the shared types leave out, and the calls that fetch them.
 */

export interface CommitmentRecord extends Commitment {
  consensusItemId: string | null;
  agreementId: string | null;
  article: string | null;
}

export interface Evidence extends RecordBase {
  commitmentId: string;
  date: PartialDate;
  note: Text;
  url: string | null;
}

export const ASSESSORS = ['self', 'partner', 'agreed'] as const;
export type Assessor = (typeof ASSESSORS)[number];
/** The G7/G20 Research Group scale: −1 no compliance, 0 partial, +1 full. */
export type Score = -1 | 0 | 1;

export interface Assessment extends RecordBase {
  commitmentId: string;
  party: string;
  roundId: string | null;
  assessor: Assessor;
  score: Score;
  reason: Text;
  percent: number;
}

export interface EventRecord extends RecordBase {
  kind: string;
  date: PartialDate;
  title: Text;
}

export interface ConsensusRecord extends ConsensusItem {
  sourceEventId: string | null;
}

/** GET /commitments/:id/trail: consensus item → round → commitment → evidence, as the reader may see them. */
export interface CommitmentTrail {
  consensusItem: ConsensusRecord | null;
  sourceEvent: EventRecord | null;
  round: Round | null;
  agreement: Agreement | null;
  commitment: CommitmentRecord;
  evidence: Evidence[];
  assessments: Assessment[];
  /** Per bound party: mean compliance in percent per assessor, null without scores. */
  compliance: Array<{ party: string; self: number | null; partner: number | null; agreed: number | null }>;
}

export interface Position extends RecordBase {
  mechanismId: string;
  issue: Text;
  holderParty: string;
  stance: Text;
}

/** GET /mechanisms/:id/positions-matrix. */
export interface PositionsMatrixData {
  parties: string[];
  rounds: Array<{ id: string; number: number }>;
  rows: Array<{
    position: Position;
    cells: Array<{ party: string; roundId: string | null; eventId: string | null; supportId: string; wording: Text }>;
  }>;
}

const m = (id: string) => encodeURIComponent(id);

export const records = {
  commitments: (mechanismId: string, signal?: AbortSignal) => allPages<CommitmentRecord>('/commitments', { mechanismId }, signal),
  trail: (id: string, signal?: AbortSignal) => api.get<CommitmentTrail>(`/commitments/${m(id)}/trail`, undefined, signal),
  agreedAssessments: (mechanismId: string, signal?: AbortSignal) => allPages<Assessment>('/assessments', { mechanismId, assessor: 'agreed' }, signal),
  positionsMatrix: (mechanismId: string, signal?: AbortSignal) => api.get<PositionsMatrixData>(`/mechanisms/${m(mechanismId)}/positions-matrix`, undefined, signal),
  events: (mechanismId: string, signal?: AbortSignal) => allPages<EventRecord>('/events', { mechanismId }, signal),
};

