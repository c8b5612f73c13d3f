import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killLeftovers, runCli, startServer, type Server } from '../support/cli.ts';
import { freshDatabase } from '../support/store.ts';
import { DEMO_TOTP_SECRET } from '../support/app.ts';
import { totpCode, totpStep } from '../../src/access/totp.ts';
import { openCheckpoint } from '../../src/ledger/checkpoint.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/proof.ts';
import { leafOf, treeRoot } from '../support/naive-tree.ts';

/**
 * Several server processes of one node (DESIGN §4, src/ledger/checkpoints.ts). On PostgreSQL,
 * two real `entente serve` processes share one database, each with its own data directory
 * (the data-dir lock) holding the node's one key: writes through both at once land in the
 * joint log in order and without a gap, and the checkpoints either process signs (one signer
 * at a time) verify with the node's key against the stored tree. On SQLite the rule is one
 * process per data directory: a second one is refused, saying why.
 */

const PASSWORD = 'two servers test password, not a secret';
const WRITES = 100;
const b64 = (s: string) => Buffer.from(s, 'base64');

const dirs: string[] = [];
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-two-'));
  dirs.push(dir);
  return dir;
}

function environment(dir: string, databaseUrl: string | undefined): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    ENTENTE_DEMO_PASSWORD: PASSWORD,
    ENTENTE_DEMO_TOTP_SECRET: DEMO_TOTP_SECRET,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

