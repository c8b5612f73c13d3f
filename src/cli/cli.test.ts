import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshInstallation, killLeftovers, spawnCli, runCli, startServer, type Exit, type Installation } from '../../test/support/cli.ts';

/**
 * The `entente` command through its public interface: a child process with its configuration
 * in the environment, on SQLite or (DATABASE_URL set) on a fresh PostgreSQL database.
 */

interface ExportedRecord {
  id: string;
  ownerParty: string;
  marking: string;
  [field: string]: unknown;
}

interface ExportFile {
  format: string;
  version: number;
  exportedAt: string;
  exportedBy: string | null;
  records: Record<string, ExportedRecord[]>;
}

const COMMANDS = ['serve', 'init', 'export', 'import'];
const MECHANISM_EN = 'China–Russia strategic security consultation';

let inst: Installation;

/** A fresh installation (DATA_DIR, and a database when DATABASE_URL is set) for each test. */
function freshForEachTest(): void {
  beforeEach(async () => {
    inst = await freshInstallation();
  });
  afterEach(async () => {
    await killLeftovers();
    await inst.destroy();
  });
}

function lockFile(): string {
  return path.join(inst.dataDir, 'entente.lock');
}

function all(file: ExportFile): ExportedRecord[] {
  return Object.values(file.records).flat();
}

function readExport(file: string): ExportFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ExportFile;
}

/** Runs `entente export [--as user] --out DATA_DIR/name` and reads the file. */
async function exportAs(user: string | null, name: string): Promise<ExportFile> {
  const out = path.join(inst.dataDir, name);
  const res = await runCli(['export', ...(user ? ['--as', user] : []), '--out', out], inst.env);
  expect(res.code, res.stderr).toBe(0);
  return readExport(out);
}

async function init(): Promise<Exit> {
  const res = await runCli(['init'], inst.env);
  expect(res.code, res.stderr).toBe(0);
  return res;
}

function expectPlainError(res: Exit, message: RegExp): void {
  expect(res.code).toBe(1);
  const lines = res.stderr.trim().split('\n');
  expect(lines, res.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^entente: /);
  expect(lines[0]).toMatch(message);
  expect(res.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

describe('entente help and usage errors', () => {
  freshForEachTest();

  it('help lists every command and exits 0', async () => {
    for (const arg of ['help', '--help']) {
      const res = await runCli([arg], inst.env);
      expect(res.code, arg).toBe(0);
      expect(res.stdout).toMatch(/^Usage: entente <command>/);
      for (const command of COMMANDS) expect(res.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      expect(res.stderr).toBe('');
    }
  });

  it('help does not depend on the configuration (a bad PORT is no reason to refuse it)', async () => {
    const res = await runCli(['help'], { ...inst.env, PORT: 'abc' });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Usage: entente <command>/);
  });

  it('an unknown command exits 2 naming it, with the usage, and touches nothing', async () => {
    const res = await runCli(['frobnicate'], inst.env);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^entente: unknown command "frobnicate"/);
    expect(res.stderr).toMatch(/Usage: entente <command>/);
    expect(res.stdout).toBe('');
    expect(fs.readdirSync(inst.dataDir)).toEqual([]);
  });

  it('no command exits 2 with the usage; an unknown option exits 2', async () => {
    const bare = await runCli([], inst.env);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toMatch(/^Usage: entente <command>/);

    const option = await runCli(['export', '--frobnicate'], inst.env);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^entente: .*--frobnicate/);
    expect(option.stderr).not.toMatch(/\n\s+at /);

    const importWithoutUser = await runCli(['import', 'x.json'], inst.env);
    expect(importWithoutUser.code).toBe(2);
    expect(importWithoutUser.stderr).toMatch(/^entente: import needs one FILE and --as USER/);
  });
});

