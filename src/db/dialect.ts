import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from './index.ts';

/** Dialect-specific SQL, kept in small named functions (DESIGN §7). */

/** JSON array stored as text in `column` contains the string `value`. */
export function jsonArrayContains(dialect: Dialect, column: string, value: string): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`jsonb_exists(${sql.ref(column)}::jsonb, ${value})`
    : sql<SqlBool>`exists (select 1 from json_each(${sql.ref(column)}) where value = ${value})`;
}

/** True when an error is a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
