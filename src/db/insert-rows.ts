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

/** Inserts `rows` (values in the order of `columns`) into `table`, in order. */
export async function insertRows(db: Db | Tx, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  const most = floorPow2(Math.floor(MAX_PARAMS / columns.length));
  for (let at = 0; at < rows.length; ) {
    const size = Math.min(most, floorPow2(rows.length - at));
    const t = piece(db, table, columns, size);
    // The template's parameters are named by their place in the flattened rows.
    const params = t.params.map((p) => {
      if (!('name' in p)) return p.value;
      const k = Number(p.name);
      return rows[at + Math.floor(k / columns.length)]![k % columns.length];
    });
    await db.executeQuery(CompiledQuery.raw(t.sql, params));
    at += size;
  }
}

function piece(db: Db | Tx, table: string, columns: readonly string[], size: number): Template {
  return template(db, `rows|${table}|${columns.join(',')}|${size}`, () =>
    db.insertInto(table).values(Array.from({ length: size }, (_, r) => Object.fromEntries(columns.map((c, j) => [c, slot(String(r * columns.length + j))])))),
  );
}

/** The largest power of two ≤ n (n ≥ 1). */
function floorPow2(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}
