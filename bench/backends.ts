import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { errorMessage, progress, type BenchEnv, type Scope } from './harness.ts';

/**
 * Where a benchmark's data lives. Each run gets a fresh temp DATA_DIR; PostgreSQL runs also
 * get a fresh database (CREATE DATABASE entente_bench_<random>), dropped afterwards.
 */

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The server PostgreSQL runs use; BENCH_POSTGRES_URL overrides it. */
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432';

function tempDir(scope: Scope, backend: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `entente-bench-${backend}-`));
  // BENCH_KEEP=1 leaves the data directory for a profile or a rerun of one step.
  const remove = () => (process.env.BENCH_KEEP ? progress(`kept ${dir}`) : fs.rmSync(dir, { recursive: true, force: true }));
  scope.defer(`remove ${dir}`, remove, remove);
  return dir;
}

function urlFor(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor('postgres'), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`cannot connect to PostgreSQL at ${POSTGRES_URL} (${errorMessage(err)}); start it or set BENCH_POSTGRES_URL`, { cause: err });
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function prepareEnv(backend: BackendName, scope: Scope): Promise<BenchEnv> {
  const dataDir = tempDir(scope, backend);
  if (backend === 'sqlite') return { backend, dataDir };

  const database = `entente_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  progress(`created PostgreSQL database ${database}`);
  scope.defer(`drop database ${database}`, async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    progress(`dropped PostgreSQL database ${database}`);
  });
  return { backend, dataDir, databaseUrl: urlFor(database), databaseName: database };
}
