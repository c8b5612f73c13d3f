import { api } from '../../api/entente.ts';
import type { Anniversaries, Milestone, Page, PartialDate, RecordBase, Text } from '../../api/types.ts';

/** What the timeline reads besides the rounds the mechanism scope holds. */

export interface EventRecord extends RecordBase {
  kind: 'state-visit' | 'summit' | 'call' | 'meeting';
  date: PartialDate;
  title: Text;
  place: Text;
}

export interface TimelineData {
  events: EventRecord[];
  milestones: Milestone[];
  anniversaries: Anniversaries['anniversaries'];
}

async function all<T>(path: string, mechanismId: string, signal: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<T>>(path, { mechanismId, limit: 200, cursor }, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** Events, milestones, and the anniversaries of this year and next (as the dashboard shows them). */
export async function loadTimeline(mechanismId: string, year: number, signal: AbortSignal): Promise<TimelineData> {
  const anniversaries = (y: number) => api.get<Anniversaries>(`/mechanisms/${encodeURIComponent(mechanismId)}/anniversaries`, { year: y }, signal);
  const [events, milestones, thisYear, nextYear] = await Promise.all([
    all<EventRecord>('/events', mechanismId, signal),
    all<Milestone>('/milestones', mechanismId, signal),
    anniversaries(year),
    anniversaries(year + 1),
  ]);
  return { events, milestones, anniversaries: [...thisYear.anniversaries, ...nextYear.anniversaries] };
}
