import { performance } from 'node:perf_hooks';
import { openStore } from '../src/db/index.ts';
import { verifyDatabase } from '../src/ledger/verify.ts';
import { cpuMeter } from './machine.ts';

/**
 * (4) of ledger.ts in a process of its own, as `entente verify --data` runs: a fresh heap, not
 * the bench's (which has just built a million-entry log). Prints one JSON line.
 * Usage: node --import tsx bench/verify-child.ts DATA_DIR [DATABASE_URL [DATABASE_NAME]]
 */
const [dataDir, databaseUrl, databaseName] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: verify-child.ts DATA_DIR [DATABASE_URL [DATABASE_NAME]]');
const store = await openStore({ dataDir, databaseUrl: databaseUrl || undefined, lock: false, migrate: false });
try {
  const meter = cpuMeter({ database: databaseName || undefined });
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  let out: Record<string, unknown>;
  try {
    const report = await verifyDatabase(store.db, store.dialect, { dataDir, source: dataDir });
    out = { entries: report.entries, nodes: report.nodes, checkpoints: report.checkpoints, rows: report.records?.compared ?? 0 };
  } catch (err) {
    out = { error: err instanceof Error ? err.message : String(err) };
  }
  const ms = performance.now() - t0;
  const self = process.cpuUsage(self0);
  const cpu = meter();
  console.log(JSON.stringify({ ...out, ms, selfCpu: (self.user + self.system) / 1000 / ms, others: cpu.others, database: cpu.database }));
} finally {
  await store.close();
}
