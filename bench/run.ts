import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { BACKENDS, POSTGRES_URL, prepareEnv, type BackendName } from './backends.ts';
import { records } from './records.ts';
import { ledger } from './ledger.ts';
import { workspace } from './workspace.ts';
import { publicSite } from './public.ts';
import { intake } from './intake.ts';
import { machineLine } from './machine.ts';
import {
  Scope,
  errorMessage,
  installCleanupHandlers,
  progress,
  renderTable,
  writeResults,
  type Benchmark,
  type Figure,
  type RunOptions,
} from './harness.ts';

/**
 * `npm run bench`: every benchmark against every backend, each in a fresh data directory
 * (and a fresh PostgreSQL database), then one table on stdout and bench/results/latest.json.
 * Progress goes to stderr. A benchmark that fails is reported and the others still run.
 *
 *   npm run bench -- --only sqlite          one backend
 *   npm run bench -- --duration 5 --warmup 1
 *
 * New benchmarks: add a Benchmark (see records.ts) to BENCHMARKS.
 */

const BENCHMARKS: Benchmark[] = [records, ledger, workspace, publicSite, intake];

const USAGE = `Usage: npm run bench -- [--only sqlite|postgres] [--bench ${BENCHMARKS.map((b) => b.name).join('|')}] [--duration S] [--warmup S] [--connections N]`;

function options(): { backends: BackendName[]; benchmarks: Benchmark[]; run: Omit<RunOptions, 'password'> } {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      bench: { type: 'string', multiple: true },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '20' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const backends = (values.only ?? [...BACKENDS]) as BackendName[];
  for (const b of backends) if (!BACKENDS.includes(b)) throw new Error(`unknown backend "${b}" (use ${BACKENDS.join(' or ')})`);
  const names = values.bench ?? BENCHMARKS.map((b) => b.name);
  const benchmarks = names.map((n) => {
    const b = BENCHMARKS.find((x) => x.name === n);
    if (!b) throw new Error(`unknown benchmark "${n}" (use ${BENCHMARKS.map((x) => x.name).join(', ')})`);
    return b;
  });
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, got "${v}"`);
    return n;
  };
  return {
    backends,
    benchmarks,
    run: {
      duration: num('duration', values.duration, 1),
      warmup: num('warmup', values.warmup, 0),
      connections: Math.round(num('connections', values.connections, 1)),
    },
  };
}

async function main(): Promise<number> {
  installCleanupHandlers();
  const opts = options();
  const password = process.env.ENTENTE_DEMO_PASSWORD || randomBytes(12).toString('base64url');
  const runOpts: RunOptions = { ...opts.run, password };
  const machine = machineLine();
  progress(machine);

  const figures: Figure[] = [];
  const invalid: string[] = [];
  const failures: string[] = [];
  for (const bench of opts.benchmarks) {
    for (const backend of opts.backends) {
      const scope = new Scope();
      try {
        progress(`— ${bench.name} on ${backend} —`);
        const env = await prepareEnv(backend, scope);
        const out = await bench.run(env, scope, runOpts);
        figures.push(...out.figures);
        invalid.push(...out.invalid);
      } catch (err) {
        const message = `${bench.name} on ${backend} failed: ${errorMessage(err)}`;
        failures.push(message);
        process.stderr.write(`ERROR: ${message}\n`);
      } finally {
        await scope.close();
      }
    }
  }

  console.log('');
  console.log(`Entente bench — ${new Date().toISOString()}`);
  console.log(`${machine} (at the start)`);
  console.log(
    `autocannon on loopback as cn-observer: ${runOpts.connections} connections, ${runOpts.warmup} s warm-up + ${runOpts.duration} s measured per endpoint; ` +
      `PostgreSQL: ${opts.backends.includes('postgres') ? POSTGRES_URL : 'not run'}`,
  );
  console.log('"other processes, CPU use": CPUs taken by work outside the bench and its server meanwhile; above ~0.25 the figures beside it are depressed.');
  for (const bench of opts.benchmarks) {
    console.log('');
    console.log(renderTable(`${bench.name}`, bench.metrics, opts.backends, { figures, invalid }));
  }
  if (invalid.length > 0) console.log(`\nINVALID (non-2xx answers or errors during the run): ${invalid.join(', ')}`);
  for (const f of failures) console.log(`\nFAILED: ${f}`);

  if (figures.length > 0) console.log(`\nwrote ${writeResults(figures)}`);
  else console.log("\nno figures: bench/results/latest.json left as it was");
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${errorMessage(err)}\n`);
    process.exitCode = 1;
  },
);
