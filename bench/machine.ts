import fs from 'node:fs';
import os from 'node:os';

/**
 * How busy the machine was with other work while a figure was measured. On a shared
 * machine (tests, type checks and linters of other people running beside the bench) the
 * figures drop; this says by how much the CPUs were taken, so that a figure can be judged.
 * Linux only (/proc); elsewhere the readings are NaN.
 */

const TICK = 100; // USER_HZ: /proc times are in 1/100 s on Linux

function machineBusy(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICK;
}

function processBusy(pid: number | 'self'): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

/** The processes whose command line contains `text` (a PostgreSQL backend names its database). */
function pidsMatching(text: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) out.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

function busyOf(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      out.set(pid, processBusy(pid));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

export interface CpuReading {
  /** Mean CPUs used by the processes watched (e.g. the server), over the interval. */
  watched: number;
  /** Mean CPUs used by the database's own processes (PostgreSQL backends of our database). */
  database: number;
  /** Mean CPUs used by everything else on the machine (not the bench, the watched or the database). */
  others: number;
}

export interface MeterOptions {
  pids?: number[];
  /** Name of the PostgreSQL database whose backend processes count as "database". */
  database?: string | undefined;
}

/** Starts a reading; call the returned function at the end of the interval. */
export function cpuMeter(opts: MeterOptions = {}): () => CpuReading {
  const failed = () => ({ watched: NaN, database: NaN, others: NaN });
  try {
    const t0 = process.hrtime.bigint();
    const m0 = machineBusy();
    const s0 = processBusy('self');
    const w0 = busyOf(opts.pids ?? []);
    const d0 = opts.database ? busyOf(pidsMatching(opts.database)) : new Map<number, number>();
    return () => {
      try {
        const secs = Number(process.hrtime.bigint() - t0) / 1e9;
        const delta = (before: Map<number, number>, after: Map<number, number>) => {
          let sum = 0;
          for (const [pid, busy] of after) sum += busy - (before.get(pid) ?? 0);
          return sum;
        };
        const w = delta(w0, busyOf(opts.pids ?? []));
        const d = opts.database ? delta(d0, busyOf(pidsMatching(opts.database))) : 0;
        const self = processBusy('self') - s0;
        const all = machineBusy() - m0;
        return { watched: w / secs, database: d / secs, others: Math.max(0, all - self - w - d) / secs };
      } catch {
        return failed();
      }
    };
  } catch {
    return failed;
  }
}

export function machineLine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${load}`;
}
