import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extract } from '../src/intake/extract.ts';
import { COMMUNIQUE_TEXT_FR, COMMUNIQUE_TITLE_FR } from '../src/seed/communique-2025-12-02.fr.ts';
import { cpuMeter } from './machine.ts';
import { ROOT, progress, warn, type Benchmark, type BenchEnv, type Figure, type Metric, type Outcome } from './harness.ts';

/**
 * The intake's extractor (issue 7), in the bench's own process (no server, no database: the
 * figures do not depend on the backend, which only names the column):
 *   (e) extract() on each communiqué of ordinary length — the seed and the corpus of
 *       src/intake/corpus/*.txt — WARMUP rounds over all of them discarded, then ROUNDS rounds
 *       timed one call at a time: median and p99 per call;
 *   (b) extract() on 10 MB of text (the seed repeated), best of three: the text is read up to
 *       its cap (MAX_CHARS) and the rest is left, with a note.
 */

const WARMUP = 20;
const ROUNDS = 100;
const BIG = 10_000_000;

export const intakeMetrics: Metric[] = [
  { key: 'extract.p50', label: '(e) extract(), communiqué of ordinary length, median', unit: 'ms', decimals: 2, target: { op: '<=', value: 20 } },
  { key: 'extract.p99', label: '(e) extract(), p99', unit: 'ms', decimals: 2 },
  { key: 'extract.texts', label: '(e) communiqués (seed + corpus)', unit: 'count' },
  { key: 'extract.chars', label: '(e) their median length', unit: 'chars' },
  { key: 'extract.other-cpu', label: '(e) other processes, CPU use', unit: 'CPUs', decimals: 2 },
  { key: 'big.ms', label: '(b) extract() on 10 MB of text, best of 3', unit: 'ms', target: { op: '<=', value: 5000 } },
];

function texts(): string[] {
  const out = [`${COMMUNIQUE_TITLE_FR}\n\n${COMMUNIQUE_TEXT_FR}`];
  const dir = path.join(ROOT, 'src', 'intake', 'corpus');
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.txt')) out.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return out;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;

async function run(env: BenchEnv): Promise<Outcome> {
  const figures: Figure[] = [];
  const add = (key: string, value: number) => figures.push({ name: `${env.backend}.${key}`, value, unit: intakeMetrics.find((m) => m.key === key)!.unit });
  const corpus = texts();
  progress(`${env.backend}: intake — ${corpus.length} communiqués, ${WARMUP} rounds of warm-up, ${ROUNDS} timed…`);
  for (let i = 0; i < WARMUP; i++) for (const t of corpus) extract(t);
  const times: number[] = [];
  const meter = cpuMeter();
  for (let i = 0; i < ROUNDS; i++) {
    for (const t of corpus) {
      const t0 = performance.now();
      extract(t);
      times.push(performance.now() - t0);
    }
  }
  const cpu = meter();
  times.sort((a, b) => a - b);
  add('extract.p50', quantile(times, 0.5));
  add('extract.p99', quantile(times, 0.99));
  add('extract.texts', corpus.length);
  add('extract.chars', quantile([...corpus.map((t) => t.length)].sort((a, b) => a - b), 0.5));
  add('extract.other-cpu', cpu.others);
  if (cpu.others > 0.25) warn(`intake: other processes took ${cpu.others.toFixed(2)} CPUs meanwhile; the figures are depressed by them`);

  const seed = corpus[0]!;
  const big = seed.repeat(Math.ceil(BIG / seed.length)).slice(0, BIG);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const draft = extract(big);
    best = Math.min(best, performance.now() - t0);
    if (!draft.notes.some((n) => n.startsWith('Text cut'))) warn('intake: the 10 MB text was not cut');
  }
  add('big.ms', best);
  return { figures, invalid: [] };
}

export const intake: Benchmark = { name: 'intake', metrics: intakeMetrics, run };