describe('entente init', () => {
  freshForEachTest();

  it('creates the database, seeds the demo and prints the accounts; a second init seeds nothing', async () => {
    const res = await init();
    expect(res.stdout).toMatch(/Seeded the demo mechanism: China–Russia strategic security consultation/);
    for (const role of ['admin', 'cochair', 'secretariat', 'delegate', 'observer']) expect(res.stdout).toContain(`cn-${role}`);
    expect(res.stdout).toMatch(/and the same for ru/);
    expect(res.stdout).toContain(`Database ready (${inst.dialect})`);
    // The password was chosen through ENTENTE_DEMO_PASSWORD: it is never printed.
    expect(res.stdout).not.toMatch(/password/i);
    expect(fs.existsSync(path.join(inst.dataDir, 'entente.lock'))).toBe(false);

    const seeded = await exportAs(null, 'public.json');
    expect(seeded.records.mechanism!.map((m) => (m.name as { en: string }).en)).toEqual([MECHANISM_EN]);
    expect(seeded.records.round!.map((r) => r.number)).toEqual([20]);

    const again = await init();
    expect(again.stdout).not.toMatch(/Seeded/);
    expect(again.stdout).toContain('Database ready');
    const after = await exportAs(null, 'public-after.json');
    expect(after.records).toEqual(seeded.records);
  });

  it('init --no-demo creates an empty database', async () => {
    const res = await runCli(['init', '--no-demo'], inst.env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toMatch(/Seeded/);
    const empty = await exportAs(null, 'empty.json');
    expect(all(empty)).toEqual([]);
  });
});

describe('entente serve', () => {
  freshForEachTest();

  it('answers health and lists the demo mechanism, then stops on SIGTERM', async () => {
    const server = await startServer(inst.env);
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: inst.dialect });

    const res = await fetch(`${server.url}/api/v1/mechanisms`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ name: { en: string }; parties: string[]; marking: string }> };
    expect(body.items.map((m) => m.name.en)).toEqual([MECHANISM_EN]);
    expect(body.items[0]!.parties).toEqual(['cn', 'ru']);

    // The demo accounts sign in with ENTENTE_DEMO_PASSWORD.
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cn-observer', password: inst.env.ENTENTE_DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);

    const exit = await server.stop('SIGTERM');
    expect(exit.code, exit.stderr).toBe(0);
  });

  it('refuses a second server on the same data directory, naming the directory, and keeps the first', async () => {
    const first = await startServer(inst.env);
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(first.pid));

    const second = await runCli(['serve'], inst.env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`the data directory ${inst.dataDir} is in use by another Entente process (pid ${first.pid})`);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stdout).not.toMatch(/serving/);

    // The refused one left the lock alone: the first still holds it and still answers.
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(first.pid));
    expect((await fetch(`${first.url}/api/v1/health`)).status).toBe(200);

    // A writer such as import is refused in the same way while the server runs.
    const exported = path.join(inst.dataDir, 'while-serving.json');
    expect((await runCli(['export', '--as', 'cn-observer', '--out', exported], inst.env)).code).toBe(0);
    const imp = await runCli(['import', exported, '--as', 'cn-secretariat'], inst.env);
    expect(imp.code).toBe(1);
    expect(imp.stderr).toContain(`the data directory ${inst.dataDir} is in use`);

    expect((await first.stop('SIGTERM')).code).toBe(0);
  });

  it('a port in use: exit 1 with one plain line naming it, and the lock is released', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const res = await runCli(['serve'], { ...inst.env, PORT: String(port) });
      expect(res.code).toBe(1);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(new RegExp(`^entente: .*EADDRINUSE.*127\\.0\\.0\\.1:${port}`));
      expect(fs.existsSync(lockFile())).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('shuts down cleanly on %s: exit 0, lock removed, a new server can start', async (signal) => {
    const server = await startServer(inst.env);
    expect(fs.existsSync(lockFile())).toBe(true);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);

    const exit = await server.stop(signal);
    expect(exit.signal).toBeNull();
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout).toContain(`${signal}: shutting down`);
    expect(exit.stderr).toBe('');
    expect(fs.existsSync(lockFile())).toBe(false);
    await expect(fetch(`${server.url}/api/v1/health`)).rejects.toThrow();

    const next = await startServer(inst.env);
    const health = await fetch(`${next.url}/api/v1/health`);
    expect(health.status).toBe(200);
    // The second start found the demo seeded: it did not seed it again.
    expect(await (await fetch(`${next.url}/api/v1/mechanisms`)).json()).toMatchObject({ items: [{ name: { en: MECHANISM_EN } }] });
    const second = await next.stop(signal);
    expect(second.stdout).not.toMatch(/Seeded/);
    expect(second.code).toBe(0);
    expect(fs.existsSync(lockFile())).toBe(false);
  });
});

