import autocannon from 'autocannon';
import { progress, warn } from './harness.ts';
import { cpuMeter } from './machine.ts';

/** autocannon on loopback: a warm-up run whose result is discarded, then the measured run. */

export interface Load {
  /** Mean requests per second over the measured run. */
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  requests: number;
  /** Mean CPUs the server used during the measured run. */
  serverCpu: number;
  /** Mean CPUs the PostgreSQL backends of the benchmark's database used (0 for SQLite). */
  databaseCpu: number;
  /** Mean CPUs other processes (not the bench, not the server) used meanwhile. */
  otherCpu: number;
}

/**
 * Adds one endpoint's figures (the keys endpointMetrics declares, under `prefix`) from its load;
 * a run with failed requests marks its rate and latencies as not to be trusted.
 */
export function recordLoad(
  out: { add: (key: string, value: number) => void; invalid: string[] },
  env: { backend: string; databaseName?: string | undefined },
  prefix: string,
  load: Load,
): void {
  out.add(`${prefix}.rps`, load.rps);
  out.add(`${prefix}.p50`, load.p50);
  out.add(`${prefix}.p99`, load.p99);
  out.add(`${prefix}.non2xx`, load.non2xx + load.errors);
  out.add(`${prefix}.server-cpu`, load.serverCpu);
  if (env.databaseName) out.add(`${prefix}.db-cpu`, load.databaseCpu);
  out.add(`${prefix}.other-cpu`, load.otherCpu);
  if (load.non2xx + load.errors > 0) for (const s of ['rps', 'p50', 'p99']) out.invalid.push(`${env.backend}.${prefix}.${s}`);
}

export interface LoadOptions {
  label: string;
  url: string;
  /** The session cookie, or an `Authorization` header value (an API token) when `bearer` is set. */
  cookie: string;
  bearer?: string;
  connections: number;
  warmup: number;
  duration: number;
  serverPid: number;
  database?: string | undefined;
}

function run(opts: LoadOptions, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: seconds,
    headers: opts.bearer ? { authorization: `Bearer ${opts.bearer}`, accept: 'application/json' } : { cookie: opts.cookie, accept: 'application/json' },
  });
}

export async function measure(opts: LoadOptions): Promise<Load> {
  if (opts.warmup > 0) {
    progress(`${opts.label}: warm-up ${opts.warmup} s…`);
    await run(opts, opts.warmup);
  }
  progress(`${opts.label}: measuring ${opts.duration} s with ${opts.connections} connections…`);
  const meter = cpuMeter({ pids: [opts.serverPid], database: opts.database });
  const r = await run(opts, opts.duration);
  const cpu = meter();
  const load: Load = {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    requests: r.requests.total,
    serverCpu: cpu.watched,
    databaseCpu: cpu.database,
    otherCpu: cpu.others,
  };
  if (load.non2xx > 0 || load.errors > 0) {
    const codes = Object.entries(r.statusCodeStats ?? {})
      .map(([code, s]) => `${code}×${s.count ?? 0}`)
      .join(', ');
    warn(`${opts.label}: ${load.non2xx} non-2xx answers and ${load.errors} errors (${r.timeouts} timeouts) [${codes}]; its figures are INVALID`);
  }
  progress(
    `${opts.label}: ${Math.round(load.rps)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.requests} requests; ` +
      `server used ${cpu.watched.toFixed(2)} CPUs${opts.database ? `, PostgreSQL ${cpu.database.toFixed(2)} CPUs` : ''}, other processes ${cpu.others.toFixed(2)} CPUs`,
  );
  if (cpu.others > 0.25) warn(`${opts.label}: other processes took ${cpu.others.toFixed(2)} CPUs during the run; its figures are depressed by them`);
  return load;
}
