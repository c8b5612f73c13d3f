import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bench's plumbing, shared by every benchmark: figures and their targets, progress on
 * stderr, the table on stdout, bench/results/latest.json, and cleanup that also runs when a
 * step fails or the run is interrupted. Benchmarks never assert: they only report.
 */

/** The project root (bench/ lives directly under it). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One measured value, as written to bench/results/latest.json. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface Target {
  op: '>=' | '<=';
  value: number;
}

/** A figure a benchmark reports for every backend; its name is `<backend>.<key>`. */
export interface Metric {
  key: string;
  label: string;
  unit: string;
  target?: Target;
  decimals?: number;
}

/**
 * The seven figures of one endpoint under autocannon, keyed `${key}.rps` … `${key}.other-cpu`:
 * its rate and p99 with their targets, p50, failures, and the CPU of the server, PostgreSQL and
 * everything else meanwhile.
 */
export function endpointMetrics(key: string, tag: string, label: string, targets: { rps: number; p99: number }): Metric[] {
  return [
    { key: `${key}.rps`, label: `${tag} ${label}`, unit: 'req/s', target: { op: '>=', value: targets.rps } },
    { key: `${key}.p50`, label: `${tag} latency p50`, unit: 'ms', decimals: 1 },
    { key: `${key}.p99`, label: `${tag} latency p99`, unit: 'ms', decimals: 1, target: { op: '<=', value: targets.p99 } },
    { key: `${key}.non2xx`, label: `${tag} non-2xx + errors`, unit: 'count', target: { op: '<=', value: 0 } },
    { key: `${key}.server-cpu`, label: `${tag} server CPU use`, unit: 'CPUs', decimals: 2 },
    { key: `${key}.db-cpu`, label: `${tag} PostgreSQL CPU use`, unit: 'CPUs', decimals: 2 },
    { key: `${key}.other-cpu`, label: `${tag} other processes, CPU use`, unit: 'CPUs', decimals: 2 },
  ];
}

export interface Outcome {
  figures: Figure[];
  /** Names of figures that must not be trusted (non-2xx answers or connection errors). */
  invalid: string[];
}

/** A fresh place to put the data: a temp DATA_DIR and, for PostgreSQL, a fresh database. */
export interface BenchEnv {
  backend: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  /** The PostgreSQL database's name (its backends' CPU use is measured apart). */
  databaseName?: string | undefined;
}

export interface Benchmark {
  name: string;
  metrics: Metric[];
  run(env: BenchEnv, scope: Scope, opts: RunOptions): Promise<Outcome>;
}

export interface RunOptions {
  /** Measured seconds per endpoint. */
  duration: number;
  /** Warm-up seconds per endpoint (a separate run whose result is discarded). */
  warmup: number;
  connections: number;
  password: string;
}

export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`WARNING: ${message}\n`);
}

export function errorMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.map(errorMessage).join('; ');
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return err.message || code || err.name;
  }
  return String(err);
}

// ——— cleanup ———

interface Step {
  label: string;
  run: () => Promise<void> | void;
  /** Last resort when the process exits before `run` could finish. Must be synchronous. */
  sync?: () => void;
}

const openScopes = new Set<Scope>();

/** Resources of one benchmark run, released in reverse order by `close`. */
export class Scope {
  private steps: Step[] = [];

  constructor() {
    openScopes.add(this);
  }

  defer(label: string, run: () => Promise<void> | void, sync?: () => void): void {
    this.steps.push({ label, run, ...(sync ? { sync } : {}) });
  }

  async close(): Promise<void> {
    const steps = this.steps.reverse();
    this.steps = [];
    for (const step of steps) {
      try {
        await step.run();
      } catch (err) {
        warn(`cleanup (${step.label}) failed: ${errorMessage(err)}`);
      }
    }
    openScopes.delete(this);
  }

  closeSync(): void {
    const steps = this.steps.reverse();
    this.steps = [];
    for (const step of steps) {
      try {
        step.sync?.();
      } catch {
        /* best effort at exit */
      }
    }
    openScopes.delete(this);
  }
}

let interrupted = false;

/** SIGINT/SIGTERM: release everything, then exit. On exit: kill what is still running. */
export function installCleanupHandlers(): void {
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    if (interrupted) return;
    interrupted = true;
    progress(`${signal}: stopping the servers and removing the temporary data…`);
    void Promise.allSettled([...openScopes].map((s) => s.close())).finally(() => process.exit(code));
  };
  process.once('SIGINT', () => onSignal('SIGINT', 130));
  process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  process.once('exit', () => {
    for (const scope of [...openScopes]) scope.closeSync();
  });
}

// ——— report ———

function format(value: number, decimals: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function meets(value: number, target: Target): boolean {
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

function targetText(m: Metric): string {
  if (!m.target) return '';
  return `${m.target.op === '>=' ? '≥' : '≤'} ${format(m.target.value, 0)}`;
}

/**
 * Rows: metrics; columns: backends. A value is followed by ✓ or ✗ when the metric has a
 * target, and by "INVALID" when its run had non-2xx answers or errors.
 */
export function renderTable(title: string, metrics: Metric[], backends: string[], outcome: Outcome): string {
  const byName = new Map(outcome.figures.map((f) => [f.name, f]));
  const invalid = new Set(outcome.invalid);
  const header = ['', ...backends, 'target'];
  const rows: string[][] = metrics.map((m) => {
    const cells = backends.map((b) => {
      const f = byName.get(`${b}.${m.key}`);
      if (!f) return '—';
      const mark = m.target ? (meets(f.value, m.target) ? ' ✓' : ' ✗') : '';
      return `${format(f.value, m.decimals ?? 0)}${mark}${invalid.has(f.name) ? ' INVALID' : ''}`;
    });
    return [`${m.label} (${m.unit})`, ...cells, targetText(m)];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ').trimEnd();
  return [title, line(header), widths.map((w) => '─'.repeat(w)).join('   '), ...rows.map(line)].join('\n');
}

export function writeResults(figures: Figure[]): string {
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  const out = figures.map(({ name, value, unit }) => ({ name, value: Math.round(value * 100) / 100, unit }));
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return file;
}
