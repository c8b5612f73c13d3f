/**
 * The shapes of the API answers the workspace reads (the OpenAPI at /api/v1/openapi.json is
 * the reference). Only the fields the pages use are listed.
 */

/** Multilingual text: BCP 47 tag → text. */
export type Text = Record<string, string>;
/** ISO 8601 `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, kept with its precision. */
export type PartialDate = string;
export type Marking = 'public' | 'joint' | 'internal';

export interface RecordBase {
  id: string;
  ownerParty: string;
  marking: Marking;
  createdAt: string;
  updatedAt: string;
  logIndex: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Role = 'secretariat' | 'co-chair' | 'delegate' | 'observer';

export interface Session {
  signedIn: boolean;
  username?: string;
  party?: string;
  admin?: boolean;
  roles?: Array<{ mechanismId: string; role: Role }>;
  secondFactor?: boolean;
  mfaRequired?: boolean;
  reauthenticatedAt?: string | null;
  csrfToken?: string;
}

export interface Party extends RecordBase {
  code: string;
  name: Text;
  workingLanguages: string[];
}

export interface Person extends RecordBase {
  party: string;
  name: Text;
  titles: Array<{ title: Text; from?: PartialDate; to?: PartialDate }>;
}

export interface Mechanism extends RecordBase {
  name: Text;
  parties: string[];
  /** The languages its records are written in, besides the UI languages. */
  languages: string[];
  established: PartialDate | null;
  purpose: Text | null;
}

export const ROUND_STATUSES = ['planned', 'held', 'concluded'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export interface Round extends RecordBase {
  mechanismId: string;
  number: number;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  place: Text;
  hostParty: string | null;
  coChairs: Array<{ party: string; personId: string }>;
  consensusItemIds: string[];
  status: RoundStatus;
}

export interface AgendaItem extends RecordBase {
  roundId: string;
  position: number;
  title: Text;
}

export const STATEMENT_KINDS = ['remark', 'joint-statement', 'chair-summary', 'readout'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export interface Statement extends RecordBase {
  speakerId: string | null;
  party: string | null;
  roundId: string | null;
  eventId: string | null;
  kind: StatementKind;
  form: 'quote' | 'gist';
  text: Text;
}

export const COMMITMENT_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export interface Commitment extends RecordBase {
  mechanismId: string;
  text: Text;
  parties: string[];
  roundId: string | null;
  due: PartialDate | null;
  status: CommitmentStatus;
}

export interface ConsensusItem extends RecordBase {
  text: Text;
}

export type AgreementKind = 'treaty' | 'agreement' | 'memorandum' | 'protocol' | 'joint-declaration' | 'other';
export type AgreementStatus = 'drafting' | 'agreed' | 'initialled' | 'signed' | 'in-force';

export interface Agreement extends RecordBase {
  title: Text;
  titleDisclosed: boolean;
  parties: string[];
  kind: AgreementKind;
  status: AgreementStatus;
}

export interface Milestone extends RecordBase {
  title: Text;
  date: PartialDate;
}

export interface MechanismOverview {
  mechanism: Mechanism;
  rounds: Round[];
}

export interface RoundView {
  round: Round;
  coChairs: Array<{ party: string; person: Person | null; title: Text | null }>;
  agenda: AgendaItem[];
  statements: Statement[];
  commitments: Commitment[];
  consensusItems: ConsensusItem[];
  agreements: Agreement[];
}

export interface Anniversaries {
  year: number;
  anniversaries: Array<{ milestone: Milestone; years: number; date: PartialDate }>;
}

export interface LogSummary {
  log: string;
  size: number;
  checkpointSize: number | null;
  checkpointAt: string | null;
}

export interface Logs {
  node: { name: string; verifierKey: string };
  items: LogSummary[];
}

export interface Outcome {
  mechanismId: string;
  round: number;
  outcomeHash: string;
  concluded: boolean;
  parties: string[];
  cosignatures: Array<{ party: string; username: string; current: boolean; valid: boolean; at: string }>;
}
