import type { SelectQueryBuilder } from 'kysely';
import type { Db, Dialect, Tx } from '../db/index.ts';
import type { Database } from '../db/schema.ts';
import { principalShape, readable } from '../access/policy.ts';
import { runTemplate, slot, template } from '../db/templates.ts';
import type { Principal } from '../access/principal.ts';
import { fromRow, type Filter, type RecordData, type ResourceDef } from './common/resource.ts';
import { jsonArrayContains } from '../db/dialect.ts';
import { Problem } from '../http/problem.ts';
import { ID_PATTERN } from './common/id.ts';

/** Reads of records, always under the policy's marking condition. */

type Q = Db | Tx;

export async function findVisible(db: Q, principal: Principal, def: ResourceDef, id: string): Promise<RecordData | undefined> {
  const shape = principalShape(principal);
  const t = template(db, `find|${def.table}|${shape.key}`, () =>
    db.selectFrom(def.table).selectAll().where('id', '=', slot('id')).where(readable(shape.placeholder, def.scope, def.table)),
  );
  const [row] = await runTemplate(db, t, { ...shape.values, id });
  return row ? fromRow(def, row) : undefined;
}

/** Visible records of `def` whose `column` equals `value` (nested views). */
export async function findVisibleBy(
  db: Q,
  principal: Principal,
  def: ResourceDef,
  column: string,
  values: readonly string[],
  order: string = def.defaultSort,
): Promise<RecordData[]> {
  if (values.length === 0) return [];
  const rows = await db
    .selectFrom(def.table)
    .selectAll()
    .where(column, 'in', values)
    .where(readable(principal, def.scope, def.table))
    .orderBy(order)
    .orderBy('id')
    .execute();
  return rows.map((r) => fromRow(def, r));
}

export interface ListQuery {
  filters: Record<string, unknown>;
  sort: string;
  limit: number;
  cursor?: string | undefined;
}

export interface Page {
  items: RecordData[];
  nextCursor: string | null;
}

/**
 * A page of visible records. Order: the sort field (nulls first ascending, last descending,
 * the same on both databases), then id. The cursor carries the last row's sort value and id.
 */
export async function list(db: Q, dialect: Dialect, principal: Principal, def: ResourceDef, query: ListQuery): Promise<Page> {
  const desc = query.sort.startsWith('-');
  const field = desc ? query.sort.slice(1) : query.sort;
  const shape = principalShape(principal);
  const values: Record<string, unknown> = { ...shape.values, limit: query.limit + 1 };
  const used: Array<[string, Filter | 'mechanism']> = [];
  for (const [name, value] of Object.entries(query.filters)) {
    if (value === undefined) continue;
    const f = name === 'mechanismId' ? 'mechanism' : def.filters[name];
    if (!f) continue;
    used.push([name, f]);
    values[`f_${name}`] = f !== 'mechanism' && f.op === 'to' ? afterPrefix(String(value)) : f !== 'mechanism' && f.op === 'has' ? String(value) : value;
  }
  let cursor: 'none' | 'null' | 'value' = 'none';
  if (query.cursor !== undefined) {
    const [value, id] = decodeCursor(query.cursor, sortType(def, field));
    cursor = value === null ? 'null' : 'value';
    values.cursorValue = value;
    values.cursorId = id;
  }
  const key = `list|${def.table}|${shape.key}|${used.map(([n]) => n).join(',')}|${query.sort}|${cursor}`;
  const t = template(db, key, () => {
    let q: SelectQueryBuilder<Database, string, Record<string, unknown>> = db
      .selectFrom(def.table)
      .selectAll()
      .where(readable(shape.placeholder, def.scope, def.table));
    for (const [name, f] of used) {
      const v = slot(`f_${name}`);
      if (f === 'mechanism') q = q.where('mechanismId', '=', v);
      else if (f.op === 'eq') q = q.where(f.column, '=', v);
      else if (f.op === 'has') q = q.where(jsonArrayContains(dialect, f.column, v));
      else if (f.op === 'from') q = q.where(f.column, '>=', v);
      else q = q.where(f.column, '<', v);
    }
    if (cursor !== 'none') {
      const cv = slot('cursorValue');
      const cid = slot('cursorId');
      q = q.where((eb) => {
        const col = eb.ref(field);
        if (cursor === 'null') {
          return desc
            ? eb.and([eb(col, 'is', null), eb('id', '<', cid)])
            : eb.or([eb(col, 'is not', null), eb.and([eb(col, 'is', null), eb('id', '>', cid)])]);
        }
        return desc
          ? eb.or([eb(col, '<', cv), eb.and([eb(col, '=', cv), eb('id', '<', cid)]), eb(col, 'is', null)])
          : eb.or([eb(col, '>', cv), eb.and([eb(col, '=', cv), eb('id', '>', cid)])]);
      });
    }
    return q
      .orderBy(field, (ob) => (desc ? ob.desc().nullsLast() : ob.asc().nullsFirst()))
      .orderBy('id', desc ? 'desc' : 'asc')
      .limit(slot('limit') as unknown as number);
  });

  const rows = await runTemplate(db, t, values);
  const more = rows.length > query.limit;
  const items = (more ? rows.slice(0, query.limit) : rows).map((r) => fromRow(def, r));
  const last = items.at(-1);
  return {
    items,
    nextCursor: more && last ? encodeCursor(last[field] ?? null, last.id) : null,
  };
}

/**
 * The smallest string above every string that starts with `prefix` ("2025" → "2026",
 * "2025-12" → "2025-13"): `to=2025` then includes 2025-12-31, on any collation of digits.
 */
function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** The JavaScript type of a sort field's values, to check cursors against. */
function sortType(def: ResourceDef, field: string): 'string' | 'number' {
  return def.fields[field]?.store === 'int' ? 'number' : 'string';
}

function decodeCursor(cursor: string, type: 'string' | 'number'): [string | number | null, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (parsed[0] === null || (typeof parsed[0] === type && (type === 'string' || Number.isSafeInteger(parsed[0])))) &&
      typeof parsed[1] === 'string' &&
      ID_PATTERN.test(parsed[1])
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    /* fall through */
  }
  throw new Problem(400, 'cursor: not a cursor returned by this list', [{ field: 'cursor', message: 'not a cursor returned by this list' }]);
}
