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

export async function freshStore(): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-test-'));
  const serverUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (serverUrl) {
    dbName = `entente_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const store = await openStore({ dataDir, databaseUrl });
  return {
    ...store,
    dataDir,
    databaseUrl,
    async destroy() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (serverUrl && dbName) {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}
