import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshInstallation, killLeftovers, runCli, startServer, type Exit, type Installation } from '../../test/support/cli.ts';
import { inTransaction, openStore, type Db, type Dialect } from '../db/index.ts';
import { principalByName } from '../access/accounts.ts';
import { createApiToken } from '../access/api-tokens.ts';
import { updateRecord } from '../record/write.ts';
import { resource } from '../record/registry.ts';
import { appendLogEntries, splitFrontier, type LogEntry } from '../ledger/append.ts';
import { signCheckpoint } from '../ledger/checkpoint.ts';
import { originOf, signDueCheckpoints } from '../ledger/checkpoints.ts';
import { appendSteps, frontierIds, leafHash, pow2 } from '../ledger/merkle.ts';
import { loadNodeKey } from '../ledger/node-key.ts';
import { generateSigner } from '../ledger/note.ts';

/**
 * `entente verify` through the real CLI on a real demo installation (SQLite, or PostgreSQL
 * when DATABASE_URL is set): clean, then each way of tampering with the log, the tree, the
 * checkpoints or the records, each on its own copy of the installation, named by the first
 * line verify prints. Also offline bundles, a server through its API, and bad input.
 */

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-verify-'));
let base: Installation;
let mechanismId: string;
let nodeName: string;
let verifierKey: string;
const copies: Installation[] = [];

