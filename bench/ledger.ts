import { createHash, hash as oneShotHash, randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { inTransaction, openStore, type Db, type Store } from '../src/db/index.ts';
import { lockDataDir } from '../src/db/lock.ts';
import { appendLogEntry, splitFrontier, type LogEntry } from '../src/ledger/append.ts';
import { appendSteps, leafHash, nodeHash, type StoredNode } from '../src/ledger/merkle.ts';
import { verifyInclusion } from '../src/ledger/proof.ts';
import { inclusionProofWithRoot, rootAt } from '../src/ledger/tree-store.ts';
import { principalByName } from '../src/access/accounts.ts';
import { resource } from '../src/record/registry.ts';
import { findVisibleBy } from '../src/record/store.ts';
import { EXPORT_FORMAT, importRecords, type ExportFile } from '../src/record/transfer.ts';
import { newId } from '../src/record/common/id.ts';
import type { RecordData, ResourceDef } from '../src/record/common/resource.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { partiesFor, readDataset, STATUS_MAP, type DatasetRow } from './load.ts';
import { cpuMeter, type CpuReading } from './machine.ts';
import { signIn, startServer, type Server } from './server.ts';
import { progress, warn, type Benchmark, type BenchEnv, type Figure, type Metric, type Outcome, type RunOptions, type Scope } from './harness.ts';

/**
 * Ledger (issue 4): what the transparency log costs and how fast it answers.
 *
 *   1. Durable writes through the real server with the log on: POST /api/v1/milestones as
 *      cn-secretariat, autocannon with N connections (a warm-up, then a fixed number of
 *      requests so that every request sent is answered), then the log must have grown by
 *      exactly the number of 2xx answers, without gaps (the whole log is recomputed from its
 *      entries and compared with the stored tree, frontier and size). Beside it: the ceiling
 *      of one connection's durable commits (one-row insert + commit) on the same storage.
 *   2. Bulk import: the 20k commitments of load.ts and their rounds, as an export file, through
 *      importRecords (`entente import`: checked as createRecord checks, written in chunks) in
 *      one transaction, as appends/s = the joint log's growth ÷ time, overall and over the
 *      last TAIL; and appendLogEntry alone, up to 100k entries
 *      into a fresh log in one transaction (at most APPEND_BUDGET_S; removed afterwards).
 *   3. The demo mechanism's joint log is extended in bulk to 1,000,000 entries (entries shaped
 *      like the milestones of 1, as create/delete pairs; leaf and node hashes computed in
 *      memory; big transactions), then inclusionProofWithRoot(db, log, index, 1,000,000) (what the proof route calls) for random
 *      indices (warm-up, then timed calls interleaved with a CPU-only control task; a sample
 *      is checked against the root) and the same through
 *      GET /api/v1/logs/:log/proof/inclusion, sequentially, as cn-observer.
 *   4. Verification of the database with the 1M-entry log (verifyDatabase of
 *      src/ledger/verify.ts, i.e. `entente verify --data`, in a fresh process of its own as that
 *      command runs: bench/verify-child.ts; every log's tree recomputed from its
 *      entries and compared with the stored nodes, frontier and signed checkpoints, and every
 *      record row with the replayed log), next to the raw SHA-256 node-hash rate measured in the same run (65-byte
 *      inputs 0x01‖32‖32, the fastest of createHash, crypto.hash to a Buffer and crypto.hash
 *      to a string, measured right before and right after; their mean is the reference), and,
 *      on SQLite, the floor under any verify: the largest log only read and hashed on every
 *      core, nothing checked (bench/verify-floor.ts).
 */

const WRITER = 'cn-secretariat';
const READER = 'cn-observer';
const BIG = 1_000_000;
const APPENDS = 100_000;
/** Cap (seconds) for appendLogEntry alone: PostgreSQL slows down with every append of a transaction. */
const APPEND_BUDGET_S = 15;
/** The tail over which the last rate of a bulk run is taken. */
const TAIL = 2_000;
const PROOF_WARMUP = 1_000;
const PROOF_CALLS = 10_000;
const HTTP_PROOF_WARMUP = 200;
const HTTP_PROOF_CALLS = 2_000;
const RECOMPUTE_PAGE = 16_384;

export const ledgerMetrics: Metric[] = [
  { key: 'write.rps', label: '(1) durable writes, POST milestone over HTTP, log on', unit: 'req/s', target: { op: '>=', value: 2000 } },
  { key: 'write.p50', label: '(1) latency p50', unit: 'ms', decimals: 1 },
  { key: 'write.p99', label: '(1) latency p99', unit: 'ms', decimals: 1 },
  { key: 'write.requests', label: '(1) requests in the measured run', unit: 'count' },
  { key: 'write.non2xx', label: '(1) non-2xx + errors', unit: 'count', target: { op: '<=', value: 0 } },
  { key: 'write.unmatched', label: '(1) |new log entries − 2xx answers|', unit: 'count', target: { op: '<=', value: 0 } },
  { key: 'write.tree-faults', label: '(1) gaps or tree mismatches in the log afterwards', unit: 'count', target: { op: '<=', value: 0 } },
  { key: 'write.server-cpu', label: '(1) server CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'write.db-cpu', label: '(1) PostgreSQL CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'write.other-cpu', label: '(1) other processes, CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'commit.ceiling', label: '(1) ceiling: 1-row durable commits, one connection', unit: 'commits/s' },
  { key: 'import.appends', label: '(2) bulk import: appends/s (importRecords of 20k commitments + rounds, 1 tx)', unit: 'appends/s', target: { op: '>=', value: 20000 } },
  { key: 'import.tail', label: '(2) bulk import: appends/s over its last 2,000', unit: 'appends/s' },
  { key: 'import.rows', label: '(2) bulk import: commitments imported', unit: 'count' },
  { key: 'import.ms', label: '(2) bulk import: time', unit: 'ms' },
  { key: 'import.db-cpu', label: '(2) bulk import: PostgreSQL CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'import.other-cpu', label: '(2) bulk import: other processes, CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'append.rate', label: '(2) appendLogEntry alone, 100k in 1 tx', unit: 'appends/s' },
  { key: 'append.tail', label: '(2) appendLogEntry alone, over its last 2,000', unit: 'appends/s' },
  { key: 'append.count', label: `(2) appendLogEntry alone: appends made (stops after ${APPEND_BUDGET_S} s)`, unit: 'count' },
  { key: 'append.db-cpu', label: '(2) appendLogEntry alone: PostgreSQL CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'append.other-cpu', label: '(2) appendLogEntry alone: other processes, CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'build.s', label: '(3) setup: extend the joint log to 1M entries', unit: 's', decimals: 1 },
  { key: 'proof.p50', label: '(3) inclusionProofWithRoot at 1M, median', unit: 'ms', decimals: 3 },
  { key: 'proof.p99', label: '(3) inclusionProofWithRoot at 1M, p99', unit: 'ms', decimals: 3, target: { op: '<=', value: 1 } },
  { key: 'proof.control.p50', label: '(3) control: CPU-only task of the same median, median', unit: 'ms', decimals: 3 },
  { key: 'proof.control.p99', label: '(3) control: CPU-only task, p99 (the machine’s own tail)', unit: 'ms', decimals: 3 },
  { key: 'proof.other-cpu', label: '(3) inclusionProofWithRoot: other processes, CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'proof.http.p50', label: '(3) GET …/proof/inclusion at 1M, sequential, median', unit: 'ms', decimals: 2 },
  { key: 'proof.http.p99', label: '(3) GET …/proof/inclusion at 1M, p99', unit: 'ms', decimals: 2 },
  { key: 'hash.node-rate', label: '(4) raw SHA-256 node hashes (65 B), mean of before and after', unit: 'hashes/s' },
  { key: 'verify.rate', label: '(4) verifyDatabase (src/ledger/verify.ts) over the 1M-entry database', unit: 'entries/s' },
  { key: 'verify.hash-rate', label: '(4) verify: tree hashes recomputed per second (leaves and nodes: every stored node)', unit: 'hashes/s' },
  { key: 'verify.hash-ratio', label: '(4) verify hash rate / raw node-hash rate (docs/decisions/0013)', unit: '%', decimals: 1, target: { op: '>=', value: 60 } },
  { key: 'verify.ratio', label: '(4) verify entries/s / raw node hashes/s (each entry costs ≥ 2 hashes: see 0013)', unit: '%', decimals: 1 },
  { key: 'verify.floor-rate', label: '(4) floor: the largest log only read and hashed on every core, nothing checked (verify-floor.ts)', unit: 'hashes/s' },
  { key: 'verify.floor-ratio', label: '(4) floor / raw node-hash rate: what no verify of this database can pass', unit: '%', decimals: 1 },
  { key: 'verify.of-floor', label: '(4) verify hash rate / floor', unit: '%', decimals: 1 },
  { key: 'verify.faults', label: '(4) verify: problems found', unit: 'count', target: { op: '<=', value: 0 } },
  { key: 'verify.self-cpu', label: '(4) verify: CPUs used by the verifying process (all threads)', unit: 'CPUs', decimals: 2 },
  { key: 'verify.other-cpu', label: '(4) verify: other processes, CPU use', unit: 'CPUs', decimals: 2 },
];

let dataset: DatasetRow[] | undefined;

const ms = (t0: number) => performance.now() - t0;
const execFileAsync = promisify(execFile);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

function cpuText(cpu: CpuReading, database: boolean): string {
  return `${database ? `PostgreSQL ${cpu.database.toFixed(2)} CPUs, ` : ''}other processes ${cpu.others.toFixed(2)} CPUs`;
}

function noteLoad(label: string, cpu: CpuReading): void {
  if (cpu.others > 0.25) warn(`${label}: other processes took ${cpu.others.toFixed(2)} CPUs meanwhile; the figure is depressed by them`);
}

// ——— the stored log, read back ———

interface Recomputed {
  entries: number;
  /** Missing or out-of-sequence entries, stored nodes that differ or are missing, a wrong size/frontier. */
  faults: number;
}

/**
 * Recomputes a log's tree from its stored entries, page by page (keyset on idx): the leaf
 * hash of each entry and appendSteps, compared with every stored node (logNodes) and, at the
 * end, with the log row's size and frontier: the check after the HTTP writes (no gaps).
 */
async function recomputeLog(db: Db, logId: string): Promise<Recomputed> {
  const head = await db.selectFrom('logs').select(['size', 'frontier']).where('id', '=', logId).executeTakeFirstOrThrow();
  const size = Number(head.size);
  let faults = 0;
  let frontier: Buffer[] = [];
  let next = 0;
  while (next < size) {
    const end = Math.min(size, next + RECOMPUTE_PAGE);
    const rows = await db.selectFrom('logEntries').select(['idx', 'entry']).where('logId', '=', logId).where('idx', '>=', next).where('idx', '<', end).orderBy('idx').execute();

    const byLevel: StoredNode[][] = [];
    let expected = next;
    for (const row of rows) {
      if (Number(row.idx) !== expected) {
        faults++;
        break;
      }
      const step = appendSteps(expected, leafHash(Buffer.from(row.entry, 'utf8')), frontier);
      frontier = step.frontier;
      for (const node of step.nodes) (byLevel[node.id.level] ??= []).push(node);
      expected++;
    }
    if (expected !== end) {
      faults += end - expected;
      break;
    }

    // The stored nodes this page completed, in one query (one index range per level).
    const ranges = byLevel.flatMap((nodes, level) => (nodes.length ? [{ level, from: nodes[0]!.id.index, to: nodes.at(-1)!.id.index }] : []));
    const stored = await db
      .selectFrom('logNodes')
      .select(['level', 'idx', 'hash'])
      .where('logId', '=', logId)
      .where((eb) => eb.or(ranges.map((r) => eb.and([eb('level', '=', r.level), eb('idx', '>=', r.from), eb('idx', '<=', r.to)]))))
      .orderBy('level')
      .orderBy('idx')
      .execute();
    let k = 0;
    for (const nodes of byLevel) {
      for (const node of nodes ?? []) {
        const s = stored[k];
        if (s && Number(s.level) === node.id.level && Number(s.idx) === node.id.index) {
          if (!node.hash.equals(s.hash)) faults++;
          k++;
        } else {
          faults++; // missing
        }
      }
    }
    next = end;
  }
  const { n } = await db.selectFrom('logEntries').select((eb) => eb.fn.countAll<number>().as('n')).where('logId', '=', logId).executeTakeFirstOrThrow();
  faults += Math.abs(Number(n) - size); // entries beyond the log's size
  const storedFrontier = splitFrontier(head.frontier);
  if (storedFrontier.length !== frontier.length || storedFrontier.some((h, i) => !h.equals(frontier[i]!))) faults++;
  return { entries: next, faults };
}

async function logSizeOver(server: Server, cookie: string, logName: string): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/logs`, { headers: { cookie, accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /api/v1/logs answered HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const { items } = (await res.json()) as { items: Array<{ log: string; size: number }> };
  const item = items.find((i) => i.log === logName);
  if (!item) throw new Error(`log ${logName} is not in GET /api/v1/logs`);
  return item.size;
}

/** Waits until the log stops growing (requests still in flight after a timed run). */
async function settledSize(server: Server, cookie: string, logName: string): Promise<number> {
  let last = await logSizeOver(server, cookie, logName);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await logSizeOver(server, cookie, logName);
    if (now === last) return now;
    last = now;
  }
  throw new Error(`log ${logName} kept growing for 10 s after the run`);
}

// ——— 1. durable writes over HTTP ———

/** Durable commits per second of one connection, one-row inserts, on the backend's storage. */
async function commitCeiling(env: BenchEnv, seconds = 1.5): Promise<number> {
  if (!env.databaseUrl) {
    const file = path.join(env.dataDir, 'commit-probe.db');
    const db = new SQLite(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL'); // as src/db/index.ts opens the store
      db.exec('create table probe (id integer primary key, v text not null)');
      const insert = db.prepare('insert into probe (v) values (?)');
      const v = 'x'.repeat(400);
      let n = 0;
      const t0 = performance.now();
      while (ms(t0) < seconds * 1000) {
        db.exec('begin immediate');
        insert.run(v);
        db.exec('commit');
        n++;
      }
      return (n / ms(t0)) * 1000;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    await client.query('create table bench_commit_probe (id serial primary key, v text not null)');
    const v = 'x'.repeat(400);
    let n = 0;
    const t0 = performance.now();
    while (ms(t0) < seconds * 1000) {
      await client.query('insert into bench_commit_probe (v) values ($1)', [v]);
      n++;
    }
    return (n / ms(t0)) * 1000;
  } finally {
    await client.query('drop table if exists bench_commit_probe').catch(() => {});
    await client.end();
  }
}

interface WriteRun {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  ok: number;
  bad: number;
  added: number;
  cpu: CpuReading;
}

async function httpWrites(env: BenchEnv, scope: Scope, opts: RunOptions, mechanismId: string): Promise<WriteRun> {
  const server = await startServer(env, opts.password, scope);
  try {
    progress(`${env.backend}: server pid ${server.pid} on ${server.url}; writing milestones as ${WRITER}…`);
    const { cookie, csrfToken } = await signIn(server.url, WRITER, opts.password);
    const url = `${server.url}/api/v1/milestones`;
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', accept: 'application/json' };
    const body = JSON.stringify({ mechanismId, date: '2025-06-01', title: { en: 'Bench milestone' } });

    const first = await fetch(url, { method: 'POST', headers, body });
    if (first.status !== 201) throw new Error(`POST /api/v1/milestones answered HTTP ${first.status}: ${(await first.text()).slice(0, 500)}`);
    const made = (await first.json()) as { logIndex?: number };
    if (typeof made.logIndex !== 'number') throw new Error('the created milestone has no logIndex');

    const fire = (extra: { duration: number } | { amount: number }) =>
      autocannon({ url, method: 'POST', headers, body, connections: opts.connections, ...extra });
    let estimate = 1000;
    if (opts.warmup > 0) {
      progress(`${env.backend} (1) writes: warm-up ${opts.warmup} s…`);
      const w = await fire({ duration: opts.warmup });
      estimate = Math.max(50, w['2xx'] / Math.max(0.001, opts.warmup));
    }
    // A fixed number of requests: autocannon then waits for every answer, so that the log's
    // growth can be matched with the 2xx count exactly (a timed run drops the last in flight).
    const amount = Math.max(opts.connections * 20, Math.round(estimate * opts.duration));
    const before = await settledSize(server, cookie, mechanismId);
    progress(`${env.backend} (1) writes: ${amount} POSTs with ${opts.connections} connections (≈ ${opts.duration} s at the warm-up's rate)…`);
    const meter = cpuMeter({ pids: [server.pid], database: env.databaseName });
    const r = await fire({ amount });
    const cpu = meter();
    const after = await settledSize(server, cookie, mechanismId);
    const seconds = (r.finish.getTime() - r.start.getTime()) / 1000;
    const run: WriteRun = {
      rps: r['2xx'] / seconds,
      p50: r.latency.p50,
      p99: r.latency.p99,
      requests: r.requests.total,
      ok: r['2xx'],
      bad: r.non2xx + r.errors,
      added: after - before,
      cpu,
    };
    if (run.bad > 0) {
      const codes = Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => `${code}×${s.count ?? 0}`).join(', ');
      warn(`${env.backend} (1) writes: ${r.non2xx} non-2xx answers and ${r.errors} errors [${codes}]; its figures are INVALID`);
    }
    progress(
      `${env.backend} (1) writes: ${Math.round(run.rps)} writes/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.ok} × 2xx of ${run.requests}; ` +
        `log grew by ${run.added}; server ${cpu.watched.toFixed(2)} CPUs, ${cpuText(cpu, !!env.databaseName)}`,
    );
    noteLoad(`${env.backend} (1) writes`, cpu);
    return run;
  } finally {
    await server.stop();
  }
}

// ——— 2. appends ———

function milestoneEntry(mechanismId: string, id: string): LogEntry {
  const at = '2025-06-01T12:00:00.000Z';
  return {
    v: 1,
    at,
    actor: WRITER,
    party: 'cn',
    op: 'create',
    kind: 'milestone',
    id,
    record: { id, ownerParty: 'cn', marking: 'joint', createdAt: at, updatedAt: at, mechanismId, title: { en: 'Bench milestone' }, date: '2025-06-01', step: 5 },
  };
}

/** A UUIDv7-shaped id (36 characters) numbered n. */
function idNumber(n: number): string {
  return `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

interface Appended {
  count: number;
  rate: number;
  /** appends/s over the last TAIL of them: below `rate` when each append costs more than the one before. */
  tail: number;
  cpu: CpuReading;
}

/** appendLogEntry alone: up to APPENDS entries into a fresh log in one transaction (then removed). */
async function directAppends(store: Store, mechanismId: string, label: string, databaseName?: string): Promise<Appended> {
  const logId = `bench-append-${randomBytes(4).toString('hex')}`;
  progress(`${label}: appendLogEntry × ${APPENDS} (at most ${APPEND_BUDGET_S} s) into ${logId} in one transaction…`);
  const meter = cpuMeter({ database: databaseName });
  const t0 = performance.now();
  let count = 0;
  let tailFrom = t0;
  let loopEnd = t0;
  try {
    await inTransaction(store.db, async (tx) => {
      for (; count < APPENDS && (count % 1000 !== 0 || ms(t0) < APPEND_BUDGET_S * 1000); count++) {
        if (count % TAIL === 0) tailFrom = performance.now();
        const index = await appendLogEntry(tx, logId, milestoneEntry(mechanismId, idNumber(count)));
        if (index !== count) throw new Error(`appendLogEntry returned index ${index} for the entry #${count} of a fresh log`);
      }
      loopEnd = performance.now();
    });
    const took = ms(t0);
    const cpu = meter();
    const tailCount = count % TAIL === 0 ? TAIL : count % TAIL;
    const { n } = await store.db.selectFrom('logEntries').select((eb) => eb.fn.countAll<number>().as('n')).where('logId', '=', logId).executeTakeFirstOrThrow();
    if (Number(n) !== count) throw new Error(`${logId} holds ${n} entries after ${count} appends`);
    if (count < APPENDS) warn(`${label}: stopped after ${count} appends (${APPEND_BUDGET_S} s)`);
    return { count, rate: (count / took) * 1000, tail: (tailCount / (loopEnd - tailFrom)) * 1000, cpu };
  } finally {
    await inTransaction(store.db, async (tx) => {
      await tx.deleteFrom('logNodes').where('logId', '=', logId).execute();
      await tx.deleteFrom('logEntries').where('logId', '=', logId).execute();
      await tx.deleteFrom('logs').where('id', '=', logId).execute();
    });
  }
}

