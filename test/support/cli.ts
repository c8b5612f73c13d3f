import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from './store.ts';

/**
 * The `entente` command run as a child process, the way an operator runs it: `node
 * bin/entente.js ...` with its configuration in the environment. Each installation gets a
 * fresh DATA_DIR and, when DATABASE_URL is set, a fresh PostgreSQL database on that server.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/entente.js');

export const CLI_DEMO_PASSWORD = 'cli test password, not a secret';

export interface Installation {
  dataDir: string;
  /** The database of this installation on the PostgreSQL server, or undefined (SQLite). */
  databaseUrl: string | undefined;
  dialect: 'sqlite' | 'postgres';
  env: NodeJS.ProcessEnv;
  destroy(): Promise<void>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export async function freshInstallation(): Promise<Installation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-cli-'));
  const database = await freshDatabase('entente_cli');
  const databaseUrl = database.url;
  // Only what the command needs: nothing of the test runner's own environment leaks in.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    ENTENTE_DEMO_PASSWORD: CLI_DEMO_PASSWORD,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  return {
    dataDir,
    databaseUrl,
    dialect: databaseUrl ? 'postgres' : 'sqlite',
    env,
    async destroy() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

const children = new Set<ChildProcess>();

/** Spawns `entente ...args`; killLeftovers() ends it if a test does not. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function collect(child: ChildProcess, timeoutMs: number): { done: Promise<Exit>; out: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<Exit>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`entente did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    // 'close' (not 'exit'): every byte of both streams has been read by then.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { done, out: () => stdout };
}

/** Runs `entente ...args` to its end. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Exit> {
  return collect(spawnCli(args, env), timeoutMs).done;
}

export interface Server {
  url: string;
  pid: number;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  /** Resolves when the process ends by itself. */
  exited: Promise<Exit>;
}

/** Starts `entente serve` and waits until it says where it listens. */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Server> {
  const child = spawnCli(['serve'], env);
  const { done, out } = collect(child, 120_000);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`entente serve did not start within ${timeoutMs} ms: ${out()}`)), timeoutMs);
    const look = () => {
      const m = /Entente is serving (http:\/\/\S+)/.exec(out());
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    done.then(
      (exit) => {
        clearTimeout(timer);
        reject(new Error(`entente serve exited (${exit.code ?? exit.signal}) before listening\nstdout: ${exit.stdout}\nstderr: ${exit.stderr}`));
      },
      reject,
    );
  });
  return {
    url,
    pid: child.pid!,
    exited: done,
    stop(signal = 'SIGTERM') {
      child.kill(signal);
      return done;
    },
  };
}

/** Kills whatever a failed test left running (by its own pid only). */
export async function killLeftovers(): Promise<void> {
  const left = [...children];
  for (const child of left) child.kill('SIGKILL');
  await Promise.all(left.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('close', r)))));
}
