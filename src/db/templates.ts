import { CompiledQuery, type Compilable } from 'kysely';
import type { Db, Tx } from './index.ts';

/**
 * Query templates: a query is built with Kysely once, with named placeholders as values, and
 * its compiled SQL is reused with new values. Building and compiling a query costs more than
 * running a primary-key lookup, so the hot paths (records by id, lists, sessions, the write
 * path) build each query shape once per process. The SQL still comes from Kysely, so it stays
 * correct for both dialects.
 */

const MARK = '\u0000entente:';

/** A placeholder value for `name`, to be used in a query built for a template. */
export function slot(name: string): string {
  return MARK + name;
}

export interface Template {
  sql: string;
  /** Per parameter: the name of the value to bind, or a constant of the built query. */
  params: Array<{ name: string } | { value: unknown }>;
}

// One cache per database (its dialect adapter, which its transactions share): SQL differs by dialect.
const caches = new WeakMap<object, Map<string, Template>>();

/**
 * The template for `key` on `db`'s database, built on first use. The key must name everything
 * that shapes the SQL; `build` makes the query with `slot(...)` for every value that varies.
 */
export function template(db: Db | Tx, key: string, build: () => Compilable): Template {
  const adapter = db.getExecutor().adapter;
  let cache = caches.get(adapter);
  if (!cache) caches.set(adapter, (cache = new Map()));
  let t = cache.get(key);
  if (!t) {
    const compiled = build().compile();
    t = {
      sql: compiled.sql,
      params: compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? { name: p.slice(MARK.length) } : { value: p })),
    };
    if (cache.size >= 2000) cache.clear();
    cache.set(key, t);
  }
  return t;
}

export async function runTemplate<R = Record<string, unknown>>(db: Db | Tx, t: Template, values: Record<string, unknown>): Promise<R[]> {
  const params = t.params.map((p) => {
    if ('value' in p) return p.value;
    if (!(p.name in values)) throw new Error(`query template: no value for ${p.name}`);
    return values[p.name];
  });
  const result = await db.executeQuery<R>(CompiledQuery.raw(t.sql, params));
  return result.rows;
}