describe('entente serve, stopped early or found stale', () => {
  freshForEachTest();

  it.each(['SIGTERM', 'SIGINT'] as const)('a %s while the server is still starting ends it without a signal death, and frees the lock', async (signal) => {
    // The first line of a fresh installation comes while it seeds, before it listens.
    const child = spawnCli(['serve'], inst.env);
    let stdout = '';
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.stdout!.setEncoding('utf8').on('data', (s: string) => {
        const first = stdout === '';
        stdout += s;
        if (first) child.kill(signal);
      });
      child.on('close', (code, sig) => resolve({ code, signal: sig }));
    });
    expect(stdout).toMatch(/^Seeded the demo mechanism/);
    expect(exit.signal, `ended by ${exit.signal}; stdout: ${stdout}`).toBeNull();
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('takes over a lock left by a process that no longer runs, and refuses one held by a live process', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    const deadPid = gone.pid!;
    await new Promise((r) => gone.once('close', r));
    fs.writeFileSync(lockFile(), `${deadPid}\n`);
    const server = await startServer(inst.env);
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(server.pid));
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    expect((await server.stop('SIGTERM')).code).toBe(0);
    expect(fs.existsSync(lockFile())).toBe(false);

    // This test runner is alive: its pid in the lock keeps the server out.
    fs.writeFileSync(lockFile(), `${process.pid}\n`);
    const refused = await runCli(['serve'], inst.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the data directory ${inst.dataDir} is in use by another Entente process (pid ${process.pid})`);
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
  });
});

describe('entente export and import, on one seeded installation', () => {
  // Exports only read, and every import here is refused: the tests share one installation
  // and each checks that it is left exactly as it was (`baseline`).
  let baseline: ExportFile;
  beforeAll(async () => {
    inst = await freshInstallation();
    await init();
    baseline = await exportAs('cn-observer', 'baseline.json');
  });
  afterEach(async () => killLeftovers());
  afterAll(async () => inst?.destroy());

  async function expectUnchanged(): Promise<void> {
    const now = await exportAs('cn-observer', `now-${Date.now()}.json`);
    expect(now.records).toEqual(baseline.records);
  }

  it("export --as cn-observer writes cn's internal records and never ru's", async () => {
    const out = path.join(inst.dataDir, 'cn.json');
    const res = await runCli(['export', '--as', 'cn-observer', '--out', out], inst.env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('');
    const file = readExport(out);
    expect(file.format).toBe('entente-export');
    expect(file.version).toBe(1);
    expect(file.exportedBy).toBe('cn-observer');
    const records = all(file);
    expect(res.stderr).toContain(`Exported ${records.length} records visible to cn-observer to ${out}.`);

    for (const r of records) {
      expect(r.ownerParty).toMatch(/^(cn|ru)$/);
      expect(['public', 'joint', 'internal']).toContain(r.marking);
    }
    const internal = records.filter((r) => r.marking === 'internal');
    // The demo's cn internal notes: a self-assessment and a briefing note.
    expect(internal.length).toBeGreaterThanOrEqual(2);
    expect(internal.every((r) => r.ownerParty === 'cn')).toBe(true);
    expect(file.records.assessment!.filter((r) => r.marking === 'internal').map((r) => r.ownerParty)).toEqual(['cn']);
    expect(file.records.position!.filter((r) => r.marking === 'internal').map((r) => r.ownerParty)).toEqual(['cn']);
    // Joint records of both parties are there.
    expect(records.some((r) => r.marking === 'joint' && r.ownerParty === 'ru')).toBe(true);
    expect(records.some((r) => r.marking === 'joint' && r.ownerParty === 'cn')).toBe(true);

    // ru's own export holds ru's internal notes, which cn's did not.
    const ru = all(await exportAs('ru-observer', 'ru.json'));
    const ruInternal = ru.filter((r) => r.marking === 'internal');
    expect(ruInternal.length).toBeGreaterThanOrEqual(2);
    expect(ruInternal.every((r) => r.ownerParty === 'ru')).toBe(true);
    const cnIds = new Set(records.map((r) => r.id));
    expect(ruInternal.filter((r) => cnIds.has(r.id))).toEqual([]);
  });

  it('export without --as writes only public records, to stdout', async () => {
    const res = await runCli(['export'], inst.env);
    expect(res.code, res.stderr).toBe(0);
    const file = JSON.parse(res.stdout) as ExportFile;
    expect(file.format).toBe('entente-export');
    expect(file.exportedBy).toBeNull();
    const records = all(file);
    expect(res.stderr).toContain(`Exported ${records.length} records visible to the public.`);
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((r) => r.marking !== 'public')).toEqual([]);
    expect(file.records.mechanism!.map((m) => (m.name as { en: string }).en)).toEqual([MECHANISM_EN]);
    // The joint demo records (commitments, statements) are not public.
    expect(file.records.commitment).toEqual([]);
    expect(file.records.statement).toEqual([]);
    expect(all(baseline).length).toBeGreaterThan(records.length);
    // Every public record is in the member's export too, unchanged.
    const byId = new Map(all(baseline).map((r) => [r.id, r]));
    for (const r of records) expect(byId.get(r.id)).toEqual(r);
  });

  it('export --as an unknown user exits 1 with a one-line message and writes nothing', async () => {
    const out = path.join(inst.dataDir, 'nobody.json');
    const res = await runCli(['export', '--as', 'nobody', '--out', out], inst.env);
    expectPlainError(res, /no user "nobody"/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('import of an export into the installation it came from rejects every record with its reason, imports nothing, changes nothing', async () => {
    const file = path.join(inst.dataDir, 'baseline.json');
    const exported = all(baseline);
    expect(exported.length).toBeGreaterThan(20);

    const res = await runCli(['import', file, '--as', 'cn-secretariat'], inst.env);
    expect(res.code).toBe(1);
    expect(res.stdout).not.toMatch(/Imported/);
    const reasons = new Map<string, string>();
    for (const line of res.stderr.split('\n')) {
      if (!line.startsWith('rejected ')) continue;
      const m = /^rejected (\w+) ([0-9a-f-]{36}): (\S.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      reasons.set(m![2]!, m![3]!);
    }
    expect([...reasons.keys()].sort()).toEqual(exported.map((r) => r.id).sort());
    expect(res.stderr).toMatch(new RegExp(`^Nothing imported: ${exported.length} of ${exported.length} records were rejected`, 'm'));
    expect(fs.existsSync(lockFile())).toBe(false);
    await expectUnchanged();

    // The reasons are the true ones: cn's records exist already; ru's need an ru account.
    const wrong = exported
      .filter((r) => !(r.ownerParty === 'cn' ? /exists already/ : /owned by party "ru"/).test(reasons.get(r.id)!))
      .map((r) => `${r.ownerParty} ${r.id}: ${reasons.get(r.id)}`);
    expect(wrong).toEqual([]);
  });

  it('import of a missing file exits 1 with one plain line', async () => {
    const missing = path.join(inst.dataDir, 'no-such-export.json');
    const res = await runCli(['import', missing, '--as', 'cn-secretariat'], inst.env);
    expectPlainError(res, new RegExp(`cannot read ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*no such file`));
  });

  it('import of invalid JSON, or of JSON that is not an export, exits 1 with one plain line and imports nothing', async () => {
    const broken = path.join(inst.dataDir, 'broken.json');
    fs.writeFileSync(broken, '{"format": "entente-export", "records": {');
    expectPlainError(await runCli(['import', broken, '--as', 'cn-secretariat'], inst.env), /cannot read .*broken\.json: not valid JSON/);

    const other = path.join(inst.dataDir, 'other.json');
    fs.writeFileSync(other, JSON.stringify({ hello: 'world' }));
    expectPlainError(await runCli(['import', other, '--as', 'cn-secretariat'], inst.env), /not an Entente export/);

    await expectUnchanged();
  });
});
