import { api, entente } from '../api/entente.ts';
import { ApiError } from '../api/client.ts';
import type { Marking } from '../api/types.ts';
import type { InclusionProofAnswer } from './inclusion.ts';

/** The log API calls the log page and the verification lines make (besides entente.logs/checkpoint). */

export interface EntriesPage {
  log: string;
  size: number;
  start: number;
  /** Canonical JSON texts (RFC 8785), exactly as hashed. */
  entries: string[];
}

const enc = encodeURIComponent;

export const ledgerApi = {
  entries: (log: string, start: number, end: number, signal?: AbortSignal) => api.get<EntriesPage>(`/logs/${enc(log)}/entries`, { start, end }, signal),
  inclusionProof: (log: string, index: number, size: number, signal?: AbortSignal) =>
    api.get<InclusionProofAnswer>(`/logs/${enc(log)}/proof/inclusion`, { index, size }, signal),
  checkpoint: entente.checkpoint,
  logs: entente.logs,
  nodeKey,
};

let nodeKeyAnswer: Promise<string> | undefined;

/**
 * The node's verifier key, from its well-known address (outside /api/v1). Read once per page
 * load: every check on the page is made against the same key.
 */
function nodeKey(): Promise<string> {
  nodeKeyAnswer ??= fetch('/.well-known/entente/node-key', { credentials: 'same-origin', headers: { accept: 'text/plain' } })
    .then(async (res) => {
      if (!res.ok) throw new ApiError(res.status, { title: res.statusText });
      return (await res.text()).trim();
    })
    .catch((err: unknown) => {
      nodeKeyAnswer = undefined;
      throw err instanceof ApiError ? err : new ApiError(0, { type: ApiError.NETWORK, detail: String(err) });
    });
  return nodeKeyAnswer;
}

/** The log a record's entries go to: its owner party's internal log when internal, else the joint log of its mechanism. */
export function logOfRecord(record: { marking: Marking; ownerParty: string }, mechanismId: string): string {
  return record.marking === 'internal' ? `${mechanismId}.${record.ownerParty}` : mechanismId;
}

/** One log entry's fields worth listing (the entry is `{v, at, actor, party, op, kind, id, record}`). */
export interface EntrySummary {
  op: string;
  kind: string;
  id: string;
  actor: string;
  party: string;
  at: string;
}

export function summarizeEntry(entry: string): EntrySummary | undefined {
  try {
    const e = JSON.parse(entry) as Record<string, unknown>;
    const s = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : '');
    return { op: s('op'), kind: s('kind'), id: s('id'), actor: s('actor'), party: s('party'), at: s('at') };
  } catch {
    return undefined;
  }
}
