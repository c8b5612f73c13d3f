import { measure, recordLoad, type Load } from './http.ts';
import { loadCommitments, readDataset, type DatasetRow } from './load.ts';
import { memoryOf, signIn, startServer } from './server.ts';
import { endpointMetrics, progress, type Benchmark, type BenchEnv, type Figure, type Metric, type Outcome, type RunOptions, type Scope } from './harness.ts';

/**
 * Records: the 20k commitment set loaded through the write path, then the real server under
 * autocannon as cn-observer:
 *   (a) GET /api/v1/commitments?mechanismId=…&status=open&sort=due&limit=50
 *   (b) GET /api/v1/commitments/<id>
 * and the server's memory afterwards.
 */

const VIEWER = 'cn-observer';

export const recordMetrics: Metric[] = [
  { key: 'load.20k', label: 'load 20k commitments (write path, 1 tx)', unit: 'ms', target: { op: '<=', value: 5000 } },
  { key: 'load.rate', label: 'load rate', unit: 'rows/s' },
  { key: 'load.db-cpu', label: 'load: PostgreSQL CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'load.other-cpu', label: 'load: other processes, CPU use', unit: 'CPUs', decimals: 2 },
  ...endpointMetrics('a.list-open-by-due', '(a)', 'list open by due, limit 50', { rps: 3000, p99: 10 }),
  ...endpointMetrics('b.get-by-id', '(b)', 'get one commitment by id', { rps: 10000, p99: 10 }),
  { key: 'a.token.rps', label: '(a) with an API token', unit: 'req/s', target: { op: '>=', value: 3000 } },
  { key: 'a.token.p99', label: '(a) with an API token, p99', unit: 'ms', decimals: 1, target: { op: '<=', value: 10 } },
  { key: 'b.token.rps', label: '(b) with an API token', unit: 'req/s', target: { op: '>=', value: 10000 } },
  { key: 'b.token.p99', label: '(b) with an API token, p99', unit: 'ms', decimals: 1, target: { op: '<=', value: 10 } },
  { key: 'a.unguarded.rps', label: '(a) with the access layer short-circuited', unit: 'req/s' },
  { key: 'b.unguarded.rps', label: '(b) with the access layer short-circuited', unit: 'req/s' },
  { key: 'a.access-cost', label: '(a) cost of the access layer (1 − guarded/short-circuited)', unit: '%', decimals: 1, target: { op: '<=', value: 15 } },
  { key: 'b.access-cost', label: '(b) cost of the access layer', unit: '%', decimals: 1, target: { op: '<=', value: 15 } },
  { key: 'signin.p50', label: 'sign-in latency p50 (argon2id, sequential)', unit: 'ms', decimals: 1 },
  { key: 'signin.p99', label: 'sign-in latency p99', unit: 'ms', decimals: 1 },
  { key: 'server.rss-idle', label: 'server RSS before the runs', unit: 'MB', decimals: 1 },
  { key: 'server.rss', label: 'server RSS after the runs', unit: 'MB', decimals: 1, target: { op: '<=', value: 150 } },
  { key: 'server.rss-peak', label: 'server peak RSS (VmHWM)', unit: 'MB', decimals: 1 },
];

let dataset: DatasetRow[] | undefined;

async function getJson(url: string, cookie: string): Promise<unknown> {
  const res = await fetch(url, { headers: { cookie, accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${url} answered HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return res.json();
}

/** Checks once that both URLs answer what the benchmark means to measure. */
async function checkAnswers(listUrl: string, oneUrl: string, id: string, cookie: string): Promise<void> {
  const page = (await getJson(listUrl, cookie)) as { items?: Array<{ status?: string; due?: string | null }> };
  const items = page.items ?? [];
  if (items.length !== 50) throw new Error(`(a) returned ${items.length} items instead of 50; is ${VIEWER} signed in and the data loaded?`);
  if (items.some((c) => c.status !== 'open')) throw new Error('(a) returned commitments that are not open');
  const dues = items.map((c) => c.due ?? '');
  if (dues.some((d, i) => i > 0 && d < dues[i - 1]!)) throw new Error('(a) is not sorted by due date');
  const one = (await getJson(oneUrl, cookie)) as { id?: string };
  if (one.id !== id) throw new Error(`(b) returned id ${String(one.id)} instead of ${id}`);
}

async function run(env: BenchEnv, scope: Scope, opts: RunOptions): Promise<Outcome> {
  dataset ??= readDataset();
  const rows = dataset;
  const figures: Figure[] = [];
  const invalid: string[] = [];
  const add = (key: string, value: number) => {
    const m = recordMetrics.find((x) => x.key === key)!;
    figures.push({ name: `${env.backend}.${key}`, value, unit: m.unit });
  };

  const loaded = await loadCommitments(env, opts.password, rows);
  const loadCpu = loaded.cpu;
  progress(
    `${env.backend}: loaded ${rows.length} commitments in ${Math.round(loaded.ms)} ms ` +
      `(${loaded.roundsCreated} rounds in ${Math.round(loaded.roundsMs)} ms) = ${Math.round((rows.length / loaded.ms) * 1000)} rows/s`,
  );
  add('load.20k', loaded.ms);
  add('load.rate', (rows.length / loaded.ms) * 1000);
  if (env.databaseName) add('load.db-cpu', loadCpu.database);
  add('load.other-cpu', loadCpu.others);

  progress(`${env.backend}: starting the server…`);
  const server = await startServer(env, opts.password, scope);
  progress(`${env.backend}: server pid ${server.pid} on ${server.url}`);
  const { cookie, csrfToken } = await signIn(server.url, VIEWER, opts.password);

  const sampleId = loaded.commitmentIds[Math.floor(loaded.commitmentIds.length / 2)]!;
  const listUrl = `${server.url}/api/v1/commitments?mechanismId=${loaded.mechanismId}&status=open&sort=due&limit=50`;
  const oneUrl = `${server.url}/api/v1/commitments/${sampleId}`;
  await checkAnswers(listUrl, oneUrl, sampleId, cookie);
  add('server.rss-idle', memoryOf(server.pid).rss);

  const record = (prefix: string, load: Load) => recordLoad({ add, invalid }, env, prefix, load);
  const common = { cookie, serverPid: server.pid, database: env.databaseName, connections: opts.connections, warmup: opts.warmup, duration: opts.duration };
  record('a.list-open-by-due', await measure({ ...common, label: `${env.backend} (a) list open by due`, url: listUrl }));
  record('b.get-by-id', await measure({ ...common, label: `${env.backend} (b) get by id`, url: oneUrl }));

  // The same two reads with a personal API token (read scope) instead of the session cookie.
  const made = await fetch(`${server.url}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', scope: 'read' }),
  });
  if (!made.ok) throw new Error(`creating an API token failed: HTTP ${made.status} ${await made.text()}`);
  const { token } = (await made.json()) as { token: string };
  const a = await measure({ ...common, bearer: token, label: `${env.backend} (a) with an API token`, url: listUrl });
  add('a.token.rps', a.rps);
  add('a.token.p99', a.p99);
  const b = await measure({ ...common, bearer: token, label: `${env.backend} (b) with an API token`, url: oneUrl });
  add('b.token.rps', b.rps);
  add('b.token.p99', b.p99);
  if (a.non2xx + a.errors + b.non2xx + b.errors > 0) invalid.push(`${env.backend}.a.token.rps`, `${env.backend}.b.token.rps`);

  // Sign-in latency: 50 sequential sign-ins (argon2id verification dominates).
  progress(`${env.backend}: 50 sign-ins…`);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await signIn(server.url, VIEWER, opts.password);
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  add('signin.p50', times[Math.floor(times.length * 0.5)]!);
  add('signin.p99', times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!);

  const mem = memoryOf(server.pid);
  add('server.rss', mem.rss);
  add('server.rss-peak', mem.peak);

  // What the access layer costs: (a) and (b) again on the same data, served by the same app
  // with every request running as the node's own reader (no session lookup, no policy filter).
  await server.stop();
  progress(`${env.backend}: the same reads with the access layer short-circuited…`);
  const open = await startServer(env, opts.password, scope, 'unguarded');
  const [openList, openOne] = [listUrl, oneUrl].map((u) => u.replace(server.url, open.url)) as [string, string];
  await checkAnswers(openList, openOne, sampleId, '');
  const openA = await measure({ ...common, serverPid: open.pid, label: `${env.backend} (a) access layer short-circuited`, url: openList });
  const openB = await measure({ ...common, serverPid: open.pid, label: `${env.backend} (b) access layer short-circuited`, url: openOne });
  await open.stop();
  add('a.unguarded.rps', openA.rps);
  add('b.unguarded.rps', openB.rps);
  const guardedA = figures.find((f) => f.name === `${env.backend}.a.list-open-by-due.rps`)!.value;
  const guardedB = figures.find((f) => f.name === `${env.backend}.b.get-by-id.rps`)!.value;
  // Cost = how much slower the guarded server is: 1 − guarded/unguarded throughput.
  add('a.access-cost', Math.max(0, (1 - guardedA / openA.rps) * 100));
  add('b.access-cost', Math.max(0, (1 - guardedB / openB.rps) * 100));
  if (openA.non2xx + openA.errors + openB.non2xx + openB.errors > 0) invalid.push(`${env.backend}.a.access-cost`, `${env.backend}.b.access-cost`);
  return { figures, invalid };
}

export const records: Benchmark = { name: 'records', metrics: recordMetrics, run };
