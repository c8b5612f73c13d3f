import { z } from 'zod';
import { id, marking, partyCode, type Marking } from './fields.ts';
import type { Tx, Dialect } from '../../db/index.ts';
import type { Principal } from '../../access/principal.ts';

/**
 * How a resource is stored and exposed. One definition per record kind drives its table
 * mapping, its request and response schemas, its filters and sorts, and its reference
 * checks; the rules that need the domain live in the resource's own `rules`.
 */
export type Storage = 'text' | 'int' | 'json' | 'bool';

export interface FieldSpec<T extends z.ZodType = z.ZodType> {
  schema: T;
  store: Storage;
  presence: 'required' | 'optional' | 'default';
  defaultValue?: unknown;
}

export const req = <T extends z.ZodType>(schema: T, store: Storage = 'text') =>
  ({ schema, store, presence: 'required' }) as const satisfies FieldSpec<T>;
export const opt = <T extends z.ZodType>(schema: T, store: Storage = 'text') =>
  ({ schema, store, presence: 'optional' }) as const satisfies FieldSpec<T>;
export const dflt = <T extends z.ZodType>(schema: T, defaultValue: z.infer<T>, store: Storage = 'text') =>
  ({ schema, store, presence: 'default', defaultValue }) as const satisfies FieldSpec<T>;

export type Fields = Record<string, FieldSpec>;

/**
 * mechanism: belongs to one mechanism (rounds, commitments, ...); root: the mechanism itself
 * (its row's mechanismId is its own id, so one policy condition serves both); directory:
 * shared across mechanisms (parties, people).
 */
export type Scope = 'mechanism' | 'root' | 'directory';

export interface Reference {
  field: string;
  kind: string;
  many?: boolean;
}

export interface Filter {
  column: string;
  /** eq: column = value; has: JSON array column contains value; from/to: range on the column. */
  op: 'eq' | 'has' | 'from' | 'to';
  schema: z.ZodType;
}

export interface ResourceDef<F extends Fields = Fields> {
  kind: string;
  table: string;
  path: string;
  scope: Scope;
  /** Human label for messages. */
  label: string;
  fields: F;
  /** Multilingual text fields, whose language keys are checked: "name", or "titles[].title". */
  texts: ((keyof F & string) | `${keyof F & string}[].${string}`)[];
  refs: Reference[];
  /** The record this one hangs from: its marking may not be more open than the parent's. */
  parent?: Reference;
  filters: Record<string, Filter>;
  sorts: (keyof F & string | 'createdAt' | 'updatedAt')[];
  defaultSort: string;
  deletable: boolean;
  /** Why this record may not be deleted now (a published communiqué), if it may not. */
  refuseDelete?: (prev: RecordData) => string | undefined;
  defaultMarking: Marking;
  /** Fields fixed at creation. */
  immutable?: (keyof F & string)[];
  /** Domain rules checked on the write path, inside the transaction. Throw a Problem. */
  rules?: (ctx: RuleContext, next: RecordData, prev?: RecordData) => Promise<void>;
  /** Values computed from the stored fields and added to every response. */
  derived?: { shape: z.ZodRawShape; compute: (rec: RecordData) => Record<string, unknown> };
}

export interface RuleContext {
  tx: Tx;
  dialect: Dialect;
  principal: Principal;
  /** The mechanism the record belongs to (mechanism-scoped records). */
  mechanism?: RecordData;
  /** A record the principal can see, by kind and id; undefined when absent or hidden. */
  get(kind: string, id: string): Promise<RecordData | undefined>;
  /** A visible party by its code. */
  party(code: string): Promise<RecordData | undefined>;
  /** The write is a step of a communiqué's workflow (it may set the workflow's fields). */
  workflow?: 'communique' | undefined;
}

/**
 * Checks a definition against its own fields (texts, sorts and immutable name real fields),
 * then widens it: the services handle every kind alike, as RecordData.
 */
export function defineResource<F extends Fields>(def: ResourceDef<F>): ResourceDef {
  return def as unknown as ResourceDef;
}

type Shape<F extends Fields, Mode extends 'create' | 'update' | 'record'> = {
  [K in keyof F]: Mode extends 'record'
    ? F[K]['presence'] extends 'optional'
      ? z.ZodNullable<F[K]['schema']>
      : F[K]['schema']
    : Mode extends 'update'
      ? F[K]['presence'] extends 'optional'
        ? z.ZodOptional<z.ZodNullable<F[K]['schema']>>
        : z.ZodOptional<F[K]['schema']>
      : F[K]['presence'] extends 'required'
        ? F[K]['schema']
        : F[K]['presence'] extends 'optional'
          ? z.ZodOptional<z.ZodNullable<F[K]['schema']>>
          : z.ZodOptional<F[K]['schema']>;
};

