import { z } from 'zod';
import type { Store } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import type { Principal, UserPrincipal } from '../access/principal.ts';
import { readable } from '../access/policy.ts';
import { RESOURCES } from './registry.ts';
import { fromRow, type RecordData, type ResourceDef } from './common/resource.ts';
import { BulkCreate, type Writer } from './write.ts';
import { Problem } from '../http/problem.ts';

/** Export of every record a principal may see, and its import back through the write path. */

export const EXPORT_FORMAT = 'entente-export';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  exportedBy: string | null;
  records: Record<string, RecordData[]>;
}

export async function exportRecords(store: Store, principal: Principal): Promise<ExportFile> {
  const records: Record<string, RecordData[]> = {};
  for (const def of RESOURCES) {
    const rows = await store.db.selectFrom(def.table).selectAll().where(readable(principal, def.scope, def.table)).orderBy('id').execute();
    records[def.kind] = rows.map((r) => fromRow(def, r));
  }
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    exportedBy: principal.kind === 'user' ? principal.username : null,
    records,
  };
}

const exportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  // Each record is only required to be an object here (its kind's schema checks it on import):
  // z.record would copy every record of the file, a tenth of a large import's time.
  records: z.record(z.string(), z.array(z.custom<Record<string, unknown>>((r) => typeof r === 'object' && r !== null && !Array.isArray(r), 'expected a record (an object)'))),
});

export interface Rejection {
  kind: string;
  id: string;
  reason: string;
}

export interface ImportReport {
  total: number;
  imported: number;
  rejected: Rejection[];
  committed: boolean;
}

/** Fields the server sets (and each kind's derived ones); an import keeps only the id and the record's own fields. */
const SERVER_FIELDS = ['ownerParty', 'createdAt', 'updatedAt', 'logIndex'];

type ExportedRecord = Record<string, unknown>;

/**
 * Creates each record of an export through the write path, keeping ids, in one transaction.
 * Each record is written by the first of `principals` of its owner party whom the policy
 * allows (an admin for parties and mechanisms, a secretariat for the rest). A rejected record (invalid, not allowed, a duplicate, or referring to a
 * rejected one) is reported with its reason; unless `skipRejected`, any rejection rolls
 * the whole import back, so that nothing is ever half-imported.
 *
 * Each record is checked as createRecord checks it, and the accepted ones are written in
 * chunks (BulkCreate): the log and the rows are those createRecord calls in file order write.
 */
export async function importRecords(
  store: Store,
  principals: readonly UserPrincipal[],
  input: unknown,
  opts: {
    skipRejected: boolean;
    onProgress?: (done: number, total: number) => void;
    /** The clock of the records' stamps and log entries (tests). */
    now?: () => Date;
  },
): Promise<ImportReport> {
  const parsed = exportFile.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`not an Entente export: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  const known = new Set(RESOURCES.map((r) => r.kind));
  const unknownKind = Object.keys(parsed.data.records).find((k) => !known.has(k));
  if (unknownKind) throw new Error(`not an Entente export: unknown record kind "${unknownKind}"`);

  const total = Object.values(parsed.data.records).reduce((n, l) => n + l.length, 0);
  const report: ImportReport = { total, imported: 0, rejected: [], committed: false };
  const writers: Writer[] = principals.map((principal) => ({ db: store.db, dialect: store.dialect, principal, now: opts.now }));
  // Each party's writers, in the order given.
  const byParty = new Map<unknown, Writer[]>();
  for (const w of writers) {
    if (w.principal.kind !== 'user') continue;
    const list = byParty.get(w.principal.party);
    if (list) list.push(w);
    else byParty.set(w.principal.party, [w]);
  }
  const abort = new Error('import rolled back');
  let done = 0;
  try {
    await inTransaction(store.db, async (tx) => {
      const bulk = new BulkCreate(tx);
      for (const def of RESOURCES) {
        const list = parsed.data.records[def.kind] ?? [];
        // Whether each id is taken, in a few queries instead of one a record.
        await bulk.lookUp(def, list.map((rec) => rec.id).filter((id) => typeof id === 'string'));
        for (const rec of list) {
          const reason = await importOne(bulk, byParty.get(rec.ownerParty) ?? [], def, rec);
          if (reason) report.rejected.push({ kind: def.kind, id: String(rec.id), reason });
          else report.imported++;
          opts.onProgress?.(++done, total);
        }
      }
      await bulk.write();
      if (report.rejected.length > 0 && !opts.skipRejected) throw abort;
    });
    report.committed = true;
  } catch (err) {
    if (err !== abort) throw err;
    report.imported = 0;
  }
  return report;
}

const droppedByKind = new Map<string, ReadonlySet<string>>();

/** The fields of an exported record of `def` that the import leaves to the server. */
function droppedOf(def: ResourceDef): ReadonlySet<string> {
  let set = droppedByKind.get(def.kind);
  if (!set) {
    set = new Set(['id', ...SERVER_FIELDS, ...Object.keys(def.derived?.shape ?? {}), ...(def.scope === 'root' ? ['mechanismId'] : [])]);
    droppedByKind.set(def.kind, set);
  }
  return set;
}

/** Queues one exported record, written by the first of its party's writers (`owners`) allowed to; else why not. */
async function importOne(bulk: BulkCreate, owners: readonly Writer[], def: ResourceDef, rec: ExportedRecord): Promise<string> {
  const id = rec.id;
  // A copy without what the server sets (not `delete` on the record: that slows every later read of it).
  const dropped = droppedOf(def);
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(rec)) if (!dropped.has(key)) fields[key] = rec[key];
  let reason = owners.length ? '' : `owned by party "${String(rec.ownerParty)}": import with --as an account of that party`;
  for (const writer of owners) {
    try {
      if (typeof id !== 'string') throw new Problem(422, 'id: missing');
      await bulk.create(writer, def, fields, { id });
      return '';
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      // Not allowed for this account: another of the same party may be.
      reason = err.status === 403 && reason ? reason : err.detail;
      if (err.status !== 403) break;
    }
  }
  return reason;
}
