import { allPages, api } from '../../api/entente.ts';
import type { Text } from '../../api/types.ts';
import { KINDS, type EditorKind, type RefKind } from './kinds.ts';
import type { Payload } from './form-state.ts';

/** The API calls of the editors: one record, its create and change, and the records a picker lists. */

export type StoredRecord = Record<string, unknown> & { id: string; ownerParty: string; marking: 'public' | 'joint' | 'internal' };

const enc = encodeURIComponent;

export const editorsApi = {
  record: (kind: EditorKind, id: string, signal?: AbortSignal) => api.get<StoredRecord>(`/${KINDS[kind].path}/${enc(id)}`, undefined, signal),
  create: (kind: EditorKind, body: Payload) => api.post<StoredRecord>(`/${KINDS[kind].path}`, body),
  update: (kind: EditorKind, id: string, body: Payload) => api.patch<StoredRecord>(`/${KINDS[kind].path}/${enc(id)}`, body),
  list: <T>(path: string, query: Record<string, string>, signal?: AbortSignal) => allPages<T>(path, query, signal),
};


/** One record a reference picker offers: what names it, in whichever form its kind has. */
export interface RefOption {
  id: string;
  /** A round's number. */
  number?: number;
  /** A multilingual name, title or text. */
  text?: Text;
  /** A person's party. */
  party?: string;
  date?: string | null;
}

const SOURCES: Record<RefKind, { path: string; scoped: boolean; option: (r: Record<string, unknown>) => Omit<RefOption, 'id'> }> = {
  round: { path: '/rounds', scoped: true, option: (r) => ({ number: Number(r.number), date: r.startDate as string | null }) },
  event: { path: '/events', scoped: true, option: (r) => ({ text: r.title as Text, date: r.date as string }) },
  person: { path: '/people', scoped: false, option: (r) => ({ text: r.name as Text, party: r.party as string }) },
  consensusItem: { path: '/consensus-items', scoped: true, option: (r) => ({ text: r.text as Text }) },
  agreement: { path: '/agreements', scoped: true, option: (r) => ({ text: r.titleDisclosed === false ? {} : (r.title as Text) }) },
  commitment: { path: '/commitments', scoped: true, option: (r) => ({ text: r.text as Text }) },
};

/** The visible records of each kind the form's pickers need, loaded together. */
export async function loadOptions(kinds: readonly RefKind[], mechanismId: string, signal: AbortSignal): Promise<Map<RefKind, RefOption[]>> {
  const unique = [...new Set(kinds)];
  const lists = await Promise.all(
    unique.map(async (kind) => {
      const source = SOURCES[kind];
      const items = await allPages<Record<string, unknown> & { id: string }>(source.path, source.scoped ? { mechanismId } : {}, signal);
      const options = items.map((r) => ({ id: r.id, ...source.option(r) }));
      if (kind === 'round') options.sort((a, b) => (b.number ?? 0) - (a.number ?? 0));
      return [kind, options] as const;
    }),
  );
  return new Map(lists);
}
