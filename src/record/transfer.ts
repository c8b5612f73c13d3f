import { z } from 'zod';
import type { Store } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import type { Principal, UserPrincipal } from '../access/principal.ts';
import { readable } from '../access/policy.ts';
import { RESOURCES } from './registry.ts';
import { fromRow, type RecordData } from './common/resource.ts';
import { createRecord } from './write.ts';
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
  records: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
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

/** Fields the server sets; an import keeps only the id and the record's own fields. */
const SERVER_FIELDS = ['ownerParty', 'createdAt', 'updatedAt', 'logIndex', 'percent'];

/**
 * Creates each record of an export through the write path, keeping ids, in one transaction.
 * Each record is written by the first of `principals` of its owner party whom the policy
 * allows (an admin for parties and mechanisms, a secretariat for the rest). A rejected record (invalid, not allowed, a duplicate, or referring to a
 * rejected one) is reported with its reason; unless `skipRejected`, any rejection rolls
 * the whole import back, so that nothing is ever half-imported.
 */
export async function importRecords(
  store: Store,
  principals: readonly UserPrincipal[],
  input: unknown,
  opts: { skipRejected: boolean; onProgress?: (done: number, total: number) => void },
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
  const abort = new Error('import rolled back');
  let done = 0;
  try {
    await inTransaction(store.db, async (tx) => {
      for (const def of RESOURCES) {
        for (const rec of parsed.data.records[def.kind] ?? []) {
          const { id, ...fields } = rec;
          for (const f of SERVER_FIELDS) delete fields[f];
          if (def.scope === 'root') delete fields.mechanismId;
          const owners = principals.filter((p) => p.party === rec.ownerParty);
          let reason = owners.length ? '' : `owned by party "${String(rec.ownerParty)}": import with --as an account of that party`;
          for (const principal of owners) {
            try {
              if (typeof id !== 'string') throw new Problem(422, 'id: missing');
              await createRecord({ db: store.db, dialect: store.dialect, principal }, def, fields, tx, { id });
              reason = '';
              report.imported++;
              break;
            } catch (err) {
              if (!(err instanceof Problem)) throw err;
              // Not allowed for this account: another of the same party may be.
              reason = err.status === 403 && reason ? reason : err.detail;
              if (err.status !== 403) break;
            }
          }
          if (reason) report.rejected.push({ kind: def.kind, id: String(id), reason });
          opts.onProgress?.(++done, total);
        }
      }
      if (report.rejected.length > 0 && !opts.skipRejected) throw abort;
    });
    report.committed = true;
  } catch (err) {
    if (err !== abort) throw err;
    report.imported = 0;
  }
  return report;
}
