import type { Db } from '../db/index.ts';
import { RESOURCES } from '../record/registry.ts';
import type { AcceptResult } from './schema.ts';

/** Test-only helpers of the intake suites (accept, routes, the round-20 comparison). */

/** How many rows each record table and the log hold: what a refused accept must leave as it was. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...RESOURCES.map((r) => r.table), 'logEntries']) {
    const row = await db
      .selectFrom(table as 'logEntries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/**
 * A reviewed draft as the review page sends it: every item kept, values as given. Looser than
 * the route's schema on purpose: the suites send drafts it must refuse.
 */
export interface ReviewedDraft {
  language: 'fr' | 'en';
  mechanism: { value: { id?: string; name?: string; parties?: string[] } };
  marking?: 'public' | 'joint' | 'internal';
  hostParty?: string | null;
  round: { value: number; confidence?: number; span?: [number, number] };
  date?: { value: string } | null;
  place?: { value: string } | null;
  parties?: Array<{ value: { name: string; code?: string; isNew?: boolean } }>;
  coChairs?: Array<{ value: { name: string; title: string | null; party: string | null; personId?: string } }>;
  statements?: Array<{ value: { speaker: string | null; kind: string; text: string; form: string; party: string | null; personId?: string } }>;
  commitments?: Array<{ value: { text: string; parties: string[] } }>;
  consensus?: Array<{ value: { text: string; leaders: string[] } }>;
  positions?: Array<{ value: { issue: string; holder: string | null; supporter: string | null; text: string } }>;
  milestones?: Array<{ value: { event: string; year: number; anniversary: number | null } }>;
  events?: Array<{ value: { kind: string; title: string; date: string | null; place: string | null; participants: string[] } }>;
}

/** What the accept answers. */
export type Accepted = AcceptResult;

export interface ProblemJson {
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}
