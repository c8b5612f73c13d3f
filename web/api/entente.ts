import { ApiClient } from './client.ts';
import type {
  Anniversaries,
  Commitment,
  Logs,
  Mechanism,
  MechanismOverview,
  Outcome,
  Page,
  Party,
  Person,
  RoundView,
  Session,
} from './types.ts';

/** The one client of the page: it holds the session's CSRF token. */
export const api = new ApiClient();

/** The API calls the workspace makes, typed; each takes an AbortSignal so that pages can cancel. */
export const entente = {
  session: (signal?: AbortSignal) => api.get<Session>('/session', undefined, signal),
  signIn: (body: { username: string; password: string; totp?: string }) => api.post<Session>('/session', body),
  signOut: () => api.delete('/session'),

  mechanisms: (signal?: AbortSignal) => allPages<Mechanism>('/mechanisms', {}, signal),
  parties: (signal?: AbortSignal) => allPages<Party>('/parties', {}, signal),
  person: (id: string, signal?: AbortSignal) => api.get<Person>(`/people/${encodeURIComponent(id)}`, undefined, signal),
  overview: (mechanismId: string, signal?: AbortSignal) => api.get<MechanismOverview>(`/mechanisms/${encodeURIComponent(mechanismId)}/overview`, undefined, signal),
  round: (mechanismId: string, number: number, signal?: AbortSignal) =>
    api.get<RoundView>(`/mechanisms/${encodeURIComponent(mechanismId)}/rounds/${number}`, undefined, signal),
  outcome: (mechanismId: string, number: number, signal?: AbortSignal) =>
    api.get<Outcome>(`/mechanisms/${encodeURIComponent(mechanismId)}/rounds/${number}/outcome`, undefined, signal),
  commitments: (mechanismId: string, signal?: AbortSignal) => allPages<Commitment>('/commitments', { mechanismId }, signal),
  anniversaries: (mechanismId: string, year: number, signal?: AbortSignal) =>
    api.get<Anniversaries>(`/mechanisms/${encodeURIComponent(mechanismId)}/anniversaries`, { year }, signal),
  logs: (signal?: AbortSignal) => api.get<Logs>('/logs', undefined, signal),
  checkpoint: (log: string, signal?: AbortSignal) => api.text(`/logs/${encodeURIComponent(log)}/checkpoint`, signal),
};

/** Every page of a list, following `nextCursor` (200 records a request, the API's maximum). */
export async function allPages<T>(path: string, query: Record<string, string>, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<T>>(path, { ...query, limit: 200, cursor }, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
