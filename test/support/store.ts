import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/db/index.ts';

/**
 * A fresh, real database for one test file: SQLite in a temporary directory, or, when
 * DATABASE_URL is set, a new PostgreSQL database on that server (dropped afterwards).
 */
export interface TestStore extends Store {
  dataDir: string;
  databaseUrl: string | undefined;
  destroy(): Promise<void>;
}

/**
 * A new, empty PostgreSQL database on the DATABASE_URL server, or nothing when that is unset
 * (SQLite). `drop` removes it, ending any connection still open.
 */
export async function freshDatabase(prefix: string, serverUrl = process.env.DATABASE_URL): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function freshStore(): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-test-'));
  const database = await freshDatabase('entente_t');
  const store = await openStore({ dataDir, databaseUrl: database.url });
  return {
    ...store,
    dataDir,
    databaseUrl: database.url,
    async destroy() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}