const COMMITMENT = resource('commitment');
const ROUND = resource('round');

interface Imported extends Appended {
  mechanismId: string;
  ms: number;
  /** Commitments imported. */
  rows: number;
}

/** A record of `def` in the mechanism as `entente export` writes it: every field, absent ones null or their default. */
function exported(def: ResourceDef, mechanismId: string, at: string, fields: Record<string, unknown>): RecordData {
  const rec: RecordData = { id: newId(), mechanismId, ownerParty: 'cn', marking: 'joint', createdAt: at, updatedAt: at, logIndex: 0 };
  for (const [name, spec] of Object.entries(def.fields)) rec[name] = fields[name] ?? (spec.presence === 'default' ? spec.defaultValue : null);
  return rec;
}

/** The dataset as an export of the demo mechanism: the rounds it lacks, then the commitments. */
function datasetExport(rows: DatasetRow[], mechanismId: string, rounds: Map<number, string>): ExportFile {
  const at = new Date().toISOString();
  const round: RecordData[] = [];
  for (const number of [...new Set(rows.map((r) => r.round))].sort((a, b) => a - b)) {
    if (rounds.has(number)) continue;
    const rec = exported(ROUND, mechanismId, at, { number, status: 'held' });
    rounds.set(number, rec.id);
    round.push(rec);
  }
  const commitment = rows.map((row) =>
    exported(COMMITMENT, mechanismId, at, {
      roundId: rounds.get(row.round),
      text: { en: row.title },
      parties: partiesFor(row.owner_party),
      due: row.due_date,
      status: STATUS_MAP[row.status],
    }),
  );
  return { format: EXPORT_FORMAT, version: 1, exportedAt: at, exportedBy: WRITER, records: { round, commitment } };
}

