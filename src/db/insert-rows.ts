import { CompiledQuery } from 'kysely';
import type { Db, Tx } from './index.ts';
import { slot, template, type Template } from './templates.ts';

/**
 * Multi-row INSERTs for bulk writes (an import): one statement for up to a few thousand rows
 * instead of one per row. A run of rows is cut into pieces whose sizes are powers of two
 * (1,000 rows → 512 + 256 + 128 + 64 + 32 + 8), so a table needs at most a dozen statement
 * shapes (templates, prepared statements), and each piece binds at most SQLite's limit of
 * 32,766 parameters (PostgreSQL's is 65,535).
 */
const MAX_PARAMS = 32_766;

/**
 * Inserts rows into `table`, in order: `values` holds them one after the other, each row's
 * values in the order of `columns` (one flat array, not an array per row: a bulk import
 * writes tens of thousands of rows).
 */
export async function insertRows(db: Db | Tx, table: string, columns: readonly string[], values: readonly unknown[]): Promise<void> {
  const width = columns.length;
  const count = values.length / width;
  if (!Number.isInteger(count)) throw new Error(`insertRows: ${values.length} values are not rows of ${width} columns`);
  const most = floorPow2(Math.floor(MAX_PARAMS / width));
  for (let at = 0; at < count; ) {
    const size = Math.min(most, floorPow2(count - at));
    const t = piece(db, table, columns, size);
    const params = new Array<unknown>(t.places.length);
    const base = at * width;
    for (let i = 0; i < params.length; i++) {
      const k = t.places[i]!;
      params[i] = k < 0 ? t.params[i]!.value : values[base + k];
    }
    await db.executeQuery(CompiledQuery.raw(t.sql, params));
    at += size;
  }
}

/** A piece's statement, and each parameter's place in the flattened rows (-1: a constant). */
interface Piece {
  sql: string;
  params: Array<{ value?: unknown }>;
  places: Int32Array;
}
const pieces = new WeakMap<Template, Piece>();

function piece(db: Db | Tx, table: string, columns: readonly string[], size: number): Piece {
  const t = template(db, `rows|${table}|${columns.join(',')}|${size}`, () =>
    db.insertInto(table).values(Array.from({ length: size }, (_, r) => Object.fromEntries(columns.map((c, j) => [c, slot(String(r * columns.length + j))])))),
  );
  let p = pieces.get(t);
  if (!p) {
    // The template's parameters are named by their place in the flattened rows.
    p = { sql: t.sql, params: t.params as Array<{ value?: unknown }>, places: Int32Array.from(t.params, (q) => ('name' in q ? Number(q.name) : -1)) };
    pieces.set(t, p);
  }
  return p;
}

/** The largest power of two ≤ n (n ≥ 1). */
function floorPow2(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}