/** The administration connection of the PostgreSQL server the tests run on. */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A copy of an installation: its data directory, and its database (CREATE DATABASE … TEMPLATE). */
async function copyOf(from: Installation): Promise<Installation> {
  const dataDir = fs.mkdtempSync(path.join(scratch, 'copy-'));
  fs.cpSync(from.dataDir, dataDir, { recursive: true });
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (from.databaseUrl) {
    name = `entente_vcopy_${randomBytes(6).toString('hex')}`;
    const source = new URL(from.databaseUrl).pathname.slice(1);
    await admin(`CREATE DATABASE ${name} TEMPLATE ${source}`);
    const u = new URL(from.databaseUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const copy: Installation = {
    dataDir,
    databaseUrl,
    dialect: from.dialect,
    env: { ...from.env, DATA_DIR: dataDir, XDG_STATE_HOME: path.join(dataDir, 'state'), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    async destroy() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (name) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
  copies.push(copy);
  return copy;
}

/** Runs `work` on the installation's database, opened in-process. */
async function withDb<T>(inst: Installation, work: (db: Db, dialect: Dialect) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: inst.dataDir, databaseUrl: inst.databaseUrl, lock: false });
  try {
    return await work(store.db, store.dialect);
  } finally {
    await store.close();
  }
}

/** Signs a checkpoint of every log that grew, as the server does each second. */
async function sign(inst: Installation): Promise<void> {
  const store = await openStore({ dataDir: inst.dataDir, databaseUrl: inst.databaseUrl, lock: false });
  try {
    await signDueCheckpoints(store, await loadNodeKey(store.db, inst.dataDir), { wait: true });
  } finally {
    await store.close();
  }
}

function verify(inst: Installation, args: string[] = [], state = path.join(inst.dataDir, 'seen.json')): Promise<Exit> {
  return runCli(['verify', ...args, '--state', state], inst.env);
}

/** Exit 1 and one plain line `entente: verify failed: <message>`, nothing on stdout, no stack. */
function expectFailure(res: Exit, message: RegExp): string {
  expect(res.code, res.stdout + res.stderr).toBe(1);
  expect(res.stdout).toBe('');
  const lines = res.stderr.trim().split('\n');
  expect(lines, res.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(res.stderr).not.toMatch(/\n\s+at |node:internal|TypeError|RangeError/);
  return lines[0]!;
}

const failed = (inner: string) => new RegExp(`^entente: verify failed: ${inner}$`);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The messages verify printed, for the report at the end of the file. */
const printed: string[] = [];

async function tampered(what: string, change: (db: Db, dialect: Dialect) => Promise<void>, message: (inst: Installation) => RegExp): Promise<void> {
  const inst = await copyOf(base);
  await withDb(inst, change);
  const line = expectFailure(await verify(inst), message(inst));
  printed.push(`${what}: ${line}`);
}

async function entryAt(db: Db, logId: string, idx: number): Promise<string> {
  return (await db.selectFrom('logEntries').select('entry').where('logId', '=', logId).where('idx', '=', idx).executeTakeFirstOrThrow()).entry;
}

async function setEntry(db: Db, logId: string, idx: number, entry: string): Promise<void> {
  await db.updateTable('logEntries').set({ entry }).where('logId', '=', logId).where('idx', '=', idx).execute();
}

async function logSize(db: Db, logId: string): Promise<number> {
  return Number((await db.selectFrom('logs').select('size').where('id', '=', logId).executeTakeFirstOrThrow()).size);
}

beforeAll(async () => {
  base = await freshInstallation();
  base.env.XDG_STATE_HOME = path.join(scratch, 'base-state');
  const init = await runCli(['init'], base.env);
  expect(init.code, init.stderr).toBe(0);
  await sign(base);
  await withDb(base, async (db) => {
    mechanismId = (await db.selectFrom('meta').select('value').where('key', '=', 'demo.mechanismId').executeTakeFirstOrThrow()).value;
    nodeName = (await db.selectFrom('meta').select('value').where('key', '=', 'nodeName').executeTakeFirstOrThrow()).value;
    verifierKey = (await db.selectFrom('meta').select('value').where('key', '=', 'nodeVerifierKey').executeTakeFirstOrThrow()).value;
  });
}, 120_000);

afterEach(async () => killLeftovers());

afterAll(async () => {
  for (const c of copies) await c.destroy();
  await base?.destroy();
  fs.rmSync(scratch, { recursive: true, force: true });
  if (printed.length) console.log(`verify's messages (${base?.dialect}):\n${printed.join('\n')}`);
});

describe('entente verify on a clean installation', () => {
  it('exits 0 with a one-screen summary, and remembers the newest checkpoints', async () => {
    const state = path.join(scratch, 'clean.json');
    const res = await verify(base, [], state);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toBe('');
    const out = res.stdout;
    expect(out).toMatch(/^Verified the (SQLite|PostgreSQL) database .*: no problem found \(\d+\.\d+ s\)\.$/m);
    expect(out).toContain(`node         ${nodeName}`);
    expect(out).toContain(`key trusted  ${verifierKey}`);
    expect(out).toContain(`from the key file ${path.join(base.dataDir, 'node-key.pem')}`);
    expect(out).toMatch(/logs {9}4 logs, 36 entries; \d+ stored tree nodes and every frontier match/);
    expect(out).toMatch(/checkpoints {2}4 checked: signatures, roots against the entries/);
    expect(out).toMatch(/records {6}36 rows \(\d+ record tables\) match their last log entries/);
    expect(out.split('\n').length).toBeLessThanOrEqual(24);
    const seen = JSON.parse(fs.readFileSync(state, 'utf8')) as { logs: Record<string, { size: number }> };
    expect(seen.logs[originOf(nodeName, mechanismId)]?.size).toBe(26);

    // The next run compares with what this one saw.
    const again = await verify(base, [], state);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/remembered {3}4 logs checked against earlier runs \(no rollback\)/);
  });

  it('trusts a pinned key (text or file), or says when it can trust only the database', async () => {
    const keyFile = path.join(scratch, 'node.key');
    fs.writeFileSync(keyFile, `${verifierKey}\n`);
    for (const key of [verifierKey, keyFile]) {
      const res = await verify(base, ['--key', key], path.join(scratch, `pinned-${randomBytes(3).toString('hex')}.json`));
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain('from pinned with --key');
    }
    const stranger = generateSigner(nodeName).verifierKey;
    const line = expectFailure(await verify(base, ['--key', stranger]), failed(`log \\S+ checkpoint of size \\d+ \\(signed .*\\): not signed by the trusted key ${esc(stranger)} \\(pinned with --key\\); it is signed by ${esc(nodeName)}\\+[0-9a-f]{8}`));
    printed.push(`pinned key of another node: ${line}`);

    const noKeyFile = await copyOf(base);
    fs.rmSync(path.join(noKeyFile.dataDir, 'node-key.pem'));
    const res = await verify(noKeyFile);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/from the database's own record \(meta\.nodeVerifierKey; there is no node-key\.pem in .*\) — whoever can change the database can change it: pin the key with --key/);
  });

  it('reads a running server\'s database without its lock, and a server through its API with a token', async () => {
    const inst = await copyOf(base);
    const token = await withDb(inst, async (db) => {
      const user = await db.selectFrom('users').select('id').where('username', '=', 'cn-observer').executeTakeFirstOrThrow();
      return (await createApiToken(db, user.id, 'verify', 'read')).token;
    });
    const server = await startServer(inst.env);
    try {
      const local = await verify(inst);
      expect(local.code, local.stderr).toBe(0);

      const res = await verify(inst, ['--url', server.url, '--token', token]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain(`Verified ${server.url.replace(/\/$/, '')}: no problem found`);
      // cn-observer reads the joint log, cn's own and the directory: never ru's.
      expect(res.stdout).toMatch(/logs {9}3 logs, 34 entries; trees recomputed from the entries/);
      expect(res.stdout).toMatch(/records {6}34 records read through the API match their last log entries/);
      expect(res.stdout).toContain('from the key the server itself serves');

      const refused = await verify(inst, ['--url', server.url, '--token', `ent_${'A'.repeat(43)}`]);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim()).toMatch(/^entente: http:\/\/127\.0\.0\.1:\d+ refused the request \(401\): the API token is unknown, revoked or malformed$/);
    } finally {
      expect((await server.stop('SIGTERM')).code).toBe(0);
    }
    const down = await verify(inst, ['--url', server.url, '--token', token]);
    expect(down.code).toBe(1);
    expect(down.stderr.trim()).toMatch(/^entente: cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/);
  });
});

describe('entente verify on a large log', () => {
  it('has the worker threads read, hash and check it, as the command is shipped (bundled)', async () => {
    const inst = await copyOf(base);
    // Entries that change no record row ('roles'), enough for the threads to take the log.
    const extra = 20_000;
    await withDb(inst, async (db) => {
      const at = new Date().toISOString();
      await inTransaction(db, async (tx) => {
        const entries: LogEntry[] = Array.from({ length: extra }, (_, i) => ({ v: 1, at, actor: 'cn-admin', party: 'cn', op: 'roles', kind: 'user', id: `u${i}`, record: { roles: [] } }));
        await appendLogEntries(tx, mechanismId, entries);
      });
    });
    await sign(inst);
    const res = await verify(inst);
    expect(res.code, res.stderr).toBe(0);
    const size = await withDb(inst, (db) => logSize(db, mechanismId));
    expect(size).toBeGreaterThan(extra);
    // On SQLite the threads read the large log themselves (src/ledger/verify-stored.ts).
    const chunks = /every frontier match \((\d+) chunks read and hashed by worker threads\)/.exec(res.stdout)?.[1];
    expect(chunks === undefined ? 0 : Number(chunks)).toBe(inst.dialect === 'sqlite' ? Math.ceil(size / 8192) : 0);
  }, 60_000);
});

describe('entente verify names each kind of tampering', () => {
  it('a record column changed directly in SQL', async () => {
    let id = '';
    await tampered(
      'record column changed',
      async (db) => {
        id = String((await db.selectFrom('milestones').select('id').orderBy('id').executeTakeFirstOrThrow()).id);
        await db.updateTable('milestones').set({ title: JSON.stringify({ en: 'Rewritten history' }) }).where('id', '=', id).execute();
      },
      () => failed(`milestones ${id}: column title differs from log entry \\d+ of log ${mechanismId}`),
    );
  });

  it('a database at another schema is refused as it is, never migrated first', async () => {
    const inst = await copyOf(base);
    await withDb(inst, async (db) => void (await db.deleteFrom('schema_migrations' as never).where('name' as never, '=', '0006_amendments' as never).execute()));
    const res = await verify(inst);
    expect(res.code, res.stdout + res.stderr).toBe(1);
    expect(res.stderr).toMatch(/not at this version's schema \(missing 0006_amendments\)/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    // Not migrated by the first run: a second one finds the same.
    const again = await verify(inst);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(res.stderr);
  });

  it('a log entry changed', async () => {
    await tampered(
      'entry changed',
      async (db) => setEntry(db, mechanismId, 10, (await entryAt(db, mechanismId, 10)).replace(/"at":"[^"]*"/, '"at":"2020-01-01T00:00:00.000Z"')),
      () => failed(`log ${mechanismId} entry 10: leaf hash does not match node \\(0,10\\)`),
    );
  });

  it('a log entry deleted', async () => {
    await tampered(
      'entry deleted',
      async (db) => void (await db.deleteFrom('logEntries').where('logId', '=', mechanismId).where('idx', '=', 10).execute()),
      () => failed(`log ${mechanismId}: entry 10 is missing \\(the next stored entry is 11\\)`),
    );
  });

  it('a log entry inserted (the later ones moved up, the size raised)', async () => {
    await tampered(
      'entry inserted',
      async (db) => {
        const size = await logSize(db, mechanismId);
        for (let i = size - 1; i >= 10; i--) await db.updateTable('logEntries').set({ idx: i + 1 }).where('logId', '=', mechanismId).where('idx', '=', i).execute();
        const forged = (await entryAt(db, mechanismId, 11)).replace(/"at":"[^"]*"/, '"at":"2025-01-01T00:00:00.000Z"');
        await db.insertInto('logEntries').values({ logId: mechanismId, idx: 10, entry: forged }).execute();
        await db.updateTable('logs').set({ size: size + 1 }).where('id', '=', mechanismId).execute();
      },
      () => failed(`log ${mechanismId} entry 10: leaf hash does not match node \\(0,10\\)`),
    );
  });

  it('a log entry appended with its tree made consistent (the record changed with it)', async () => {
    let id = '';
    let was = 0;
    let size = 0;
    await tampered(
      'entry appended, tree recomputed',
      async (db) => {
        size = await logSize(db, mechanismId);
        const row = await db.selectFrom('milestones').select(['id', 'logIndex']).orderBy('id').executeTakeFirstOrThrow();
        id = String(row.id);
        was = Number(row.logIndex);
        // The milestone's own entry, replayed as an update: a plausible entry, a consistent tree.
        const forged = (await entryAt(db, mechanismId, was)).replace('"op":"create"', '"op":"update"');
        const log = await db.selectFrom('logs').select('frontier').where('id', '=', mechanismId).executeTakeFirstOrThrow();
        const step = appendSteps(size, leafHash(Buffer.from(forged)), splitFrontier(log.frontier));
        await db.insertInto('logEntries').values({ logId: mechanismId, idx: size, entry: forged }).execute();
        for (const n of step.nodes) await db.insertInto('logNodes').values({ logId: mechanismId, level: n.id.level, idx: n.id.index, hash: n.hash }).execute();
        await db.updateTable('logs').set({ size: size + 1, frontier: Buffer.concat(step.frontier) }).where('id', '=', mechanismId).execute();
      },
      () => failed(`milestones ${id}: the row's logIndex is ${was}, but its last log entry is entry ${size} of log ${mechanismId}`),
    );
  });

  it('two entries swapped', async () => {
    await tampered(
      'entries swapped',
      async (db) => {
        const [a, b] = [await entryAt(db, mechanismId, 12), await entryAt(db, mechanismId, 13)];
        await setEntry(db, mechanismId, 12, b);
        await setEntry(db, mechanismId, 13, a);
      },
      () => failed(`log ${mechanismId} entry 12: leaf hash does not match node \\(0,12\\)`),
    );
  });

  it('a stored subtree hash changed', async () => {
    await tampered(
      'subtree hash changed',
      async (db) => void (await db.updateTable('logNodes').set({ hash: randomBytes(32) }).where('logId', '=', mechanismId).where('level', '=', 2).where('idx', '=', 1).execute()),
      () => failed(`log ${mechanismId}: tree node \\(2,1\\) \\(entries 4\\.\\.7\\) does not match the hash recomputed from the entries`),
    );
  });

  it("the stored frontier changed (what the next append would build on)", async () => {
    await tampered(
      'frontier changed',
      async (db) => {
        const log = await db.selectFrom('logs').select('frontier').where('id', '=', mechanismId).executeTakeFirstOrThrow();
        const forged = Buffer.from(log.frontier!);
        forged[0] = forged[0]! ^ 0xff;
        await db.updateTable('logs').set({ frontier: forged }).where('id', '=', mechanismId).execute();
      },
      () => failed(`log ${mechanismId}: the stored frontier \\(in its row of logs\\) does not match the tree of its \\d+ entries`),
    );
  });

  it('the last entries deleted (the size left as it was)', async () => {
    let size = 0;
    await tampered(
      'last entries deleted',
      async (db) => {
        size = await logSize(db, mechanismId);
        await db.deleteFrom('logEntries').where('logId', '=', mechanismId).where('idx', '>=', size - 2).execute();
      },
      () => failed(`log ${mechanismId}: entries ${size - 2}\\.\\.${size - 1} missing \\(the log's size is ${size}, its entries end at ${size - 3}\\)`),
    );
  });

  it('a tree node stored beyond the log', async () => {
    let size = 0;
    await tampered(
      'node beyond the log',
      async (db) => {
        size = await logSize(db, mechanismId);
        await db.insertInto('logNodes').values({ logId: mechanismId, level: 0, idx: size + 3, hash: randomBytes(32) }).execute();
      },
      () => failed(`log ${mechanismId}: tree node \\(0,${size + 3}\\) is stored but lies beyond the log's size ${size}`),
    );
  });

  it('a checkpoint replaced by one signed with another key', async () => {
    const other = generateSigner(nodeName);
    await tampered(
      'checkpoint re-signed',
      async (db) => {
        const cp = await db.selectFrom('checkpoints').select(['size', 'root']).where('logId', '=', mechanismId).executeTakeFirstOrThrow();
        const note = signCheckpoint({ origin: originOf(nodeName, mechanismId), size: Number(cp.size), root: cp.root }, other.signer);
        await db.updateTable('checkpoints').set({ note }).where('logId', '=', mechanismId).execute();
      },
      (inst) =>
        failed(`log ${mechanismId} checkpoint of size 26 \\(signed [0-9T:.Z-]+\\): not signed by the trusted key ${esc(verifierKey)} \\(the key file ${esc(path.join(inst.dataDir, 'node-key.pem'))}\\); it is signed by ${esc(nodeName)}\\+[0-9a-f]{8}`),
    );
  });

  it('the log truncated (entries and nodes above a size deleted, size and frontier lowered)', async () => {
    await tampered(
      'log truncated',
      async (db) => {
        const keep = 20;
        await db.deleteFrom('logEntries').where('logId', '=', mechanismId).where('idx', '>=', keep).execute();
        for (let level = 0; level < 6; level++) await db.deleteFrom('logNodes').where('logId', '=', mechanismId).where('level', '=', level).where('idx', '>=', Math.floor(keep / pow2(level))).execute();
        const frontier: Buffer[] = [];
        for (const id of frontierIds(keep)) frontier.push((await db.selectFrom('logNodes').select('hash').where('logId', '=', mechanismId).where('level', '=', id.level).where('idx', '=', id.index).executeTakeFirstOrThrow()).hash);
        await db.updateTable('logs').set({ size: keep, frontier: Buffer.concat(frontier) }).where('id', '=', mechanismId).execute();
      },
      () => failed(`log ${mechanismId}: checkpoint of size 26 is beyond the log's size 20: entries were removed`),
    );
  });

  it('the whole database rolled back to an earlier copy whose old checkpoint is valid', async () => {
    const old = await copyOf(base);
    const newer = await copyOf(base);
    await withDb(newer, async (db, dialect) => {
      const w = { db, dialect, principal: (await principalByName(db, 'cn-secretariat'))! };
      const id = String((await db.selectFrom('milestones').select('id').orderBy('id').executeTakeFirstOrThrow()).id);
      await updateRecord(w, resource('milestone'), id, { title: { en: 'A later title' } });
      await updateRecord(w, resource('milestone'), id, { title: { en: 'A later title, again' } });
    });
    await sign(newer);
    const state = path.join(scratch, 'rollback.json');
    const clean = await verify(newer, [], state);
    expect(clean.code, clean.stderr).toBe(0);
    // On its own the old copy is sound: only what verify remembers shows the rollback.
    expect((await verify(old, [], path.join(scratch, 'rollback-fresh.json'))).code).toBe(0);
    const line = expectFailure(
      await verify(old, [], state),
      failed(`log ${mechanismId} was rolled back: verify saw size 28 \\(root [A-Za-z0-9+/=]{44}\\) on [0-9T:.Z-]+, the database now has size 26`),
    );
    printed.push(`database rolled back: ${line}`);
    // A failed run leaves the remembered checkpoints as they were.
    expect((JSON.parse(fs.readFileSync(state, 'utf8')) as { logs: Record<string, { size: number }> }).logs[originOf(nodeName, mechanismId)]?.size).toBe(28);
  });
});

describe('offline bundles', () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = path.join(scratch, 'cn.bundle.json');
    const res = await runCli(['export', '--bundle', bundle, '--as', 'cn-observer'], base.env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`Wrote ${bundle}: 3 logs readable by cn-observer (34 entries, 3 checkpoints, 34 records)`);
  });

  it('verifies with no database and no network, against its own key or a pinned one', async () => {
    const env = { PATH: process.env.PATH, HOME: scratch, DATA_DIR: path.join(scratch, 'nowhere') };
    const res = await runCli(['verify', bundle, '--no-state'], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Verified the bundle .* \(exported .* for cn-observer\): no problem found/);
    expect(res.stdout).toMatch(/logs {9}3 logs, 34 entries; trees recomputed from the entries/);
    expect(res.stdout).toMatch(/records {6}34 records of the bundle match their logs' last entries/);
    expect(res.stdout).toContain("from the bundle's own key");
    expect(fs.existsSync(path.join(scratch, 'nowhere'))).toBe(false);
    const pinned = await runCli(['verify', bundle, '--key', verifierKey, '--no-state'], env);
    expect(pinned.code, pinned.stderr).toBe(0);
    const stranger = await runCli(['verify', bundle, '--key', generateSigner(nodeName).verifierKey, '--no-state'], env);
    printed.push(`bundle, pinned key of another node: ${expectFailure(stranger, /^entente: verify failed: log \S+ checkpoint of size 26: not signed by the trusted key/)}`);
  });

  it('a byte changed, the file cut short, or not JSON: a plain message and exit 1', async () => {
    const text = fs.readFileSync(bundle);
    const run = (name: string, bytes: Buffer | string) => {
      const file = path.join(scratch, name);
      fs.writeFileSync(file, bytes);
      return runCli(['verify', file, '--no-state'], base.env);
    };
    // A byte inside an entry that a checkpoint covers (entries are JSON strings: quotes escaped).
    const inEntry = Buffer.from(text);
    inEntry[inEntry.indexOf('\\"kind\\":\\"statement\\"') + 11] = 'S'.charCodeAt(0);
    printed.push(`bundle, byte changed in an entry: ${expectFailure(await run('entry.json', inEntry), new RegExp(`^entente: verify failed: log ${mechanismId}: checkpoint of size 26 has root \\S+, but entries 0\\.\\.25 give \\S+$`))}`);
    // A byte in the records the bundle lists beside the entries.
    const inRecords = Buffer.from(text);
    inRecords[inRecords.indexOf('"kind":"statement"') + 8] = 'S'.charCodeAt(0);
    printed.push(`bundle, byte changed in its records: ${expectFailure(await run('records.json', inRecords), new RegExp(`^entente: verify failed: log ${mechanismId}: the bundle's Statement \\S+: the log has this record as a statement$`))}`);
    // A byte outside every entry and checkpoint.
    const inHeader = Buffer.from(text);
    inHeader[inHeader.indexOf('cn-observer') + 1] = 'x'.charCodeAt(0);
    printed.push(`bundle, byte changed in its header: ${expectFailure(await run('header.json', inHeader), /^entente: verify failed: .*header\.json was changed or damaged after export: its digest does not match its content$/)}`);
    printed.push(`bundle, truncated: ${expectFailure(await run('cut.json', text.subarray(0, Math.floor(text.length / 2))), /^entente: verify failed: .*cut\.json is not a valid Entente bundle: it is not JSON \(truncated or damaged\?\)$/)}`);
    printed.push(`bundle, not JSON: ${expectFailure(await run('text.json', 'hello\n'), /^entente: verify failed: .*text\.json is not a valid Entente bundle: it is not JSON \(truncated or damaged\?\)$/)}`);
    printed.push(`bundle, other JSON: ${expectFailure(await run('other.json', '{"hello":"world"}'), /^entente: verify failed: .*other\.json is not a valid Entente bundle: it is not a log bundle/)}`);
    printed.push(`bundle, missing: ${expectFailure(await runCli(['verify', path.join(scratch, 'missing.json'), '--no-state'], base.env), /^entente: verify failed: cannot read .*missing\.json: no such file$/)}`);
  });
});

describe('usage', () => {
  it('exits 2 for conflicting or incomplete options, and 1 for a data directory without a database', async () => {
    const usage = async (args: string[], message: RegExp) => {
      const res = await runCli(args, base.env);
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toMatch(message);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    };
    await usage(['verify', '--data', 'x', '--url', 'http://y'], /^entente: verify takes one of --data DIR, --url URL or BUNDLE/);
    await usage(['verify', '--token', 'ent_x'], /^entente: --token goes with --url URL/);
    await usage(['verify', '--url', 'ftp://x'], /^entente: --url must be an http:\/\/ or https:\/\/ address/);
    await usage(['verify', 'a.json', 'b.json'], /^entente: verify checks one BUNDLE at a time/);
    await usage(['verify', '--frobnicate'], /^entente: .*--frobnicate/);
    await usage(['export', '--bundle', 'x.json'], /^entente: export --bundle FILE needs --as USER/);

    const empty = fs.mkdtempSync(path.join(scratch, 'empty-'));
    const res = await runCli(['verify', '--data', empty, '--no-state'], { ...base.env, DATABASE_URL: '' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(`entente: there is no database in ${empty} (no entente.db): nothing to verify`);
    expect(fs.readdirSync(empty)).toEqual([]);

    const help = await runCli(['help'], base.env);
    expect(help.stdout).toMatch(/^ {2}verify \[--data DIR \| --url URL --token TOKEN \| BUNDLE\]/m);
    expect(help.stdout).toMatch(/^ {2}export --bundle FILE --as USER/m);
  });
});
