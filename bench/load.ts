import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { inTransaction, openStore, type Tx } from '../src/db/index.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { principalByName } from '../src/access/accounts.ts';
import { createRecord, type Writer } from '../src/record/write.ts';
import { resource } from '../src/record/registry.ts';
import { findVisibleBy } from '../src/record/store.ts';
import { cpuMeter, type CpuReading } from './machine.ts';
import { ROOT, errorMessage, progress, type BenchEnv } from './harness.ts';

/**
 * The shared 20,000-row commitment set (DESIGN §7), written into a fresh demo database
 * through the write path (createRecord, as the Chinese secretariat, in one transaction):
 * every row is validated, checked by the policy and the domain rules, and logged, exactly as
 * an API write or an import would be.
 */

export const DATASET = process.env.BENCH_DATASET || path.resolve(ROOT, '..', 'shared', 'testdata', 'bench', 'commitments-20k.json');

export interface DatasetRow {
  id: number;
  round: number;
  title: string;
  status: string;
  due_date: string;
  owner_party: string;
}

/**
 * The dataset's statuses (4,000 or so of each) onto the domain's COMMITMENT_STATUSES:
 *   open        → open
 *   in_progress → in-progress
 *   blocked     → in-progress  (work has started but is stuck: not open, not finished)
 *   done        → done
 *   cancelled   → dropped
 * So `status=open` selects the ~3,956 rows that were open in the dataset.
 */
export const STATUS_MAP: Readonly<Record<string, string>> = {
  open: 'open',
  in_progress: 'in-progress',
  blocked: 'in-progress',
  done: 'done',
  cancelled: 'dropped',
};

/**
 * The dataset's owner parties (alpha … hotel, ~2,500 rows each) are not parties of the demo
 * mechanism (cn, ru). They are mapped by their place in the alphabet, in turn, onto the
 * three binding sets the mechanism allows:
 *   alpha → cn    bravo → ru      charlie → cn+ru   delta → cn
 *   echo  → ru    foxtrot → cn+ru golf → cn         hotel → ru
 * (≈ 7,500 rows bind cn, 7,500 ru, 5,000 both). A name outside that list is hashed (sum of
 * its character codes) onto the same three sets. The record's ownerParty (who wrote it) is
 * always cn: the loader is cn-secretariat.
 */
const PARTY_SETS: readonly (readonly string[])[] = [['cn'], ['ru'], ['cn', 'ru']];
const OWNERS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

export function partiesFor(ownerParty: string): string[] {
  let n = OWNERS.indexOf(ownerParty);
  if (n < 0) {
    n = 0;
    for (const ch of ownerParty) n += ch.codePointAt(0)!;
  }
  return [...PARTY_SETS[n % PARTY_SETS.length]!];
}

export function readDataset(file = DATASET): DatasetRow[] {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the dataset ${file}: ${errorMessage(err)}`, { cause: err });
  }
  const rows: unknown = JSON.parse(raw);
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${file} is not a non-empty JSON array`);
  for (const [i, r] of (rows as Record<string, unknown>[]).entries()) {
    const ok =
      typeof r === 'object' && r !== null &&
      typeof r.id === 'number' && Number.isInteger(r.round) &&
      typeof r.title === 'string' && typeof r.status === 'string' &&
      typeof r.due_date === 'string' && typeof r.owner_party === 'string';
    if (!ok) throw new Error(`${file}: row ${i} lacks one of id, round, title, status, due_date, owner_party`);
    if (!(r.status as string in STATUS_MAP)) throw new Error(`${file}: row ${i} has an unknown status "${String(r.status)}"`);
  }
  return rows as DatasetRow[];
}

export interface Loaded {
  mechanismId: string;
  /** Record ids of the created commitments, in dataset order. */
  commitmentIds: string[];
  roundsCreated: number;
  /** Wall time of the one transaction (rounds + commitments + commit), in ms. */
  ms: number;
  /** Of which creating the rounds. */
  roundsMs: number;
  /** CPU use during the transaction (the database's: PostgreSQL backends of env.databaseName). */
  cpu: CpuReading;
}

const COMMITMENT = resource('commitment');
const ROUND = resource('round');

/** Rounds 1..N of the dataset through the write path; numbers the demo has already are reused. */
async function ensureRounds(w: Writer, tx: Tx, mechanismId: string, numbers: number[]): Promise<{ ids: Map<number, string>; created: number }> {
  const existing = await findVisibleBy(tx, w.principal, ROUND, 'mechanismId', [mechanismId]);
  const ids = new Map(existing.map((r) => [Number(r.number), r.id]));
  let created = 0;
  for (const number of numbers) {
    if (ids.has(number)) continue;
    const round = await createRecord(w, ROUND, { mechanismId, number, status: 'held' }, tx);
    ids.set(number, round.id);
    created++;
  }
  return { ids, created };
}

/** Opens the store in `env`, seeds the demo, loads `rows`, and closes the store again. */
export async function loadCommitments(env: BenchEnv, password: string, rows: DatasetRow[]): Promise<Loaded> {
  const store = await openStore({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  try {
    const seeded = await seedDemo(store, { password });
    if (!seeded.mechanismId) throw new Error('the demo seed did not report its mechanism');
    const mechanismId = seeded.mechanismId;
    const principal = await principalByName(store.db, 'cn-secretariat');
    if (!principal) throw new Error('the demo account cn-secretariat is missing');
    const writer: Writer = { db: store.db, dialect: store.dialect, principal };
    const numbers = [...new Set(rows.map((r) => r.round))].sort((a, b) => a - b);

    progress(`${env.backend}: loading ${rows.length} commitments (and ${numbers.length} rounds) through the write path…`);
    const every = Math.max(1, Math.round(rows.length / 4));
    const meter = cpuMeter({ database: env.databaseName });
    const start = performance.now();
    let roundsMs = 0;
    let roundsCreated = 0;
    const commitmentIds = await inTransaction(store.db, async (tx) => {
      const rounds = await ensureRounds(writer, tx, mechanismId, numbers);
      roundsMs = performance.now() - start;
      roundsCreated = rounds.created;
      const ids: string[] = [];
      for (const [i, row] of rows.entries()) {
        const input = {
          mechanismId,
          roundId: rounds.ids.get(row.round),
          text: { en: row.title },
          parties: partiesFor(row.owner_party),
          due: row.due_date,
          status: STATUS_MAP[row.status],
        };
        try {
          ids.push((await createRecord(writer, COMMITMENT, input, tx)).id);
        } catch (err) {
          throw new Error(`dataset row ${i} (id ${row.id}) was refused: ${errorMessage(err)}`, { cause: err });
        }
        if ((i + 1) % every === 0 || i + 1 === rows.length) {
          progress(`loading ${rows.length} commitments… ${i + 1}/${rows.length} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
        }
      }
      return ids;
    });
    const ms = performance.now() - start;
    const cpu = meter();

    const { n } = await store.db
      .selectFrom('commitments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('mechanismId', '=', mechanismId)
      .executeTakeFirstOrThrow();
    if (Number(n) < rows.length) throw new Error(`after the load the mechanism holds ${n} commitments, fewer than the ${rows.length} loaded`);
    return { mechanismId, commitmentIds, roundsCreated, ms, roundsMs, cpu };
  } finally {
    await store.close();
  }
}