afterEach(async () => {
  await killLeftovers();
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A signed-in session on a server: its cookie and CSRF token. */
interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, totp: totpCode(DEMO_TOTP_SECRET, totpStep()) }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => /entente_session=/.test(c));
  if (!cookie) throw new Error(`no session cookie from ${base}: ${text}`);
  return { cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

async function api(base: string, s: Session, method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; text: string; json: () => any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- answers of several shapes
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie: s.cookie, ...(method === 'POST' ? { 'x-csrf-token': s.csrf } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

// Both run in either pass of the suite: this one needs PostgreSQL whatever the pass's database.
describe('two server processes on one PostgreSQL database', () => {
  it('keeps the joint log ordered and gap-free, and both sign checkpoints that verify against the stored tree', async () => {
    const db = await freshDatabase('entente_two', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const servers: Server[] = [];
    try {
      const [dirA, dirB, dirC] = [dataDir(), dataDir(), dataDir()];
      const init = await runCli(['init'], environment(dirA, db.url));
      expect(init.code, init.stderr).toBe(0);

      const a = await startServer(environment(dirA, db.url));
      servers.push(a);
      const keyFile = path.join(dirA, 'node-key.pem');
      expect(fs.existsSync(keyFile)).toBe(true);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

      // A second process in the same data directory is refused (the data-dir lock) ...
      const sameDir = await runCli(['serve'], environment(dirA, db.url));
      expect(sameDir.code).toBe(1);
      expect(sameDir.stderr).toMatch(new RegExp(`entente: the data directory ${dirA.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another Entente process \\(pid ${a.pid}\\)`));
      // ... and so is one whose data directory lacks the node's key: it names the file to copy.
      const keyless = await runCli(['serve'], environment(dirC, db.url));
      expect(keyless.code).toBe(1);
      expect(keyless.stderr).toMatch(/node-key\.pem/);
      expect(keyless.stderr).toMatch(/^entente: this database belongs to a node whose key is not in /);
      expect(fs.existsSync(path.join(dirC, 'node-key.pem'))).toBe(false);

      fs.copyFileSync(keyFile, path.join(dirB, 'node-key.pem'));
      fs.chmodSync(path.join(dirB, 'node-key.pem'), 0o600);
      const b = await startServer(environment(dirB, db.url));
      servers.push(b);
      const bases = [a.url, b.url];

      const keys = await Promise.all(bases.map(async (base) => (await fetch(`${base}/.well-known/entente/node-key`)).text()));
      expect(keys[0]).toBe(keys[1]);
      const nodeKey = keys[0]!.trim();

      // One session made on each server; each is used on both (sessions live in the database).
      const sessions = [await signIn(a.url, 'cn-secretariat'), await signIn(b.url, 'ru-secretariat')];
      const mechanisms = await api(a.url, sessions[0]!, 'GET', '/api/v1/mechanisms?limit=10');
      expect(mechanisms.status, mechanisms.text).toBe(200);
      const mechanismId = (mechanisms.json() as { items: Array<{ id: string }> }).items[0]!.id;
      const log = mechanismId;

      // All at once, their starts spread over 2.5 s so that both processes' signers (a round
      // each second) run among the appends.
      const made = await Promise.all(
        Array.from({ length: WRITES }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, (i * 25) % 2500));
          const res = await api(bases[i % 2]!, sessions[(i >> 1) % 2]!, 'POST', '/api/v1/milestones', {
            mechanismId,
            marking: 'joint',
            date: '2019',
            title: { en: `Written through two servers, number ${i}` },
          });
          expect(res.status, res.text).toBe(201);
          return res.json() as { id: string; logIndex: number };
        }),
      );

      // The log in the database: indices 0..n-1, each once; its size; a leaf node per entry.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      let stored: { size: number; idx: number[]; leaves: number; checkpoints: Array<{ size: number; root: Buffer; note: string }> };
      try {
        const size = Number((await client.query<{ size: string }>('select size from logs where id = $1', [log])).rows[0]!.size);
        const idx = (await client.query<{ idx: string }>('select idx from "logEntries" where "logId" = $1 order by idx', [log])).rows.map((r) => Number(r.idx));
        const leaves = Number((await client.query<{ n: string }>('select count(*) as n from "logNodes" where "logId" = $1 and level = 0', [log])).rows[0]!.n);
        const checkpoints = (await client.query<{ size: string; root: Buffer; note: string }>('select size, root, note from checkpoints where "logId" = $1 order by size', [log])).rows.map((r) => ({
          size: Number(r.size),
          root: r.root,
          note: r.note,
        }));
        stored = { size, idx, leaves, checkpoints };
      } finally {
        await client.end();
      }
      expect(stored.checkpoints.length, 'checkpoints signed while the writes went on').toBeGreaterThan(0);
      expect(stored.idx).toEqual(Array.from({ length: stored.size }, (_, i) => i));
      expect(stored.leaves).toBe(stored.size);
      const logIndices = made.map((m) => m.logIndex);
      expect(new Set(logIndices).size).toBe(WRITES);
      expect(Math.max(...logIndices)).toBe(stored.size - 1);

      // The entries through the API (from either server) hold each record's create entry at its logIndex.
      const entries: string[] = [];
      while (entries.length < stored.size) {
        const res = await api(bases[entries.length % 2]!, sessions[1]!, 'GET', `/api/v1/logs/${log}/entries?start=${entries.length}`);
        expect(res.status, res.text).toBe(200);
        const page = res.json() as { size: number; entries: string[] };
        expect(page.entries.length).toBeGreaterThan(0);
        entries.push(...page.entries);
      }
      expect(entries).toHaveLength(stored.size);
      for (const m of made) {
        const e = JSON.parse(entries[m.logIndex]!) as { op: string; kind: string; id: string };
        expect(e, `entry ${m.logIndex}`).toMatchObject({ op: 'create', kind: 'milestone', id: m.id });
      }
      const leaves = entries.map(leafOf);

      // A checkpoint from each server: signed by the node's key, of the whole log, over the stored entries.
      const notes = await Promise.all(bases.map((base, i) => api(base, sessions[i]!, 'POST', `/api/v1/logs/${log}/checkpoint`)));
      for (const note of notes) {
        expect(note.status, note.text).toBe(200);
        const cp = openCheckpoint(note.text, [nodeKey]).checkpoint;
        expect(cp.origin.endsWith(`/${log}`)).toBe(true);
        expect(cp.size).toBe(stored.size);
        expect(Buffer.from(cp.root).equals(treeRoot(leaves))).toBe(true);
      }
      const cp = openCheckpoint(notes[0]!.text, [nodeKey]).checkpoint;

      // Every entry proves into it, with proofs served by either process.
      for (let i = 0; i < cp.size; i++) {
        const res = await api(bases[i % 2]!, sessions[i % 2]!, 'GET', `/api/v1/logs/${log}/proof/inclusion?index=${i}&size=${cp.size}`);
        expect(res.status, res.text).toBe(200);
        const p = res.json() as { leafHash: string; root: string; proof: string[] };
        expect(b64(p.leafHash).equals(leaves[i]!)).toBe(true);
        expect(verifyInclusion(leaves[i]!, i, cp.size, p.proof.map(b64), cp.root), `entry ${i}`).toBe(true);
      }

      // Every checkpoint either process signed during the writes (one signer at a time): the
      // node's signature, the stored tree's root at its size, and consistent with the last one.
      const all = [...stored.checkpoints, { size: cp.size, root: Buffer.from(cp.root), note: notes[0]!.text }];
      for (const c of all) {
        const opened = openCheckpoint(c.note, [nodeKey]).checkpoint;
        expect(opened.size).toBe(c.size);
        expect(Buffer.from(opened.root).equals(treeRoot(leaves.slice(0, c.size))), `checkpoint of size ${c.size}`).toBe(true);
        if (c.size === cp.size) continue;
        const res = await api(bases[c.size % 2]!, sessions[0]!, 'GET', `/api/v1/logs/${log}/proof/consistency?size1=${c.size}&size2=${cp.size}`);
        expect(res.status, res.text).toBe(200);
        const p = res.json() as { proof: string[] };
        expect(verifyConsistency(c.size, cp.size, p.proof.map(b64), opened.root, cp.root), `from ${c.size}`).toBe(true);
      }

      // Both stop cleanly, having logged no error (a failed signing round among them).
      for (const server of servers.splice(0)) {
        const exit = await server.stop('SIGTERM');
        expect(exit.code, exit.stderr).toBe(0);
        expect(exit.stdout).toMatch(/SIGTERM: shutting down/);
        expect(`${exit.stdout}\n${exit.stderr}`).not.toMatch(/"level":50|signing checkpoints failed/);
      }
    } finally {
      for (const server of servers) await server.stop('SIGTERM').catch(() => undefined);
      await db.drop();
    }
  }, 240_000);
});

describe('one server process per SQLite data directory', () => {
  it('refuses a second process on the same data directory, saying which process holds it', async () => {
    const dir = dataDir();
    const init = await runCli(['init'], environment(dir, undefined));
    expect(init.code, init.stderr).toBe(0);
    const first = await startServer(environment(dir, undefined));
    try {
      const second = await runCli(['serve'], environment(dir, undefined));
      expect(second.code).toBe(1);
      const lines = second.stderr.trim().split('\n');
      expect(lines, second.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^entente: the data directory .+ is in use by another Entente process/);
      expect(lines[0]).toContain(dir);
      expect(lines[0]).toContain(`(pid ${first.pid})`);
      expect(second.stdout).not.toMatch(/Entente is serving/);
      // The first one goes on serving.
      expect((await fetch(`${first.url}/api/v1/health`)).status).toBe(200);
    } finally {
      const exit = await first.stop('SIGTERM');
      expect(exit.code, exit.stderr).toBe(0);
      expect(exit.stdout).toMatch(/SIGTERM: shutting down/);
    }
    expect(fs.existsSync(path.join(dir, 'entente.lock'))).toBe(false);
  }, 120_000);
});
