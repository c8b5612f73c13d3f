import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, or BENCH_SERVER_CPU_PROF=1 for the
 * bench's server children): the functions with the most self time, and the project's own
 * functions (src/, bench/, and the .build/ bundle bin/entente.js runs) with the most total time (self + callees).
 *
 *   node --import tsx bench/profile-summary.ts FILE.cpuprofile [--top 25]
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function label(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const file = f.url.replace(/^file:\/\//, '');
  const rel = file.includes('/node_modules/') ? file.slice(file.lastIndexOf('/node_modules/') + 14) : path.relative(process.cwd(), file);
  return `${name}  ${rel}:${f.lineNumber + 1}`;
}

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    // Count each ancestor frame once per sample path (recursion is not double-counted).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(byId.get(cur)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const byPackage = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.url);
    const key = m ? m[1]! : f.url.includes('/src/') || f.url.includes('/.build/') ? 'src/ (project)' : f.url.includes('/bench/') ? 'bench/ (project)' : f.url ? 'node internals' : f.functionName || '(native)';
    byPackage.set(key, (byPackage.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms`;
  const own = (k: string) => /\s(src|bench|\.build)\//.test(k);
  const lines = [`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled`, '', 'self time by package:'];
  for (const [k, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`${pct(us)}  ${k}`);
  lines.push('', 'self time:');
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(us)}  ${k}`);
  lines.push('', 'total time, project functions:');
  for (const [k, us] of [...inclusive].filter(([k]) => own(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(us)}  ${k}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  if (positionals.length === 0) {
    console.error('Usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [--top N]');
    process.exitCode = 2;
  }
  for (const f of positionals) console.log(summarise(f, Number(values.top)));
}