/**
 * The product's bulk import, importRecords of src/record/transfer.ts (what `entente import`
 * runs: each record checked as createRecord checks it, then written in chunks), of the
 * dataset as an export (datasetExport) into the demo, as cn-secretariat, in one transaction.
 * Appends = the joint log's growth, checked against the records imported (one entry each);
 * the tail is the last TAIL records, from their progress report to the commit.
 */
async function bulkImport(env: BenchEnv, password: string, rows: DatasetRow[], label: string): Promise<Imported> {
  const store = await openStore({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  try {
    const seeded = await seedDemo(store, { password });
    const mechanismId = seeded.mechanismId;
    if (!mechanismId) throw new Error('the demo seed did not report its mechanism');
    const principal = await principalByName(store.db, WRITER);
    if (!principal) throw new Error(`the demo account ${WRITER} is missing`);
    const existing = await findVisibleBy(store.db, principal, ROUND, 'mechanismId', [mechanismId]);
    const file = datasetExport(rows, mechanismId, new Map(existing.map((r) => [Number(r.number), r.id])));
    const sizeOf = async () => Number((await store.db.selectFrom('logs').select('size').where('id', '=', mechanismId).executeTakeFirstOrThrow()).size);
    const before = await sizeOf();

    progress(`${label}: importRecords (as \`entente import\`) of ${rows.length} commitments and ${file.records.round!.length} rounds, in one transaction…`);
    const meter = cpuMeter({ database: env.databaseName });
    const t0 = performance.now();
    let tailFrom = t0;
    let tailStart = 0;
    const report = await importRecords(store, [principal], file, {
      skipRejected: false,
      onProgress: (done, total) => {
        tailStart = Math.max(0, total - TAIL);
        if (done === tailStart) tailFrom = performance.now();
        if (done % 5000 === 0) progress(`${label}: ${done}/${total} checked (${(ms(t0) / 1000).toFixed(1)} s)`);
      },
    });
    const end = performance.now();
    const took = end - t0;
    const cpu = meter();
    const [first] = report.rejected;
    if (!report.committed || first) throw new Error(`the import refused ${report.rejected.length} records; the first, ${first?.kind} ${first?.id}: ${first?.reason}`);
    const added = (await sizeOf()) - before;
    if (added !== report.imported) throw new Error(`the joint log grew by ${added} entries for ${report.imported} records imported`);
    return { mechanismId, ms: took, rows: file.records.commitment!.length, count: added, rate: (added / took) * 1000, tail: ((report.total - tailStart) / (end - tailFrom)) * 1000, cpu };
  } finally {
    await store.close();
  }
}

// ——— 3. the 1M-entry log ———

interface Sink {
  write(entries: { idx: number[]; text: string[] }, nodes: { level: number[]; idx: number[]; hash: Buffer[] }): Promise<void>;
  finish(size: number, frontier: Buffer[]): Promise<void>;
  close(): Promise<void>;
}

function sqliteSink(dataDir: string, logId: string): Sink {
  const release = lockDataDir(dataDir);
  const db = new SQLite(path.join(dataDir, 'entente.db'));
  // Setup only (not measured): no fsync per transaction; the WAL is checkpointed at the end.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const entry = db.prepare('insert into "logEntries" ("logId", "idx", "entry") values (?, ?, ?)');
  const node = db.prepare('insert into "logNodes" ("logId", "level", "idx", "hash") values (?, ?, ?, ?)');
  const head = db.prepare('update "logs" set "size" = ?, "frontier" = ? where "id" = ?');
  const batch = db.transaction((e: { idx: number[]; text: string[] }, n: { level: number[]; idx: number[]; hash: Buffer[] }) => {
    for (let i = 0; i < e.idx.length; i++) entry.run(logId, e.idx[i], e.text[i]);
    for (let i = 0; i < n.idx.length; i++) node.run(logId, n.level[i], n.idx[i], n.hash[i]);
  });
  return {
    write: async (e, n) => batch(e, n),
    finish: async (size, frontier) => {
      head.run(size, Buffer.concat(frontier), logId);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.exec('analyze');
    },
    close: async () => {
      db.close();
      release();
    },
  };
}

async function postgresSink(url: string, logId: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set synchronous_commit = off'); // setup only (not measured)
  return {
    write: async (e, n) => {
      await client.query('begin');
      for (let i = 0; i < e.idx.length; i += 20_000) {
        await client.query('insert into "logEntries" ("logId", "idx", "entry") select $1, * from unnest($2::int[], $3::text[])', [
          logId,
          e.idx.slice(i, i + 20_000),
          e.text.slice(i, i + 20_000),
        ]);
      }
      for (let i = 0; i < n.idx.length; i += 40_000) {
        await client.query('insert into "logNodes" ("logId", "level", "idx", "hash") select $1, * from unnest($2::int[], $3::int[], $4::bytea[])', [
          logId,
          n.level.slice(i, i + 40_000),
          n.idx.slice(i, i + 40_000),
          n.hash.slice(i, i + 40_000),
        ]);
      }
      await client.query('commit');
    },
    finish: async (size, frontier) => {
      await client.query('update "logs" set "size" = $1, "frontier" = $2 where "id" = $3', [size, Buffer.concat(frontier), logId]);
      await client.query('analyze "logEntries"');
      await client.query('analyze "logNodes"');
    },
    close: () => client.end(),
  };
}

/**
 * Extends `logId` to `target` entries in bulk, shaped like its last entry (a milestone created
 * over HTTP): entry k creates milestone #⌊k/2⌋ when k is even and deletes it when k is odd, so
 * that a verifier replaying the log expects no row for them. Leaf hashes and the nodes they
 * complete are computed in memory (leafHash, nodeHash); rows are written in transactions of 65,536 entries, the
 * nodes of a batch level by level (in primary-key order).
 */
async function extendLog(env: BenchEnv, logId: string, target: number): Promise<number> {
  const store = await openStore({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  let size: number;
  let frontier: Buffer[];
  let create: string[];
  let remove: string[];
  try {
    const head = await store.db.selectFrom('logs').select(['size', 'frontier']).where('id', '=', logId).executeTakeFirstOrThrow();
    size = Number(head.size);
    frontier = splitFrontier(head.frontier);
    const last = await store.db.selectFrom('logEntries').select('entry').where('logId', '=', logId).where('idx', '=', size - 1).executeTakeFirstOrThrow();
    const sampleId = (JSON.parse(last.entry) as { id: string }).id;
    create = last.entry.split(sampleId);
    remove = last.entry.replace('"op":"create"', '"op":"delete"').split(sampleId);
    if (create.length !== 3 || sampleId.length !== 36 || !last.entry.includes('"op":"create"')) {
      throw new Error(`the last entry of ${logId} is not a created record with a 36-character id: ${last.entry.slice(0, 200)}`);
    }
  } finally {
    await store.close(); // the sink takes the data directory (SQLite) or its own connection
  }

  const t0 = performance.now();
  const sink = env.databaseUrl ? await postgresSink(env.databaseUrl, logId) : sqliteSink(env.dataDir, logId);
  try {
    const BATCH = 65_536;
    let shown = 0;
    while (size < target) {
      const end = Math.min(target, size + BATCH);
      const e = { idx: [] as number[], text: [] as string[] };
      const levels: Array<{ idx: number[]; hash: Buffer[] }> = [];
      for (let i = size; i < end; i++) {
        const text = (i % 2 === 0 ? create : remove).join(idNumber(Math.floor(i / 2)));
        e.idx.push(i);
        e.text.push(text);
        // appendSteps without its copies: the frontier is a stack; the leaf completes one
        // parent per trailing one bit of i (merkle.test.ts pins appendSteps to the same tree;
        // the proofs and the verification below check this one against its root).
        let hash = leafHash(Buffer.from(text, 'utf8'));
        let level = 0;
        for (let k = i; ; k = (k - 1) / 2) {
          const l = (levels[level] ??= { idx: [], hash: [] });
          l.idx.push(Math.floor(i / 2 ** level));
          l.hash.push(hash);
          if (k % 2 === 0) break;
          hash = nodeHash(frontier.pop()!, hash);
          level++;
        }
        frontier.push(hash);
      }
      const n = { level: [] as number[], idx: [] as number[], hash: [] as Buffer[] };
      levels.forEach((l, level) => {
        for (let k = 0; k < l.idx.length; k++) {
          n.level.push(level);
          n.idx.push(l.idx[k]!);
          n.hash.push(l.hash[k]!);
        }
      });
      await sink.write(e, n);
      size = end;
      if (size - shown >= 200_000 || size === target) {
        shown = size;
        progress(`${env.backend} (3) building the log: ${size.toLocaleString('en-US')}/${target.toLocaleString('en-US')} (${(ms(t0) / 1000).toFixed(1)} s)`);
      }
    }
    await sink.finish(size, frontier);
  } finally {
    await sink.close();
  }
  return ms(t0);
}

async function proofLatency(
  store: Store,
  logId: string,
  size: number,
  label: string,
  databaseName?: string,
): Promise<{ p50: number; p99: number; controlP50: number; controlP99: number; cpu: CpuReading }> {
  // What GET …/proof/inclusion calls (the proof and the root of that size, in one read). The
  // process's first call also reads the log's upper tree levels into memory (upper-nodes.ts).
  let t0 = performance.now();
  const first = await inclusionProofWithRoot(store.db, logId, 0, size);
  const firstMs = ms(t0);
  // Correctness first, on a sample: every proof must lead from the entry's leaf hash to the root.
  const root = await rootAt(store.db, logId, size);
  if (!first.root.equals(root)) throw new Error('the root served with a proof differs from rootAt');
  for (let i = 0; i < 100; i++) {
    const index = i === 0 ? 0 : i === 1 ? size - 1 : randomInt(size);
    const { entry } = await store.db.selectFrom('logEntries').select('entry').where('logId', '=', logId).where('idx', '=', index).executeTakeFirstOrThrow();
    const { proof } = await inclusionProofWithRoot(store.db, logId, index, size);
    if (!verifyInclusion(leafHash(Buffer.from(entry, 'utf8')), index, size, proof, root)) throw new Error(`the inclusion proof of entry ${index} does not verify`);
  }
  progress(`${label}: first call ${firstMs.toFixed(1)} ms (reads the upper levels); ${PROOF_WARMUP} warm-up calls, then ${PROOF_CALLS} timed…`);
  const warm: number[] = [];
  for (let i = 0; i < PROOF_WARMUP; i++) {
    t0 = performance.now();
    await inclusionProofWithRoot(store.db, logId, randomInt(size), size);
    warm.push(ms(t0));
  }
  // Control: a CPU-only task of about the proof's median, timed the same way and interleaved
  // with the proofs (so that both see the same machine). Its tail is what the machine itself
  // adds (preemption by other processes, GC), not the database.
  warm.sort((a, b) => a - b);
  const reps = calibrate(quantile(warm, 0.5));
  const times: number[] = [];
  const control: number[] = [];
  const meter = cpuMeter({ database: databaseName });
  for (let i = 0; i < PROOF_CALLS; i++) {
    const index = randomInt(size);
    t0 = performance.now();
    await inclusionProofWithRoot(store.db, logId, index, size);
    times.push(ms(t0));
    t0 = performance.now();
    await spin(reps);
    control.push(ms(t0));
  }
  const cpu = meter();
  times.sort((a, b) => a - b);
  control.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), controlP50: quantile(control, 0.5), controlP99: quantile(control, 0.99), cpu };
}

const SPIN_INPUT = Buffer.alloc(65, 1);

/** `reps` SHA-256 node hashes; async like the proof (one await), CPU only. */
async function spin(reps: number): Promise<void> {
  for (let i = 0; i < reps; i++) oneShotHash('sha256', SPIN_INPUT, 'buffer');
}

/** How many node hashes take about `targetMs` (the median of 200 tries of a guess). */
function calibrate(targetMs: number): number {
  const t: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    for (let k = 0; k < 1000; k++) oneShotHash('sha256', SPIN_INPUT, 'buffer');
    t.push(ms(t0));
  }
  t.sort((a, b) => a - b);
  return Math.max(1, Math.round((targetMs / quantile(t, 0.5)) * 1000));
}

async function httpProofLatency(env: BenchEnv, scope: Scope, opts: RunOptions, logName: string, size: number): Promise<{ p50: number; p99: number }> {
  const server = await startServer(env, opts.password, scope);
  try {
    const { cookie } = await signIn(server.url, READER, opts.password);
    const get = async (index: number) => {
      const res = await fetch(`${server.url}/api/v1/logs/${logName}/proof/inclusion?index=${index}&size=${size}`, { headers: { cookie, accept: 'application/json' } });
      if (!res.ok) throw new Error(`GET …/proof/inclusion?index=${index} answered HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return (await res.json()) as { leafHash: string; root: string; proof: string[] };
    };
    const check = await get(size - 2);
    const b = (s: string) => Buffer.from(s, 'base64');
    if (!verifyInclusion(b(check.leafHash), size - 2, size, check.proof.map(b), b(check.root))) throw new Error('the inclusion proof served over HTTP does not verify');
    progress(`${env.backend} (3) GET …/proof/inclusion: ${HTTP_PROOF_WARMUP} warm-up, then ${HTTP_PROOF_CALLS} sequential as ${READER}…`);
    for (let i = 0; i < HTTP_PROOF_WARMUP; i++) await get(randomInt(size));
    const times: number[] = [];
    for (let i = 0; i < HTTP_PROOF_CALLS; i++) {
      const index = randomInt(size);
      const t0 = performance.now();
      await get(index);
      times.push(ms(t0));
    }
    times.sort((a, b2) => a - b2);
    return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
  } finally {
    await server.stop();
  }
}

// ——— 4. raw hashing ———

/** What bench/verify-child.ts reports. */
interface ChildVerify {
  ms: number;
  entries: number;
  nodes: number;
  checkpoints: number;
  rows: number;
  selfCpu: number;
  others: number;
  database: number;
  error?: string;
}

/** What bench/verify-floor.ts reports. */
interface FloorRun {
  entries: number;
  hashes: number;
  ms: number;
}

/** A script of bench/ run in a fresh process: the JSON of its last line. */
async function inChild<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script), ...args], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

/** The floor under verify (bench/verify-floor.ts); embedded database only. */
const floorInChild = (env: BenchEnv) => inChild<FloorRun>('verify-floor.ts', [env.dataDir]);

/** verifyDatabase (bench/verify-child.ts): what `entente verify --data` is. */
const verifyInChild = (env: BenchEnv) => inChild<ChildVerify>('verify-child.ts', [env.dataDir, env.databaseUrl ?? '', env.databaseName ?? '']);

function rawText(r: RawRates): string {
  return `createHash ${Math.round(r.createHash)}/s, crypto.hash to a Buffer ${Math.round(r.oneShot)}/s, to a string ${Math.round(r.oneShotString)}/s; other processes ${r.others.toFixed(2)} CPUs`;
}

/** The ways node:crypto hashes a node, as the raw rate is taken. */
interface RawRates {
  /** createHash(…).update(input).digest(): a Buffer. */
  createHash: number;
  /** crypto.hash(…, 'buffer'). */
  oneShot: number;
  /** crypto.hash(…, 'binary'): the digest as a one-byte string, what src/ledger hashes with (decision 0023). */
  oneShotString: number;
  others: number;
}

/**
 * SHA-256 of 65-byte buffers (0x01 ‖ 32 ‖ 32) per second, each way node:crypto offers: each
 * warmed up by a run of its own, then the best of three half-second runs. One cold run per way
 * (as before November 27, 2026) understated the first way measured by up to a third.
 */
function rawNodeRate(): RawRates {
  const input = randomBytes(65);
  input[0] = 0x01;
  const rate = (hashOnce: () => unknown) => {
    const run = () => {
      let n = 0;
      const t0 = performance.now();
      while (ms(t0) < 500) {
        for (let i = 0; i < 10_000; i++) hashOnce();
        n += 10_000;
      }
      return (n / ms(t0)) * 1000;
    };
    run();
    return Math.max(run(), run(), run());
  };
  const meter = cpuMeter();
  const createHashRate = rate(() => createHash('sha256').update(input).digest());
  const oneShot = rate(() => oneShotHash('sha256', input, 'buffer'));
  const oneShotString = rate(() => oneShotHash('sha256', input, 'binary'));
  return { createHash: createHashRate, oneShot, oneShotString, others: meter().others };
}

// ——— the benchmark ———

async function run(env: BenchEnv, scope: Scope, opts: RunOptions): Promise<Outcome> {
  dataset ??= readDataset();
  const figures: Figure[] = [];
  const invalid: string[] = [];
  const add = (key: string, value: number) => {
    const m = ledgerMetrics.find((x) => x.key === key)!;
    figures.push({ name: `${env.backend}.${key}`, value, unit: m.unit });
  };
  const pgDb = !!env.databaseName;
  const tag = env.backend;

  // 2a. Bulk import through the write path (also the data of everything after).
  const imported = await bulkImport(env, opts.password, dataset, `${tag} (2) bulk import`);
  add('import.appends', imported.rate);
  add('import.tail', imported.tail);
  add('import.rows', imported.rows);
  add('import.ms', imported.ms);
  if (pgDb) add('import.db-cpu', imported.cpu.database);
  add('import.other-cpu', imported.cpu.others);
  progress(
    `${tag} (2) bulk import: ${imported.count} appends (${imported.rows} commitments) in ${Math.round(imported.ms)} ms = ${Math.round(imported.rate)} appends/s, ` +
      `the last ${TAIL}: ${Math.round(imported.tail)}/s; ${cpuText(imported.cpu, pgDb)}`,
  );
  noteLoad(`${tag} (2) bulk import`, imported.cpu);
  const logId = imported.mechanismId; // commitments and rounds are joint: the mechanism's joint log

  // 2b. appendLogEntry alone.
  let store = await openStore({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  try {
    const direct = await directAppends(store, logId, `${tag} (2)`, env.databaseName);
    add('append.rate', direct.rate);
    add('append.tail', direct.tail);
    add('append.count', direct.count);
    if (pgDb) add('append.db-cpu', direct.cpu.database);
    add('append.other-cpu', direct.cpu.others);
    progress(`${tag} (2) appendLogEntry alone: ${direct.count} in one transaction, ${Math.round(direct.rate)} appends/s, the last ${TAIL}: ${Math.round(direct.tail)}/s; ${cpuText(direct.cpu, pgDb)}`);
    noteLoad(`${tag} (2) appendLogEntry alone`, direct.cpu);
  } finally {
    await store.close();
  }

  // 1. Durable writes over HTTP, then the log checked entry by entry.
  add('commit.ceiling', await commitCeiling(env));
  const w = await httpWrites(env, scope, opts, logId);
  add('write.rps', w.rps);
  add('write.p50', w.p50);
  add('write.p99', w.p99);
  add('write.requests', w.requests);
  add('write.non2xx', w.bad);
  add('write.unmatched', Math.abs(w.added - w.ok));
  add('write.server-cpu', w.cpu.watched);
  if (pgDb) add('write.db-cpu', w.cpu.database);
  add('write.other-cpu', w.cpu.others);
  if (w.bad > 0) for (const k of ['rps', 'p50', 'p99']) invalid.push(`${tag}.write.${k}`);
  store = await openStore({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  let entriesBefore: number;
  try {
    const checked = await recomputeLog(store.db, logId);
    add('write.tree-faults', checked.faults);
    entriesBefore = checked.entries;
    progress(`${tag} (1) the log after the writes: ${checked.entries} entries recomputed, ${checked.faults} faults`);
  } finally {
    await store.close();
  }

  // 3. Extend the same log to 1M entries, then proofs.
  progress(`${tag} (3) extending log ${logId} from ${entriesBefore} to ${BIG.toLocaleString('en-US')} entries…`);
  const built = await extendLog(env, logId, BIG);
  add('build.s', built / 1000);
  store = await openStore({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  try {
    const proofs = await proofLatency(store, logId, BIG, `${tag} (3) inclusionProofWithRoot`, env.databaseName);
    add('proof.p50', proofs.p50);
    add('proof.p99', proofs.p99);
    add('proof.control.p50', proofs.controlP50);
    add('proof.control.p99', proofs.controlP99);
    add('proof.other-cpu', proofs.cpu.others);
    progress(
      `${tag} (3) inclusionProofWithRoot at ${BIG}: median ${proofs.p50.toFixed(3)} ms, p99 ${proofs.p99.toFixed(3)} ms ` +
        `(control, CPU only: median ${proofs.controlP50.toFixed(3)} ms, p99 ${proofs.controlP99.toFixed(3)} ms); ${cpuText(proofs.cpu, pgDb)}`,
    );
    noteLoad(`${tag} (3) inclusionProofWithRoot`, proofs.cpu);

    // 4. Raw node hashing, verification, raw node hashing again.
    const raw1 = rawNodeRate();
    progress(`${tag} (4) raw SHA-256 (65 B): ${rawText(raw1)}`);
    let entries = 0;
    let hashes = 0;
    progress(`${tag} (4) verifyDatabase (src/ledger/verify.ts, as \`entente verify --data\`, in a process of its own) over ${BIG.toLocaleString('en-US')}+ entries…`);
    const child = await verifyInChild(env);
    const took = child.ms;
    const cpu = { watched: 0, database: child.database, others: child.others };
    if (child.error === undefined) {
      entries = child.entries;
      hashes = child.nodes; // each stored node (leaf or inner) was recomputed: one SHA-256 each
      add('verify.faults', 0);
      progress(`${tag} (4) verifyDatabase: ${child.entries} entries, ${child.nodes} stored nodes, ${child.checkpoints} checkpoints, ${child.rows} rows compared`);
    } else {
      add('verify.faults', 1);
      warn(`${tag} (4) verifyDatabase failed after ${Math.round(took)} ms: ${child.error}`);
    }
    const selfCpu = child.selfCpu;
    add('verify.self-cpu', selfCpu);
    const raw2 = rawNodeRate();
    progress(`${tag} (4) raw SHA-256 (65 B) again: ${rawText(raw2)}`);
    const pick = (r: RawRates) => Math.max(r.createHash, r.oneShot, r.oneShotString);
    const raw = (pick(raw1) + pick(raw2)) / 2;
    const rate = entries > 0 ? (entries / took) * 1000 : 0;
    add('hash.node-rate', raw);
    add('verify.rate', rate);
    const hashRate = hashes > 0 ? (hashes / took) * 1000 : 0;
    add('verify.hash-rate', hashRate);
    add('verify.hash-ratio', (hashRate / raw) * 100);
    add('verify.ratio', (rate / raw) * 100);
    add('verify.other-cpu', cpu.others);
    if (entries === 0) invalid.push(`${tag}.verify.rate`, `${tag}.verify.ratio`, `${tag}.verify.hash-rate`, `${tag}.verify.hash-ratio`);
    progress(
      `${tag} (4) verify: ${entries} entries (${hashes} tree hashes) in ${Math.round(took)} ms = ${Math.round(rate)} entries/s, ${Math.round(hashRate)} hashes/s = ` +
        `${((hashRate / raw) * 100).toFixed(1)}% of ${Math.round(raw)} raw node hashes/s (entries/s: ${((rate / raw) * 100).toFixed(1)}%); ` +
        `the verifying process (with its threads) used ${selfCpu.toFixed(2)} CPUs, ${cpuText(cpu, pgDb)}`,
    );
    noteLoad(`${tag} (4) verify`, cpu);
    if (!env.databaseUrl) {
      // Best of three: a floor is the least the work can take.
      const runs = [await floorInChild(env), await floorInChild(env), await floorInChild(env)];
      const floor = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
      const floorRate = (floor.hashes / floor.ms) * 1000;
      add('verify.floor-rate', floorRate);
      add('verify.floor-ratio', (floorRate / raw) * 100);
      add('verify.of-floor', floorRate > 0 ? (hashRate / floorRate) * 100 : 0);
      if (floor.hashes === 0) invalid.push(`${tag}.verify.floor-rate`, `${tag}.verify.floor-ratio`, `${tag}.verify.of-floor`);
      progress(
        `${tag} (4) floor: ${floor.entries} entries (${floor.hashes} tree hashes) read and hashed in ${Math.round(floor.ms)} ms (best of ${runs.map((r) => Math.round(r.ms)).join(', ')}) = ` +
          `${Math.round(floorRate)} hashes/s = ${((floorRate / raw) * 100).toFixed(1)}% of the raw rate; verify is ${((hashRate / floorRate) * 100).toFixed(1)}% of it`,
      );
    }
  } finally {
    await store.close();
  }

  // 3b. The proof over HTTP, on the same 1M-entry log.
  const httpProofs = await httpProofLatency(env, scope, opts, logId, BIG);
  add('proof.http.p50', httpProofs.p50);
  add('proof.http.p99', httpProofs.p99);
  progress(`${tag} (3) GET …/proof/inclusion at ${BIG}: median ${httpProofs.p50.toFixed(2)} ms, p99 ${httpProofs.p99.toFixed(2)} ms`);
  return { figures, invalid };
}

export const ledger: Benchmark = { name: 'ledger', metrics: ledgerMetrics, run };
