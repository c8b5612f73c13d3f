import type { Db } from '../../db/index.ts';
import { ANONYMOUS } from '../../access/principal.ts';
import { principalShape, readable } from '../../access/policy.ts';
import { runTemplate, slot, template } from '../../db/templates.ts';
import { fromRow, type RecordData } from '../../record/common/resource.ts';
import { ID_PATTERN } from '../../record/common/id.ts';
import { findVisible, findVisibleBy, list } from '../../record/store.ts';
import { communiques } from '../../record/communiques/schema.ts';
import { rounds } from '../../record/rounds/schema.ts';
import { events } from '../../record/events/schema.ts';
import { mechanisms } from '../../record/mechanisms/schema.ts';
import type { Dialect } from '../../db/index.ts';
import { approvedComments } from '../comments/store.ts';
import type { CommuniquePageInput, SiteLang } from '../types.ts';
import type { ListedCommunique } from './render.ts';

/**
 * What the public site shows, read as the public (ANONYMOUS) under the one policy: a
 * communiqué is there once published (marking public); a draft, even its title, never is.
 */

/** At most this many communiqués on the list, in the feed and in the sitemap (newest first). */
export const LISTED = 200;
/** A chain of corrections longer than this is not followed further (a guard, not a real case). */
const MAX_VERSIONS = 100;

const anon = principalShape(ANONYMOUS);

function isPublished(c: RecordData | undefined): c is RecordData {
  return c !== undefined && c.status === 'published';
}

/** The published communiqué `id` as the public reads it, if there is one. */
export async function publishedCommunique(db: Db, id: string): Promise<RecordData | undefined> {
  if (!ID_PATTERN.test(id)) return undefined;
  const c = await findVisible(db, ANONYMOUS, communiques, id);
  return isPublished(c) ? c : undefined;
}

/** The published correction of `id`, if any (a communiqué has at most one: workflow.ts). */
async function publishedCorrectionOf(db: Db, id: string): Promise<RecordData | undefined> {
  const t = template(db, 'public|communique-correction', () =>
    db
      .selectFrom('communiques')
      .selectAll()
      .where('previousId', '=', slot('id'))
      .where('status', '=', 'published')
      .where(readable(anon.placeholder, communiques.scope, communiques.table))
      .limit(1),
  );
  const [row] = await runTemplate(db, t, { ...anon.values, id });
  return row ? fromRow(communiques, row) : undefined;
}

/** The published versions of `c`'s chain of corrections, oldest first. */
export async function publishedVersions(db: Db, c: RecordData): Promise<RecordData[]> {
  const chain = [c];
  for (let at = c; typeof at.previousId === 'string' && chain.length < MAX_VERSIONS; ) {
    const earlier = await publishedCommunique(db, at.previousId);
    if (!earlier) break;
    chain.unshift((at = earlier));
  }
  for (let at = c; chain.length < MAX_VERSIONS; ) {
    const newer = await publishedCorrectionOf(db, String(at.id));
    if (!newer) break;
    chain.push((at = newer));
  }
  return chain;
}

/** Everything the page of communiqué `id` shows, or undefined when the public may not read it. */
export async function loadCommuniquePage(db: Db, lang: SiteLang, id: string): Promise<CommuniquePageInput | undefined> {
  const c = await publishedCommunique(db, id);
  if (!c) return undefined;
  const [round, event, mechanism, versions, comments] = await Promise.all([
    typeof c.roundId === 'string' ? findVisible(db, ANONYMOUS, rounds, c.roundId) : undefined,
    typeof c.eventId === 'string' ? findVisible(db, ANONYMOUS, events, c.eventId) : undefined,
    findVisible(db, ANONYMOUS, mechanisms, String(c.mechanismId)),
    publishedVersions(db, c),
    approvedComments(db, String(c.id)),
  ]);
  return { lang, communique: c, round, event, mechanism, versions, comments };
}

/** The published communiqués, newest first (corrected versions too: each has its own page). */
export async function publishedCommuniques(db: Db, dialect: Dialect): Promise<RecordData[]> {
  return (await list(db, dialect, ANONYMOUS, communiques, { filters: { status: 'published' }, sort: '-publishedAt', limit: LISTED })).items;
}

/**
 * Those of `items` no published correction replaces (a correction is published after what it
 * corrects, so it is in the same newest-first window).
 */
export function currentVersions(items: RecordData[]): RecordData[] {
  const replaced = new Set(items.map((c) => c.previousId).filter((p): p is string => typeof p === 'string'));
  return items.filter((c) => !replaced.has(String(c.id)));
}

/** The list's entries: each communiqué with its round or event and mechanism, where public. */
export async function listedCommuniques(db: Db, items: RecordData[]): Promise<ListedCommunique[]> {
  const ids = (field: string) => [...new Set(items.map((c) => c[field]).filter((v): v is string => typeof v === 'string'))];
  const [rs, es, ms] = await Promise.all([
    findVisibleBy(db, ANONYMOUS, rounds, 'id', ids('roundId')),
    findVisibleBy(db, ANONYMOUS, events, 'id', ids('eventId')),
    findVisibleBy(db, ANONYMOUS, mechanisms, 'id', ids('mechanismId')),
  ]);
  const byId = (recs: RecordData[]) => new Map(recs.map((r) => [String(r.id), r]));
  const [r, e, m] = [byId(rs), byId(es), byId(ms)];
  return items.map((c) => ({ communique: c, round: r.get(String(c.roundId)), event: e.get(String(c.eventId)), mechanism: m.get(String(c.mechanismId)) }));
}

/**
 * A stamp of every record in the database, read in one small query: the total size of the logs.
 * Every change of a record — a publication, an edit of a round, a marking closing — appends an
 * entry to one of its mechanism's logs (or the directory's) in the same transaction (DESIGN §5),
 * and logs only grow, so the stamp changes exactly when some record did. What the public site
 * shows besides comments (which are not records: decision 0014) is records.
 */
export async function recordsStamp(db: Db): Promise<string> {
  const t = template(db, 'public|records-stamp', () => db.selectFrom('logs').select((eb) => [eb.fn.countAll().as('logs'), eb.fn.sum('size').as('entries')]));
  const [row] = await runTemplate<{ logs: number | string; entries: number | string | null }>(db, t, {});
  return `${String(row?.logs)}:${String(row?.entries)}`;
}