function shape<F extends Fields, M extends 'create' | 'update' | 'record'>(fields: F, mode: M): Shape<F, M> {
  const out: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const s = spec.schema;
    if (mode === 'record') out[name] = spec.presence === 'optional' ? s.nullable() : s;
    else if (mode === 'update') out[name] = (spec.presence === 'optional' ? s.nullable() : s).optional();
    // Optional fields accept null as "absent", so that a record read can be written back.
    else out[name] = spec.presence === 'required' ? s : spec.presence === 'optional' ? s.nullable().optional() : s.optional();
  }
  return out as Shape<F, M>;
}

const common = {
  id,
  ownerParty: partyCode,
  marking,
  createdAt: z.string(),
  updatedAt: z.string(),
  logIndex: z.number().int(),
};

const memo = new WeakMap<ResourceDef, ReturnType<typeof buildSchemas>>();

/** The create, update and response schemas of a resource (built once). */
export function schemasOf<F extends Fields>(def: ResourceDef<F>): ReturnType<typeof buildSchemas<F>> {
  let s = memo.get(def as unknown as ResourceDef);
  if (!s) {
    s = buildSchemas(def as unknown as ResourceDef);
    memo.set(def as unknown as ResourceDef, s);
  }
  return s as unknown as ReturnType<typeof buildSchemas<F>>;
}

function buildSchemas<F extends Fields>(def: ResourceDef<F>) {
  const scoped = def.scope === 'mechanism';
  const create = z.strictObject({
    ...(scoped ? { mechanismId: id } : {}),
    marking: marking.optional(),
    ...shape(def.fields, 'create'),
  });
  const update = z.strictObject({ marking: marking.optional(), ...shape(def.fields, 'update') });
  const record = z.object({
    ...common,
    ...(scoped ? { mechanismId: id } : {}),
    ...shape(def.fields, 'record'),
    ...(def.derived?.shape ?? {}),
  });
  return { create, update, record };
}

/** The plain data of a record as the services handle it. */
export type RecordData = Record<string, unknown> & {
  id: string;
  mechanismId?: string | null;
  ownerParty: string;
  marking: Marking;
  createdAt: string;
  updatedAt: string;
  logIndex: number;
};

const entriesByDef = new WeakMap<ResourceDef, ReadonlyArray<readonly [string, FieldSpec]>>();

/**
 * `Object.entries(def.fields)`, made once per kind: the write path walks a record's fields
 * several times (checks, row, log entry), and a bulk import does so for thousands of records.
 */
export function fieldEntries(def: ResourceDef): ReadonlyArray<readonly [string, FieldSpec]> {
  let list = entriesByDef.get(def);
  if (!list) entriesByDef.set(def, (list = Object.entries(def.fields)));
  return list;
}

export function toRow(def: ResourceDef, rec: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key of ['id', 'mechanismId', 'ownerParty', 'marking', 'createdAt', 'updatedAt', 'logIndex']) {
    if (key in rec) row[key] = rec[key] ?? null;
  }
  for (const [name, spec] of fieldEntries(def)) {
    if (!(name in rec)) continue;
    const v = rec[name];
    row[name] = v === null || v === undefined ? null : spec.store === 'json' ? JSON.stringify(v) : spec.store === 'bool' ? (v ? 1 : 0) : v;
  }
  return row;
}

export function fromRow(def: ResourceDef, row: Record<string, unknown>): RecordData {
  const rec: Record<string, unknown> = {
    id: row.id,
    ownerParty: row.ownerParty,
    marking: row.marking,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    logIndex: Number(row.logIndex),
  };
  // A mechanism's own row carries its id as mechanismId, so that the policy treats it like
  // the records inside it; its response schema does not declare the field, so it never leaves.
  if (def.scope !== 'directory') rec.mechanismId = row.mechanismId;
  for (const [name, spec] of fieldEntries(def)) {
    const v = row[name];
    rec[name] =
      v === null || v === undefined
        ? null
        : spec.store === 'json'
          ? JSON.parse(String(v))
          : spec.store === 'bool'
            ? Boolean(v)
            : spec.store === 'int'
              ? Number(v)
              : v;
  }
  if (def.derived) Object.assign(rec, def.derived.compute(rec as RecordData));
  return rec as RecordData;
}
