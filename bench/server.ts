import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { ROOT, progress, type BenchEnv, type Scope } from './harness.ts';

/**
 * The real server, as users run it: `node bin/entente.js serve` in a child process on
 * loopback, with the benchmark's DATA_DIR (and DATABASE_URL for PostgreSQL).
 */

export interface Server {
  pid: number;
  url: string;
  /** The last lines the server printed, for error messages. */
  output(): string;
  /** Stops it now (it is stopped at the end of the scope anyway). */
  stop(): Promise<void>;
}

/**
 * `entente serve` as users run it, or (`unguarded`) bench/unguarded-server.ts: the same app on
 * the same data with the access layer short-circuited, bundled the same way.
 */
export type ServerVariant = 'entente' | 'unguarded';

function unguardedBundle(): string {
  const esbuild = path.join(path.dirname(createRequire(import.meta.url).resolve('esbuild/package.json')), 'bin', 'esbuild');
  const code = execFileSync(
    esbuild,
    [path.join(ROOT, 'bench/unguarded-server.ts'), '--bundle', '--packages=external', '--format=esm', '--platform=node', '--target=node20', '--log-level=error'],
    { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Inside the project, so that the bundle's bare imports resolve from its node_modules.
  const file = path.join(ROOT, '.build', `bench-unguarded-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  return file;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (!isRunning(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(env: BenchEnv, password: string, scope: Scope, variant: ServerVariant = 'entente'): Promise<Server> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: env.dataDir,
    ENTENTE_DEMO_PASSWORD: password,
    LOG_LEVEL: 'warn',
  };
  if (env.databaseUrl) childEnv.DATABASE_URL = env.databaseUrl;
  else delete childEnv.DATABASE_URL;

  const entry = variant === 'entente' ? [path.join(ROOT, 'bin', 'entente.js'), 'serve'] : [unguardedBundle()];
  const child = spawn(process.execPath, [...serverNodeArgs(env), ...entry], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const spawnError = new Promise<never>((_, reject) => child.once('error', (err) => reject(new Error(`cannot start the server: ${err.message}`))));
  spawnError.catch(() => {});

  const stop = async () => {
    if (!isRunning(child)) return;
    child.kill('SIGTERM');
    if (!(await exited(child, 10_000))) {
      progress(`server pid ${child.pid} did not stop within 10 s; killing it`);
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
  };
  scope.defer(
    `stop server (pid ${child.pid})`,
    stop,
    () => {
      if (isRunning(child)) child.kill('SIGKILL');
    },
  );

  const url = `http://127.0.0.1:${port}`;
  const output = () => tail.trim().split('\n').slice(-15).join('\n');
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!isRunning(child)) {
      throw new Error(`the server exited (code ${child.exitCode ?? child.signalCode}) before it answered /api/v1/health:\n${output()}`);
    }
    try {
      const res = await Promise.race([fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) }), spawnError]);
      if (res.ok) break;
    } catch (err) {
      if (!isRunning(child) || (err instanceof Error && err.message.startsWith('cannot start'))) throw err;
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer ${url}/api/v1/health within 60 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid!, url, output, stop };
}

/**
 * Extra node flags for the server child. BENCH_SERVER_CPU_PROF=1 writes a V8 CPU profile of
 * each server to bench/results/profiles/ (for finding hotspots).
 */
function serverNodeArgs(env: BenchEnv): string[] {
  if (!process.env.BENCH_SERVER_CPU_PROF) return [];
  const dir = path.join(ROOT, 'bench', 'results', 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=server-${env.backend}-${Date.now()}.cpuprofile`];
}

/** Signs in; the `entente_session=…` cookie and the session's CSRF token. */
export async function signIn(url: string, username: string, password: string): Promise<{ cookie: string; csrfToken: string }> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`signing in as ${username} failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!.trim())
    .find((c) => c.startsWith('entente_session='));
  if (!cookie) throw new Error(`signing in as ${username} set no entente_session cookie`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

export interface Memory {
  /** Resident set size now, in MB (MiB). */
  rss: number;
  /** Peak resident set size since the process started (VmHWM), in MB (MiB). */
  peak: number;
}

export function memoryOf(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(m[1]) / 1024;
  };
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
