import type { Db, Dialect, Store, Tx } from '../db/index.ts';
import type { Principal } from '../access/principal.ts';
import type { RecordData, ResourceDef } from '../record/common/resource.ts';
import { resource } from '../record/registry.ts';
import { list } from '../record/store.ts';
import type { KnownNames } from './draft.ts';

/**
 * The names the record already knows, as `principal` may read them (store.ts lists, under the
 * policy's marking condition): the extractor matches a communiqué's names against these
 * instead of proposing new mechanisms and people. Nothing hidden from the principal is
 * matched, so no draft discloses it.
 */
export async function knownNames(store: Store, principal: Principal): Promise<KnownNames> {
  const [mechanisms, parties, people] = await Promise.all([
    visibleRecords(store.db, store.dialect, principal, resource('mechanism')),
    visibleRecords(store.db, store.dialect, principal, resource('party')),
    visibleRecords(store.db, store.dialect, principal, resource('person')),
  ]);
  return {
    mechanisms: mechanisms.map((m) => ({
      id: m.id,
      names: texts(m.name),
      parties: m.parties as string[],
      established: (m.established as string | null) ?? null,
    })),
    parties: parties.map((p) => ({ code: String(p.code), names: texts(p.name) })),
    people: people.map((p) => ({
      id: p.id,
      party: String(p.party),
      names: texts(p.name),
      titles: ((p.titles as Array<{ title: Record<string, string> }> | null) ?? []).flatMap((t) => texts(t.title)),
    })),
  };
}

/** Every record of `def` (matching `filters`, e.g. a mechanismId) the principal may read, a page of 200 at a time. */
export async function visibleRecords(db: Db | Tx, dialect: Dialect, principal: Principal, def: ResourceDef, filters: Record<string, unknown> = {}): Promise<RecordData[]> {
  const out: RecordData[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(db, dialect, principal, def, { filters, sort: 'createdAt', limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** A multilingual text's distinct values, in any language. */
export function texts(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return [...new Set(Object.values(value as Record<string, string>).filter((s) => typeof s === 'string' && s.trim() !== ''))];
}
